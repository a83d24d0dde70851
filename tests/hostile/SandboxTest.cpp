#define BOOST_TEST_DYN_LINK
// The template sandbox (libxslt security preferences) and the engine's: a malicious stylesheet
// in a copy of xsl/ cannot read outside it, write files or reach the network; an XHTML full of
// remote and local references, fed straight to the render pool, fetches nothing and shows no
// file. A local listener counts every connection attempt.

#include "Hostile.h"
#include "Run.h"

#include "casefile/CaseLoader.h"
#include "casefile/LawBookReader.h"
#include "compose/Composer.h"
#include "core/Error.h"
#include "render/WorkerPool.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace kansli;
using namespace kansli::hostile;
using namespace kansli::test;
namespace fs = std::filesystem;

namespace {

/// A temporary copy of xsl/ whose beslut.xsl is replaced by a stylesheet with `attack` in its
/// body, next to a secret XML file outside the copy.
struct TemplateCopy {
    std::string root = makeTempDir("kansli-hostile-xsl");
    std::string xsl = root + "/xsl";
    std::string secret = root + "/secret.xml";

    explicit TemplateCopy(const std::string& attack)
    {
        fs::copy(SOURCE + "/xsl", xsl, fs::copy_options::recursive);
        writeFile(secret, std::string("<secret>") + SECRET_MARK + "</secret>");
        writeFile(xsl + "/inside.xml", "<inside>INSIDE-TEMPLATES-OK</inside>");
        fs::create_symlink(secret, xsl + "/link.xml");
        writeFile(xsl + "/beslut.xsl",
                  "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"\n"
                  "  xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:k=\"urn:se:stockholm:kansli:xslt\"\n"
                  "  xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\"\n"
                  "  exclude-result-prefixes=\"k\" k:template-id=\"beslut\" k:template-version=\"1.0.0\">\n"
                  "<xsl:template match=\"/\"><html><head><title>t</title><meta name=\"author\" content=\"a\"/>"
                  "</head><body><p>BEGIN</p>"
                  + attack + "<p>END</p></body></html></xsl:template></xsl:stylesheet>\n");
    }
    ~TemplateCopy()
    {
        std::error_code ignored;
        fs::remove_all(root, ignored);
    }
};

struct Outcome {
    bool refused = false; ///< compose threw kansli::Error
    std::string output;   ///< the XHTML when it did not
};

Outcome composeWith(const TemplateCopy& copy)
{
    static const casefile::CaseLoader loader(SOURCE + "/templates/schema/case-1.xsd");
    static const auto lawBook =
        std::make_shared<const law::LawBook>(casefile::LawBookReader::read(SOURCE + "/templates/law"));
    const casefile::LoadResult loaded = loader.loadFile(SOURCE + "/examples/beslut-uvas.xml");
    BOOST_TEST_REQUIRE(loaded.ok());
    const compose::Composer composer(compose::ComposerConfig{copy.xsl, LOCALE_DIR, lawBook});
    Outcome outcome;
    try {
        outcome.output = composer.compose(loaded.document.xml()).xhtml;
    } catch (const Error& e) {
        outcome.refused = true;
        BOOST_TEST(std::string(e.publicMessage()).find(SECRET_MARK) == std::string::npos);
    }
    return outcome;
}

} // namespace

BOOST_AUTO_TEST_SUITE(template_sandbox)

BOOST_AUTO_TEST_CASE(document_reads_inside_the_template_folder)
{
    // The control: the mechanism the attacks below use does work where it is allowed.
    const TemplateCopy copy("<xsl:copy-of select=\"document('inside.xml')\"/>");
    const Outcome outcome = composeWith(copy);
    BOOST_TEST(!outcome.refused);
    BOOST_TEST(outcome.output.find("INSIDE-TEMPLATES-OK") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(document_cannot_read_outside_the_template_folder)
{
    for (const std::string& href : {std::string("file://") + "SECRET", std::string("SECRET"),
                                    std::string("../secret.xml"), std::string("link.xml"),
                                    std::string("file:///etc/passwd")}) {
        BOOST_TEST_CONTEXT(href)
        {
            const TemplateCopy probe("");
            std::string target = href;
            if (const auto at = target.find("SECRET"); at != std::string::npos)
                target.replace(at, 6, probe.secret);
            const TemplateCopy copy("<xsl:copy-of select=\"document('" + target + "')\"/>");
            const Outcome outcome = composeWith(copy);
            BOOST_TEST(outcome.output.find(SECRET_MARK) == std::string::npos);
            BOOST_TEST(outcome.output.find("root:x:0") == std::string::npos);
            BOOST_TEST_MESSAGE(href << (outcome.refused ? ": refused" : ": composed without it"));
        }
    }
}

BOOST_AUTO_TEST_CASE(document_cannot_reach_the_network)
{
    const Listener listener;
    for (const std::string& url : {listener.url("/x.xml"), "https://127.0.0.1:" + std::to_string(listener.port()) + "/x.xml",
                                   "ftp://127.0.0.1:" + std::to_string(listener.port()) + "/x.xml"}) {
        BOOST_TEST_CONTEXT(url)
        {
            const TemplateCopy copy("<xsl:copy-of select=\"document('" + url + "')\"/>");
            const Outcome outcome = composeWith(copy);
            BOOST_TEST(outcome.output.find(LISTENER_MARK) == std::string::npos);
        }
    }
    BOOST_TEST(listener.connections() == 0);
}

BOOST_AUTO_TEST_CASE(exsl_document_cannot_write_files)
{
    const std::string outside = makeTempDir("kansli-hostile-write");
    for (const std::string& target : {outside + "/written.html", std::string("written-inside.html")}) {
        BOOST_TEST_CONTEXT(target)
        {
            const TemplateCopy copy("<exsl:document href=\"" + target + "\" method=\"xml\"><p>w</p></exsl:document>");
            const Outcome outcome = composeWith(copy);
            BOOST_TEST(outcome.refused);
            BOOST_TEST(!fs::exists(outside + "/written.html"));
            BOOST_TEST(!fs::exists(copy.xsl + "/written-inside.html"));
            BOOST_TEST(!fs::exists(fs::current_path() / "written-inside.html"));
        }
    }
    fs::remove_all(outside);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(engine_sandbox)

BOOST_AUTO_TEST_CASE(render_pool_fetches_nothing_and_shows_no_local_file)
{
    const Listener listener;
    const std::string dir = makeTempDir("kansli-hostile-engine");
    writeFile(dir + "/secret.html", std::string("<p>") + SECRET_MARK + "</p>");
    writeFile(dir + "/secret.css", "body::before { content: '" + std::string(SECRET_MARK) + "'; }");
    const std::string http = listener.url();
    const std::string https = "https://127.0.0.1:" + std::to_string(listener.port()) + "/";
    const std::string xhtml =
        "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/>"
        "<link rel=\"stylesheet\" href=\"" + http + "style.css\"/>"
        "<link rel=\"stylesheet\" href=\"file://" + dir + "/secret.css\"/>"
        "<style>@import url(" + http + "import.css); .bg { background: url(" + http + "bg.png); }</style>"
        "</head><body><p>LETTER-TEXT</p>"
        "<iframe src=\"" + http + "iframe\"></iframe><iframe src=\"" + https + "iframe\"></iframe>"
        "<img src=\"" + http + "img.png\"/><object data=\"" + http + "object\"></object>"
        "<embed src=\"" + http + "embed\"/><div class=\"bg\">x</div>"
        "<iframe src=\"file:///etc/passwd\"></iframe><img src=\"file:///etc/passwd\"/>"
        "<iframe src=\"file://" + dir + "/secret.html\"></iframe>"
        "<script>document.write('SCRIPT-RAN');</script>"
        "</body></html>";

    render::WorkerPoolConfig config;
    config.workers = 1;
    render::WorkerPool pool(config);
    render::ConversionRequest request;
    request.xhtml = xhtml;
    const std::string pdf = pool.convert(request);
    const std::string text = pdfText(pdf);
    BOOST_TEST(text.find("LETTER-TEXT") != std::string::npos); // the control: text is read
    BOOST_TEST(text.find(SECRET_MARK) == std::string::npos);
    BOOST_TEST(text.find("root:x:0") == std::string::npos);
    BOOST_TEST(text.find("SCRIPT-RAN") == std::string::npos);
    BOOST_TEST(text.find(LISTENER_MARK) == std::string::npos);
    BOOST_TEST(listener.connections() == 0);
    fs::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
