#define BOOST_TEST_MODULE compose_tests
#include <boost/test/unit_test.hpp>

#include "compose/Composer.h"
#include "compose/Extensions.h"

#include "casefile/CaseLoader.h"
#include "casefile/LawBookReader.h"
#include "core/Error.h"
#include "i18n/Catalog.h"

#include <libxml/parser.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include <unistd.h>
#include <set>
#include <string>

namespace fs = std::filesystem;
using kansli::Error;
using kansli::ErrorCode;
using kansli::casefile::CaseLoader;
using kansli::casefile::LawBookReader;
using kansli::casefile::LoadResult;
using kansli::compose::ComposedDocument;
using kansli::compose::Composer;
using kansli::compose::ComposerConfig;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;
const std::string BINARY = KANSLI_BINARY_DIR;

struct Fixture {
    Fixture()
        : loader(SOURCE + "/templates/schema/case-1.xsd"),
          composer(ComposerConfig{SOURCE + "/xsl", BINARY + "/locales",
                                  std::make_shared<const kansli::law::LawBook>(LawBookReader::read(SOURCE + "/templates/law"))})
    {
    }
    CaseLoader loader;
    Composer composer;
};

Fixture& fixture()
{
    static Fixture FIXTURE;
    return FIXTURE;
}

/// Loads an example, checks it is schema-valid, composes it and keeps the XHTML next to the
/// build (compose-out/<name>.xhtml) for looking at and for rendering by hand.
ComposedDocument composeExample(const std::string& name, kansli::compose::ComposeOptions options = {})
{
    const std::string path = SOURCE + "/examples/" + name;
    LoadResult loaded = fixture().loader.loadFile(path);
    BOOST_TEST_REQUIRE(loaded.ok(), name << " is not a valid case file");
    ComposedDocument doc = fixture().composer.compose(loaded.document.xml(), options);
    fs::create_directories(BINARY + "/compose-out");
    std::ofstream(BINARY + "/compose-out/" + fs::path(name).stem().string() + ".xhtml") << doc.xhtml;
    return doc;
}

bool exists(const std::string& name)
{
    return fs::exists(SOURCE + "/examples/" + name);
}

bool contains(const std::string& haystack, const std::string& needle)
{
    return haystack.find(needle) != std::string::npos;
}

/// The text of the XHTML as a reader sees it: well-formedness is checked by parsing it.
std::string wellFormedText(const ComposedDocument& doc)
{
    xmlDocPtr parsed = xmlReadMemory(doc.xhtml.data(), static_cast<int>(doc.xhtml.size()), "letter.xhtml", "UTF-8",
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    BOOST_TEST_REQUIRE(parsed != nullptr, "XHTML is not well-formed");
    // the <body>: the <head> holds the style sheet, which a reader never sees
    xmlNodePtr body = xmlDocGetRootElement(parsed)->children;
    while (body != nullptr && (body->type != XML_ELEMENT_NODE || xmlStrcmp(body->name, BAD_CAST "body") != 0)) {
        body = body->next;
    }
    BOOST_TEST_REQUIRE(body != nullptr, "XHTML has no body");
    xmlChar* content = xmlNodeGetContent(body);
    std::string text(reinterpret_cast<const char*>(content));
    xmlFree(content);
    xmlFreeDoc(parsed);
    // one space for every run of white space, like a reader's eye
    std::string out;
    bool space = false;
    for (const char ch : text) {
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) {
            out += ' ';
        }
        space = false;
        out += ch;
    }
    return out;
}

void checkDecisionBasics(const ComposedDocument& doc, const std::string& text)
{
    BOOST_TEST(doc.templateId == "beslut");
    BOOST_TEST(!doc.templateVersion.empty());
    BOOST_TEST(!doc.author.empty());
    BOOST_TEST(!contains(text, "{")); // no unfilled MessageFormat argument
    BOOST_TEST(!contains(doc.xhtml, "disable-output-escaping"));
}

void checkSwedishAppeals(const std::string& text)
{
    BOOST_TEST(contains(text, "Steg 1: Överklagande (förvaltningsbesvär)"));
    BOOST_TEST(contains(text, "Steg 2: Laglighetsprövning"));
    BOOST_TEST(contains(text, "skicka eller lämna det till"));
    BOOST_TEST(contains(text, "43 § förvaltningslagen (2017:900)"));
    BOOST_TEST(contains(text, "44 § förvaltningslagen (2017:900)"));
    BOOST_TEST(contains(text, "13 kap. kommunallagen (2017:725)"));
    BOOST_TEST(contains(text, "kommunmedlemmar"));
    BOOST_TEST(contains(text, "anslagstavla"));
    BOOST_TEST(contains(text, "kan bara upphäva beslutet"));
}

} // namespace

BOOST_AUTO_TEST_CASE(templates_carry_id_and_version)
{
    const auto templates = fixture().composer.templates();
    BOOST_TEST(templates.size() == 9u);
    const std::set<std::string> types = {"beslut",   "utredning",       "jobbplan", "kommunicering", "fortsatt",
                                         "rattidsprovning", "yttrande", "avslut",   "slutrapport"};
    for (const auto& info : templates) {
        BOOST_TEST(!info.version.empty());
        BOOST_TEST(types.count(info.id) == 1u, info.id);
    }
}

BOOST_AUTO_TEST_CASE(uvas_decision_2026_cites_sol_2025_400)
{
    const ComposedDocument doc = composeExample("beslut-uvas.xml");
    const std::string text = wellFormedText(doc);
    checkDecisionBasics(doc, text);
    checkSwedishAppeals(text);
    BOOST_TEST(doc.title == "Beslut om särskilt individanpassad stödinsats");
    BOOST_TEST(doc.language == "sv");
    BOOST_TEST(contains(doc.subject, "JT-KISTA-2026-0417"));
    BOOST_TEST(contains(text, "Enligt 11 kap. 1 § socialtjänstlagen (2025:400) avslår vi"));
    BOOST_TEST(contains(text, "Vi prövar din ansökan direkt enligt 11 kap. 4 § socialtjänstlagen (2025:400)"));
    BOOST_TEST(contains(text, "35 kap. 1 § socialtjänstlagen (2025:400)"));
    BOOST_TEST(!contains(text, "2001:453"));
    BOOST_TEST(contains(text, "från och med 1 december 2026 till och med 31 maj 2027"));
    BOOST_TEST(contains(text, "Karin Beslutsdóttir"));
    BOOST_TEST(contains(text, "Arbetsmarknadsnämndens delegationsordning, punkt 4.2"));
    BOOST_TEST(contains(text, "har fattat beslutet med stöd av delegation"));
    BOOST_TEST(contains(text, "Solrosvägen 12 lgh 1103"));
    // anslagstavla 2026-11-24 + 3 weeks = 2026-12-15 (a Tuesday)
    BOOST_TEST(contains(text, "senast den 15 december 2026"));
    BOOST_TEST(contains(text, "sex månader"));
    // UVAS without easyToRead: no lättläst summary
    BOOST_TEST(!contains(text, "lättläst"));
    BOOST_TEST(!contains(doc.title, "Elin"));
}

BOOST_AUTO_TEST_CASE(decision_before_july_2025_cites_sol_2001_453)
{
    if (!exists("beslut-socialpsykiatri-2025-06-30.xml")) {
        BOOST_TEST_MESSAGE("example not there yet");
        return;
    }
    const ComposedDocument doc = composeExample("beslut-socialpsykiatri-2025-06-30.xml");
    const std::string text = wellFormedText(doc);
    checkDecisionBasics(doc, text);
    checkSwedishAppeals(text);
    BOOST_TEST(contains(text, "Enligt 4 kap. 1 § socialtjänstlagen (2001:453) avslår vi"));
    BOOST_TEST(contains(text, "4 kap. 2 § socialtjänstlagen (2001:453)"));
    BOOST_TEST(contains(text, "16 kap. 3 § socialtjänstlagen (2001:453)"));
    BOOST_TEST(!contains(text, "2025:400"));
}

BOOST_AUTO_TEST_CASE(every_decision_example_composes_with_both_routes)
{
    for (const char* name : {"beslut-socialpsykiatri.xml", "beslut-lss-insteg.xml", "beslut-lss-insats.xml",
                             "beslut-kvinnor-30-64.xml", "beslut-lss-insats-avslag.xml", "beslut-uvas.xml"}) {
        if (!exists(name)) {
            BOOST_TEST_MESSAGE(name << " not there yet");
            continue;
        }
        BOOST_TEST_CONTEXT(name)
        {
            const ComposedDocument doc = composeExample(name);
            const std::string text = wellFormedText(doc);
            checkDecisionBasics(doc, text);
            checkSwedishAppeals(text);
            BOOST_TEST(contains(text, "har fattat beslutet med stöd av delegation"));
        }
    }
}

BOOST_AUTO_TEST_CASE(lss_and_socialpsykiatri_get_the_easy_to_read_summary)
{
    for (const char* name : {"beslut-socialpsykiatri.xml", "beslut-lss-insteg.xml", "beslut-lss-insats.xml"}) {
        if (!exists(name)) {
            continue;
        }
        BOOST_TEST_CONTEXT(name)
        {
            const std::string text = wellFormedText(composeExample(name));
            BOOST_TEST(contains(text, "Beslutet i korthet (lättläst)"));
        }
    }
    BOOST_TEST(kansli::compose::wantsEasyToRead("uvas", "true"));
    BOOST_TEST(!kansli::compose::wantsEasyToRead("lss-insats", "false"));
    BOOST_TEST(kansli::compose::wantsEasyToRead("lss-insteg", ""));
    BOOST_TEST(!kansli::compose::wantsEasyToRead("kvinnor-30-64", ""));
}

BOOST_AUTO_TEST_CASE(lss_rejection_tells_about_reapplying_insteg_and_daglig_verksamhet)
{
    if (!exists("beslut-lss-insats-avslag.xml")) {
        return;
    }
    const std::string text = wellFormedText(composeExample("beslut-lss-insats-avslag.xml"));
    BOOST_TEST(contains(text, "Vi avslår ansökan."));
    BOOST_TEST(contains(text, "ansöka på nytt"));
    BOOST_TEST(contains(text, "Insteg"));
    BOOST_TEST(contains(text, "daglig verksamhet"));
    BOOST_TEST(contains(text, "stadsdelsförvaltning"));
    BOOST_TEST(!contains(text, "Villkor för fortsatt insats"));
}

BOOST_AUTO_TEST_CASE(protected_identity_prints_no_address)
{
    if (!exists("beslut-skyddad-identitet.xml")) {
        return;
    }
    const ComposedDocument doc = composeExample("beslut-skyddad-identitet.xml");
    const std::string text = wellFormedText(doc);
    checkDecisionBasics(doc, text);
    BOOST_TEST(contains(text, "Skyddade personuppgifter"));
    BOOST_TEST(contains(text, "Via Skatteverkets förmedlingsuppdrag"));
    // The envelope window holds the name and the forwarding route's postal address (four lines
    // here: c/o, box, postal code and town) — an address the post can deliver — and nothing else:
    // not the note that the identity is protected, which the envelope must not show.
    const auto window = doc.xhtml.find("<div class=\"window\">");
    BOOST_TEST_REQUIRE(window != std::string::npos);
    const std::string windowHtml = doc.xhtml.substr(window, doc.xhtml.find("</div>", window) - window);
    std::size_t paragraphs = 0;
    for (auto at = windowHtml.find("<p"); at != std::string::npos; at = windowHtml.find("<p", at + 1)) {
        ++paragraphs;
    }
    BOOST_TEST(paragraphs == 4u);
    BOOST_TEST(contains(windowHtml, "Exempelbox 123"));
    BOOST_TEST(contains(windowHtml, "123 45"));
    BOOST_TEST(!contains(windowHtml, "Skyddade"));
    BOOST_TEST(!contains(windowHtml, "Via Skatteverkets"));
    BOOST_TEST(!contains(doc.subject, "Noah"));
    BOOST_TEST(!contains(doc.title, "Noah"));
}

// Språklagen (2009:600) 10 §: the Swedish decision is the decision; English follows as a
// translation, marked as one.
BOOST_AUTO_TEST_CASE(english_on_request_is_the_swedish_decision_followed_by_its_translation)
{
    if (!exists("beslut-uvas-en.xml")) {
        return;
    }
    const ComposedDocument doc = composeExample("beslut-uvas-en.xml");
    const std::string text = wellFormedText(doc);
    BOOST_TEST(doc.language == "sv");
    BOOST_TEST(doc.title == "Beslut om särskilt individanpassad stödinsats");
    BOOST_TEST(contains(text, "Hur du överklagar"));
    BOOST_TEST(contains(text, "How to appeal"));
    BOOST_TEST(text.find("Hur du överklagar") < text.find("Translation into English"));
    BOOST_TEST(text.find("Translation into English") < text.find("How to appeal"));
    BOOST_TEST(contains(text, "Step 2: Review of legality (laglighetsprövning)"));
    BOOST_TEST(contains(text, "språklagen (2009:600) 10 §"));
    // The translation's blocks carry its language (the div gives it to them: a tagged PDF puts
    // /Lang on blocks), so the passage is read in English.
    BOOST_TEST(contains(doc.xhtml, "class=\"translation\">"));
    BOOST_TEST(contains(doc.xhtml, "<h2 lang=\"en\">Translation into English</h2>"));
    // One citation form in the translation: the Swedish one, explained once.
    BOOST_TEST(!contains(text, "Section 4 of the Local Government Act)"));
}

BOOST_AUTO_TEST_CASE(language_option_overrides_the_case_file)
{
    const ComposedDocument doc = composeExample("beslut-uvas.xml", {"", "en", ""});
    const std::string text = wellFormedText(doc);
    BOOST_TEST(contains(text, "Under 11 kap. 1 § socialtjänstlagen (2025:400) we reject"));
    BOOST_TEST(contains(text, "From 1 December 2026") == false);
    BOOST_TEST(contains(text, "from 1 December 2026 up to and including 31 May 2027"));
    // restore the Swedish file for the other tests' output
    composeExample("beslut-uvas.xml");
}

BOOST_AUTO_TEST_CASE(investigation_and_job_plan)
{
    if (exists("utredning-uvas.xml")) {
        const ComposedDocument doc = composeExample("utredning-uvas.xml");
        const std::string text = wellFormedText(doc);
        BOOST_TEST(doc.templateId == "utredning");
        BOOST_TEST(contains(text, "Initial bedömning del 2"));
        BOOST_TEST(contains(text, "Samlad bedömning"));
        BOOST_TEST(contains(text, "Information från Arbetsförmedlingen"));
        BOOST_TEST(contains(text, "Förslag till beslut"));
        BOOST_TEST(contains(text, "Folkbokförd i Stockholms stad"));
    }
    // The UVAS decision file carries its investigation too: compose it as an utredning.
    const ComposedDocument doc = composeExample("beslut-uvas.xml", {"utredning", "", ""});
    const std::string text = wellFormedText(doc);
    BOOST_TEST(doc.title == "Sammanfattning av utredningsåtgärder");
    BOOST_TEST(contains(text, "Uppfyllt"));
    BOOST_TEST(contains(text, "Arbetsförmedlingen har 2026-11-10 meddelat"));
    composeExample("beslut-uvas.xml");

    if (exists("jobbplan-uvas.xml")) {
        const ComposedDocument plan = composeExample("jobbplan-uvas.xml");
        const std::string planText = wellFormedText(plan);
        BOOST_TEST(plan.templateId == "jobbplan");
        BOOST_TEST(contains(planText, "Aktiviteter och stöd"));
        BOOST_TEST(contains(planText, "Uppföljning"));
    }
}

BOOST_AUTO_TEST_CASE(caller_text_is_escaped_never_markup)
{
    std::ifstream in(SOURCE + "/examples/beslut-uvas.xml");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string xml = buffer.str();
    const std::string marker = "<p>Du uppfyller";
    const auto at = xml.find(marker);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    xml.insert(at + 3, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt; ");
    LoadResult loaded = fixture().loader.loadMemory(xml);
    BOOST_TEST_REQUIRE(loaded.ok());
    const ComposedDocument doc = fixture().composer.compose(loaded.document.xml());
    BOOST_TEST(!contains(doc.xhtml, "<script"));
    BOOST_TEST(!contains(doc.xhtml, "<b>x"));
    BOOST_TEST(contains(doc.xhtml, "&lt;script&gt;"));
}

// Myndigheternas skrivregler (Språkrådet, 2014), 6.5: a title inside a sentence is written with a
// small letter; an abbreviation keeps its capitals.
BOOST_AUTO_TEST_CASE(decision_makers_title_is_lower_case_inside_the_sentence_but_abbreviations_keep_capitals)
{
    struct Row {
        const char* written;
        const char* inSentence;
    };
    const Row rows[] = {
        {"Biträdande enhetschef", "biträdande enhetschef på"},
        {"Enhetschef", "enhetschef på"},
        {"enhetschef", "enhetschef på"},
        {"LSS-handläggare", "LSS-handläggare på"},
        {"IFO-chef", "IFO-chef på"},
        {"Överförmyndarhandläggare", "överförmyndarhandläggare på"},
        {"Ä", "ä på"},
    };
    std::ifstream in(SOURCE + "/examples/beslut-uvas.xml");
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string original = buffer.str();
    const std::string written = "<title>Biträdande enhetschef</title>";
    BOOST_TEST_REQUIRE(contains(original, written));
    for (const Row& row : rows) {
        BOOST_TEST_CONTEXT("title " << row.written)
        {
            std::string xml = original;
            xml.replace(xml.find(written), written.size(), std::string("<title>") + row.written + "</title>");
            LoadResult loaded = fixture().loader.loadMemory(xml);
            BOOST_TEST_REQUIRE(loaded.ok());
            const std::string text = wellFormedText(fixture().composer.compose(loaded.document.xml()));
            BOOST_TEST(contains(text, std::string(", ") + row.inSentence + " "));
        }
    }
}

BOOST_AUTO_TEST_CASE(unknown_document_type_is_refused)
{
    LoadResult loaded = fixture().loader.loadFile(SOURCE + "/examples/beslut-uvas.xml");
    try {
        fixture().composer.compose(loaded.document.xml(), {"nosuch", "", ""});
        BOOST_FAIL("expected an error");
    } catch (const Error& error) {
        BOOST_TEST(static_cast<int>(error.code()) == static_cast<int>(ErrorCode::UnknownDocument));
    }
}

BOOST_AUTO_TEST_CASE(statute_without_a_row_stops_the_transform)
{
    std::ifstream in(SOURCE + "/examples/beslut-uvas.xml");
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string xml = buffer.str();
    const std::string date = "<date>2026-11-20</date>";
    const auto at = xml.find(date);
    BOOST_TEST_REQUIRE(at != std::string::npos);
    xml.replace(at, date.size(), "<date>2001-06-01</date>"); // before any SoL row
    LoadResult loaded = fixture().loader.loadMemory(xml);
    BOOST_TEST_REQUIRE(loaded.document.valid());
    try {
        fixture().composer.compose(loaded.document.xml());
        BOOST_FAIL("expected an error");
    } catch (const Error& error) {
        BOOST_TEST(static_cast<int>(error.code()) == static_cast<int>(ErrorCode::Template));
        BOOST_TEST(contains(error.publicMessage(), "k:statute"));
        BOOST_TEST(error.location().templateId == "beslut");
        BOOST_TEST(!error.location().templateVersion.empty());
    }
}

BOOST_AUTO_TEST_CASE(concurrent_transforms_share_one_composer)
{
    LoadResult uvas = fixture().loader.loadFile(SOURCE + "/examples/beslut-uvas.xml");
    const std::string expected = fixture().composer.compose(uvas.document.xml()).xhtml;
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 10; ++i) {
                try {
                    if (fixture().composer.compose(uvas.document.xml()).xhtml != expected) {
                        ++mismatches;
                    }
                } catch (...) {
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

namespace {

/// A template directory whose stylesheets try to leave the sandbox.
struct HostileTemplates {
    HostileTemplates() : dir(fs::temp_directory_path() / ("kansli-xsl-" + std::to_string(::getpid())))
    {
        fs::create_directories(dir);
        const std::string head = R"(<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns="http://www.w3.org/1999/xhtml" xmlns:k="urn:se:stockholm:kansli:xslt" xmlns:exsl="http://exslt.org/common"
  extension-element-prefixes="exsl" k:template-id="ID" k:template-version="0.0.1">
<xsl:template match="/"><html><head><title>t</title><meta name="author" content="a"/></head><body>)";
        const std::string tail = "</body></html></xsl:template></xsl:stylesheet>";
        auto write = [&](const std::string& file, const std::string& id, const std::string& body) {
            std::string text = head;
            text.replace(text.find("ID"), 2, id);
            std::ofstream(dir / file) << text << body << tail;
        };
        // document() outside the template directory (a well-formed file, so only the security
        // preferences can refuse it)
        write("beslut.xsl", "beslut",
              "<xsl:value-of select=\"count(document('" + SOURCE + "/templates/schema/case-1.xsd')/*)\"/>");
        // writing a file
        write("utredning.xsl", "utredning",
              R"(<exsl:document href="/tmp/kansli-should-not-exist.txt" method="text">x</exsl:document>)");
        // document() inside the directory is allowed
        write("jobbplan.xsl", "jobbplan", R"X(<xsl:value-of select="count(document('inside.xml')/*)"/>)X");
        std::ofstream(dir / "inside.xml") << "<inside/>";
        // every document type needs its template to compile
        for (const char* id : {"kommunicering", "fortsatt", "rattidsprovning", "yttrande", "avslut", "slutrapport"}) {
            write(std::string(id) + ".xsl", id, "");
        }
    }
    ~HostileTemplates() { fs::remove_all(dir); }
    fs::path dir;
};

} // namespace

BOOST_AUTO_TEST_CASE(transforms_cannot_read_outside_the_xsl_directory_or_write)
{
    HostileTemplates hostile;
    Composer composer(ComposerConfig{hostile.dir.string(), BINARY + "/locales",
                                     std::make_shared<const kansli::law::LawBook>(LawBookReader::read(SOURCE + "/templates/law"))});
    LoadResult loaded = fixture().loader.loadFile(SOURCE + "/examples/beslut-uvas.xml");
    try {
        composer.compose(loaded.document.xml(), {"beslut", "", ""});
        BOOST_FAIL("document() outside the xsl directory was allowed");
    } catch (const Error& error) {
        BOOST_TEST_MESSAGE("refused: " << error.publicMessage() << " / " << error.internalDetail());
        BOOST_TEST(contains(error.internalDetail(), "denied"));
    }
    fs::remove("/tmp/kansli-should-not-exist.txt");
    BOOST_CHECK_THROW(composer.compose(loaded.document.xml(), {"utredning", "", ""}), Error);
    BOOST_TEST(!fs::exists("/tmp/kansli-should-not-exist.txt"));
    const ComposedDocument inside = composer.compose(loaded.document.xml(), {"jobbplan", "", ""});
    BOOST_TEST(contains(inside.xhtml, "<body>1</body>"));
}

BOOST_AUTO_TEST_CASE(a_template_with_a_doctype_is_refused_and_its_entities_never_read)
{
    // A template (reviewed code, but still) must not pull a file into a letter through an
    // external entity: the composer's loader parses without entities and refuses a DOCTYPE.
    const fs::path dir = fs::temp_directory_path() / ("kansli-xsl-doctype-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (const char* file : {"layout.xsl", "utredning.xsl", "jobbplan.xsl"}) {
        fs::copy_file(fs::path(SOURCE) / "xsl" / file, dir / file);
    }
    std::ofstream(dir / "beslut.xsl") << R"(<?xml version="1.0"?>
<!DOCTYPE xsl:stylesheet [ <!ENTITY secret SYSTEM "file:///etc/hostname"> ]>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:k="urn:se:stockholm:kansli:xslt" k:template-id="beslut" k:template-version="6.6.6">
<xsl:template match="/"><html><body>&secret;</body></html></xsl:template></xsl:stylesheet>)";
    try {
        Composer composer(ComposerConfig{dir.string(), BINARY + "/locales",
                                         std::make_shared<const kansli::law::LawBook>(LawBookReader::read(SOURCE + "/templates/law"))});
        BOOST_FAIL("a template with a DOCTYPE compiled");
    } catch (const Error& error) {
        BOOST_TEST((error.code() == kansli::ErrorCode::Template));
        BOOST_TEST(contains(error.publicMessage(), "beslut.xsl"));
    }
    fs::remove_all(dir);
}
