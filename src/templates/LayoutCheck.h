#pragma once
/// What `kansli templates check` measures on a rendered letter besides its text: the word boxes
/// of every page (pdftotext -bbox, points, origin top left) against the letter's layout.
///
/// - body type size: the most common word height on a page is not below 95 % of 11 pt body text
///   (a letter shrunk by the engine's smart shrinking comes out ~87 %);
/// - text area: every word lies inside 22-190 mm across and 20-277 mm down, 1 mm tolerance,
///   except the page label in the top margin at the right;
/// - envelope window (page 1): every word of the window row's left part lies inside the window,
///   20-110 mm across and 45-90 mm down, above the window field's clipping edge at 87 mm;
/// - glyphs: every character of the composed XHTML's text is found in the PDF's text (compared
///   under NFKC, white space and invisible characters ignored) — a character without a glyph
///   would be missing;
/// - page flow: no page but the last ends with a heading (`headings`, catalog values) or is more
///   than a third empty.
///
/// Problems name the page, the measure and positions in millimetres, never the words; they are
/// written from the catalogs' "tool.layout.*" messages in the tool's language.

#include <string>
#include <vector>

namespace kansli::i18n {
class Catalog;
}

namespace kansli::templates {

struct LayoutInput {
    std::string pdfPath;              ///< the rendered letter
    std::string xhtml;                ///< the composed letter it was rendered from
    std::vector<std::string> headings; ///< heading texts (up to any parameter) from the catalogs
    /// Texts that open a part on a page of its own (a translation, a summary in the reader's
    /// language, a draft's banner): the page before such a part may end early.
    std::vector<std::string> partOpeners;
};

/// The problems found (empty: none). Throws kansli::Error (config) when pdftotext cannot run.
std::vector<std::string> checkLayout(const LayoutInput& input, const i18n::Catalog& words);

/// Heading texts of the catalogs in `localesDir` (*.txt): the values of keys ending in
/// ".heading" and of "beslut.motivation", each up to its first parameter.
std::vector<std::string> catalogHeadings(const std::string& localesDir);

/// The values of "translation.heading", "summary.heading" and "draft.banner" in the catalogs in
/// `localesDir`, each up to its first parameter: what opens a part on a new page.
std::vector<std::string> catalogPartOpeners(const std::string& localesDir);

} // namespace kansli::templates
