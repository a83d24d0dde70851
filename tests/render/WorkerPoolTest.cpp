// Supervision of the wkhtmltopdf workers, on real processes. No assertion is about speed: the
// waits below only give the engine time to get busy, and every loop has a generous bound.

#include "TestDocuments.h"
#include "core/Error.h"
#include "render/WorkerPool.h"

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <csignal>
#include <dirent.h>
#include <fstream>
#include <future>
#include <set>
#include <thread>
#include <unistd.h>

using namespace kansli;
using namespace kansli::render;
using namespace kansli::render::test;
using namespace std::chrono_literals;

namespace {

WorkerPoolConfig oneWorker()
{
    WorkerPoolConfig config;
    config.workers = 1;
    return config;
}

ConversionRequest request(const std::string& xhtml)
{
    ConversionRequest r;
    r.xhtml = xhtml;
    return r;
}

// Waits (bounded) until `condition` holds.
template <typename F>
bool waitFor(F condition, std::chrono::milliseconds limit = 20s)
{
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

pid_t busyPid(const WorkerPool& pool)
{
    for (const auto& w : pool.workers())
        if (w.busy && w.pid > 0)
            return w.pid;
    return -1;
}

// Children of this process that are zombies (exited, not reaped).
int zombieChildren()
{
    int zombies = 0;
    DIR* proc = ::opendir("/proc");
    if (!proc)
        return 0;
    while (auto* entry = ::readdir(proc)) {
        const std::string name = entry->d_name;
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream stat("/proc/" + name + "/stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')');
        if (close == std::string::npos || close + 4 >= line.size())
            continue;
        std::istringstream rest(line.substr(close + 2));
        char state = 0;
        long ppid = 0;
        rest >> state >> ppid;
        if (ppid == ::getpid() && state == 'Z')
            ++zombies;
    }
    ::closedir(proc);
    return zombies;
}

const std::string& slowDocument()
{
    static const std::string doc = longDocument(60);
    return doc;
}

} // namespace

BOOST_AUTO_TEST_SUITE(worker_pool)

BOOST_AUTO_TEST_CASE(sized_from_config_and_reports_stats)
{
    WorkerPoolConfig config;
    config.workers = 2;
    WorkerPool pool(config);
    BOOST_TEST(pool.workers().size() == 2u);
    BOOST_TEST(waitFor([&] { return pool.stats().workersAlive == 2; }));
    pool.convert(request(threePageLetter()));
    const auto stats = pool.stats();
    BOOST_TEST(stats.documentsRendered == 1u);
    BOOST_TEST(stats.queueDepth == 0u);
    BOOST_TEST(stats.restarts == 0u);
}

BOOST_AUTO_TEST_CASE(killed_worker_is_replaced_and_document_retried)
{
    WorkerPool pool(oneWorker());
    auto pending = std::async(std::launch::async, [&] { return pool.convert(request(slowDocument())); });
    BOOST_REQUIRE(waitFor([&] { return busyPid(pool) > 0; }));
    std::this_thread::sleep_for(30ms); // let it get into the document
    const pid_t victim = busyPid(pool);
    BOOST_REQUIRE(victim > 0);
    ::kill(victim, SIGKILL);

    const auto pdf = pending.get(); // retried once on a fresh worker
    BOOST_TEST(pdf.compare(0, 5, "%PDF-") == 0);
    const auto stats = pool.stats();
    BOOST_TEST(stats.crashes >= 1u);
    BOOST_TEST(stats.restarts >= 1u);
    BOOST_TEST(stats.retries == 1u);
    BOOST_TEST(pool.workers().front().pid != victim);
    BOOST_TEST(pool.convert(request(threePageLetter())).compare(0, 5, "%PDF-") == 0);
    BOOST_TEST(zombieChildren() == 0);
}

BOOST_AUTO_TEST_CASE(document_that_kills_twice_fails_cleanly)
{
    WorkerPool pool(oneWorker());
    std::atomic<bool> done{false};
    std::thread killer([&] {
        std::set<pid_t> killed;
        const auto end = std::chrono::steady_clock::now() + 30s;
        while (!done && killed.size() < 2 && std::chrono::steady_clock::now() < end) {
            const pid_t pid = busyPid(pool);
            if (pid > 0 && !killed.count(pid)) {
                std::this_thread::sleep_for(20ms);
                if (busyPid(pool) == pid) {
                    ::kill(pid, SIGKILL);
                    killed.insert(pid);
                }
            }
            std::this_thread::sleep_for(1ms);
        }
    });
    try {
        pool.convert(request(slowDocument()));
        BOOST_FAIL("expected a render error");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::Render));
    }
    done = true;
    killer.join();
    BOOST_TEST(pool.stats().documentsFailed == 1u);
    BOOST_TEST(pool.convert(request(threePageLetter())).compare(0, 5, "%PDF-") == 0);
}

BOOST_AUTO_TEST_CASE(full_queue_throws_overloaded_at_once)
{
    auto config = oneWorker();
    config.queueCapacity = 1;
    WorkerPool pool(config);
    auto first = std::async(std::launch::async, [&] { return pool.convert(request(slowDocument())); });
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersBusy == 1 && pool.stats().queueDepth == 0; }));
    auto second = std::async(std::launch::async, [&] { return pool.convert(request(threePageLetter())); });
    BOOST_REQUIRE(waitFor([&] { return pool.stats().queueDepth == 1; }));
    try {
        pool.convert(request(threePageLetter()));
        BOOST_FAIL("expected Overloaded");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::Overloaded));
    }
    BOOST_TEST(pool.stats().rejected == 1u);
    BOOST_TEST(first.get().size() > 0u);
    BOOST_TEST(second.get().size() > 0u);
}

BOOST_AUTO_TEST_CASE(timeout_kills_and_replaces_the_worker)
{
    auto config = oneWorker();
    config.engine.documentTimeout = 40ms; // the slow document needs far longer
    WorkerPool pool(config);
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersAlive == 1; }));
    const pid_t before = pool.workers().front().pid;
    try {
        pool.convert(request(slowDocument()));
        BOOST_FAIL("expected a timeout");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::Render));
        BOOST_TEST(e.publicMessage() == "The PDF engine took too long");
    }
    const auto stats = pool.stats();
    BOOST_TEST(stats.timeouts == 1u);
    BOOST_TEST(stats.restarts >= 1u);
    BOOST_TEST(pool.workers().front().pid != before);
    BOOST_TEST(::kill(before, 0) != 0); // the stuck process is gone (killed and reaped)
    BOOST_TEST(zombieChildren() == 0);
}

BOOST_AUTO_TEST_CASE(worker_recycled_after_n_documents)
{
    auto config = oneWorker();
    config.recycleAfterDocuments = 3; // the warm-up counts as one
    WorkerPool pool(config);
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersAlive == 1; }));
    const pid_t first = pool.workers().front().pid;
    for (int i = 0; i < 2; ++i)
        pool.convert(request(threePageLetter()));
    BOOST_REQUIRE(waitFor([&] { return pool.stats().recycles == 1u && pool.stats().workersBusy == 0; }));
    BOOST_TEST(pool.workers().front().pid != first);
    BOOST_TEST(pool.convert(request(threePageLetter())).compare(0, 5, "%PDF-") == 0);
}

BOOST_AUTO_TEST_CASE(worker_recycled_above_memory_limit)
{
    auto config = oneWorker();
    config.maxRssKb = 1024; // any wkhtmltopdf is above 1 MB
    WorkerPool pool(config);
    pool.convert(request(threePageLetter()));
    BOOST_TEST(waitFor([&] { return pool.stats().recycles >= 1u; }));
}

BOOST_AUTO_TEST_CASE(no_processes_left_after_destruction)
{
    std::vector<pid_t> pids;
    {
        WorkerPoolConfig config;
        config.workers = 2;
        WorkerPool pool(config);
        BOOST_REQUIRE(waitFor([&] { return pool.stats().workersAlive == 2; }));
        for (const auto& w : pool.workers())
            pids.push_back(w.pid);
    }
    for (pid_t pid : pids)
        BOOST_TEST(::kill(pid, 0) != 0);
    BOOST_TEST(zombieChildren() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
