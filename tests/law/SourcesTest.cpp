#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

// Sources users can find: every source, comment and document cites a statute by SFS number and
// paragraph, or a city document by title, issuer and date — never a seed file of the project
// ("seed 002", "002_1d3d080ae6e6c087.txt"). This scans everything kansli ships or prints from.

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(SourcesTest)

BOOST_AUTO_TEST_CASE(nothing_cites_a_seed_file)
{
    const fs::path root = KANSLI_SOURCE_DIR;
    // Our own files (short, bounded): a regular expression is fine here.
    // "seed 002", a seed's file name, or LEGAL.md (a file outside the repository no reader has).
    const std::regex seed(R"((seeds? ?0[0-9]{2}\b)|(\b0[0-9]{2}_[0-9a-f]{16}\b)|(LEGAL\.md))", std::regex::icase);
    const std::vector<std::string> folders = {"src", "templates", "locales", "xsl", "docs", "examples", "tests"};
    std::vector<std::string> offenders;
    std::size_t scanned = 0;
    for (const auto& folder : folders) {
        for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
            const std::string path = entry.path().string();
            if (!entry.is_regular_file() || path.find("node_modules") != std::string::npos
                || entry.path().filename() == "SourcesTest.cpp") {
                continue;
            }
            const std::string ext = entry.path().extension().string();
            if (ext == ".png" || ext == ".pdf" || entry.file_size() > 2 * 1024 * 1024) {
                continue;
            }
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            ++scanned;
            if (std::regex_search(text.str(), seed)) {
                offenders.push_back(fs::relative(entry.path(), root).string());
            }
        }
    }
    for (const char* file : {"README.md"}) {
        std::ifstream in(root / file);
        std::ostringstream text;
        text << in.rdbuf();
        if (std::regex_search(text.str(), seed)) {
            offenders.push_back(file);
        }
    }
    BOOST_TEST(scanned > 100u);
    for (const auto& offender : offenders) {
        BOOST_ERROR("cites a seed file instead of the document: " << offender);
    }
}

BOOST_AUTO_TEST_SUITE_END()
