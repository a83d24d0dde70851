#include "render/PdfDate.h"

#include "core/Error.h"

#include <cstdio>

namespace kansli::render {

namespace {

bool digits(const std::string& s, std::size_t pos, std::size_t count, int& value)
{
    if (pos + count > s.size())
        return false;
    value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        value = value * 10 + (s[i] - '0');
    }
    return true;
}

std::string twoDigits(int v)
{
    return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

std::string fourDigits(int v)
{
    return twoDigits(v / 100) + twoDigits(v % 100);
}

bool plausible(int y, int mo, int d, int h, int mi, int s, int offset)
{
    return y >= 1000 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23
        && mi <= 59 && s <= 60 && offset > -24 * 60 && offset < 24 * 60;
}

} // namespace

PdfDate PdfDate::fromIso(const std::string& text)
{
    const Error bad(ErrorCode::Usage, "generatedAt is not an ISO 8601 time with a zone",
                    "expected YYYY-MM-DDTHH:MM:SS(Z|+HH:MM)");
    PdfDate d;
    if (text.size() < 20 || !digits(text, 0, 4, d._year) || text[4] != '-' || !digits(text, 5, 2, d._month)
        || text[7] != '-' || !digits(text, 8, 2, d._day) || (text[10] != 'T' && text[10] != ' ')
        || !digits(text, 11, 2, d._hour) || text[13] != ':' || !digits(text, 14, 2, d._minute)
        || text[16] != ':' || !digits(text, 17, 2, d._second))
        throw bad;
    std::size_t pos = 19;
    if (text[pos] == '.' || text[pos] == ',') {
        ++pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
            ++pos;
    }
    if (pos < text.size() && text[pos] == 'Z' && pos + 1 == text.size()) {
        d._utc = true;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int oh = 0, om = 0;
        if (!digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':'
            || !digits(text, pos + 4, 2, om) || pos + 6 != text.size())
            throw bad;
        d._utc = false;
        d._offsetMinutes = (text[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
        throw bad;
    }
    if (!plausible(d._year, d._month, d._day, d._hour, d._minute, d._second, d._offsetMinutes))
        throw bad;
    return d;
}

PdfDate PdfDate::fromPdf(const std::string& text)
{
    const Error bad(ErrorCode::Render, "The document has an invalid date", "PDF date not parseable");
    if (text.size() < 6 || text.compare(0, 2, "D:") != 0)
        throw bad;
    PdfDate d;
    if (!digits(text, 2, 4, d._year))
        throw bad;
    std::size_t pos = 6;
    for (int* field : {&d._month, &d._day, &d._hour, &d._minute, &d._second}) {
        if (pos + 2 <= text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (!digits(text, pos, 2, *field))
                throw bad;
            pos += 2;
        }
    }
    d._utc = true;
    if (pos < text.size()) {
        const char sign = text[pos];
        if (sign == 'Z') {
            d._utc = true;
        } else if (sign == '+' || sign == '-') {
            int oh = 0, om = 0;
            if (!digits(text, pos + 1, 2, oh))
                throw bad;
            std::size_t p = pos + 3;
            if (p < text.size() && text[p] == '\'')
                ++p;
            if (p < text.size())
                digits(text, p, 2, om);
            d._utc = false;
            d._offsetMinutes = (sign == '-' ? -1 : 1) * (oh * 60 + om);
        } else {
            throw bad;
        }
    }
    if (!plausible(d._year, d._month, d._day, d._hour, d._minute, d._second, d._offsetMinutes))
        throw bad;
    return d;
}

std::string PdfDate::toPdf() const
{
    std::string s = "D:" + fourDigits(_year) + twoDigits(_month) + twoDigits(_day) + twoDigits(_hour)
        + twoDigits(_minute) + twoDigits(_second);
    if (_utc)
        return s + "Z";
    const int abs = _offsetMinutes < 0 ? -_offsetMinutes : _offsetMinutes;
    return s + (_offsetMinutes < 0 ? "-" : "+") + twoDigits(abs / 60) + "'" + twoDigits(abs % 60) + "'";
}

std::string PdfDate::toIso() const
{
    std::string s = fourDigits(_year) + "-" + twoDigits(_month) + "-" + twoDigits(_day) + "T"
        + twoDigits(_hour) + ":" + twoDigits(_minute) + ":" + twoDigits(_second);
    if (_utc)
        return s + "Z";
    const int abs = _offsetMinutes < 0 ? -_offsetMinutes : _offsetMinutes;
    return s + (_offsetMinutes < 0 ? "-" : "+") + twoDigits(abs / 60) + ":" + twoDigits(abs % 60);
}

} // namespace kansli::render
