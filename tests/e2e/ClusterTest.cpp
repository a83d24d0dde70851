#define BOOST_TEST_DYN_LINK
// Several kansli nodes on one audit trail, as a site runs them: real `kansli serve` processes,
// an SQLite file or a real PostgreSQL server (scripts/test-postgresql), and HAProxy with the
// configuration in packaging/haproxy/kansli.cfg in front of three nodes.
//
// SharedTrailTest runs on both databases (SQLite only when no server is named); ClusterTest needs
// PostgreSQL and HAProxy and starts its own database server, which it stops and starts again.

#include "Databases.h"
#include "Run.h"
#include "Service.h"

#include "audit/AuditTrail.h"
#include "render/Sha256.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Process.h>
#include <Poco/UUIDGenerator.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace kansli;
using namespace kansli::test;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;

struct TempDir {
    std::string path = makeTempDir("kansli-cluster");
    ~TempDir() { Poco::File(path).remove(true); }
};

std::string newKey()
{
    return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

/// A node's environment: its audit trail, one PDF worker (three nodes share two CPUs), no browser.
Poco::Process::Env nodeEnv(const std::string& database, const std::string& root = {})
{
    Poco::Process::Env env{{"KANSLI_AUDIT_DATABASE", database}, {"KANSLI_RENDER_WORKERS", "1"},
                           {"KANSLI_RENDER_TAGGED_WORKERS", "0"}};
    if (!root.empty()) {
        env["KANSLI_ROOT"] = root;
    }
    return env;
}

/// Polls `port`'s /readyz until it answers `status` (or 20 s pass); returns the last answer.
Reply readyz(unsigned short port, int status)
{
    Reply reply;
    for (int i = 0; i < 200; ++i) {
        try {
            reply = send(port, "GET", "/readyz");
            if (reply.status == status) {
                return reply;
            }
        } catch (const Poco::Exception&) {
            reply.status = 0;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return reply;
}

/// A copy of the template set (xsl/, templates/, fonts/, locales/) with one template's text changed.
std::string changedTemplateSet(const std::string& folder)
{
    for (const char* part : {"xsl", "templates", "fonts", "locales"}) {
        Poco::File(SOURCE + "/" + part).copyTo(folder + "/" + part);
    }
    const std::string file = folder + "/xsl/beslut.xsl";
    writeFile(file, readFile(file) + "<!-- another wording, not approved -->\n");
    return folder;
}

} // namespace

BOOST_AUTO_TEST_SUITE(SharedTrailTest)

BOOST_AUTO_TEST_CASE(a_retry_with_the_same_idempotency_key_gets_the_same_document_from_any_node)
{
    const std::string example = readFile(SOURCE + "/examples/beslut-uvas.xml");
    TempDir dir;
    for (const auto& db : databases(dir.path)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            const Server first(nodeEnv(db->uri));
            const Server second(nodeEnv(db->uri));
            const std::string key = newKey();
            const Reply made = first.post("/v1/documents", example, {{"Idempotency-Key", key}});
            BOOST_TEST_REQUIRE(made.status == 200, made.body.substr(0, 300));
            const std::string id = made.response.get("X-Kansli-Document-Id");

            // The retry reaches the other node: the same document, byte for byte, under the same id.
            const Reply again = second.post("/v1/documents", example, {{"Idempotency-Key", key}});
            BOOST_TEST_REQUIRE(again.status == 200, again.body.substr(0, 300));
            BOOST_TEST(again.response.get("X-Kansli-Document-Id") == id);
            BOOST_TEST(again.body == made.body);
            BOOST_TEST(again.response.get("X-Kansli-Sha256") == made.response.get("X-Kansli-Sha256"));

            // The same key with another case file, or as XHTML: 422, and nothing recorded.
            std::string other = example;
            other.replace(other.find("</case>"), 7, "<!-- another file --></case>");
            const Reply reused = second.post("/v1/documents", other, {{"Idempotency-Key", key}});
            BOOST_TEST(reused.status == 422);
            BOOST_TEST(json(reused.body)->getValue<std::string>("code") == "idempotency-key-reused");
            BOOST_TEST(reused.body.find("diarienummer") == std::string::npos);
            const Reply asHtml = first.post("/v1/documents?format=html", example, {{"Idempotency-Key", key}});
            BOOST_TEST(asHtml.status == 422);

            // A key is one to 255 visible ASCII characters.
            for (const std::string& bad : {std::string(), std::string(256, 'k'), std::string("two words")}) {
                const Reply refused = first.post("/v1/documents", example, {{"Idempotency-Key", bad}});
                BOOST_TEST(refused.status == 400, "key of " << bad.size() << " characters");
            }
            const Reply longest = first.post("/v1/documents", example, {{"Idempotency-Key", std::string(255, 'k')}});
            BOOST_TEST(longest.status == 200);

            // Without a key every call is a new document.
            const Reply plain1 = first.request("POST", "/v1/documents", example);
            const Reply plain2 = first.request("POST", "/v1/documents", example);
            BOOST_TEST(plain1.response.get("X-Kansli-Document-Id") != plain2.response.get("X-Kansli-Document-Id"));

            // Four callers' retries at once with a new key, on both nodes: one document.
            const std::string raced = newKey();
            std::vector<Reply> replies(4);
            std::vector<std::thread> threads;
            for (std::size_t i = 0; i < replies.size(); ++i) {
                threads.emplace_back([&, i] {
                    replies.at(i) = (i % 2 == 0 ? first : second).post("/v1/documents", example, {{"Idempotency-Key", raced}});
                });
            }
            for (auto& t : threads) {
                t.join();
            }
            for (const Reply& r : replies) {
                BOOST_TEST_REQUIRE(r.status == 200, r.body.substr(0, 300));
                BOOST_TEST(r.response.get("X-Kansli-Document-Id") == replies.front().response.get("X-Kansli-Document-Id"));
                BOOST_TEST(r.body == replies.front().body);
            }

            // One record per key: the key's, the longest key's, two without, the race's.
            const auto trail = audit::AuditTrail::openForReading(db->uri);
            BOOST_TEST(trail->count() == 5u);
            const auto record = trail->findById(id);
            BOOST_TEST_REQUIRE(record.has_value());
            BOOST_TEST(record->idempotencyKey == key);
            BOOST_TEST(record->outputSha256 == made.response.get("X-Kansli-Sha256"));

            // `kansli audit verify` anywhere finds a letter any node made.
            const std::string pdf = dir.path + "/letter.pdf";
            writeFile(pdf, again.body);
            const RunResult verified = run(KANSLI_BINARY, {"audit", "verify", pdf}, {}, {{"KANSLI_AUDIT_DATABASE", db->uri}});
            BOOST_TEST(verified.exitCode == 0, verified.err);
            BOOST_TEST(verified.out.find(id) != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_node_whose_template_set_is_not_the_approved_one_is_not_ready)
{
    const std::string example = readFile(SOURCE + "/examples/beslut-uvas.xml");
    TempDir dir;
    for (const auto& db : databases(dir.path)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            const Server node(nodeEnv(db->uri));
            // No set approved yet: every node serves (one node, the defaults).
            const Reply before = readyz(node.port, 200);
            BOOST_TEST_REQUIRE(before.status == 200);
            const std::string ours = json(before.body)->getValue<std::string>("templateSet");
            BOOST_TEST(ours.size() == 64u);
            BOOST_TEST(json(before.body)->get("activeTemplateSet").isEmpty());

            // The legal department approves the set installed here.
            const RunResult activated = run(KANSLI_BINARY, {"templates", "activate", "--approved-by", "juridiska-avdelningen"},
                                            {}, {{"KANSLI_AUDIT_DATABASE", db->uri}});
            BOOST_TEST_REQUIRE(activated.exitCode == 0, activated.err);
            BOOST_TEST(activated.out.find(ours) != std::string::npos);

            // A node started from another text of one template: not ready, makes no letter.
            const std::string other = dir.path + "/other-set-" + db->name;
            Poco::File(other).createDirectories();
            const Server stray(nodeEnv(db->uri, changedTemplateSet(other)));
            const Reply strayReady = readyz(stray.port, 503);
            BOOST_TEST_REQUIRE(strayReady.status == 503, strayReady.body);
            const auto strayState = json(strayReady.body);
            BOOST_TEST(strayState->getValue<bool>("templateSetActive") == false);
            BOOST_TEST(strayState->getValue<std::string>("activeTemplateSet") == ours);
            BOOST_TEST(strayState->getValue<std::string>("templateSet") != ours);
            const Reply refused = stray.request("POST", "/v1/documents", example);
            BOOST_TEST(refused.status == 503);
            BOOST_TEST(json(refused.body)->getValue<std::string>("code") == "template-set-inactive");
            BOOST_TEST(refused.response.get("Retry-After", "") == "1");
            BOOST_TEST(stray.request("GET", "/metrics").body.find("kansli_template_set_active 0") != std::string::npos);

            // The approved node goes on (it reads the approval within a second).
            Reply ready;
            for (int i = 0; i < 50; ++i) {
                ready = readyz(node.port, 200);
                if (!json(ready.body)->get("activeTemplateSet").isEmpty()) {
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            BOOST_TEST(ready.status == 200);
            BOOST_TEST_REQUIRE(!json(ready.body)->get("activeTemplateSet").isEmpty());
            BOOST_TEST(json(ready.body)->getValue<std::string>("activeTemplateSet") == ours);
            BOOST_TEST(node.request("POST", "/v1/documents", example).status == 200);
            const std::string metrics = node.request("GET", "/metrics").body;
            BOOST_TEST(metrics.find("kansli_template_set_info{hash=\"" + ours + "\"} 1") != std::string::npos);
            BOOST_TEST(metrics.find("kansli_template_set_active 1") != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(ClusterTest)

BOOST_AUTO_TEST_CASE(three_nodes_behind_haproxy_lose_no_letter_when_one_dies_or_the_database_goes)
{
    const std::string script = SOURCE + "/scripts/test-postgresql";
    TempDir dir;
    // A database server of this test's own: it is stopped and started again below.
    const std::string state = dir.path + "/postgresql";
    BOOST_TEST_REQUIRE(run(script, {"start", state}).exitCode == 0);
    struct Stop {
        std::string script, state;
        ~Stop() { run(script, {"stop", state}); }
    } stopDatabase{script, state};
    std::string uri = readFile(state + "/uri");
    uri.erase(uri.find_last_not_of("\n") + 1);

    std::vector<std::unique_ptr<Server>> nodes;
    for (int i = 0; i < 3; ++i) {
        nodes.push_back(std::make_unique<Server>(nodeEnv(uri)));
    }
    const unsigned short balancer = freePort();
    Poco::Process::Env env{{"KANSLI_LISTEN", "127.0.0.1:" + std::to_string(balancer)}};
    for (int i = 0; i < 3; ++i) {
        env["KANSLI_NODE" + std::to_string(i + 1)] = "127.0.0.1:" + std::to_string(nodes.at(i)->port);
    }
    Poco::ProcessHandle haproxy = Poco::Process::launch(
        "haproxy", {"-db", "-f", SOURCE + "/packaging/haproxy/kansli.cfg"}, std::string(), nullptr, nullptr, nullptr, env);
    struct StopHaproxy {
        Poco::ProcessHandle& handle;
        ~StopHaproxy()
        {
            Poco::Process::kill(handle);
            handle.wait();
        }
    } stopHaproxy{haproxy};
    BOOST_TEST_REQUIRE(readyz(balancer, 200).status == 200);

    // Documents through the balancer from four case-system threads, each with its own key; a
    // connection cut or a 502/503 is retried with the same key, as a case system does.
    const std::string example = readFile(SOURCE + "/examples/beslut-uvas.xml");
    const std::string inputSha = render::sha256Hex(example);
    struct Answer {
        std::string key, id, sha;
    };
    std::mutex mutex;
    std::vector<Answer> answers;
    std::map<int, int> statuses; // every status seen, retries included
    std::atomic<int> wrong{0};
    std::atomic<int> done{0};
    std::atomic<int> unanswered{0};
    auto caseSystem = [&](int letters) {
        for (int n = 0; n < letters; ++n) {
            const std::string key = newKey();
            bool answered = false;
            for (int attempt = 0; attempt < 60 && !answered; ++attempt) {
                int status = 0;
                try {
                    const Reply r = send(balancer, "POST", "/v1/documents", example, {{"Idempotency-Key", key}});
                    status = r.status;
                    if (r.status == 200) {
                        const std::string sha = r.response.get("X-Kansli-Sha256", "");
                        // A right answer: a whole PDF, its hash as stated, made from this case file.
                        if (r.body.rfind("%PDF-", 0) != 0 || render::sha256Hex(r.body) != sha
                            || r.response.get("X-Kansli-Input-Sha256", "") != inputSha
                            || r.body.find("%%EOF") == std::string::npos) {
                            ++wrong;
                        }
                        const std::lock_guard<std::mutex> lock(mutex);
                        answers.push_back({key, r.response.get("X-Kansli-Document-Id", ""), sha});
                        answered = true;
                    }
                } catch (const Poco::Exception&) {
                    status = -1; // the connection broke: the node died under it
                }
                {
                    const std::lock_guard<std::mutex> lock(mutex);
                    ++statuses[status];
                }
                if (!answered) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(200));
                }
            }
            unanswered += answered ? 0 : 1;
            ++done;
        }
    };
    constexpr int CALLERS = 4;
    constexpr int LETTERS = 15;
    std::vector<std::thread> callers;
    for (int i = 0; i < CALLERS; ++i) {
        callers.emplace_back(caseSystem, LETTERS);
    }
    // A third of the way in, node 2 dies (SIGKILL, mid-request) and is started again a second later.
    while (done.load() < CALLERS * LETTERS / 3) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const unsigned short port2 = nodes.at(1)->port;
    nodes.at(1)->kill();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    nodes.at(1) = std::make_unique<Server>(nodeEnv(uri), port2);
    for (auto& t : callers) {
        t.join();
    }

    BOOST_TEST(wrong.load() == 0);
    BOOST_TEST(unanswered.load() == 0);
    std::string seen;
    for (const auto& [status, count] : statuses) {
        seen += std::to_string(status) + ":" + std::to_string(count) + " ";
        // 200; or, while a node dies, a broken connection, HAProxy's 502/503 — all retried. Never a 500.
        BOOST_TEST((status == 200 || status == -1 || status == 502 || status == 503), "status " << status);
    }
    BOOST_TEST_MESSAGE("statuses through the balancer (status:count, -1 = connection broken): " << seen);
    BOOST_TEST_REQUIRE(answers.size() == static_cast<std::size_t>(CALLERS * LETTERS));

    // Every answer has its record, and there is no record without its answer.
    const auto trail = audit::AuditTrail::openForReading(uri);
    std::set<std::string> ids;
    for (const Answer& a : answers) {
        const auto record = trail->findById(a.id);
        BOOST_TEST_REQUIRE(record.has_value());
        BOOST_TEST(record->outputSha256 == a.sha);
        BOOST_TEST(record->idempotencyKey == a.key);
        ids.insert(a.id);
    }
    BOOST_TEST(ids.size() == answers.size());
    BOOST_TEST(trail->count() == answers.size());

    // The database goes: every node says not ready and the balancer sends no document anywhere.
    BOOST_TEST_REQUIRE(run(script, {"halt", state}).exitCode == 0);
    for (const auto& node : nodes) {
        const Reply notReady = readyz(node->port, 503);
        BOOST_TEST(notReady.status == 503);
        BOOST_TEST(json(notReady.body)->getValue<bool>("auditWritable") == false);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // two failed checks (inter 500ms, fall 2)
    const Reply none = send(balancer, "POST", "/v1/documents", example, {{"Idempotency-Key", newKey()}});
    BOOST_TEST(none.status == 503);
    // It comes back: the nodes connect again by themselves, and letters flow.
    BOOST_TEST_REQUIRE(run(script, {"resume", state}).exitCode == 0);
    for (const auto& node : nodes) {
        BOOST_TEST(readyz(node->port, 200).status == 200);
    }
    BOOST_TEST(readyz(balancer, 200).status == 200);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // two good checks per node
    const Reply after = send(balancer, "POST", "/v1/documents", example, {{"Idempotency-Key", newKey()}});
    BOOST_TEST(after.status == 200);
    BOOST_TEST(trail->count() == answers.size() + 1);
}

BOOST_AUTO_TEST_SUITE_END()
