#pragma once
/// `kansli templates check`: renders every golden case (examples/*.xml) with a set of templates,
/// compares the text of every page with the approved text in tests/golden/approved/<case>/page-N.txt,
/// and shows what changed: a unified diff per page and before/after pictures of changed pages.
/// It also measures the word boxes of every page against the layout (templates/LayoutCheck.h:
/// type size, text area, envelope window, missing glyphs, page flow); a problem there fails the
/// check like a refused case.
///
/// A "template set" is a folder laid out like the repository root: xsl/ (the letters),
/// locales/ (the wording, *.txt, compiled here with genrb) and templates/ (law data and schema);
/// fonts/ is taken from the reference root when the set has none. Needs pdftotext, pdftoppm,
/// genrb and diff on PATH (poppler-utils, icu-devtools, diffutils).

#include <iosfwd>
#include <string>
#include <vector>

namespace kansli::i18n {
class Catalog;
}

namespace kansli::templates {

struct CheckConfig {
    std::string templateRoot; ///< the template set to try (xsl/, locales/, templates/)
    std::string referenceRoot; ///< the repository: examples/ and fonts/ come from here
    std::string approvedDir; ///< <case>/page-N.txt (+ approved.pdf for the "before" pictures)
    std::string outDir; ///< new page texts, diffs and PNGs are written here
    bool approve = false; ///< record the new output as approved instead of failing
    /// Only these examples (file names without .xml); empty: every example. A name with no
    /// example is an Error(ErrorCode::Usage).
    std::vector<std::string> letters;
};

struct PageChange {
    std::string caseName;
    int page = 0; ///< 1-based
    std::string diff; ///< unified diff, approved -> new
    std::string beforePng; ///< empty when there was no approved PDF or no such page
    std::string afterPng; ///< empty when the page no longer exists
};

struct CheckReport {
    int cases = 0;
    int pages = 0;
    std::vector<PageChange> changes;
    /// Letters whose text changed while their template version stayed the approved one: the
    /// audit trail could not tell the two wordings apart (raise k:template-version).
    std::vector<std::string> versionWarnings;
    std::string htmlReport; ///< <out>/report.html: every change with its pictures side by side
    std::vector<std::string> failures; ///< cases that could not be rendered or break the layout, with the reason
    std::vector<std::string> approved; ///< cases whose approved output was (re)written
    bool clean() const { return changes.empty() && failures.empty(); }
};

/// Runs the check, printing progress and every diff to `out`, and writes an HTML report a
/// lawyer can open (<out>/report.html: per changed page the diff and the approved and new
/// pictures side by side; layout problems; version warnings). The approved folder keeps, per
/// letter, the template id@version that was approved (template.txt).
/// Throws kansli::Error (config/io) when the template set or the tools cannot be used at all;
/// a template that fails to compile is such an error too (nothing can be compared).
/// `words`: the tool's messages ("tool.check.*", "tool.layout.*") in its language.
CheckReport runCheck(const CheckConfig& config, std::ostream& out, const i18n::Catalog& words);

/// Compiles `<sourceDir>/*.txt` (ICU resource bundles) with genrb into `targetDir`, which is
/// created. Throws kansli::Error (template) with genrb's message when one does not compile.
void compileCatalogs(const std::string& sourceDir, const std::string& targetDir);

/// The text of each page of `pdfPath` (pdftotext, UTF-8), in order.
std::vector<std::string> pageTexts(const std::string& pdfPath);

} // namespace kansli::templates
