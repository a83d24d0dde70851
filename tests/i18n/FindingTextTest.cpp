#include <boost/test/unit_test.hpp>

#include "i18n/Catalog.h"
#include "i18n/FindingText.h"

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

using kansli::Finding;
using kansli::FindingArg;
using kansli::i18n::Catalogs;

namespace {

const Catalogs& catalogs()
{
    static const Catalogs CATALOGS(std::string(KANSLI_BINARY_DIR) + "/locales");
    return CATALOGS;
}

std::string readSource(const std::string& relative)
{
    std::ifstream in(std::string(KANSLI_SOURCE_DIR) + "/" + relative);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

BOOST_AUTO_TEST_SUITE(FindingTextTest)

// Every message id the legal preflight uses has the legal department's text in both languages,
// and every {argument} a text names is one the preflight gives (PreflightTest renders every row).
BOOST_AUTO_TEST_CASE(every_legal_finding_has_swedish_and_english_text)
{
    const std::string source = readSource("src/law/Preflight.cpp");
    const std::regex call(R"re(c\.(error|warning)\(\s*"([a-z.-]+)",\s*"([a-z0-9.-]+)")re");
    std::set<std::string> ids;
    for (auto it = std::sregex_iterator(source.begin(), source.end(), call); it != std::sregex_iterator(); ++it) {
        const std::string code = (*it)[2];
        const std::string id = (*it)[3];
        BOOST_TEST((id == code || id.rfind(code + ".", 0) == 0), id);
        ids.insert(id);
    }
    BOOST_TEST(ids.size() > 100u);
    for (const std::string& language : Catalogs::supportedLanguages()) {
        for (const std::string& id : ids) {
            BOOST_TEST(catalogs().forLanguage(language).has("finding." + id), language << ": finding." << id);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_finding_speaks_the_language_asked_for)
{
    Finding finding;
    finding.code = "law.communication-time-not-given";
    finding.messageId = "law.communication-time-not-given";
    finding.args = {{"lastDay", "2026-11-23", FindingArg::Kind::Date}};
    finding.xpath = "/case/decision/date";
    kansli::Findings sv{finding};
    kansli::i18n::localize(sv, catalogs().forLanguage("sv"));
    BOOST_TEST(sv.front().message.find("23 november 2026") != std::string::npos, sv.front().message);
    BOOST_TEST(sv.front().message.find("Besluta när tiden har gått ut") != std::string::npos, sv.front().message);
    BOOST_TEST(sv.front().field == "Beslutsdatumet");
    kansli::Findings en{finding};
    kansli::i18n::localize(en, catalogs().forLanguage("en"));
    BOOST_TEST(en.front().message.find("23 November 2026") != std::string::npos, en.front().message);
    BOOST_TEST(en.front().field == "The decision date");

    // Numbers are formatted; a finding without a message id keeps its own text.
    Finding gap;
    gap.code = gap.messageId = "law.continuation-gap";
    gap.args = {{"days", "2", FindingArg::Kind::Number}};
    Finding own;
    own.code = "schema";
    own.message = "Element 'x': not expected";
    own.xpath = "/case/decision/step2/motivation/p[3]";
    kansli::Findings both{gap, own};
    kansli::i18n::localize(both, catalogs().forLanguage("sv"));
    BOOST_TEST(both.at(0).message.rfind("Det är 2 dagar mellan", 0) == 0, both.at(0).message);
    BOOST_TEST(both.at(1).message == "Element 'x': not expected");
    BOOST_TEST(both.at(1).field == "Motiveringen i steg 2"); // the nearest named ancestor
}

BOOST_AUTO_TEST_CASE(field_paths)
{
    const struct {
        const char* xpath;
        const char* path;
    } rows[] = {
        {"/case/decision/step2/motivation/p[1]", "decision.step2.motivation.p"},
        {"/case/decision/delivery/@received", "decision.delivery:received"},
        {"/case/investigation/criteria/criterion[3]", "investigation.criteria.criterion"},
        {"/case/investigation/criteria/criterion[@id='uvas.alder']", "investigation.criteria.criterion"},
        {"/case", ""},
        {"/case/*/@x", "*:x"},
        {"", ""},
    };
    for (const auto& row : rows) {
        BOOST_TEST(kansli::i18n::fieldPath(row.xpath) == row.path, row.xpath);
    }
}

// RFC 9110 12.5.4: the supported language with the highest q-value; Swedish otherwise.
BOOST_AUTO_TEST_CASE(accept_language)
{
    const struct {
        const char* header;
        const char* language;
    } rows[] = {
        {"", "sv"},
        {"sv-SE,sv;q=0.9,en;q=0.8", "sv"},
        {"en-GB,en;q=0.9", "en"},
        {"en;q=0.4, sv;q=0.6", "sv"},
        {"de-DE, en;q=0.5", "en"},
        {"de-DE, fr", "sv"},
        {"en;q=0", "sv"},
        {"*", "sv"},
        {"EN", "en"},
        {";;;,,,q=", "sv"},
        {"en;q=abc", "en"},
    };
    for (const auto& row : rows) {
        BOOST_TEST(kansli::i18n::preferredLanguage(row.header) == row.language, "'" << row.header << "'");
    }
    // A header at the size limit is read, not scanned beyond 1 KB.
    BOOST_TEST(kansli::i18n::preferredLanguage(std::string(64 * 1024, 'x') + ",en") == "sv");
}

BOOST_AUTO_TEST_SUITE_END()
