#define BOOST_TEST_DYN_LINK
// Several versions of one template: the one valid on the case's decision date writes the letter;
// two versions valid on the same day are refused.

#include "Run.h"
#include "TemplateCopy.h"

#include <Poco/File.h>

#include <boost/test/unit_test.hpp>

using namespace kansli::test;

namespace {

/// The XHTML of `example` written with the templates of `copy`.
RunResult renderHtml(const TemplateCopy& copy, const std::string& example)
{
    return run(KANSLI,
        {"render", SOURCE + "/examples/" + example + ".xml", "--format", "html", "-o",
            copy.dir + "/" + example + ".html"},
        {}, {{"KANSLI_ROOT", copy.root}});
}

std::string versionIn(const TemplateCopy& copy, const std::string& example)
{
    const std::string html = readFile(copy.dir + "/" + example + ".html");
    const std::string marker = "name=\"kansli.template-version\" content=\"";
    const auto at = html.find(marker);
    return at == std::string::npos
        ? std::string()
        : html.substr(at + marker.size(), html.find('"', at + marker.size()) - at - marker.size());
}

/// The version today's beslut.xsl declares, as its k:template-version attribute.
std::string currentVersionAttribute()
{
    const std::string xsl = readFile(SOURCE + "/xsl/beslut.xsl");
    const std::string marker = "k:template-version=\"";
    const auto at = xsl.find(marker);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    return xsl.substr(at, xsl.find('"', at + marker.size()) + 1 - at);
}

std::string currentVersion()
{
    const std::string attribute = currentVersionAttribute();
    return attribute.substr(attribute.find('"') + 1, attribute.size() - attribute.find('"') - 2);
}

/// xsl/archive/beslut-0.9.0.xsl: today's beslut.xsl as version 0.9.0, valid up to `validTo`.
void archiveBeslut(const TemplateCopy& copy, const std::string& validTo)
{
    Poco::File(copy.root + "/xsl/archive").createDirectories();
    std::string old = readFile(copy.root + "/xsl/beslut.xsl");
    const auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = old.find(from);
        BOOST_TEST_REQUIRE(at != std::string::npos, from);
        old.replace(at, from.size(), to);
    };
    replace(currentVersionAttribute(), "k:template-version=\"0.9.0\" k:valid-to=\"" + validTo + "\"");
    replace("<xsl:include href=\"layout.xsl\"/>", "<xsl:include href=\"../layout.xsl\"/>");
    writeFile(copy.root + "/xsl/archive/beslut-0.9.0.xsl", old);
}

} // namespace

BOOST_AUTO_TEST_SUITE(TemplateVersionTest)

BOOST_AUTO_TEST_CASE(the_version_valid_on_the_decision_date_writes_the_letter)
{
    const TemplateCopy copy;
    archiveBeslut(copy, "2025-06-30");
    copy.replaceInFile(
        "xsl/beslut.xsl", currentVersionAttribute(), currentVersionAttribute() + " k:valid-from=\"2025-07-01\"");

    RunResult r = renderHtml(copy, "beslut-socialpsykiatri-2025-06-30");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    BOOST_TEST(versionIn(copy, "beslut-socialpsykiatri-2025-06-30") == "0.9.0");
    r = renderHtml(copy, "beslut-uvas");
    BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    BOOST_TEST(versionIn(copy, "beslut-uvas") == currentVersion());
}

BOOST_AUTO_TEST_CASE(two_versions_valid_on_one_day_are_refused)
{
    const TemplateCopy copy;
    archiveBeslut(copy, "2025-06-30"); // and beslut.xsl keeps no k:valid-from: both valid in 2025
    const RunResult r = renderHtml(copy, "beslut-uvas");
    BOOST_TEST(r.exitCode == 78, r.err); // EX_CONFIG: the template set is unusable
    BOOST_TEST(r.err.find("two versions of template beslut") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_SUITE_END()
