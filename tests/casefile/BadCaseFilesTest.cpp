#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "EnglishLoader.h"
#include "casefile/CaseLoader.h"
#include "core/Error.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace kansli;
using namespace kansli::casefile;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;

const test::EnglishLoader& loader()
{
    static const test::EnglishLoader shared(SOURCE + "/templates/schema/case-1.xsd");
    return shared;
}

/// Values written in the bad files that must never appear in a message.
const std::vector<std::string> PERSONAL_VALUES = {
    "19990417-2385", "1999041-2385", "1999041", "Elin", "Marklund", "Testsson", "Solrosvägen",
    "164 40", "2026-02-30", "2026-10-28", "brev", "root:", "lollol", "2027-02-30", "MET", "uvas.alder", "+01:00",
};

struct BadCase {
    std::string file;
    std::string code;
    int line;
    std::string xpath;          ///< "" when the finding has none
    std::string fieldInMessage; ///< a word the message must contain
};

std::string deepPath()
{
    std::string path = "/case";
    for (int level = 2; level <= 65; ++level) {
        path += "/*"; // "x" is not a name of the schema: masked
    }
    return path;
}

const std::vector<BadCase> BAD_CASES = {
    {"malformed.xml", "xml", 18, "", "city"},
    {"doctype-external-entity.xml", "xml.doctype", 2, "", "DOCTYPE"},
    {"billion-laughs.xml", "xml.doctype", 2, "", "DOCTYPE"},
    {"wrong-namespace.xml", "schema.root", 3, "/case", "urn:se:stockholm:kansli:case:1"},
    {"no-namespace.xml", "schema.root", 3, "/case", "urn:se:stockholm:kansli:case:1"},
    {"wrong-root.xml", "schema.root", 3, "/*", "'case'"},
    {"unknown-document-type.xml", "schema", 4, "/case/document/@type", "'type'"},
    {"impossible-date.xml", "schema", 22, "/case/application/received", "'received'"},
    {"personnummer-pattern.xml", "schema", 14, "/case/applicant/personnummer", "'personnummer'"},
    {"missing-element.xml", "schema", 21, "/case/application", "programme"},
    {"encoding-latin1.xml", "xml.encoding", 1, "", "other than UTF-8"}, // the name given is not repeated
    {"invalid-utf8.xml", "xml.utf8", 12, "", "UTF-8"},
    {"deep-nesting.xml", "xml.depth", 26, deepPath(), "64"},
    {"empty.xml", "xml", 0, "", "empty"},
    {"period-date.xml", "schema", 38, "/case/decision/step2/period/@to", "'to'"},
    {"criterion-met.xml", "schema", 31, "/case/investigation/criteria/criterion[3]/@met", "'met'"},
    {"criterion-twice.xml", "schema", 31, "/case/investigation/criteria/criterion[3]", "criterion"},
    {"date-with-time-zone.xml", "schema", 22, "/case/application/received", "'received'"},
    // OSL (2009:400) 26 kap. 1 §: the window shows the forwarding route's postal address;
    // without one the post could not deliver the letter.
    {"protected-identity-without-forwarding-address.xml", "schema", 26, "/case/applicant/protectedIdentity",
     "forwardingAddress"},
    // Handed cases (shared/cases): a 40,000-space given name and a 30,000-character date crashed
    // the validator. Their families are generated in BoundaryTest.cpp.
    {"long-value-given-name.xml", "schema", 19, "/case/applicant/givenName", "'givenName'"},
    {"long-value-date.xml", "schema", 29, "/case/application/received", "'received'"},
    {"line-separator-in-name.xml", "schema", 20, "/case/applicant/familyName", "'familyName'"},
};

std::string describe(const Findings& findings)
{
    std::string text;
    for (const Finding& finding : findings) {
        text += finding.format("case") + "\n";
    }
    return text;
}

} // namespace

BOOST_AUTO_TEST_SUITE(bad_case_files)

BOOST_AUTO_TEST_CASE(each_bad_file_gives_its_finding_and_no_value)
{
    for (const BadCase& bad : BAD_CASES) {
        BOOST_TEST_CONTEXT("bad file " << bad.file)
        {
            const LoadResult result = loader().loadFile(SOURCE + "/tests/casefile/bad/" + bad.file);
            BOOST_TEST_INFO("findings:\n" << describe(result.findings));
            BOOST_TEST(!result.ok());
            BOOST_TEST(!result.facts.has_value());
            BOOST_REQUIRE(!result.findings.empty());
            const Finding& first = result.findings.front();
            BOOST_TEST(first.code == bad.code);
            BOOST_TEST(first.line == bad.line);
            BOOST_TEST((first.severity == Severity::Error));
            if (bad.xpath.empty()) {
                BOOST_TEST(first.xpath.empty());
            } else {
                BOOST_TEST(first.xpath == bad.xpath);
            }
            BOOST_TEST(first.message.find(bad.fieldInMessage) != std::string::npos);
            for (const Finding& finding : result.findings) {
                for (const std::string& value : PERSONAL_VALUES) {
                    BOOST_TEST(finding.message.find(value) == std::string::npos,
                               "message quotes a value: " << finding.message);
                    BOOST_TEST(finding.xpath.find(value) == std::string::npos);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(doctype_is_refused_with_a_single_finding)
{
    for (const char* file : {"doctype-external-entity.xml", "billion-laughs.xml"}) {
        const LoadResult result = loader().loadFile(SOURCE + "/tests/casefile/bad/" + file);
        BOOST_TEST(result.findings.size() == 1u);
        BOOST_TEST(!result.document.valid());
    }
}

BOOST_AUTO_TEST_CASE(over_size_input_is_refused_before_parsing)
{
    // Not well-formed either: the size check must come first.
    const std::string big(2 * 1024 * 1024 + 1, '<');
    LoadResult result = loader().loadMemory(big);
    BOOST_REQUIRE_EQUAL(result.findings.size(), 1u);
    BOOST_TEST(result.findings.front().code == "xml.too-large");
    BOOST_TEST(result.findings.front().line == 0);

    const auto path = std::filesystem::temp_directory_path() / "kansli-casefile-oversize.xml";
    {
        std::ofstream out(path, std::ios::binary);
        out << big;
    }
    result = loader().loadFile(path.string());
    std::filesystem::remove(path);
    BOOST_REQUIRE_EQUAL(result.findings.size(), 1u);
    BOOST_TEST(result.findings.front().code == "xml.too-large");
}

BOOST_AUTO_TEST_CASE(size_limit_is_a_parameter)
{
    const CaseLoader small(SOURCE + "/templates/schema/case-1.xsd", ParseLimits{512, 64});
    const LoadResult result = small.loadFile(SOURCE + "/tests/casefile/bad/valid-minimal.xml");
    BOOST_REQUIRE_EQUAL(result.findings.size(), 1u);
    BOOST_TEST(result.findings.front().code == "xml.too-large");
}

BOOST_AUTO_TEST_CASE(the_valid_minimal_file_passes)
{
    const LoadResult result = loader().loadFile(SOURCE + "/tests/casefile/bad/valid-minimal.xml");
    BOOST_TEST_INFO(describe(result.findings));
    BOOST_TEST(result.ok());
    BOOST_TEST(result.findings.empty());
    BOOST_TEST(result.facts.has_value());
}

BOOST_AUTO_TEST_CASE(a_missing_file_throws_io_without_the_path_in_public)
{
    try {
        (void)loader().loadFile(SOURCE + "/tests/casefile/bad/no-such-file.xml");
        BOOST_FAIL("expected kansli::Error");
    } catch (const Error& error) {
        BOOST_TEST(static_cast<int>(error.code()) == static_cast<int>(ErrorCode::Io));
        BOOST_TEST(error.publicMessage().find("no-such-file") == std::string::npos);
    }
}

BOOST_AUTO_TEST_SUITE_END()
