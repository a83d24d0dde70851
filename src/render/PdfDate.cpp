#include "render/PdfDate.h"

#include "core/Error.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>

#include <qpdf/QUtil.hh>

#include <regex>

namespace kansli::render {

namespace {

/// PDF 32000-1 7.9.4: every field after the year may be left out, "defaulting to zero" (month
/// and day to 01), and the offset's minutes and closing apostrophe too. qpdf reads full dates
/// only, so the missing parts are written in first.
std::string withDefaultFields(const std::string& text)
{
    static const std::regex DATE(R"(^D:(\d{4}(?:\d{2}){0,5})(.*)$)");
    std::smatch m;
    if (!std::regex_match(text, m, DATE)) {
        return text;
    }
    std::string digits = m[1].str();
    static const char* const DEFAULTS = "0101000000"; // month, day, hour, minute, second
    digits += std::string(DEFAULTS + (digits.size() - 4), DEFAULTS + 10);
    std::string zone = m[2].str();
    static const std::regex OFFSET(R"(^([+-])(\d{2})(?:'(\d{2})?'?)?$)");
    std::smatch o;
    if (zone.empty()) {
        zone = "Z";
    } else if (std::regex_match(zone, o, OFFSET)) {
        zone = o[1].str() + o[2].str() + "'" + (o[3].matched ? o[3].str() : std::string("00")) + "'";
    }
    return "D:" + digits + zone;
}

bool plausible(const QUtil::QPDFTime& t)
{
    return t.year >= 1000 && t.year <= 9999 && t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31
        && t.hour <= 23 && t.minute <= 59 && t.second <= 60 && t.tz_delta > -24 * 60 && t.tz_delta < 24 * 60;
}

} // namespace

PdfDate PdfDate::fromIso(const std::string& text)
{
    const Error bad(ErrorCode::Usage, "generatedAt is not an ISO 8601 time with a zone",
                    "expected YYYY-MM-DDTHH:MM:SS(Z|+HH:MM)");
    // The shape (a zone is required) first; Poco's parser then reads and checks the values.
    static const std::regex SHAPE(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:\d{2})$)");
    if (!std::regex_match(text, SHAPE)) {
        throw bad;
    }
    Poco::DateTime moment;
    int zoneSeconds = 0;
    try {
        Poco::DateTimeParser::parse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, text, moment, zoneSeconds);
    } catch (const Poco::Exception&) {
        throw bad;
    }
    // Poco gives the time as written and its zone apart: the letter keeps the caller's local time.
    PdfDate d;
    d._time = QUtil::QPDFTime(moment.year(), moment.month(), moment.day(), moment.hour(), moment.minute(),
                              moment.second(), -zoneSeconds / 60);
    if (!plausible(d._time)) {
        throw bad;
    }
    return d;
}

PdfDate PdfDate::fromPdf(const std::string& text)
{
    PdfDate d;
    if (!QUtil::pdf_time_to_qpdf_time(withDefaultFields(text), &d._time) || !plausible(d._time)) {
        throw Error(ErrorCode::Render, "The document has an invalid date", "PDF date not parseable");
    }
    return d;
}

std::string PdfDate::toPdf() const
{
    return QUtil::qpdf_time_to_pdf_time(_time);
}

std::string PdfDate::toIso() const
{
    return QUtil::qpdf_time_to_iso8601(_time);
}

} // namespace kansli::render
