#define BOOST_TEST_DYN_LINK
// The API against the real server process: every route of docs/openapi.yaml with its role, 401
// and 403, the audit trail (recorded before the answer, verify, a read-only database fails
// loudly), and the logs and the audit database free of personal data.

#include "http/Router.h"

#include "Run.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetworkInterface.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <regex>
#include <thread>
#include <tuple>

#include <sys/stat.h>

using namespace kansli;
using namespace kansli::test;
using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;
const std::string KANSLI = KANSLI_BINARY;

const std::string SYSTEM_TOKEN = "test-case-system-token-0001";
const std::string WORKER_TOKEN = "test-caseworker-token-0002";
const std::string LEGAL_TOKEN = "test-legal-token-000000003";
const std::string TOKENS
    = "case-sys:case-system:" + SYSTEM_TOKEN + ",worker:caseworker:" + WORKER_TOKEN + ",lawyer:legal:" + LEGAL_TOKEN;

struct TempDir {
    std::string path = makeTempDir("kansli-api");
    ~TempDir()
    {
        ::chmod((path + "/var").c_str(), 0755);
        Poco::File(path).remove(true);
    }
};

struct Reply {
    int status = 0;
    std::string contentType;
    std::string body;
    HTTPResponse response;
};

/// The server with its stderr in `log`, its audit database in `dir/var/`, and the test tokens.
struct Server {
    const std::string& dir;
    std::string config = dir + "/kansli.properties";
    std::string log = dir + "/server.log";
    unsigned short port = freePort();
    std::string host = "127.0.0.1"; ///< where request() connects
    std::unique_ptr<Poco::ProcessHandle> handle;

    explicit Server(const std::string& directory, const std::string& extraConfig = {})
        : dir(directory)
    {
        writeFile(
            config, "kansli.audit.database = " + dir + "/var/audit.sqlite\nkansli.render.workers = 1\n" + extraConfig);
        handle = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch("/bin/sh",
            {"-c", "exec \"$0\" serve --port \"$1\" --config \"$2\" 2>>\"$3\"", KANSLI, std::to_string(port), config,
                log},
            std::string(), nullptr, nullptr, nullptr, Poco::Process::Env{{"KANSLI_TOKENS", TOKENS}}));
        for (int i = 0; i < 150; ++i) {
            try {
                if (request("GET", "/healthz", {}, SYSTEM_TOKEN).status == 200) {
                    return;
                }
            } catch (const Poco::Exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        throw std::runtime_error("the service did not start: " + readFile(log));
    }

    ~Server()
    {
        Poco::Process::requestTermination(handle->id());
        handle->wait();
    }

    Reply request(const std::string& method, const std::string& path, const std::string& body, const std::string& token,
        const std::string& authorization = {}, const std::string& acceptLanguage = {},
        const std::string& contentType = "application/xml") const
    {
        Poco::Net::HTTPClientSession session(host, port);
        session.setTimeout(Poco::Timespan(60, 0));
        HTTPRequest req(method, path, HTTPRequest::HTTP_1_1);
        if (!acceptLanguage.empty()) {
            req.set("Accept-Language", acceptLanguage);
        }
        if (!token.empty()) {
            req.set("Authorization", "Bearer " + token);
        } else if (!authorization.empty()) {
            req.set("Authorization", authorization);
        }
        if (method == "POST") {
            req.setContentType(contentType);
            req.setContentLength(static_cast<std::streamsize>(body.size()));
            session.sendRequest(req) << body;
        } else {
            session.sendRequest(req);
        }
        Reply reply;
        std::istream& in = session.receiveResponse(reply.response);
        Poco::StreamCopier::copyToString(in, reply.body);
        reply.status = static_cast<int>(reply.response.getStatus());
        reply.contentType = reply.response.getContentType();
        return reply;
    }
};

Poco::JSON::Object::Ptr json(const std::string& text)
{
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

std::string example()
{
    return readFile(SOURCE + "/examples/beslut-uvas.xml");
}

/// A token whose role the route allows; empty for probes.
std::string tokenFor(const http::Access& access)
{
    if (access.isProbe() || access.isOpen()) {
        return {};
    }
    if (access.allows(http::Role::CaseSystem)) {
        return SYSTEM_TOKEN;
    }
    return access.allows(http::Role::Caseworker) ? WORKER_TOKEN : LEGAL_TOKEN;
}

/// A preview file that exists, or a name that would be served if it did.
std::string previewFile()
{
    const std::string dir = SOURCE + http::Router::PREVIEW_DIR;
    if (Poco::File(dir).exists()) {
        std::vector<std::string> names;
        Poco::File(dir).list(names);
        for (const auto& name : names) {
            if (name != http::Router::PREVIEW_PAGE && !http::Router::previewContentType(name).empty()) {
                return name;
            }
        }
    }
    return "preview.js";
}

/// The applicant's name, personnummer (both forms) and street, read from the example.
std::vector<std::string> personalData()
{
    const std::string xml = example();
    std::vector<std::string> values;
    const std::regex element("<(givenName|familyName|personnummer|street)>([^<]+)</");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), element); it != std::sregex_iterator(); ++it) {
        const std::string value = (*it)[2].str();
        values.push_back(value);
        if ((*it)[1].str() == "personnummer") {
            std::string digits;
            for (char c : value) {
                if (c >= '0' && c <= '9') {
                    digits += c;
                }
            }
            values.push_back(digits);
            values.push_back(digits.substr(2));
        }
    }
    return values;
}

RunResult verify(const std::string& config, const std::string& file)
{
    return run(KANSLI, {"audit", "verify", file, "--config", config});
}

} // namespace

BOOST_AUTO_TEST_SUITE(ApiTest)

BOOST_AUTO_TEST_CASE(every_documented_route_answers_its_role)
{
    TempDir dir;
    const Server server(dir.path);
    const std::string preview = previewFile();
    // A batch of one letter, finished, for the batch routes.
    const std::string boundary = "api-test-boundary";
    const std::string batchBody = "--" + boundary
                                  + "\r\nContent-Disposition: form-data; name=\"case\"; filename=\"a.xml\"\r\n\r\n"
                                  + example() + "\r\n--" + boundary + "--\r\n";
    const std::string multipart = "multipart/form-data; boundary=" + boundary;
    const Reply batch = server.request("POST", "/v1/batches", batchBody, SYSTEM_TOKEN, {}, {}, multipart);
    BOOST_TEST_REQUIRE(batch.status == 202, batch.body);
    const std::string batchId = json(batch.body)->getValue<std::string>("id");
    for (int i = 0; i < 600; ++i) {
        if (json(server.request("GET", "/v1/batches/" + batchId, "", SYSTEM_TOKEN).body)->getValue<std::string>("state")
            == "finished") {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (const auto& route : http::Router::routes()) {
        BOOST_TEST_CONTEXT(route.method << " " << route.path)
        {
            std::string path = route.path;
            if (path == "/preview/{file}") {
                path = "/preview/" + preview;
            }
            if (path == "/problems/{code}") {
                path = "/problems/schema-invalid";
            }
            if (const std::size_t id = path.find("{id}"); id != std::string::npos) {
                path.replace(id, 4, batchId);
            }
            const bool batches = path == "/v1/batches";
            const Reply reply = server.request(route.method, path,
                                               route.method == "POST" ? (batches ? batchBody : example()) : "",
                                               tokenFor(route.access), {}, {}, batches ? multipart : "application/xml");
            const bool previewMissing = path.rfind("/preview", 0) == 0
                && !Poco::File(
                    SOURCE + http::Router::PREVIEW_DIR + (path == "/preview" ? http::Router::PREVIEW_PAGE : preview))
                        .exists();
            BOOST_TEST(reply.status == (previewMissing ? 404 : batches ? 202 : 200), reply.body.substr(0, 300));
            BOOST_TEST(!reply.response.get("X-Request-Id", "").empty());
            if (route.access.isOpen()) {
                // the preview page holds no case data: it loads without a token
                BOOST_TEST(server.request(route.method, path, "", "").status == reply.status);
            } else if (!route.access.isProbe()) {
                // and nobody gets in without a token
                BOOST_TEST(server.request(route.method, path, "<case/>", "").status == 401);
            }
        }
    }
    const Reply templates = server.request("GET", "/v1/templates", "", LEGAL_TOKEN);
    const auto report = json(templates.body);
    BOOST_TEST(report->getArray("templates")->size() >= 3u);
    BOOST_TEST(!report->getObject("statutes")->getValue<std::string>("version").empty());
    BOOST_TEST(report->getObject("statutes")->getArray("rows")->getObject(0)->has("validFrom"));
    BOOST_TEST(report->getObject("targetGroups")->getArray("groups")->size() >= 1u);

    const Reply openapi = server.request("GET", "/v1/openapi.yaml", "", SYSTEM_TOKEN);
    BOOST_TEST(openapi.body.rfind("openapi: 3", 0) == 0);

    const Reply metrics = server.request("GET", "/metrics", "", "");
    BOOST_TEST(metrics.contentType == "text/plain; version=0.0.4; charset=utf-8");
    BOOST_TEST(metrics.body.find("kansli_http_requests_total{route=\"/v1/documents\",method=\"POST\",status=\"200\"} 1")
            != std::string::npos,
        metrics.body);
    BOOST_TEST(metrics.body.find("kansli_http_requests_total{route=\"/v1/templates\",method=\"GET\",status=\"401\"} 1")
        != std::string::npos);
    BOOST_TEST(metrics.body.find("kansli_documents_total{type=\"beslut\",format=\"pdf\"} 1") != std::string::npos);
    BOOST_TEST(metrics.body.find("kansli_render_workers_alive 1") != std::string::npos);
    BOOST_TEST(metrics.body.find("kansli_http_request_duration_seconds_bucket{route=\"/v1/documents\",le=\"+Inf\"} 2")
        != std::string::npos);
}

// Findings a caseworker understands: the legal findings and the field names in the language the
// caller asks for (Accept-Language, Swedish by default), in the validation report and in a
// refusal's problem+json alike.
BOOST_AUTO_TEST_CASE(findings_answer_in_the_language_asked_for)
{
    TempDir dir;
    const Server server(dir.path);
    std::string rejection = readFile(SOURCE + "/examples/beslut-lss-insats-avslag.xml");
    const auto from = rejection.find("  <communication");
    rejection.erase(from, rejection.find("</communication>") + 17 - from); // no communication: refused
    const auto firstMessage = [](const std::string& body) {
        const auto findings = json(body)->getArray("findings");
        BOOST_TEST_REQUIRE(findings->size() > 0u);
        const auto finding = findings->getObject(0);
        BOOST_TEST(finding->getValue<std::string>("code") == "law.communication-missing");
        return std::pair{finding->getValue<std::string>("message"), finding->getValue<std::string>("field")};
    };
    for (const auto& [header, language, message, field, detail, source] :
         {std::tuple{"", "sv", "Beslutet går sökanden emot", "Utfallet i steg 2", "ärendet är rättsligt motsägelsefullt",
                     "förvaltningslagen (2017:900) 25 §"},
          std::tuple{"sv-SE,sv;q=0.9", "sv", "Beslutet går sökanden emot", "Utfallet i steg 2",
                     "ärendet är rättsligt motsägelsefullt", "förvaltningslagen (2017:900) 25 §"},
          std::tuple{"en-GB,en;q=0.8", "en", "The decision goes against the applicant", "The outcome of step 2",
                     "the case is legally inconsistent", "förvaltningslagen (2017:900) 25 §"},
          std::tuple{"de, en;q=0.3", "en", "The decision goes against the applicant", "The outcome of step 2",
                     "the case is legally inconsistent", "förvaltningslagen (2017:900) 25 §"}}) {
        BOOST_TEST_CONTEXT("Accept-Language: '" << header << "'")
        {
            const Reply report = server.request("POST", "/v1/validate", rejection, WORKER_TOKEN, {}, header);
            BOOST_TEST_REQUIRE(report.status == 200);
            BOOST_TEST(report.response.get("Content-Language", "") == language);
            const auto [text, words] = firstMessage(report.body);
            BOOST_TEST(text.rfind(message, 0) == 0u, text);
            BOOST_TEST(words == field);
            const Reply refused = server.request("POST", "/v1/documents", rejection, SYSTEM_TOKEN, {}, header);
            BOOST_TEST_REQUIRE(refused.status == 422);
            const auto [problemText, problemField] = firstMessage(refused.body);
            BOOST_TEST(problemText.rfind(message, 0) == 0u, problemText);
            BOOST_TEST(problemField == field);
            // The refusal's own words and the rule's source too (from the catalogs).
            BOOST_TEST(refused.response.get("Content-Language", "") == language);
            BOOST_TEST(json(refused.body)->getValue<std::string>("detail").rfind(detail, 0) == 0u, refused.body);
            BOOST_TEST(json(refused.body)->getArray("findings")->getObject(0)->getValue<std::string>("source") == source);
        }
    }
}

BOOST_AUTO_TEST_CASE(no_token_is_401_and_the_wrong_role_403)
{
    TempDir dir;
    const Server server(dir.path);
    const Reply none = server.request("POST", "/v1/documents", example(), "");
    BOOST_TEST(none.status == 401);
    BOOST_TEST(none.contentType == "application/problem+json");
    BOOST_TEST(none.response.get("WWW-Authenticate", "").rfind("Bearer realm=\"kansli\"", 0) == 0);
    BOOST_TEST(json(none.body)->getValue<std::string>("code") == "unauthorized");
    // The body was never read, so the connection is closed rather than reused.
    BOOST_TEST(!none.response.getKeepAlive());

    const Reply wrong = server.request("POST", "/v1/documents", example(), "not-a-valid-token-at-all");
    BOOST_TEST(wrong.status == 401);
    BOOST_TEST(wrong.response.get("WWW-Authenticate", "").find("invalid_token") != std::string::npos);
    BOOST_TEST(server.request("POST", "/v1/validate", example(), "", "Token " + SYSTEM_TOKEN).status == 401);

    const Reply lawyer = server.request("POST", "/v1/documents", example(), LEGAL_TOKEN);
    BOOST_TEST(lawyer.status == 403);
    BOOST_TEST(json(lawyer.body)->getValue<std::string>("code") == "forbidden");
    BOOST_TEST(server.request("POST", "/v1/validate", example(), LEGAL_TOKEN).status == 403);
    BOOST_TEST(server.request("GET", "/v1/templates", "", SYSTEM_TOKEN).status == 403);
    BOOST_TEST(server.request("GET", "/v1/templates", "", WORKER_TOKEN).status == 403);
    BOOST_TEST(server.request("POST", "/v1/validate", example(), WORKER_TOKEN).status == 200);

    // The preview page holds no case data and loads without a token; what it asks the API needs one.
    BOOST_TEST(server.request("GET", "/preview", "", "").status == 200);
    // "worker:TOKEN" in base64 is what a browser sends after its login dialog.
    const Reply basic
        = server.request("POST", "/v1/validate", example(), "", "Basic d29ya2VyOnRlc3QtY2FzZXdvcmtlci10b2tlbi0wMDAy");
    BOOST_TEST(basic.status == 200);

    // A wrong method names the right one.
    const Reply wrongMethod = server.request("GET", "/v1/documents", "", SYSTEM_TOKEN);
    BOOST_TEST(wrongMethod.status == 405);
    BOOST_TEST(wrongMethod.response.get("Allow", "") == "POST");

    // Probes are open on loopback; the log names the caller, never the token.
    BOOST_TEST(server.request("GET", "/healthz", "", "").status == 200);
    BOOST_TEST(server.request("GET", "/metrics", "", "").status == 200);
    const std::string log = readFile(server.log);
    BOOST_TEST(log.find("\"caller\":\"worker\"") != std::string::npos);
    for (const auto& token : {SYSTEM_TOKEN, WORKER_TOKEN, LEGAL_TOKEN}) {
        BOOST_TEST(log.find(token) == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(bad_configuration_or_tokens_stop_the_start_naming_the_key)
{
    TempDir dir;
    const std::string port = std::to_string(freePort());
    writeFile(dir.path + "/typo.properties", "kansli.audit.databse = " + dir.path + "/a.sqlite\n");
    const RunResult typo = run(KANSLI, {"serve", "--port", port, "--config", dir.path + "/typo.properties"});
    BOOST_TEST(typo.exitCode == 78); // EX_CONFIG
    BOOST_TEST(typo.err.find("kansli.audit.databse") != std::string::npos, typo.err);

    writeFile(dir.path + "/ok.properties", "kansli.audit.database = " + dir.path + "/a.sqlite\n");
    const RunResult badToken = run(KANSLI, {"serve", "--port", port, "--config", dir.path + "/ok.properties"}, {},
        {{"KANSLI_TOKENS", "someone:admin:" + SYSTEM_TOKEN}});
    BOOST_TEST(badToken.exitCode == 78);
    BOOST_TEST(badToken.err.find("KANSLI_TOKENS, entry 1 (someone)") != std::string::npos, badToken.err);
    BOOST_TEST(badToken.err.find(SYSTEM_TOKEN) == std::string::npos);

    writeFile(dir.path + "/missing.properties", "kansli.auth.tokensFile = " + dir.path + "/no-such-file\n");
    const RunResult missing = run(KANSLI, {"serve", "--port", port, "--config", dir.path + "/missing.properties"});
    BOOST_TEST(missing.exitCode == 78);
    BOOST_TEST(missing.err.find("kansli.auth.tokensFile") != std::string::npos, missing.err);
}

/// An IPv4 address of this machine other than loopback; empty when there is none.
std::string externalAddress()
{
    for (const auto& nic : Poco::Net::NetworkInterface::list()) {
        const Poco::Net::IPAddress& address = nic.address();
        if (address.family() == Poco::Net::IPAddress::IPv4 && !address.isLoopback() && !address.isWildcard()) {
            return address.toString();
        }
    }
    return {};
}

BOOST_AUTO_TEST_CASE(probes_need_a_token_from_a_peer_that_is_not_loopback)
{
    const std::string address = externalAddress();
    if (address.empty()) {
        BOOST_TEST_MESSAGE("no address other than loopback: skipped");
        return;
    }
    TempDir dir;
    Server server(dir.path, "kansli.server.host = 0.0.0.0\n");
    BOOST_TEST(server.request("GET", "/healthz", "", "").status == 200); // from 127.0.0.1
    server.host = address; // the peer is now that address
    BOOST_TEST(server.request("GET", "/healthz", "", "").status == 401);
    BOOST_TEST(server.request("GET", "/metrics", "", "").status == 401);
    BOOST_TEST(server.request("GET", "/readyz", "", WORKER_TOKEN).status == 200);
}

BOOST_AUTO_TEST_CASE(probes_need_a_token_when_configured)
{
    TempDir dir;
    const Server server(dir.path, "kansli.auth.probes = token\n");
    BOOST_TEST(server.request("GET", "/healthz", "", "").status == 401);
    BOOST_TEST(server.request("GET", "/readyz", "", "").status == 401);
    BOOST_TEST(server.request("GET", "/metrics", "", "").status == 401);
    BOOST_TEST(server.request("GET", "/readyz", "", LEGAL_TOKEN).status == 200);
}

BOOST_AUTO_TEST_CASE(every_document_is_in_the_audit_trail_and_verify_finds_it)
{
    TempDir dir;
    const Server server(dir.path);
    const Reply pdf = server.request("POST", "/v1/documents", example(), SYSTEM_TOKEN);
    BOOST_TEST_REQUIRE(pdf.status == 200, pdf.body.substr(0, 300));
    const std::string documentId = pdf.response.get("X-Kansli-Document-Id", "");
    BOOST_TEST(documentId.size() == 36u);
    writeFile(dir.path + "/beslut.pdf", pdf.body);

    const RunResult found = verify(server.config, dir.path + "/beslut.pdf");
    BOOST_TEST(found.exitCode == 0, found.out + found.err);
    BOOST_TEST(found.out.find(documentId) != std::string::npos, found.out);
    BOOST_TEST(found.out.find("JT-KISTA-2026-0417") != std::string::npos);
    BOOST_TEST(found.out.find("beslut") != std::string::npos);
    BOOST_TEST(found.out.find("case-sys") != std::string::npos);

    // One byte more and it is not a kansli document.
    writeFile(dir.path + "/changed.pdf", pdf.body + " ");
    const RunResult changed = verify(server.config, dir.path + "/changed.pdf");
    BOOST_TEST(changed.exitCode == 1);
    BOOST_TEST(changed.out.find("NOT produced") != std::string::npos);

    // The command line records under "cli".
    writeFile(dir.path + "/case.xml", example());
    const RunResult cli = run(KANSLI,
        {"render", dir.path + "/case.xml", "-o", dir.path + "/cli.html", "--format", "html", "--config",
            server.config});
    BOOST_TEST_REQUIRE(cli.exitCode == 0, cli.err);
    const RunResult cliFound = verify(server.config, dir.path + "/cli.html");
    BOOST_TEST(cliFound.exitCode == 0, cliFound.out + cliFound.err);
    BOOST_TEST(cliFound.out.find("cli") != std::string::npos);
    BOOST_TEST(run(KANSLI, {"audit", "verify"}).exitCode == 64); // EX_USAGE
    BOOST_TEST(run(KANSLI, {"audit", "verify", dir.path + "/none.pdf", "--config", server.config}).exitCode == 66); // EX_NOINPUT
}

BOOST_AUTO_TEST_CASE(a_read_only_audit_database_stops_every_document)
{
    TempDir dir;
    const Server server(dir.path);
    BOOST_TEST_REQUIRE(server.request("POST", "/v1/documents", example(), SYSTEM_TOKEN).status == 200);
    const std::string db = dir.path + "/var/audit.sqlite";
    writeFile(dir.path + "/case.xml", example());
    const std::string out = dir.path + "/out.pdf";

    for (const char* what : {"file", "folder"}) {
        BOOST_TEST_CONTEXT(what)
        {
            const std::string target = std::string(what) == "file" ? db : dir.path + "/var";
            ::chmod(target.c_str(), std::string(what) == "file" ? 0444 : 0555);
            const Reply refused = server.request("POST", "/v1/documents", example(), SYSTEM_TOKEN);
            BOOST_TEST(refused.status == 500);
            BOOST_TEST(refused.contentType == "application/problem+json");
            BOOST_TEST(json(refused.body)->getValue<std::string>("code") == "audit");
            BOOST_TEST(refused.body.find("%PDF") == std::string::npos);
            BOOST_TEST(server.request("GET", "/readyz", "", "").status == 503);

            const RunResult cli = run(KANSLI, {"render", dir.path + "/case.xml", "-o", out, "--config", server.config});
            BOOST_TEST(cli.exitCode == 74, cli.err); // EX_IOERR: the audit trail cannot be written
            BOOST_TEST(cli.err.find("audit") != std::string::npos);
            BOOST_TEST(!Poco::File(out).exists());
            ::chmod(target.c_str(), std::string(what) == "file" ? 0644 : 0755);
        }
    }
    BOOST_TEST(server.request("POST", "/v1/documents", example(), SYSTEM_TOKEN).status == 200);
    BOOST_TEST(server.request("GET", "/readyz", "", "").status == 200);
}

BOOST_AUTO_TEST_CASE(logs_and_the_audit_database_carry_no_personal_data)
{
    TempDir dir;
    const auto secrets = personalData();
    BOOST_TEST_REQUIRE(secrets.size() >= 5u);
    std::string cliOutput;
    {
        const Server server(dir.path);
        BOOST_TEST(server.request("POST", "/v1/documents", example(), SYSTEM_TOKEN).status == 200);
        BOOST_TEST(server.request("POST", "/v1/documents?format=html", example(), WORKER_TOKEN).status == 200);
        BOOST_TEST(server.request("POST", "/v1/validate", example(), WORKER_TOKEN).status == 200);
        std::string refused = example();
        refused.replace(refused.find("<step1 outcome=\"avslag\""), 23, "<step1 outcome=\"bifall\"");
        BOOST_TEST(server.request("POST", "/v1/documents", refused, SYSTEM_TOKEN).status == 422);
        BOOST_TEST(server.request("POST", "/v1/documents", example(), LEGAL_TOKEN).status == 403);
        writeFile(dir.path + "/case.xml", example());
        const RunResult cli
            = run(KANSLI, {"render", dir.path + "/case.xml", "-o", dir.path + "/cli.pdf", "--config", server.config});
        BOOST_TEST(cli.exitCode == 0, cli.err);
        cliOutput = cli.out + cli.err;
    } // the server stops: its log is complete and the database checkpointed
    const std::string log = readFile(dir.path + "/server.log");
    BOOST_TEST(log.find("\"request_id\"") != std::string::npos);
    std::string database = readFile(dir.path + "/var/audit.sqlite");
    if (Poco::File(dir.path + "/var/audit.sqlite-wal").exists()) {
        database += readFile(dir.path + "/var/audit.sqlite-wal");
    }
    BOOST_TEST(database.find("JT-KISTA-2026-0417") != std::string::npos, "the record is there");
    for (const auto& secret : secrets) {
        BOOST_TEST(log.find(secret) == std::string::npos, "server log must not hold an applicant's detail");
        BOOST_TEST(cliOutput.find(secret) == std::string::npos, "CLI output must not hold an applicant's detail");
        BOOST_TEST(database.find(secret) == std::string::npos, "audit database must not hold an applicant's detail");
    }
}

BOOST_AUTO_TEST_SUITE_END()
