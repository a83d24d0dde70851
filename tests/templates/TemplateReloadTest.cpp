#define BOOST_TEST_DYN_LINK
// A running service takes changed templates on SIGHUP without dropping a request, and keeps
// serving the previous templates when the new ones do not compile.

#include "Run.h"
#include "TemplateCopy.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <vector>

using namespace kansli::test;

namespace {

/// The case system's token, given to the service through KANSLI_TOKENS.
const std::string TOKEN = "reload-test-case-system-token-0001";

struct Reply {
    int status = 0;
    std::string body;
};

/// `kansli serve` over a template copy, its log in a file.
struct Service {
    const TemplateCopy& copy;
    unsigned short port = freePort();
    std::string logFile = copy.dir + "/serve.log";
    std::unique_ptr<Poco::ProcessHandle> handle;

    explicit Service(const TemplateCopy& c, bool watch = false)
        : copy(c)
    {
        // The root is the copy: templates, schema, fonts, and the audit trail under var/.
        const std::string command = "exec env KANSLI_ROOT=" + copy.root + " KANSLI_TOKENS=reload-test:case-system:"
            + TOKEN + (watch ? " KANSLI_WATCH_TEMPLATES=1 " : " ") + KANSLI + " serve --port " + std::to_string(port)
            + " 2>" + logFile;
        handle = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch("/bin/sh", {"-c", command}));
        for (int i = 0; i < 150; ++i) {
            try {
                if (request("GET", "/healthz").status == 200) {
                    return;
                }
            } catch (const Poco::Exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        throw std::runtime_error("the service did not start: " + readFile(logFile));
    }
    ~Service()
    {
        Poco::Process::requestTermination(handle->id());
        handle->wait();
    }

    Reply request(const std::string& method, const std::string& path, const std::string& body = {}) const
    {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(60, 0));
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPRequest::HTTP_1_1);
        req.set("Authorization", "Bearer " + TOKEN);
        if (method == "POST") {
            req.setContentType("application/xml");
            req.setContentLength(static_cast<std::streamsize>(body.size()));
            session.sendRequest(req) << body;
        } else {
            session.sendRequest(req);
        }
        Poco::Net::HTTPResponse response;
        Reply reply;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), reply.body);
        reply.status = static_cast<int>(response.getStatus());
        return reply;
    }

    /// Sends SIGHUP and waits until the log has one more line with `event`.
    bool hangUpAndWaitFor(const std::string& event) const
    {
        const auto count = [&] {
            const std::string log = readFile(logFile);
            std::size_t n = 0;
            for (auto at = log.find(event); at != std::string::npos; at = log.find(event, at + 1)) {
                ++n;
            }
            return n;
        };
        const std::size_t before = count();
        ::kill(static_cast<pid_t>(handle->id()), SIGHUP);
        for (int i = 0; i < 300; ++i) {
            if (count() > before) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(TemplateReloadTest)

BOOST_AUTO_TEST_CASE(sighup_swaps_in_new_templates_and_rejects_broken_ones)
{
    const TemplateCopy copy;
    const Service service(copy);
    const std::string example = readFile(SOURCE + "/examples/beslut-uvas.xml");
    const std::string html = "/v1/documents?format=html";

    Reply reply = service.request("POST", html, example);
    BOOST_TEST_REQUIRE(reply.status == 200, reply.body.substr(0, 400));
    BOOST_TEST(reply.body.find(TemplateCopy::NEW_WORD) == std::string::npos);

    // Requests keep coming while the templates are swapped: none may fail.
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0}, answered{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 2; ++i) {
        clients.emplace_back([&] {
            while (!stop) {
                try {
                    const Reply r = service.request("POST", html, example);
                    ++(r.status == 200 ? answered : failures);
                } catch (const std::exception&) {
                    ++failures;
                }
            }
        });
    }
    copy.replaceInFile("locales/sv.txt", TemplateCopy::WORD, TemplateCopy::NEW_ENTRY);
    const bool reloaded = service.hangUpAndWaitFor("templates-reloaded");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
    for (auto& client : clients) {
        client.join();
    }
    BOOST_TEST_REQUIRE(reloaded, readFile(service.logFile));
    BOOST_TEST(failures == 0);
    BOOST_TEST(answered > 0);
    reply = service.request("POST", html, example);
    BOOST_TEST_REQUIRE(reply.status == 200);
    BOOST_TEST(reply.body.find(TemplateCopy::NEW_WORD) != std::string::npos);

    // A broken template is refused; the last good set keeps serving.
    copy.replaceInFile("xsl/beslut.xsl", "</xsl:stylesheet>", "");
    BOOST_TEST_REQUIRE(service.hangUpAndWaitFor("templates-rejected"), readFile(service.logFile));
    BOOST_TEST(readFile(service.logFile).find("beslut.xsl") != std::string::npos);
    reply = service.request("POST", html, example);
    BOOST_TEST(reply.status == 200);
    BOOST_TEST(reply.body.find(TemplateCopy::NEW_WORD) != std::string::npos);
    BOOST_TEST(service.request("POST", "/v1/documents", example).body.rfind("%PDF-", 0) == 0);
    // The operator sees both in the metrics.
    const Reply metrics = service.request("GET", "/metrics", "");
    BOOST_TEST(metrics.body.find("kansli_template_reloads_total{result=\"loaded\"} 1\n") != std::string::npos, metrics.body);
    BOOST_TEST(metrics.body.find("kansli_template_reloads_total{result=\"rejected\"} 1\n") != std::string::npos);
    for (const char* stage : {"parse", "schema", "preflight", "compose", "layout", "engine", "finishing", "audit"}) {
        BOOST_TEST(metrics.body.find(std::string("kansli_pipeline_stage_seconds_count{stage=\"") + stage + "\"}")
                       != std::string::npos,
                   stage);
    }
}

// What is approved stays served: start reads the catalogs from the same sources as reload, so a
// wording changed and reloaded is still the wording after a restart (it was the build's old
// catalogs before).
// KANSLI_WATCH_TEMPLATES=1: a changed catalog is seen without a signal (Poco::DirectoryWatcher),
// and a broken template is rejected while the last good set keeps serving.
BOOST_AUTO_TEST_CASE(a_watched_template_folder_reloads_on_change)
{
    const TemplateCopy copy;
    const Service service(copy, true);
    const std::string example = readFile(SOURCE + "/examples/beslut-uvas.xml");
    const auto waitFor = [&](const std::string& event, std::size_t count) {
        for (int i = 0; i < 300; ++i) {
            const std::string log = readFile(service.logFile);
            std::size_t n = 0;
            for (auto at = log.find(event); at != std::string::npos; at = log.find(event, at + 1)) {
                ++n;
            }
            if (n >= count) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    };
    copy.replaceInFile("locales/sv.txt", TemplateCopy::WORD, TemplateCopy::NEW_ENTRY);
    BOOST_TEST_REQUIRE(waitFor("\"files changed\"", 1), readFile(service.logFile));
    BOOST_TEST_REQUIRE(waitFor("templates-reloaded", 1), readFile(service.logFile));
    Reply reply = service.request("POST", "/v1/documents?format=html", example);
    BOOST_TEST_REQUIRE(reply.status == 200);
    BOOST_TEST(reply.body.find(TemplateCopy::NEW_WORD) != std::string::npos);

    copy.replaceInFile("xsl/beslut.xsl", "</xsl:stylesheet>", "");
    BOOST_TEST_REQUIRE(waitFor("templates-rejected", 1), readFile(service.logFile));
    reply = service.request("POST", "/v1/documents?format=html", example);
    BOOST_TEST_REQUIRE(reply.status == 200);
    BOOST_TEST(reply.body.find(TemplateCopy::NEW_WORD) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_reloaded_wording_survives_a_restart)
{
    const TemplateCopy copy;
    const std::string example = readFile(SOURCE + "/examples/beslut-uvas.xml");
    const std::string html = "/v1/documents?format=html";
    {
        const Service service(copy);
        copy.replaceInFile("locales/sv.txt", TemplateCopy::WORD, TemplateCopy::NEW_ENTRY);
        BOOST_TEST_REQUIRE(service.hangUpAndWaitFor("templates-reloaded"), readFile(service.logFile));
        const Reply reply = service.request("POST", html, example);
        BOOST_TEST_REQUIRE(reply.status == 200);
        BOOST_TEST(reply.body.find(TemplateCopy::NEW_WORD) != std::string::npos);
    }
    const Service restarted(copy);
    const Reply reply = restarted.request("POST", html, example);
    BOOST_TEST_REQUIRE(reply.status == 200);
    BOOST_TEST(reply.body.find(TemplateCopy::NEW_WORD) != std::string::npos);
    // The command line reads the same sources.
    const std::string out = copy.dir + "/cli.html";
    const RunResult cli = run("/usr/bin/env", {"KANSLI_ROOT=" + copy.root, KANSLI, "render", SOURCE + "/examples/beslut-uvas.xml",
                                                 "--format", "html", "-o", out});
    BOOST_TEST_REQUIRE(cli.exitCode == 0, cli.err);
    BOOST_TEST(readFile(out).find(TemplateCopy::NEW_WORD) != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
