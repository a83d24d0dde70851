#define BOOST_TEST_DYN_LINK
// What a reader with a screen reader relies on: every kind of letter, asked for as accessible,
// comes out tagged from the second engine and passes the project's PDF/UA preflight (Matterhorn
// checkpoints, PdfPreflight::checkAccessible) and, where it is archived, the PDF/A one — with the
// same words as the letter the first engine makes, a page label on every page, and the engine
// named in the audit trail. Every example is one row (a variant with document/@accessible).

#include "Run.h"
#include "Service.h"
#include "render/PdfPreflight.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <algorithm>
#include <map>
#include <regex>

#include <boost/test/unit_test.hpp>

using namespace kansli::test;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;
const std::string KANSLI = KANSLI_BINARY;

struct TempDir {
    std::string path = makeTempDir("kansli-accessible");
    ~TempDir() { Poco::File(path).remove(true); }
};

/// The case file with document/@accessible set to `value` (added or replaced).
std::string withAccessible(std::string xml, const std::string& value)
{
    const std::regex existing(R"( accessible="[^"]*")");
    xml = std::regex_replace(xml, existing, "");
    const auto at = xml.find("<document ");
    BOOST_REQUIRE(at != std::string::npos);
    // Concatenated, not insert(): GCC 12 warns (-Wrestrict) on that insert at -O2.
    return xml.substr(0, at + 10) + "accessible=\"" + value + "\" " + xml.substr(at + 10);
}

// The page label, with a draft's prefix ("UTKAST – får inte skickas – Sida 1 (3)").
const std::regex LABEL(R"(((UTKAST|DRAFT) – [^–\n]+ – )?(Sida|Page) [0-9]+ (\([0-9]+\)|of [0-9]+))");

/// The texts of the letter's table header cells (from its XHTML): a table that continues on
/// another page repeats them, and the two engines break pages in different places.
std::vector<std::string> headerCells(const std::string& xhtml)
{
    std::vector<std::string> cells;
    const std::regex cell(R"(<th[^>]*>([^<]*)</th>)");
    for (auto it = std::sregex_iterator(xhtml.begin(), xhtml.end(), cell); it != std::sregex_iterator(); ++it) {
        if (!(*it)[1].str().empty()) {
            cells.push_back((*it)[1].str());
        }
    }
    return cells;
}

/// Every character of the text but whitespace, the page labels and the header cells, counted:
/// the same letter in another engine breaks lines and pages elsewhere and may extract table
/// cells in another order, but holds the same characters.
std::map<char32_t, int> characters(const std::string& text, const std::vector<std::string>& headers)
{
    std::string body = collapseWhitespace(std::regex_replace(text, LABEL, " "));
    for (const auto& header : headers) {
        for (auto at = body.find(header); at != std::string::npos; at = body.find(header, at)) {
            body.replace(at, header.size(), " ");
        }
    }
    // A no-break space may extract as a space from one engine; pdftotext joins a word broken
    // after its hyphen at a line end ("Rinkeby-" / "Kista"), and the engines break lines apart.
    body = std::regex_replace(body, std::regex("\xC2\xA0|\xE2\x80\xAF|-"), " ");
    std::map<char32_t, int> counts;
    for (unsigned char c : body) {
        if (c != ' ' && c != '\n' && c != '\f' && c != '\t' && c != '\r') {
            ++counts[c];
        }
    }
    return counts;
}

int pages(const std::string& pdf)
{
    const RunResult info = run("/usr/bin/pdfinfo", {pdf});
    const auto at = info.out.find("Pages:");
    return at == std::string::npos ? 0 : std::stoi(info.out.substr(at + 6));
}

} // namespace

BOOST_AUTO_TEST_SUITE(AccessibleTest)

BOOST_AUTO_TEST_CASE(every_kind_of_letter_made_accessible_passes_the_pdfua_preflight)
{
    TempDir dir;
    const Server service; // one warm browser for every letter, as in use
    int letters = 0;
    for (Poco::DirectoryIterator it(SOURCE + "/examples"), end; it != end; ++it) {
        const std::string name = Poco::Path(it.name()).getBaseName();
        if (Poco::Path(it.name()).getExtension() != "xml") {
            continue;
        }
        const std::string xml = readFile(it.path().toString());
        // A summary written right to left is always tagged (ReaderLanguageTest): no untagged twin.
        if (std::regex_search(xml, std::regex(R"re(readerLanguage="(ar|fa)")re"))) {
            continue;
        }
        ++letters;
        BOOST_TEST_CONTEXT("example " << name)
        {
            const std::string tagged = dir.path + "/" + name + "-tagged";
            const std::string plain = dir.path + "/" + name + "-plain";
            const Reply taggedReply = service.request("POST", "/v1/documents", withAccessible(xml, "true"));
            const Reply plainReply = service.request("POST", "/v1/documents", withAccessible(xml, "false"));
            const Reply html = service.request("POST", "/v1/documents?format=html", withAccessible(xml, "false"));
            BOOST_TEST_REQUIRE(taggedReply.status == 200);
            BOOST_TEST_REQUIRE(plainReply.status == 200);
            BOOST_TEST_REQUIRE(html.status == 200);
            // The engine, never chosen silently: in the answer (and the audit record, below).
            BOOST_TEST(taggedReply.response.get("X-Kansli-Engine", "").rfind("chromium ", 0) == 0);
            BOOST_TEST(taggedReply.response.get("X-Kansli-Accessible", "") == "true");
            BOOST_TEST(plainReply.response.get("X-Kansli-Engine", "").rfind("wkhtmltopdf ", 0) == 0);
            BOOST_TEST(plainReply.response.get("X-Kansli-Accessible", "") == "false");
            writeFile(tagged + ".pdf", taggedReply.body);
            writeFile(plain + ".pdf", plainReply.body);
            const std::string pdf = taggedReply.body;

            for (const auto& problem : kansli::render::PdfPreflight::checkAccessible(pdf)) {
                BOOST_ERROR(problem);
            }
            const RunResult meta = run("/usr/bin/pdfinfo", {"-meta", tagged + ".pdf"});
            BOOST_TEST(meta.out.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
            if (meta.out.find("pdfaid:part") != std::string::npos) { // archived letters
                BOOST_TEST(meta.out.find("<pdfaid:conformance>U</pdfaid:conformance>") != std::string::npos);
                for (const auto& problem : kansli::render::PdfPreflight::check(pdf)) {
                    BOOST_ERROR(problem);
                }
            }
            // The untagged twin is what the first engine makes, and fails the same preflight.
            BOOST_TEST(!kansli::render::PdfPreflight::checkAccessible(readFile(plain + ".pdf")).empty());

            const std::string taggedText = run("/usr/bin/pdftotext", {tagged + ".pdf", "-"}).out;
            const std::string plainText = run("/usr/bin/pdftotext", {plain + ".pdf", "-"}).out;
            const auto headers = headerCells(html.body);
            BOOST_TEST((characters(taggedText, headers) == characters(plainText, headers)),
                       "the two engines' letters hold other text");
            const int count = pages(tagged + ".pdf");
            BOOST_TEST(std::abs(count - pages(plain + ".pdf")) <= 1);
            for (int page = 1; page <= count; ++page) {
                const RunResult one = run("/usr/bin/pdftotext",
                    {"-f", std::to_string(page), "-l", std::to_string(page), tagged + ".pdf", "-"});
                BOOST_TEST(std::regex_search(one.out, LABEL), "no page label on page " << page);
            }
            // The letter's title heads the structure tree (its words and the labels' absence from
            // it: pdfinfo -struct-text takes ~2 s a letter, so on the example decision only).
            const RunResult tree = run("/usr/bin/pdfinfo", {"-struct", tagged + ".pdf"});
            BOOST_TEST(tree.out.find("H1") != std::string::npos);
            if (name != "beslut-uvas") {
                continue;
            }
            const RunResult words = run("/usr/bin/pdfinfo", {"-struct-text", tagged + ".pdf"});
            BOOST_TEST(words.out.find("\"Beslut om särskilt individanpassad stödinsats\"") != std::string::npos);
            BOOST_TEST(!std::regex_search(words.out, std::regex(R"("(Sida|Page) [0-9]+)")));
        }
    }
    BOOST_TEST(letters >= 19);
}

BOOST_AUTO_TEST_CASE(the_same_accessible_case_gives_the_same_bytes_and_the_audit_trail_names_the_engine)
{
    TempDir dir;
    const std::string input = SOURCE + "/examples/beslut-uvas-tillganglig.xml";
    BOOST_TEST_REQUIRE(run(KANSLI, {"render", input, "-o", dir.path + "/a.pdf"}).exitCode == 0);
    BOOST_TEST_REQUIRE(run(KANSLI, {"render", input, "-o", dir.path + "/b.pdf"}).exitCode == 0);
    BOOST_TEST((readFile(dir.path + "/a.pdf") == readFile(dir.path + "/b.pdf")));
    const RunResult verified = run(KANSLI, {"audit", "verify", dir.path + "/a.pdf"});
    BOOST_TEST(verified.out.find("engine        chromium ") != std::string::npos, verified.out);
    BOOST_TEST_REQUIRE(run(KANSLI, {"render", SOURCE + "/examples/beslut-uvas.xml", "-o", dir.path + "/c.pdf"}).exitCode == 0);
    const RunResult plain = run(KANSLI, {"audit", "verify", dir.path + "/c.pdf"});
    BOOST_TEST(plain.out.find("engine        wkhtmltopdf ") != std::string::npos, plain.out);
    // One browser prints the same letter twice the same (its element names renumbered).
    const Server service;
    const std::string xml = readFile(input);
    const Reply first = service.request("POST", "/v1/documents", xml);
    const Reply second = service.request("POST", "/v1/documents", xml);
    BOOST_TEST_REQUIRE(first.status == 200);
    BOOST_TEST((first.body == second.body));
    BOOST_TEST((first.body == readFile(dir.path + "/a.pdf"))); // and as the command line does
}

BOOST_AUTO_TEST_CASE(without_the_second_engine_an_accessible_letter_is_refused_not_made_untagged)
{
    TempDir dir;
    writeFile(dir.path + "/k.properties", "kansli.render.taggedWorkers = 0\n");
    const RunResult r = run(KANSLI, {"render", SOURCE + "/examples/beslut-uvas-tillganglig.xml", "--config",
                                     dir.path + "/k.properties", "-o", dir.path + "/out.pdf"});
    BOOST_TEST(r.exitCode != 0);
    BOOST_TEST(r.err.find("accessible") != std::string::npos, r.err);
    BOOST_TEST(!Poco::File(dir.path + "/out.pdf").exists());
}

BOOST_AUTO_TEST_SUITE_END()
