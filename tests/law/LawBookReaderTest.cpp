#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"

#include "core/Error.h"

#include <cstdio>
#include <fstream>

using namespace kansli;
using kansli::casefile::LawBookReader;

namespace {

std::string writeTemp(const std::string& name, const std::string& text)
{
    const std::string path = "/tmp/kansli-law-test-" + name;
    std::ofstream(path) << text;
    return path;
}

} // namespace

BOOST_AUTO_TEST_SUITE(LawBookReaderTest)

BOOST_AUTO_TEST_CASE(shippedFilesLoad)
{
    const law::LawBook& book = law::test::shippedLawBook();
    BOOST_TEST(!book.statutes().version().empty());
    BOOST_TEST(!book.groupsEdition().version.empty());
    BOOST_TEST(book.statutes().rows().size() == 15u);
}

BOOST_AUTO_TEST_CASE(brokenFilesAreConfigErrors)
{
    const std::string ns = "xmlns=\"urn:se:stockholm:kansli:law:1\"";
    struct Row { const char* name; std::string xml; ErrorCode code; };
    const Row rows[] = {
        {"not-xml", "<statutes", ErrorCode::Config},
        {"wrong-root", "<other " + ns + " version=\"1\" validFrom=\"2020-01-01\"/>", ErrorCode::Config},
        {"overlap",
         "<statutes " + ns + " version=\"1\" validFrom=\"2020-01-01\">"
         "<statute concept=\"a\" validFrom=\"2020-01-01\" sfs=\"1\">x</statute>"
         "<statute concept=\"a\" validFrom=\"2021-01-01\" sfs=\"2\">y</statute></statutes>",
         ErrorCode::Config},
        {"bad-date",
         "<statutes " + ns + " version=\"1\" validFrom=\"2020-13-01\"></statutes>", ErrorCode::Config},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.name) {
            const std::string path = writeTemp(std::string(r.name) + ".xml", r.xml);
            try {
                LawBookReader::readStatutes(path);
                BOOST_ERROR("no error");
            } catch (const Error& e) {
                BOOST_TEST((e.code() == r.code));
                BOOST_TEST(e.location().file == path);
            }
            std::remove(path.c_str());
        }
    }
    BOOST_CHECK_THROW(LawBookReader::read("/nonexistent-law-dir"), Error);
}

BOOST_AUTO_TEST_SUITE_END()
