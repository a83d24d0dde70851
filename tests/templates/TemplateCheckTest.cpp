#define BOOST_TEST_DYN_LINK
// `kansli templates check` as the legal department uses it: a changed word in a copy of the
// templates shows as a diff with pictures and exit 1; approving it makes the check pass; a
// template that does not compile stops the check.

#include "Run.h"
#include "TemplateCopy.h"

#include <Poco/File.h>

#include <boost/test/unit_test.hpp>

using namespace kansli::test;

BOOST_AUTO_TEST_SUITE(TemplateCheckTest)

namespace {

/// The letters these tests check (--letter): the example decision from each engine. The whole
/// set is the golden test's (CTest golden); here each run would cost it again.
const std::vector<std::string> LETTERS = {"--letter", "beslut-uvas", "--letter", "beslut-uvas-tillganglig"};

RunResult check(std::vector<std::string> args)
{
    args.insert(args.begin(), {"templates", "check"});
    args.insert(args.end(), LETTERS.begin(), LETTERS.end());
    return run(KANSLI, args);
}

} // namespace

BOOST_AUTO_TEST_CASE(a_changed_word_shows_in_the_diff_until_it_is_approved)
{
    const TemplateCopy copy;
    const std::string approved = copy.dir + "/approved";
    const std::string out = copy.dir + "/out";

    // The repository's templates, approved into an empty folder (created on the way).
    RunResult r = check({SOURCE, "--approve", "--approved", approved, "--out", out});
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
    BOOST_TEST(Poco::File(approved + "/beslut-uvas/page-1.txt").exists());
    BOOST_TEST(Poco::File(approved + "/beslut-uvas/approved.pdf").exists());
    r = check({SOURCE, "--approved", approved, "--out", out});
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
    BOOST_TEST(r.out.find("inga skillnader") != std::string::npos, r.out); // the legal department's tool speaks Swedish

    // One word changed in the copy's catalog.
    copy.replaceInFile("locales/sv.txt", TemplateCopy::WORD, TemplateCopy::NEW_ENTRY);
    r = check({copy.root, "--approved", approved, "--out", out});
    BOOST_TEST_REQUIRE(r.exitCode == 1, r.out + r.err);
    BOOST_TEST(r.out.find("\n-Målgrupp\n") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("\n+Målgruppstillhörighet\n") != std::string::npos, r.out);
    BOOST_TEST(r.out.find("beslut-uvas, sida 1 ändrad") != std::string::npos, r.out);
    BOOST_TEST(Poco::File(out + "/beslut-uvas/page-1-after.png").exists());
    BOOST_TEST(Poco::File(out + "/beslut-uvas/page-1-before.png").exists());
    BOOST_TEST(readFile(out + "/beslut-uvas/page-1-after.png").rfind("\x89PNG", 0) == 0);
    // The wording changed but the template version did not: the audit trail could not tell them apart.
    BOOST_TEST(r.out.find("beslut-uvas: VARNING: texten har ändrats men inte mallversionen") != std::string::npos, r.out);
    // A report a lawyer can open: the diff and both pictures of the page side by side.
    const std::string report = readFile(out + "/report.html");
    BOOST_TEST(report.find("beslut-uvas, sida 1") != std::string::npos);
    BOOST_TEST(report.find("src=\"beslut-uvas/page-1-before.png\"") != std::string::npos);
    BOOST_TEST(report.find("src=\"beslut-uvas/page-1-after.png\"") != std::string::npos);
    BOOST_TEST(report.find("<span class=\"add\">+Målgruppstillhörighet</span>") != std::string::npos);
    BOOST_TEST(report.find("Mallversion oförändrad") != std::string::npos);
    // The same check with --root (as an installed program is run on a copy of the templates).
    // In English when asked.
    const RunResult withRoot
        = check({"--root", copy.root, "--approved", approved, "--out", out, "--lang", "en"});
    BOOST_TEST(withRoot.exitCode == 1, withRoot.out + withRoot.err);
    BOOST_TEST(withRoot.out.find("beslut-uvas, page 1 changed") != std::string::npos);
    BOOST_TEST(withRoot.out.find("beslut-uvas: WARNING: the text changed but the template version did not") != std::string::npos);

    // Approved, the copy passes; the repository's own templates now differ from the approval.
    r = check({copy.root, "--approve", "--approved", approved, "--out", out});
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
    BOOST_TEST(readFile(approved + "/beslut-uvas/page-1.txt").find(TemplateCopy::NEW_WORD) != std::string::npos);
    r = check({copy.root, "--approved", approved, "--out", out});
    BOOST_TEST(r.exitCode == 0, r.out + r.err);
    r = check({SOURCE, "--approved", approved, "--out", out});
    BOOST_TEST(r.exitCode == 1, r.out + r.err);
}

// The word-box checks catch what a text comparison cannot: each row breaks the layout of a copy
// of the templates in one way, with the approved text otherwise unchanged or approved anew, and
// the check must fail naming that kind of problem (and not approve the letter).
BOOST_AUTO_TEST_CASE(the_check_measures_type_size_text_area_window_glyphs_and_page_flow)
{
    struct Row {
        const char* name;
        const char* file;
        const char* from;
        const char* to;
        const char* lang;
        const char* says;
        const char* notApproved;
    };
    const Row rows[] = {
        {"a letter set smaller", "xsl/layout.xsl", "body { zoom: 1.2727;", "body { zoom: 1.0;", "sv", "mindre än 11 punkter",
         "INTE godkänt"},
        {"text beyond the right margin", "xsl/layout.xsl", ".docinfo { float: right; width: 72mm; }",
         ".docinfo { float: right; width: 72mm; margin-right: -15mm; }", "en", "outside the text area", "NOT approved"},
        {"the window field moved down", "xsl/layout.xsl", ".window-row { clear: both; min-height: 45mm; }",
         ".window-row { clear: both; min-height: 45mm; padding-top: 30mm; }", "sv", "utanför kuvertfönstret", "INTE godkänt"},
        {"a character without a glyph", "locales/sv.txt", "{ \"Målgrupp\" }", "{ \"Målgrupp \\uE001\" }", "sv",
         "finns inte i PDF-filens text", "INTE godkänt"},
        {"a page left half empty", "xsl/layout.xsl", "h2 { font-size: 13pt;", "h2 { page-break-before: always; font-size: 13pt;",
         "sv", "mer än en tredjedel tom", "INTE godkänt"},
    };
    for (const Row& row : rows) {
        BOOST_TEST_CONTEXT(row.name)
        {
            const TemplateCopy copy;
            copy.replaceInFile(row.file, row.from, row.to);
            const RunResult r = check({copy.root, "--approve", "--approved",
                                             copy.dir + "/approved", "--out", copy.dir + "/out", "--lang", row.lang});
            BOOST_TEST(r.exitCode == 1, r.out + r.err);
            BOOST_TEST(r.out.find(row.says) != std::string::npos, r.out);
            BOOST_TEST(r.out.find(row.notApproved) != std::string::npos, r.out);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_template_that_does_not_compile_stops_the_check)
{
    const TemplateCopy copy;
    copy.replaceInFile("xsl/beslut.xsl", "</xsl:stylesheet>", "");
    const RunResult r = run(
        KANSLI, {"templates", "check", copy.root, "--approved", copy.dir + "/approved", "--out", copy.dir + "/out"});
    BOOST_TEST(r.exitCode == 78, r.out + r.err); // EX_CONFIG
    BOOST_TEST(r.err.find("beslut.xsl") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(usage_errors_exit_2)
{
    BOOST_TEST(run(KANSLI, {"templates", "check", "--letter", "no-such-letter"}).exitCode == 64);
    BOOST_TEST(run(KANSLI, {"templates"}).exitCode == 64);
    BOOST_TEST(run(KANSLI, {"templates", "check", "--no-such-option"}).exitCode == 64);
    BOOST_TEST(run(KANSLI, {"templates", "check", "/nonexistent-kansli-templates"}).exitCode == 78);
    BOOST_TEST(run(KANSLI, {"templates", "check", "--lang", "fi"}).exitCode == 64);
}

BOOST_AUTO_TEST_SUITE_END()
