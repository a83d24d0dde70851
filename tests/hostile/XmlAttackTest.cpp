#define BOOST_TEST_DYN_LINK
// Hostile case files over HTTP and the command line: external entities and DTDs (a local
// listener proves no fetch), entity bombs, oversized and lying bodies, deep nesting, bad
// encodings, wrong namespace and root. Each is refused with a 4xx problem+json or exit 1
// naming the problem, well within a generous bound (a hang fails the test, speed does not).

#include "Hostile.h"
#include "Run.h"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace kansli::hostile;
using namespace kansli::test;

namespace {

std::string example()
{
    return readFile(SOURCE + "/examples/beslut-uvas.xml");
}

/// The example with a DOCTYPE after the XML declaration and `reference` as the text of the
/// first <unit> (a field the letter prints).
std::string withDoctype(const std::string& doctype, const std::string& reference)
{
    std::string xml = example();
    const auto declarationEnd = xml.find("?>") + 2;
    xml.insert(declarationEnd, "\n" + doctype);
    const std::string unit = "<unit>Jobbtorg Kista unga</unit>";
    xml.replace(xml.find(unit), unit.size(), "<unit>" + reference + "</unit>");
    return xml;
}

struct Attack {
    std::string name;
    std::string xml;
    int status;              ///< the HTTP status expected
    std::string findingCode; ///< a finding with a code starting so is expected ("" for none)
};

std::vector<Attack> attacks(const Listener& listener)
{
    const std::string bad = SOURCE + "/tests/casefile/bad/";
    std::vector<Attack> list = {
        {"external-file-entity",
         withDoctype("<!DOCTYPE case [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;"), 400, "xml.doctype"},
        {"external-dtd-over-http", withDoctype("<!DOCTYPE case SYSTEM \"" + listener.url("/case.dtd") + "\">", "x"),
         400, "xml.doctype"},
        {"parameter-entity-over-http",
         withDoctype("<!DOCTYPE case [<!ENTITY % ext SYSTEM \"" + listener.url("/ext.dtd") + "\"> %ext;]>", "x"), 400,
         "xml.doctype"},
        {"external-entity-over-http",
         withDoctype("<!DOCTYPE case [<!ENTITY web SYSTEM \"" + listener.url("/web.xml") + "\">]>", "&web;"), 400,
         "xml.doctype"},
        {"xinclude", [] {
             std::string xml = example();
             const std::string unit = "<unit>Jobbtorg Kista unga</unit>";
             xml.replace(xml.find(unit), unit.size(),
                         "<unit><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
                         "href=\"file:///etc/passwd\" parse=\"text\"/></unit>");
             return xml;
         }(),
         422, "schema"},
        {"billion-laughs", readFile(bad + "billion-laughs.xml"), 400, "xml.doctype"},
        {"deep-nesting", readFile(bad + "deep-nesting.xml"), 400, "xml.depth"},
        {"invalid-utf8", readFile(bad + "invalid-utf8.xml"), 400, "xml.utf8"},
        {"latin1-declaration", readFile(bad + "encoding-latin1.xml"), 400, "xml.encoding"},
        {"wrong-namespace", readFile(bad + "wrong-namespace.xml"), 422, "schema.root"},
        {"no-namespace", readFile(bad + "no-namespace.xml"), 422, "schema.root"},
        {"wrong-root", readFile(bad + "wrong-root.xml"), 422, "schema.root"},
    };
    return list;
}

bool leaksPasswd(const std::string& text)
{
    return text.find("root:x:0:0") != std::string::npos || text.find("/bin/bash") != std::string::npos
           || text.find(LISTENER_MARK) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_xml_attacks)

BOOST_AUTO_TEST_CASE(every_attack_is_refused_with_a_problem_and_nothing_is_fetched)
{
    const Listener listener;
    const Server server;
    for (const auto& attack : attacks(listener)) {
        BOOST_TEST_CONTEXT(attack.name)
        {
            for (const std::string path : {"/v1/documents", "/v1/documents?format=html"}) {
                const Reply reply = server.post(path, attack.xml, 30);
                BOOST_TEST(reply.status == attack.status);
                BOOST_TEST(reply.contentType == "application/problem+json");
                BOOST_TEST(reply.body.find("\"code\":\"" + attack.findingCode) != std::string::npos, reply.body);
                BOOST_TEST(!leaksPasswd(reply.body));
            }
            const Reply validated = server.post("/v1/validate", attack.xml, 30);
            BOOST_TEST(validated.status == 200);
            BOOST_TEST(validated.body.find("\"valid\":false") != std::string::npos);
            BOOST_TEST(!leaksPasswd(validated.body));
        }
    }
    BOOST_TEST(listener.connections() == 0);
    // The entity bomb and the rest did not balloon the service (it starts near 60 MB).
    BOOST_TEST(peakRssKb(server.pid()) < 512 * 1024);
    BOOST_TEST(server.post("/v1/documents", example()).status == 200);
}

BOOST_AUTO_TEST_CASE(body_over_the_limit_is_refused_before_it_is_read)
{
    const Server server;
    const std::string auth = "Authorization: Bearer " + TOKEN + "\r\n";

    // A declared size over the limit: refused on the headers alone, while the client still
    // owes almost all of the body (it never sends it).
    const std::string lyingHead = "POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                                  + "Content-Type: application/xml\r\nContent-Length: 104857600\r\n\r\n";
    const Reply lying = rawExchange(server.port(), lyingHead, std::string(64 * 1024, 'x'), 16 * 1024,
                                    std::chrono::seconds(30));
    BOOST_TEST(lying.status == 413);
    BOOST_TEST(lying.contentType == "application/problem+json");
    BOOST_TEST(lying.body.find("payload-too-large") != std::string::npos, lying.body);

    // A small declared size and a larger body: only the declared bytes are read.
    const std::string xml = example();
    const std::string shortHead = "POST /v1/validate HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                                  + "Content-Type: application/xml\r\nContent-Length: 100\r\nConnection: close\r\n\r\n";
    const Reply truncated = rawExchange(server.port(), shortHead, xml, xml.size(), std::chrono::seconds(30));
    BOOST_TEST(truncated.status == 200);
    BOOST_TEST(truncated.body.find("\"valid\":false") != std::string::npos);

    // Chunked, no length declared: 3 MB of chunks and no last chunk. The service stops reading
    // at the limit and answers; were it waiting for the whole body, this would time out.
    std::string chunks;
    const std::string chunk(32 * 1024, 'x');
    while (chunks.size() < 3u * 1024 * 1024)
        chunks += "8000\r\n" + chunk + "\r\n";
    const std::string chunkedHead = "POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth
                                    + "Content-Type: application/xml\r\nTransfer-Encoding: chunked\r\n\r\n";
    const Reply chunked = rawExchange(server.port(), chunkedHead, chunks, 64 * 1024, std::chrono::seconds(30));
    BOOST_TEST(chunked.status == 413);
    BOOST_TEST(chunked.body.find("payload-too-large") != std::string::npos, chunked.body);

    BOOST_TEST(peakRssKb(server.pid()) < 512 * 1024);
    BOOST_TEST(server.post("/v1/documents", example()).status == 200);
}

BOOST_AUTO_TEST_CASE(markup_in_case_data_is_printed_as_text_and_fetches_nothing)
{
    const Listener listener;
    const Server server;
    const std::string markup = "<iframe src=\"" + listener.url("/frame") + "\"></iframe>"
                               + "<img src=\"file:///etc/passwd\"/><img src=\"" + listener.url("/img.png") + "\"/>"
                               + "<script>document.write('SCRIPT-RAN')</script>";
    std::string escaped;
    for (char c : markup)
        escaped += c == '<' ? std::string("&lt;") : c == '>' ? std::string("&gt;") : c == '&' ? std::string("&amp;")
                                                                                                : std::string(1, c);
    std::string xml = example();
    // In a motivation paragraph: running text (a fixed box such as the letterhead would refuse
    // this much text as layout.letterhead-overflow before the engine saw it).
    const std::string paragraph = "<motivation><p>";
    xml.insert(xml.find(paragraph) + paragraph.size(), escaped + " ");

    const Reply html = server.post("/v1/documents?format=html", xml);
    BOOST_TEST_REQUIRE(html.status == 200, html.body.substr(0, 300));
    BOOST_TEST(html.body.find("&lt;iframe") != std::string::npos); // escaped, not markup
    BOOST_TEST(html.body.find("<iframe") == std::string::npos);
    BOOST_TEST(html.body.find("<script") == std::string::npos);

    const Reply pdf = server.post("/v1/documents", xml);
    BOOST_TEST_REQUIRE(pdf.status == 200, pdf.body.substr(0, 300));
    const std::string text = pdfText(pdf.body);
    BOOST_TEST(text.find("<iframe") != std::string::npos); // the caller's text, printed as text
    BOOST_TEST(!leaksPasswd(text));
    // A script that ran would be proved by the engine test (engine_sandbox), where it is markup.
    BOOST_TEST(listener.connections() == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(cli_xml_attacks)

BOOST_AUTO_TEST_CASE(every_attack_exits_1_naming_the_problem_and_writes_nothing)
{
    const Listener listener;
    const std::string dir = makeTempDir("kansli-hostile-cli");
    auto all = attacks(listener);
    all.push_back({"over-the-limit", example() + std::string(3 * 1024 * 1024, ' '), 413, "xml.too-large"});
    for (const auto& attack : all) {
        BOOST_TEST_CONTEXT(attack.name)
        {
            const std::string input = dir + "/" + attack.name + ".xml";
            const std::string output = dir + "/" + attack.name + ".pdf";
            writeFile(input, attack.xml);
            const RunResult validated = run(KANSLI, {"validate", input});
            BOOST_TEST(validated.exitCode == 65);
            BOOST_TEST((validated.out + validated.err).find(": " + attack.findingCode) != std::string::npos,
                       validated.out + validated.err);
            BOOST_TEST(!leaksPasswd(validated.out + validated.err));
            const RunResult rendered = run(KANSLI, {"render", input, "-o", output});
            BOOST_TEST(rendered.exitCode == 65);
            BOOST_TEST(!std::filesystem::exists(output));
            BOOST_TEST(!leaksPasswd(rendered.out + rendered.err));
        }
    }
    BOOST_TEST(listener.connections() == 0);
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
