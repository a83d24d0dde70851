#define BOOST_TEST_DYN_LINK
// Batches as the central print service sends them: POST /v1/batches (multipart or ZIP) to real
// `kansli serve` processes sharing one audit database (an SQLite file, and PostgreSQL when the
// test run started one), progress and results, the letters as a ZIP and the print file. Every
// letter made in a group is compared with the same case file made alone: same pages, same text.

#include "Databases.h"
#include "Run.h"
#include "Service.h"

#include "audit/AuditTrail.h"
#include "render/Sha256.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Path.h>
#include <Poco/StreamCopier.h>
#include <Poco/Zip/Compress.h>
#include <Poco/Zip/Decompress.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

using namespace kansli;
using namespace kansli::test;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;

struct TempDir {
    std::string path = makeTempDir("kansli-batch");
    ~TempDir() { Poco::File(path).remove(true); }
};

Poco::Process::Env nodeEnv(const std::string& database, const std::string& workers = "1",
                           const std::map<std::string, std::string>& more = {})
{
    Poco::Process::Env env{{"KANSLI_AUDIT_DATABASE", database}, {"KANSLI_RENDER_WORKERS", "1"},
                           {"KANSLI_RENDER_TAGGED_WORKERS", "0"}, {"KANSLI_BATCH_WORKERS", workers},
                           {"KANSLI_BATCH_POLL_MS", "50"}};
    env.insert(more.begin(), more.end());
    return env;
}

/// A ZIP of (name, bytes) in order.
std::string zipOf(const std::vector<std::pair<std::string, std::string>>& files)
{
    std::ostringstream out;
    Poco::Zip::Compress compress(out, true);
    for (const auto& [name, bytes] : files) {
        std::istringstream in(bytes);
        compress.addFile(in, Poco::DateTime(), Poco::Path(name));
    }
    compress.close();
    return out.str();
}

/// A multipart/form-data body with one file part per case file.
std::string multipartOf(const std::vector<std::pair<std::string, std::string>>& files, const std::string& boundary)
{
    std::string body;
    for (const auto& [name, bytes] : files) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"case\"; filename=\"" + name
                + "\"\r\nContent-Type: application/xml\r\n\r\n" + bytes + "\r\n";
    }
    return body + "--" + boundary + "--\r\n";
}

/// Polls the batch until it is finished (or 120 s pass).
Poco::JSON::Object::Ptr waitFinished(unsigned short port, const std::string& id)
{
    Poco::JSON::Object::Ptr state;
    for (int i = 0; i < 1200; ++i) {
        const Reply r = send(port, "GET", "/v1/batches/" + id);
        if (r.status == 200) {
            state = json(r.body);
            if (state->getValue<std::string>("state") == "finished") {
                return state;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return state;
}

std::string pageText(const std::string& pdfPath, int page)
{
    const RunResult r = run("pdftotext", {"-f", std::to_string(page), "-l", std::to_string(page), "-layout", pdfPath, "-"});
    return collapseWhitespace(r.out);
}

int pagesOf(const std::string& pdfPath)
{
    const RunResult r = run("pdfinfo", {pdfPath});
    std::smatch m;
    return std::regex_search(r.out, m, std::regex("Pages:\\s+(\\d+)")) ? std::stoi(m[1]) : -1;
}

/// The example letters the first engine makes (the accessible and reader-language ones need the
/// second engine) and a job plan of 30 activities, whose table continues over pages.
std::vector<std::pair<std::string, std::string>> family()
{
    std::vector<std::pair<std::string, std::string>> files;
    for (const char* name : {"beslut-uvas", "beslut-uvas-en", "beslut-kvinnor-30-64", "beslut-lss-insats",
                             "beslut-lss-insats-avslag", "beslut-lss-insteg", "beslut-skyddad-identitet",
                             "beslut-socialpsykiatri", "utredning-uvas", "jobbplan-uvas", "kommunicering-lss-insats",
                             "fortsatt-uvas", "avslut-uvas", "slutrapport-lss-insats", "yttrande-uvas",
                             "rattidsprovning-i-tid", "beslut-uvas"}) {
        files.emplace_back(std::string(name) + ".xml", readFile(SOURCE + "/examples/" + name + ".xml"));
    }
    std::string plan = readFile(SOURCE + "/examples/jobbplan-uvas.xml");
    const std::regex activityRe("<activity>[\\s\\S]*?</activity>");
    std::smatch m;
    if (std::regex_search(plan, m, activityRe)) {
        std::string many;
        for (int i = 0; i < 30; ++i) {
            many += m.str(0);
        }
        plan = std::regex_replace(plan, std::regex("<activities>[\\s\\S]*?</activities>"), "<activities>" + many + "</activities>");
    }
    files.emplace_back("jobbplan-30.xml", plan);
    return files;
}

/// Receives the webhook's calls.
struct Webhook {
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> calls; // signature, body

    struct Handler : Poco::Net::HTTPRequestHandler {
        Webhook& hook;
        explicit Handler(Webhook& h) : hook(h) { }
        void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override
        {
            std::string body;
            Poco::StreamCopier::copyToString(request.stream(), body);
            {
                const std::lock_guard<std::mutex> lock(hook.mutex);
                hook.calls.emplace_back(request.get("X-Kansli-Signature", ""), body);
            }
            response.setStatus(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
            response.send();
        }
    };
    struct Factory : Poco::Net::HTTPRequestHandlerFactory {
        Webhook& hook;
        explicit Factory(Webhook& h) : hook(h) { }
        Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override
        {
            return new Handler(hook);
        }
    };
};

} // namespace

BOOST_AUTO_TEST_SUITE(BatchTest)

BOOST_AUTO_TEST_CASE(a_batch_gives_every_letter_with_the_pages_and_text_of_the_letter_made_alone)
{
    TempDir dir;
    const auto files = family();
    for (const auto& db : databases(dir.path)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            Webhook hook;
            Poco::Net::ServerSocket hookSocket(Poco::Net::SocketAddress("127.0.0.1", 0));
            Poco::Net::HTTPServer hookServer(new Webhook::Factory(hook), hookSocket, new Poco::Net::HTTPServerParams);
            hookServer.start();
            const std::string secret = "batch-webhook-secret-0001";
            const Server node(nodeEnv(db->uri, "1",
                                      {{"KANSLI_BATCH_WEBHOOK_URL",
                                        "http://127.0.0.1:" + std::to_string(hookSocket.address().port()) + "/done"},
                                       {"KANSLI_BATCH_WEBHOOK_SECRET", secret}}));
            // The family as a ZIP, with one file that is not a case file at all. A ZIP's letters
            // come in the order of their names.
            auto withBad = files;
            withBad.insert(withBad.begin() + 3, {"trasig.xml", "<case><oops></case>"});
            for (std::size_t i = 0; i < withBad.size(); ++i) {
                char prefix[32];
                std::snprintf(prefix, sizeof prefix, "%02zu-", i);
                withBad[i].first = prefix + withBad[i].first;
            }
            const Reply accepted = send(node.port, "POST", "/v1/batches", zipOf(withBad), {}, "application/zip");
            BOOST_TEST_REQUIRE(accepted.status == 202, accepted.body);
            const std::string id = json(accepted.body)->getValue<std::string>("id");
            BOOST_TEST(accepted.response.get("Location") == "/v1/batches/" + id);
            BOOST_TEST(json(accepted.body)->getValue<int>("letters") == static_cast<int>(withBad.size()));

            const auto finished = waitFinished(node.port, id);
            BOOST_TEST_REQUIRE(finished->getValue<std::string>("state") == "finished");
            BOOST_TEST(finished->getValue<int>("made") == static_cast<int>(files.size()));
            BOOST_TEST(finished->getValue<int>("refused") == 1);
            const auto results = finished->getArray("results");
            BOOST_TEST_REQUIRE(results->size() == withBad.size());
            const auto bad = results->getObject(3);
            BOOST_TEST(bad->getValue<std::string>("state") == "refused");
            BOOST_TEST(bad->getValue<std::string>("code") == "xml-malformed");
            BOOST_TEST(bad->getArray("findings")->getObject(0)->getValue<int>("line") == 1);

            // The letters and the print file.
            const Reply zip = send(node.port, "GET", "/v1/batches/" + id + "/letters.zip");
            BOOST_TEST_REQUIRE(zip.status == 200);
            BOOST_TEST(zip.contentType == "application/zip");
            const std::string unpacked = dir.path + "/letters-" + db->name;
            std::istringstream zipIn(zip.body);
            Poco::Zip::Decompress(zipIn, Poco::Path(unpacked + "/")).decompressAllFiles();
            const Reply print = send(node.port, "GET", "/v1/batches/" + id + "/print.pdf");
            BOOST_TEST_REQUIRE(print.status == 200);
            writeFile(dir.path + "/print.pdf", print.body);

            const auto trail = audit::AuditTrail::openForReading(db->uri);
            int printPages = 0;
            for (std::size_t i = 0; i < withBad.size(); ++i) {
                if (i == 3) {
                    continue;
                }
                const auto r = results->getObject(static_cast<unsigned>(i));
                const std::string& name = withBad[i].first;
                BOOST_TEST_CONTEXT(name)
                {
                    BOOST_TEST_REQUIRE(r->getValue<std::string>("state") == "made");
                    char number[32];
                    std::snprintf(number, sizeof number, "%04zu", i + 1);
                    const std::string letterPath = unpacked + "/" + number + "-" + Poco::Path(name).getBaseName() + ".pdf";
                    const std::string letter = readFile(letterPath);
                    // Its hash and audit record.
                    BOOST_TEST(render::sha256Hex(letter) == r->getValue<std::string>("sha256"));
                    const auto record = trail->findById(r->getValue<std::string>("documentId"));
                    BOOST_TEST_REQUIRE(record.has_value());
                    BOOST_TEST(record->outputSha256 == r->getValue<std::string>("sha256"));
                    BOOST_TEST(record->inputSha256 == render::sha256Hex(withBad[i].second));
                    // The same case file made alone: the same pages, each with the same text.
                    const Reply alone = node.request("POST", "/v1/documents", withBad[i].second);
                    BOOST_TEST_REQUIRE(alone.status == 200);
                    const std::string alonePath = dir.path + "/alone.pdf";
                    writeFile(alonePath, alone.body);
                    const int pages = pagesOf(letterPath);
                    BOOST_TEST(pages == pagesOf(alonePath));
                    BOOST_TEST(pages == r->getValue<int>("pages"));
                    for (int p = 1; p <= pages; ++p) {
                        BOOST_TEST(pageText(letterPath, p) == pageText(alonePath, p), "page " << p);
                        // ... and where the print file says it is.
                        BOOST_TEST(pageText(dir.path + "/print.pdf", r->getValue<int>("printFirstPage") + p - 1)
                                   == pageText(alonePath, p));
                    }
                    // PDF/A as the letter alone (decisions and letters sent out).
                    BOOST_TEST((letter.find("pdfaid:part") != std::string::npos)
                               == (alone.body.find("pdfaid:part") != std::string::npos));
                    printPages += pages;
                }
            }
            BOOST_TEST(pagesOf(dir.path + "/print.pdf") == printPages);
            // Most were laid out in groups; the 30-activity plan alone after its group's layout
            // showed its table continuing (the letters of one template are grouped together).
            const std::string metrics = node.request("GET", "/metrics").body;
            std::smatch grouped;
            BOOST_TEST_REQUIRE(std::regex_search(metrics, grouped, std::regex("kansli_batch_letters_total\\{path=\"grouped\"\\} (\\d+)")));
            BOOST_TEST(std::stoi(grouped[1]) >= 4);
            std::smatch alone;
            BOOST_TEST_REQUIRE(std::regex_search(metrics, alone, std::regex("kansli_batch_letters_total\\{path=\"alone\"\\} (\\d+)")));
            BOOST_TEST(std::stoi(alone[1]) >= 1);

            // The webhook was called once, signed with the shared secret (checked with openssl).
            for (int i = 0; i < 50 && hook.calls.empty(); ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            {
                const std::lock_guard<std::mutex> lock(hook.mutex);
                BOOST_TEST_REQUIRE(hook.calls.size() == 1u);
                BOOST_TEST(json(hook.calls.front().second)->getValue<std::string>("batch") == id);
                writeFile(dir.path + "/hook.json", hook.calls.front().second);
                const RunResult mac = run("openssl", {"dgst", "-sha256", "-hmac", secret, "-r", dir.path + "/hook.json"});
                BOOST_TEST(hook.calls.front().first == "sha256=" + mac.out.substr(0, 64));
            }
            hookServer.stop();

            // An unknown batch is not found (another caller's neither: audit BatchQueue tests).
            BOOST_TEST(send(node.port, "GET", "/v1/batches/00000000-0000-0000-0000-000000000000").status == 404);
        }
    }
}

BOOST_AUTO_TEST_CASE(any_node_finishes_a_batch_and_a_node_that_dies_loses_nothing)
{
    TempDir dir;
    std::vector<std::pair<std::string, std::string>> files;
    for (int i = 0; i < 24; ++i) {
        files.emplace_back("beslut-" + std::to_string(i) + ".xml", readFile(SOURCE + "/examples/beslut-uvas.xml"));
    }
    for (const auto& db : databases(dir.path)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            // A node that takes batches but makes no letters: the batch waits (409 for its letters).
            const Server front(nodeEnv(db->uri, "0"));
            const std::string boundary = "kansli-test-boundary-7d3f";
            const Reply accepted = send(front.port, "POST", "/v1/batches", multipartOf(files, boundary), {},
                                        "multipart/form-data; boundary=" + boundary);
            BOOST_TEST_REQUIRE(accepted.status == 202, accepted.body);
            const std::string id = json(accepted.body)->getValue<std::string>("id");
            BOOST_TEST(send(front.port, "GET", "/v1/batches/" + id + "/letters.zip").status == 409);
            BOOST_TEST(json(send(front.port, "GET", "/v1/batches/" + id).body)->getValue<std::string>("state") == "queued");

            // A worker node starts on it a few letters at a time and dies (SIGKILL) part-way.
            auto worker = std::make_unique<Server>(
                nodeEnv(db->uri, "1", {{"KANSLI_BATCH_GROUP_SIZE", "2"}, {"KANSLI_BATCH_LEASE_MS", "1500"}}));
            for (int i = 0; i < 300; ++i) {
                const auto state = json(send(front.port, "GET", "/v1/batches/" + id).body);
                if (state->getValue<int>("made") >= 4) {
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            worker->kill();
            const auto part = json(send(front.port, "GET", "/v1/batches/" + id).body);
            BOOST_TEST(part->getValue<std::string>("state") == "working");
            BOOST_TEST(part->getValue<int>("made") < static_cast<int>(files.size()));

            // Another node takes over, the dead node's leases included once they run out.
            const Server other(nodeEnv(db->uri, "1", {{"KANSLI_BATCH_LEASE_MS", "1500"}}));
            const auto finished = waitFinished(front.port, id);
            BOOST_TEST_REQUIRE(finished->getValue<std::string>("state") == "finished");
            BOOST_TEST(finished->getValue<int>("made") == static_cast<int>(files.size()));
            const auto trail = audit::AuditTrail::openForReading(db->uri);
            std::set<std::string> ids;
            for (unsigned i = 0; i < files.size(); ++i) {
                const auto r = finished->getArray("results")->getObject(i);
                BOOST_TEST_REQUIRE(r->getValue<std::string>("state") == "made");
                BOOST_TEST(trail->findById(r->getValue<std::string>("documentId")).has_value());
                ids.insert(r->getValue<std::string>("documentId"));
            }
            BOOST_TEST(ids.size() == files.size());
            // The records of letters the dead node made but could not hand in are true records
            // of letters never given out: at most its last group (two letters).
            BOOST_TEST(trail->count() >= files.size());
            BOOST_TEST(trail->count() <= files.size() + 2);
            const Reply zip = send(front.port, "GET", "/v1/batches/" + id + "/letters.zip");
            BOOST_TEST(zip.status == 200);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_batch_body_is_refused_with_a_named_reason)
{
    TempDir dir;
    const Server node(nodeEnv(dir.path + "/audit.sqlite", "1",
                              {{"KANSLI_BATCH_MAX_LETTERS", "3"}, {"KANSLI_BATCH_MAX_BYTES", "200000"}}));
    const std::string example = readFile(SOURCE + "/examples/beslut-uvas.xml");
    // Not multipart, not a ZIP.
    BOOST_TEST(send(node.port, "POST", "/v1/batches", example, {}, "application/xml").status == 415);
    // A ZIP that is not one; a ZIP without case files.
    BOOST_TEST(send(node.port, "POST", "/v1/batches", "PK\x03\x04 not really", {}, "application/zip").status == 400);
    BOOST_TEST(send(node.port, "POST", "/v1/batches", zipOf({{"readme.txt", "hej"}}), {}, "application/zip").status == 400);
    // More letters than allowed; a body over the limit.
    const std::vector<std::pair<std::string, std::string>> four
        = {{"a.xml", example}, {"b.xml", example}, {"c.xml", example}, {"d.xml", example}};
    const Reply tooMany = send(node.port, "POST", "/v1/batches", zipOf(four), {}, "application/zip");
    BOOST_TEST(tooMany.status == 413);
    BOOST_TEST(tooMany.body.find("kansli.batch.maxLetters") != std::string::npos);
    BOOST_TEST(send(node.port, "POST", "/v1/batches", std::string(300000, 'x'), {}, "application/zip").status == 413);
    // A ZIP entry that inflates beyond a case file's limit (2 MiB of one byte, a few KB packed).
    const Reply bomb = send(node.port, "POST", "/v1/batches", zipOf({{"big.xml", std::string(3u << 20, ' ')}}), {},
                            "application/zip");
    BOOST_TEST(bomb.status == 413);
    // The service is still there and takes a good batch.
    const Reply good = send(node.port, "POST", "/v1/batches", zipOf({{"a.xml", example}}), {}, "application/zip");
    BOOST_TEST(good.status == 202);
    // Paths that are not a batch's.
    BOOST_TEST(send(node.port, "GET", "/v1/batches/../../etc/passwd").status == 404);
    BOOST_TEST(send(node.port, "GET", "/v1/batches/" + json(good.body)->getValue<std::string>("id") + "/other").status
               == 404);
}

// The webhook over TLS: a certificate authority and a server certificate for "localhost" made
// with openssl for the test, the webhook served by Poco over TLS. A node that trusts that
// authority (kansli.batch.webhookCaFile) calls it, signed; a node that trusts another authority,
// or is given an address the certificate does not name, does not: the batch finishes all the
// same and no call arrives.
BOOST_AUTO_TEST_CASE(an_https_webhook_is_called_only_over_a_verified_connection)
{
    TempDir dir;
    const auto openssl = [&](const std::vector<std::string>& args) {
        const RunResult r = run("openssl", args);
        BOOST_TEST_REQUIRE(r.exitCode == 0, r.err);
    };
    for (const std::string ca : {"ca", "other-ca"}) {
        openssl({"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=kansli test " + ca,
                 "-keyout", dir.path + "/" + ca + ".key", "-out", dir.path + "/" + ca + ".pem"});
    }
    writeFile(dir.path + "/server.ext", "subjectAltName=DNS:localhost\n");
    openssl({"req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", dir.path + "/server.key",
             "-out", dir.path + "/server.csr"});
    openssl({"x509", "-req", "-days", "1", "-in", dir.path + "/server.csr", "-CA", dir.path + "/ca.pem", "-CAkey",
             dir.path + "/ca.key", "-CAcreateserial", "-extfile", dir.path + "/server.ext", "-out", dir.path + "/server.pem"});

    Poco::Net::initializeSSL();
    Poco::Net::Context::Ptr tls = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, dir.path + "/server.key",
                                                         dir.path + "/server.pem", "", Poco::Net::Context::VERIFY_NONE);
    Webhook hook;
    Poco::Net::SecureServerSocket hookSocket(Poco::Net::SocketAddress("127.0.0.1", 0), 64, tls);
    Poco::Net::HTTPServer hookServer(new Webhook::Factory(hook), hookSocket, new Poco::Net::HTTPServerParams);
    hookServer.start();
    const std::string port = std::to_string(hookSocket.address().port());
    const std::string secret = "batch-webhook-secret-0002";
    const std::vector<std::pair<std::string, std::string>> letters = {
        {"beslut.xml", readFile(SOURCE + "/examples/beslut-uvas.xml")}};

    const struct {
        const char* what;
        std::string ca;   ///< the authority the node trusts
        std::string host; ///< in the webhook's URL
        bool called;
    } rows[] = {
        {"the certificate's authority and name", "ca", "localhost", true},
        {"another authority", "other-ca", "localhost", false},
        {"a name the certificate does not hold", "ca", "127.0.0.1", false},
    };
    int n = 0;
    for (const auto& row : rows) {
        const std::string ca = row.ca;
        BOOST_TEST_CONTEXT(row.what)
        {
            const Server node(nodeEnv(dir.path + "/audit-" + std::to_string(++n) + ".sqlite", "1",
                                      {{"KANSLI_BATCH_WEBHOOK_URL", "https://" + row.host + ":" + port + "/done"},
                                       {"KANSLI_BATCH_WEBHOOK_SECRET", secret},
                                       {"KANSLI_BATCH_WEBHOOK_CA_FILE", dir.path + "/" + ca + ".pem"}}));
            const Reply accepted = send(node.port, "POST", "/v1/batches", zipOf(letters), {}, "application/zip");
            BOOST_TEST_REQUIRE(accepted.status == 202, accepted.body);
            const std::string id = json(accepted.body)->getValue<std::string>("id");
            BOOST_TEST_REQUIRE(waitFinished(node.port, id)->getValue<std::string>("state") == "finished");
            // The call, if any, follows the batch's finishing at once; wait for it a while.
            for (int i = 0; i < 30; ++i) {
                {
                    const std::lock_guard<std::mutex> lock(hook.mutex);
                    if (!hook.calls.empty()) {
                        break;
                    }
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            const std::lock_guard<std::mutex> lock(hook.mutex);
            if (row.called) {
                BOOST_TEST_REQUIRE(hook.calls.size() == 1u);
                BOOST_TEST(json(hook.calls.front().second)->getValue<std::string>("batch") == id);
                writeFile(dir.path + "/hook.json", hook.calls.front().second);
                const RunResult mac = run("openssl", {"dgst", "-sha256", "-hmac", secret, "-r", dir.path + "/hook.json"});
                BOOST_TEST(hook.calls.front().first == "sha256=" + mac.out.substr(0, 64));
                hook.calls.clear();
            } else {
                BOOST_TEST(hook.calls.empty(), "a webhook was called over a connection the node could not verify");
            }
        }
    }
    hookServer.stop();
}

BOOST_AUTO_TEST_SUITE_END()
