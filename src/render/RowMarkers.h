#pragma once
/// Where the rows of a data table landed on paper, read back from the engine's own PDF.
///
/// This wkhtmltopdf ignores `display: table-header-group`, so a table that continues on the next
/// page loses its header row, and only the finished layout knows where a page breaks. A row
/// marker is a tiny image (1 pixel high, its width the marker's number + 2) placed in the XHTML
/// with no advance of its own; the engine embeds each one as an image XObject and draws it on the
/// page where its line fell, listing it in that page's resources. `takeRowMarkers` reads those
/// pages and turns every marker into an empty form XObject, so the letter that goes out carries
/// none of them (no image, no text, nothing drawn, nothing for a screen reader).

#include <map>
#include <string>

class QPDF;

namespace kansli::render {

/// Inline style of a marker image: 0.4 mm square, pulled back by its own width so that it takes
/// no room in its line (a line never wraps because of a marker). Smaller images are not painted
/// by this engine (measured: 0.1 mm went missing, 0.3 mm always drawn). Measured against the same
/// table without markers (tests/render/RowMarkersTest): every word on the same page at the same
/// x; a line holding a marker is set on whole pixels, so its text may sit one engine pixel
/// (0.2 mm) higher — no line, row or page break moves.
inline constexpr const char* ROW_MARKER_STYLE = "width:0.4mm;height:0.4mm;margin-right:-0.4mm;border:0;";

/// Class of a marker element in the XHTML.
inline constexpr const char* ROW_MARKER_CLASS = "k-row-mark";

/// The largest marker number (a letter with more rows than this gets no markers beyond it).
inline constexpr int ROW_MARKER_MAX = 20000;

/// `data:` URI of marker `id` (0 ... ROW_MARKER_MAX): a 24-bit BMP, `id + 2` white pixels wide,
/// one high. Widths start at 2 because this engine paints a 1-pixel image as a filled rectangle.
std::string rowMarkerSource(int id);

/// Marker number -> page (0-based) on which the engine drew it. A marker drawn on several pages
/// (it never is) keeps the last.
using RowMarkerPages = std::map<int, int>;

/// Finds the markers 0 ... `maxId` in the resources of every page of `pdf`, points each at one
/// empty form XObject (its `Do` draws nothing; the image is not written out) and returns where
/// each was drawn. Other images are left alone. Throws what qpdf throws for a damaged file.
RowMarkerPages takeRowMarkers(QPDF& pdf, int maxId);

} // namespace kansli::render
