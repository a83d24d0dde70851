#define BOOST_TEST_DYN_LINK
// What an archivist relies on: every decision is PDF/A-2b by our preflight (a preflight, not a
// validation: no veraPDF is available here), fonts embedded, and the same case file with the
// same generation time gives a byte-identical PDF, so a letter can be reproduced on appeal.

#include "Run.h"
#include "render/PdfPreflight.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include <sstream>

#include <boost/test/unit_test.hpp>

using namespace kansli::test;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;
const std::string KANSLI = KANSLI_BINARY;

struct TempDir {
    std::string path = makeTempDir("kansli-archive");
    ~TempDir() { Poco::File(path).remove(true); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(ArchiveTest)

BOOST_AUTO_TEST_CASE(every_decision_passes_the_pdfa_preflight_and_every_letter_embeds_only_pinned_fonts)
{
    TempDir dir;
    int decisions = 0;
    for (Poco::DirectoryIterator it(SOURCE + "/examples"), end; it != end; ++it) {
        const std::string name = Poco::Path(it.name()).getBaseName();
        // Decisions and the letters sent out of the authority are archived as PDF/A-2b; the
        // utredning and the jobbplan only on request (pdfaForAll).
        const bool decision = name.rfind("utredning-", 0) != 0 && name.rfind("jobbplan-", 0) != 0;
        decisions += decision ? 1 : 0;
        BOOST_TEST_CONTEXT("example " << name)
        {
            const std::string pdf = dir.path + "/" + name + ".pdf";
            BOOST_TEST_REQUIRE(run(KANSLI, {"render", it.path().toString(), "-o", pdf}).exitCode == 0);
            if (decision) { // always PDF/A-2b
                const auto problems = kansli::render::PdfPreflight::check(readFile(pdf));
                for (const auto& problem : problems) {
                    BOOST_ERROR(problem);
                }
                const RunResult meta = run("/usr/bin/pdfinfo", {"-meta", pdf});
                BOOST_TEST(meta.out.find("pdfaid:part") != std::string::npos);
            }
            const RunResult fonts = run("/usr/bin/pdffonts", {pdf});
            std::istringstream lines(fonts.out);
            std::string line;
            int fontLines = 0;
            for (int i = 0; std::getline(lines, line); ++i) {
                if (i < 2 || line.empty()) {
                    continue; // header
                }
                ++fontLines;
                BOOST_TEST(line.find(" yes ") != std::string::npos, "not embedded: " << line);
                // fonts/fonts.conf pins the families: nothing else on the machine may appear. A
                // subset may carry its tag ("AAAAAA+", PDF 32000-1 9.6.4; Chromium writes one).
                const std::string font = line.size() > 7 && line[6] == '+' ? line.substr(7) : line;
                // Names in other scripts (and a summary in Tigrinya) use the script fonts it admits.
                const bool pinned = font.rfind("LiberationSans", 0) == 0 || font.rfind("DejaVuSans", 0) == 0
                                    || font.rfind("NotoSansEthiopic", 0) == 0 || font.rfind("NotoSansGeorgian", 0) == 0
                                    || font.rfind("NotoSansArmenian", 0) == 0 || font.rfind("WenQuanYi", 0) == 0;
                BOOST_TEST(pinned, "unpinned font: " << line);
            }
            BOOST_TEST(fontLines >= 1);
        }
    }
    BOOST_TEST(decisions >= 5);
}

BOOST_AUTO_TEST_CASE(same_case_and_generation_time_give_identical_bytes)
{
    TempDir dir;
    const std::string input = SOURCE + "/examples/beslut-uvas.xml"; // carries document/@generatedAt
    BOOST_TEST_REQUIRE(run(KANSLI, {"render", input, "-o", dir.path + "/a.pdf"}).exitCode == 0);
    BOOST_TEST_REQUIRE(run(KANSLI, {"render", input, "-o", dir.path + "/b.pdf"}).exitCode == 0);
    const std::string a = readFile(dir.path + "/a.pdf");
    const std::string b = readFile(dir.path + "/b.pdf");
    BOOST_TEST(a.size() == b.size());
    BOOST_TEST((a == b), "two renders of the same case differ");

    // A different generation time is a different letter (dates in the metadata).
    std::string other = readFile(input);
    const auto at = other.find("generatedAt=\"2026-11-20T09:00:00Z\"");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    other.replace(at, 34, "generatedAt=\"2026-11-21T09:00:00Z\"");
    writeFile(dir.path + "/other.xml", other);
    BOOST_TEST_REQUIRE(run(KANSLI, {"render", dir.path + "/other.xml", "-o", dir.path + "/c.pdf"}).exitCode == 0);
    BOOST_TEST((readFile(dir.path + "/c.pdf") != a));
}

BOOST_AUTO_TEST_SUITE_END()
