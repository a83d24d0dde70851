#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "casefile/CaseFactsReader.h"
#include "EnglishLoader.h"
#include "casefile/CaseLoader.h"
#include "casefile/XmlNode.h"

#include <libxml/globals.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
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

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::string minimal()
{
    return readFile(SOURCE + "/tests/casefile/bad/valid-minimal.xml");
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const std::size_t at = text.find(from);
    BOOST_REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

BOOST_AUTO_TEST_SUITE(case_document)

BOOST_AUTO_TEST_CASE(utf8_bom_and_lower_case_declaration_are_accepted)
{
    BOOST_TEST(loader().loadMemory("\xEF\xBB\xBF" + minimal()).ok());
    const std::string lower = replaced(minimal(), "encoding=\"UTF-8\"", "encoding='utf-8'");
    BOOST_TEST(loader().loadMemory(lower).ok());
    const std::string none = replaced(minimal(), " encoding=\"UTF-8\"", "");
    BOOST_TEST(loader().loadMemory(none).ok());
}

BOOST_AUTO_TEST_CASE(utf16_is_refused_as_an_encoding)
{
    const LoadResult result = loader().loadMemory(std::string("\xFF\xFE<\0?\0", 6));
    BOOST_REQUIRE_EQUAL(result.findings.size(), 1u);
    BOOST_TEST(result.findings.front().code == "xml.encoding");
    BOOST_TEST(result.findings.front().message.find("UTF-16") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_odd_encoding_name_is_not_echoed)
{
    const std::string odd = replaced(minimal(), "encoding=\"UTF-8\"", "encoding=\"Elin Testsson\"");
    const LoadResult result = loader().loadMemory(odd);
    BOOST_REQUIRE_EQUAL(result.findings.size(), 1u);
    BOOST_TEST(result.findings.front().code == "xml.encoding");
    BOOST_TEST(result.findings.front().message.find("Elin") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_schema_error_is_collected)
{
    std::string text = replaced(minimal(), "<received>2026-10-28</received>",
                                "<received>2026-13-01</received>");
    text = replaced(text, "<postalCode>164 40</postalCode>", "<postalCode>16440X</postalCode>");
    text = replaced(text, "type=\"beslut\"", "type=\"beslut\" language=\"fi\"");
    const LoadResult result = loader().loadMemory(text);
    BOOST_REQUIRE_EQUAL(result.findings.size(), 3u);
    BOOST_TEST(result.findings.at(0).xpath == "/case/document/@language");
    BOOST_TEST(result.findings.at(1).xpath == "/case/applicant/address/postalCode");
    BOOST_TEST(result.findings.at(2).xpath == "/case/application/received");
    for (const Finding& finding : result.findings) {
        BOOST_TEST(finding.code == "schema");
        BOOST_TEST(finding.message.find("16440X") == std::string::npos);
        BOOST_TEST(finding.message.find("2026-13-01") == std::string::npos);
        BOOST_TEST(finding.message.find("'fi'") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(malformed_xml_reports_all_parser_errors_with_lines)
{
    const std::string text = replaced(minimal(), "<city>Kista</city>", "<city>Kista &amp</city>");
    const LoadResult result = loader().loadMemory(text);
    BOOST_TEST(!result.ok());
    BOOST_REQUIRE(!result.findings.empty());
    for (const Finding& finding : result.findings) {
        BOOST_TEST(finding.code == "xml");
        BOOST_TEST(finding.line == 18);
    }
}

BOOST_AUTO_TEST_CASE(the_thread_error_handler_is_restored)
{
    void* const before = reinterpret_cast<void*>(xmlStructuredError);
    (void)loader().loadFile(SOURCE + "/tests/casefile/bad/malformed.xml");
    (void)loader().loadFile(SOURCE + "/tests/casefile/bad/impossible-date.xml");
    BOOST_TEST(reinterpret_cast<void*>(xmlStructuredError) == before);
}

BOOST_AUTO_TEST_CASE(parallel_loads_keep_their_findings_apart)
{
    const std::vector<std::string> files = {
        "bad/malformed.xml", "bad/impossible-date.xml", "bad/valid-minimal.xml",
        "bad/doctype-external-entity.xml", "bad/personnummer-pattern.xml", "bad/deep-nesting.xml"};
    std::vector<std::string> expected;
    for (const auto& file : files) {
        const LoadResult result = loader().loadFile(SOURCE + "/tests/casefile/" + file);
        std::string codes;
        for (const Finding& finding : result.findings) {
            codes += finding.code + "@" + std::to_string(finding.line) + finding.xpath + ";";
        }
        expected.push_back(codes);
    }
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 40; ++round) {
                const std::size_t i = static_cast<std::size_t>(round + t) % files.size();
                const LoadResult result =
                    loader().loadFile(SOURCE + "/tests/casefile/" + files.at(i));
                std::string codes;
                for (const Finding& finding : result.findings) {
                    codes += finding.code + "@" + std::to_string(finding.line) + finding.xpath + ";";
                }
                if (codes != expected.at(i)) {
                    ++mismatches;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    BOOST_TEST(mismatches.load() == 0);
}

BOOST_AUTO_TEST_CASE(blank_paragraphs_are_no_evidence_and_no_motivation)
{
    std::string text = readFile(SOURCE + "/examples/beslut-uvas.xml");
    text = replaced(text, "<p>27 år vid ansökan.</p>", "<p>   </p>");
    const LoadResult result = loader().loadMemory(text);
    BOOST_REQUIRE(result.facts.has_value());
    BOOST_TEST(!result.facts->investigation->criteria.at(1).hasEvidence);
    BOOST_TEST(result.facts->investigation->criteria.at(0).hasEvidence);
    BOOST_TEST(!result.facts->decision->hasSpecialReasons.value);
    BOOST_TEST(result.facts->decision->hasSpecialReasons.where.xpath == "/case/decision/step2");
    BOOST_TEST(!result.facts->decision->step1HasMotivation.value);
}

BOOST_AUTO_TEST_CASE(facts_carry_lines_and_xpaths)
{
    const LoadResult result = loader().loadFile(SOURCE + "/examples/beslut-uvas.xml");
    BOOST_REQUIRE(result.facts.has_value());
    const law::CaseFacts& facts = *result.facts;
    BOOST_TEST(facts.applicationReceived.value.iso() == "2026-10-28");
    BOOST_TEST(facts.applicationReceived.where.xpath == "/case/application/received");
    BOOST_TEST(facts.applicationReceived.where.line == 34);
    BOOST_TEST(!facts.samordningsnummer);
    BOOST_TEST(!facts.continuation);
    BOOST_REQUIRE(facts.decision.has_value());
    BOOST_TEST(facts.decision->makerUnit.value == "Jobbtorg Kista unga");
    BOOST_TEST(facts.decision->makerRole.where.xpath == "/case/decision/decisionMaker/role");
    BOOST_TEST(facts.decision->periodFrom->value.iso() == "2026-12-01");
    BOOST_TEST(facts.decision->noticeAnnouncedOn->where.xpath
               == "/case/decision/protocolNotice/@announced");
    BOOST_TEST(!facts.decision->deliveredOn.has_value());
    BOOST_TEST(facts.investigation->proposedOutcome.value == "bifall");
    BOOST_TEST(facts.investigation->proposedTo->value.iso() == "2027-05-31");
    BOOST_TEST(facts.investigation->criteriaWhere.xpath == "/case/investigation/criteria");
}

BOOST_AUTO_TEST_CASE(tokens_are_collapsed)
{
    BOOST_TEST(xml::collapse("  uvas \n ") == "uvas");
    BOOST_TEST(xml::collapse(" a \t b ") == "a b");
    BOOST_TEST(xml::trim("\n Jobbtorg  City \n") == "Jobbtorg  City");
    const std::string text =
        replaced(minimal(), "<targetGroup>uvas</targetGroup>", "<targetGroup>\n  uvas\n</targetGroup>");
    const LoadResult result = loader().loadMemory(text);
    BOOST_REQUIRE(result.facts.has_value());
    BOOST_TEST(result.facts->targetGroup.value == "uvas");
}

BOOST_AUTO_TEST_SUITE_END()
