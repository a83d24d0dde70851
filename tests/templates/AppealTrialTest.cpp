// Rättidsprövning end to end (förvaltningslagen (2017:900) 45 § second paragraph): a decision
// letter is produced and recorded in a real SQLite audit trail, an appeal names it by its
// document id, and kansli looks up which template version printed it. A late appeal is
// dismissed, unless the legal department has listed that version as giving wrong appeal
// information: then it is forwarded to the court.
#include <boost/test/unit_test.hpp>

#include "TemplateCopy.h"

#include <regex>

using namespace kansli::test;

namespace {

struct Trial {
    const TemplateCopy copy;
    const std::map<std::string, std::string> env{{"KANSLI_ROOT", copy.root},
                                                 {"KANSLI_AUDIT_DATABASE", copy.dir + "/audit.sqlite"}};

    RunResult render(const std::string& input, const std::string& output) const
    {
        return run(KANSLI, {"render", input, "--format", "html", "-o", output}, {}, env);
    }

    /// The audit record id and template of a document kansli produced (`kansli audit verify`).
    std::pair<std::string, std::string> recordOf(const std::string& file) const
    {
        const RunResult r = run(KANSLI, {"audit", "verify", file}, {}, env);
        BOOST_TEST_REQUIRE(r.exitCode == 0, r.out + r.err);
        std::smatch id;
        std::smatch version;
        BOOST_TEST_REQUIRE(std::regex_search(r.out, id, std::regex("record ([0-9a-f-]{36})")), r.out);
        BOOST_TEST_REQUIRE(std::regex_search(r.out, version, std::regex("template +([a-z]+)@([0-9.]+)")), r.out);
        return {id[1].str(), version[2].str()};
    }

    /// The late appeal of the example, naming the decision letter by `documentId`.
    std::string lateAppealOf(const std::string& documentId) const
    {
        std::string xml = readFile(SOURCE + "/examples/rattidsprovning-for-sent.xml");
        const std::string route = "route=\"forvaltningsbesvar\"";
        xml.replace(xml.find(route), route.size(), route + " decisionDocument=\"" + documentId + "\"");
        const std::string path = copy.dir + "/appeal-" + documentId.substr(0, 8) + ".xml";
        writeFile(path, xml);
        return path;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(AppealTrialTest)

BOOST_AUTO_TEST_CASE(a_late_appeal_is_forwarded_only_when_the_letter_gave_wrong_appeal_information)
{
    const Trial trial;
    const std::string decision = trial.copy.dir + "/beslut.html";
    RunResult r = trial.render(SOURCE + "/examples/beslut-uvas.xml", decision);
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    const auto [documentId, version] = trial.recordOf(decision);
    const std::string appeal = trial.lateAppealOf(documentId);

    // The version is not listed: the late appeal is dismissed.
    const std::string dismissed = trial.copy.dir + "/dismissed.html";
    r = trial.render(appeal, dismissed);
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    BOOST_TEST(readFile(dismissed).find("Beslut om avvisning av överklagande") != std::string::npos);
    BOOST_TEST(r.err.find("law.appeal-information-unchecked") == std::string::npos, r.err);

    // The legal department lists the version that printed the decision: forwarded to the court.
    writeFile(trial.copy.root + "/templates/law/appeal-information.xml",
              "<appealInformation xmlns=\"urn:se:stockholm:kansli:law:1\" version=\"test\">\n"
              "  <wrong template=\"beslut\" version=\"" + version + "\" source=\"a review in this test\">the step 1 deadline was counted from the decision date</wrong>\n"
              "</appealInformation>\n");
    const std::string forwarded = trial.copy.dir + "/forwarded.html";
    r = trial.render(appeal, forwarded);
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    const std::string html = readFile(forwarded);
    BOOST_TEST(html.find("Överlämnande av överklagande") != std::string::npos);
    BOOST_TEST(html.find("felaktig information om hur man överklagar") != std::string::npos);
    BOOST_TEST(html.find("Beslut om avvisning") == std::string::npos);
    BOOST_TEST(r.err.find("law.appeal-late-wrong-information") != std::string::npos, r.err);

    // Another document's id (here the forwarding letter's own record) is not a decision.
    const auto [letterId, letterVersion] = trial.recordOf(forwarded);
    r = trial.render(trial.lateAppealOf(letterId), trial.copy.dir + "/not-a-decision.html");
    BOOST_TEST(r.exitCode == 65, r.out + r.err);
    BOOST_TEST(r.err.find("law.appeal-decision-document-not-decision") != std::string::npos, r.err);

    // An id the trail does not hold is refused, naming the attribute.
    r = trial.render(trial.lateAppealOf("0b7e2f0c-1f4e-4b7a-9d55-2c3b8e1f0a11"), trial.copy.dir + "/unknown.html");
    BOOST_TEST(r.exitCode == 65, r.out + r.err);
    BOOST_TEST(r.err.find("law.appeal-decision-document-unknown") != std::string::npos, r.err);
    BOOST_TEST(r.err.find("/case/appeal/@decisionDocument") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
