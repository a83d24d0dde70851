#pragma once
/// What a caller says about one document: page geometry, page numbering and PDF/A metadata.
///
/// Nothing here is wording: the page label text ("Page {page} of {pages}" or the locale's own)
/// comes from the caller, so this library stays free of any one language.

#include <string>
#include <vector>

namespace kansli::render {

/// Page geometry passed to wkhtmltopdf. Margins are in millimetres.
struct PageSetup {
    std::string pageSize = "A4";   ///< a wkhtmltopdf --page-size name (A4, Letter, ...)
    double marginTopMm = 20.0;
    double marginBottomMm = 20.0;
    double marginLeftMm = 25.0;
    double marginRightMm = 20.0;
};

/// Where and how the page label ("Sida 1 (3)") is drawn. The label is right-aligned:
/// its right edge sits `rightMm` from the right paper edge, its top `topMm` from the top edge.
struct PageLabelStyle {
    double rightMm = 20.0;
    double topMm = 12.0;
    std::string fontFamily = "DejaVu Sans"; ///< an installed font family (never @font-face)
    double fontSizePt = 9.0;                ///< before wkhtmltopdf's integer-pixel rounding
};

/// Everything a caller says about one document.
struct RenderOptions {
    PageSetup page;

    /// Page label format with the placeholders `{page}` and `{pages}`, e.g. "Page {page} of {pages}".
    /// Empty: no page labels (and the letter keeps its white background).
    std::string pageLabelFormat;
    PageLabelStyle pageLabel;

    /// Finish as PDF/A-2b (XMP, OutputIntent, cleanup). Without it only the Info dictionary
    /// and a deterministic /ID are written.
    bool pdfa = true;

    /// A tagged letter (PDF/UA-1, docs/accessibility.md): the engine prints a structure tree
    /// (only EngineKind::Chromium can), content outside it is marked as artifacts (the page
    /// labels among it), the catalog gets DisplayDocTitle and role maps for the structure types
    /// PDF 1.7 does not define, and the XMP says pdfuaid:part 1 — with `pdfa`, as PDF/A-2u.
    bool accessible = false;

    /// Generation time as ISO 8601 with an offset or Z ("2026-11-25T14:03:00+01:00"). Used for
    /// every date in the file, so the same input and time give byte-identical output. Required.
    std::string generatedAt;

    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string language;             ///< BCP 47 tag ("sv-SE") for /Lang and dc:language; empty: none
    std::string creator = "kansli";   ///< Info /Creator, xmp:CreatorTool
    std::string producer = "kansli render (wkhtmltopdf, qpdf)"; ///< Info /Producer, pdf:Producer (names the engine)

    std::string templateId;
    std::string templateVersion;
    std::string inputSha256;          ///< hex SHA-256 of the case file the letter was made from

    /// Extra folders wkhtmltopdf may read (e.g. a folder of logos). Each must be a folder the
    /// service controls; the job's own temporary folder is always allowed.
    std::vector<std::string> allowDirs;
};

} // namespace kansli::render
