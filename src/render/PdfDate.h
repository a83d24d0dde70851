#pragma once
/// A moment as PDF writes it twice: "D:20261125140300+01'00'" in the Info dictionary and
/// "2026-11-25T14:03:00+01:00" in XMP. PDF/A wants the two to agree; this type converts both ways
/// through qpdf's QUtil (ISO 8601 is read by Poco's DateTimeParser). A zero offset is written Z.

#include <qpdf/QUtil.hh>

#include <string>

namespace kansli::render {

class PdfDate {
public:
    /// From ISO 8601 "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)"; fractions are dropped.
    /// Throws kansli::Error(ErrorCode::Usage) for anything else (a zone is required).
    static PdfDate fromIso(const std::string& text);
    /// From a PDF date "D:YYYYMMDDHHmmSS(Z|+HH'mm'|-HH'mm')" (trailing apostrophe optional,
    /// missing low-order fields default as PDF says). Throws kansli::Error(ErrorCode::Render).
    static PdfDate fromPdf(const std::string& text);

    /// "D:20261125140300+01'00'" or "D:20261125130300Z"
    std::string toPdf() const;
    /// "2026-11-25T14:03:00+01:00" or "2026-11-25T13:03:00Z"
    std::string toIso() const;


    bool operator==(const PdfDate& other) const { return toIso() == other.toIso(); }

private:
    QUtil::QPDFTime _time{1970, 1, 1, 0, 0, 0, 0}; ///< tz_delta: minutes west of UTC, as qpdf counts
};

} // namespace kansli::render
