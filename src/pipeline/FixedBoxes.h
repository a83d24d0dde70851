#pragma once
/// The fixed boxes of a letter's first page — the envelope window and the two letterhead
/// columns — hold what the case file puts in them, or the case is refused before rendering.
///
/// The boxes have a fixed height (a window envelope shows 90 x 45 mm, 20 mm from the left and
/// 45 mm from the top edge; the letterhead is 25 mm above it), so text that wraps onto more lines
/// than a box holds is cut off: postcode and city vanished from the window while kansli exited 0.
/// This check takes the composed XHTML (the text exactly as it will be set, labels and language
/// included), measures every paragraph of each box in the letter's fonts (render::TextMeasure:
/// never fewer lines than the engine sets) and refuses a box that needs more lines than it holds,
/// naming the case file's field, how many lines it needs and how many fit. Findings carry counts,
/// never the text.
///
/// The geometry mirrors xsl/layout.xsl (.window, .sender, .docinfo); tests/e2e/CliTest.cpp
/// renders a family of addresses and letterheads at and beyond the limits and checks with
/// pdftotext -bbox that what is accepted lies inside its box on paper.

#include "core/Finding.h"

#include <libxml/tree.h>

#include <string_view>

namespace kansli::render {
class TextMeasure;
}

namespace kansli::pipeline {

/// Findings (code `layout.window-overflow` or `layout.letterhead-overflow`, severity error) for
/// each box of the composed `letter` (readComposedLetter) whose text needs more lines than the
/// box holds. `caseDocument` is the parsed case file the letter was composed from: the findings
/// name its fields (line, XPath).
Findings checkFixedBoxes(const xmlDoc* letter, const xmlDoc* caseDocument, const render::TextMeasure& measure);

/// How many lines the envelope window holds (for documentation and tests).
int windowLineCapacity();

} // namespace kansli::pipeline
