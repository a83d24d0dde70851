// The second engine: headless Chromium in the same supervised pool, on real processes. The same
// guarantees as the wkhtmltopdf workers (WorkerPoolTest), plus what only this engine has to keep:
// tagged output, no script, no request leaving the page, no helper process left behind.
// No assertion is about speed.

#include "TestDocuments.h"
#include "core/Error.h"
#include "render/ChromiumProcess.h"
#include "render/WorkerPool.h"

#include <boost/test/unit_test.hpp>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/Socket.h>

#include <csignal>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace kansli;
using namespace kansli::render;
using namespace kansli::render::test;
using namespace std::chrono_literals;

namespace {

WorkerPoolConfig chromium(unsigned workers = 1)
{
    WorkerPoolConfig config;
    config.engine.kind = EngineKind::Chromium;
    config.workers = workers;
    config.maxRssKb = 2 * 1024 * 1024; // recycled by count in these tests, not by memory
    return config;
}

ConversionRequest request(const std::string& xhtml, bool tagged = true)
{
    ConversionRequest r;
    r.xhtml = xhtml;
    r.tagged = tagged;
    return r;
}

template <typename F>
bool waitFor(F condition, std::chrono::milliseconds limit = 30s)
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

// Processes whose process group is `group` (a browser and its helpers).
int processesInGroup(pid_t group)
{
    int count = 0;
    for (const auto& line : {runCommand("ps -e -o pgid=")}) {
        std::istringstream in(line);
        long pgid = 0;
        while (in >> pgid)
            count += pgid == group ? 1 : 0;
    }
    return count;
}

std::string text(const std::string& pdf)
{
    return runCommand("pdftotext -layout " + writeTemp(pdf, "chromium.pdf") + " -");
}

const std::string& slowDocument()
{
    static const std::string doc = longDocument(120);
    return doc;
}

// A page that tries to reach out: a script that would replace the text, an image and a style
// sheet from a loopback server, an image from a local file.
std::string reachingDocument(int port)
{
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
    return "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv\"><head><meta charset=\"utf-8\"/>"
           "<title>Prov</title><link rel=\"stylesheet\" href=\"" + url + "style.css\"/></head><body>"
           "<p id=\"p\">Brevets egen text</p>"
           "<img src=\"" + url + "logo.png\" alt=\"\"/><img src=\"file:///etc/hostname\" alt=\"\"/>"
           "<iframe src=\"file:///etc/passwd\"></iframe>"
           "<script>document.getElementById('p').textContent = 'SKRIPTET KORDE';</script>"
           "</body></html>";
}

} // namespace

BOOST_AUTO_TEST_SUITE(chromium_pool)

BOOST_AUTO_TEST_CASE(prints_a_tagged_letter_and_reports_its_version)
{
    WorkerPool pool(chromium());
    const std::string pdf = pool.convert(request(threePageLetter()));
    BOOST_TEST(pdf.compare(0, 5, "%PDF-") == 0);
    const std::string file = writeTemp(pdf, "tagged.pdf");
    const std::string info = runCommand("pdfinfo " + file);
    BOOST_TEST(info.find("Tagged:          yes") != std::string::npos, info);
    BOOST_TEST(info.find("Pages:           3") != std::string::npos, info);
    const std::string tree = runCommand("pdfinfo -struct " + file + " 2>/dev/null");
    BOOST_TEST(tree.find("Table") != std::string::npos, tree.substr(0, 400));
    BOOST_TEST(pool.engineVersion().rfind("chromium ", 0) == 0, pool.engineVersion());
    BOOST_TEST(pool.engineVersion().size() > std::string("chromium 1").size());

    const std::string untagged = pool.convert(request(threePageLetter(), false));
    BOOST_TEST(runCommand("pdfinfo " + writeTemp(untagged, "untagged.pdf")).find("Tagged:          no")
               != std::string::npos);
}

BOOST_AUTO_TEST_CASE(wkhtmltopdf_refuses_a_tagged_request)
{
    WorkerPoolConfig config;
    config.workers = 1;
    WorkerPool pool(config);
    BOOST_CHECK_EXCEPTION(pool.convert(request(threePageLetter(), true)), Error,
                          [](const Error& e) { return e.code() == ErrorCode::Render; });
    BOOST_TEST(pool.engineVersion().rfind("wkhtmltopdf 0.", 0) == 0, pool.engineVersion());
}

BOOST_AUTO_TEST_CASE(runs_no_script_and_reaches_nothing_outside_the_page)
{
    Poco::Net::ServerSocket listener(Poco::Net::SocketAddress("127.0.0.1", 0));
    listener.setBlocking(false);
    WorkerPool pool(chromium());
    const std::string pdf = pool.convert(request(reachingDocument(listener.address().port())));
    const std::string words = text(pdf);
    BOOST_TEST(words.find("Brevets egen text") != std::string::npos, words);
    BOOST_TEST(words.find("SKRIPTET") == std::string::npos, words);
    BOOST_TEST(words.find("root:") == std::string::npos, words); // no file shown in the frame
    BOOST_TEST(runCommand("pdfimages -list " + writeTemp(pdf, "reach.pdf") + " | tail -n +3 | wc -l") == "0\n");
    // Nobody connected to the loopback server.
    Poco::Net::Socket::SocketList readable{listener}, writable, failed;
    BOOST_TEST(Poco::Net::Socket::select(readable, writable, failed, Poco::Timespan(0, 200000)) == 0);
}

BOOST_AUTO_TEST_CASE(killed_browser_is_replaced_and_document_retried)
{
    WorkerPool pool(chromium());
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersAlive == 1; }));
    auto pending = std::async(std::launch::async, [&] { return pool.convert(request(slowDocument())); });
    BOOST_REQUIRE(waitFor([&] { return busyPid(pool) > 0; }));
    std::this_thread::sleep_for(30ms);
    const pid_t victim = busyPid(pool);
    BOOST_REQUIRE(victim > 0);
    ::kill(victim, SIGKILL);
    const auto pdf = pending.get();
    BOOST_TEST(pdf.compare(0, 5, "%PDF-") == 0);
    BOOST_TEST(pool.stats().retries == 1u);
    BOOST_TEST(pool.workers().front().pid != victim);
    BOOST_TEST(waitFor([&] { return processesInGroup(victim) == 0; }, 10s)); // no renderer left
}

BOOST_AUTO_TEST_CASE(timeout_kills_the_browser_and_its_helpers)
{
    auto config = chromium();
    config.engine.documentTimeout = 30ms;
    WorkerPool pool(config);
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersAlive == 1; }));
    const pid_t before = pool.workers().front().pid;
    BOOST_TEST(processesInGroup(before) > 1); // a browser has helpers
    try {
        pool.convert(request(slowDocument()));
        BOOST_FAIL("expected a timeout");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::Render));
        BOOST_TEST(e.publicMessage() == "The PDF engine took too long");
    }
    BOOST_TEST(pool.stats().timeouts == 1u);
    BOOST_TEST(waitFor([&] { return processesInGroup(before) == 0; }, 10s));
}

BOOST_AUTO_TEST_CASE(full_queue_throws_overloaded_and_recycling_replaces_the_browser)
{
    auto config = chromium();
    config.queueCapacity = 1;
    config.recycleAfterDocuments = 3; // the warm-up counts as one
    WorkerPool pool(config);
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersAlive == 1; }));
    const pid_t first = pool.workers().front().pid;
    auto one = std::async(std::launch::async, [&] { return pool.convert(request(slowDocument())); });
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersBusy == 1 && pool.stats().queueDepth == 0; }));
    auto two = std::async(std::launch::async, [&] { return pool.convert(request(threePageLetter())); });
    BOOST_REQUIRE(waitFor([&] { return pool.stats().queueDepth == 1; }));
    BOOST_CHECK_EXCEPTION(pool.convert(request(threePageLetter())), Error,
                          [](const Error& e) { return e.code() == ErrorCode::Overloaded; });
    BOOST_TEST(one.get().size() > 0u);
    BOOST_TEST(two.get().size() > 0u);
    const bool recycled = waitFor([&] { return pool.stats().recycles == 1u && pool.stats().workersBusy == 0; });
    BOOST_REQUIRE_MESSAGE(recycled, "recycles " << pool.stats().recycles << " rendered " << pool.stats().documentsRendered
                                                << " restarts " << pool.stats().restarts);
    BOOST_TEST(pool.workers().front().pid != first);
    BOOST_TEST(waitFor([&] { return processesInGroup(first) == 0; }, 10s));
}

BOOST_AUTO_TEST_CASE(memory_is_read_every_sixteenth_letter_and_a_browser_above_the_limit_is_replaced)
{
    // Reading a browser's proportional size walks the page tables of its ten processes (as long
    // as a letter), so the pool reads it after every 16th document only (the warm-up is the first).
    static_assert(ChromiumProcess::MEMORY_READ_INTERVAL == 16);
    auto config = chromium();
    config.maxRssKb = 1024; // any browser is above 1 MB
    WorkerPool pool(config);
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersAlive == 1; }));
    const pid_t first = pool.workers().front().pid;
    for (unsigned letter = 2; letter < ChromiumProcess::MEMORY_READ_INTERVAL; ++letter)
        pool.convert(request(threePageLetter()));
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersBusy == 0; }));
    BOOST_TEST(pool.workers().front().documents == ChromiumProcess::MEMORY_READ_INTERVAL - 1);
    BOOST_TEST(pool.workers().front().memoryKb == 0); // not read yet
    BOOST_TEST(pool.stats().recycles == 0u);
    pool.convert(request(threePageLetter())); // the 16th: read, above the limit, replaced
    BOOST_REQUIRE(waitFor([&] { return pool.stats().recycles == 1u && pool.stats().workersBusy == 0; }));
    BOOST_TEST(pool.workers().front().pid != first);
    BOOST_TEST(pool.workers().front().memoryKb == 0); // the new browser's figure is its own
    BOOST_TEST(waitFor([&] { return processesInGroup(first) == 0; }, 10s));
    pool.convert(request(threePageLetter())); // the new browser is not replaced at once
    BOOST_REQUIRE(waitFor([&] { return pool.stats().workersBusy == 0; }));
    BOOST_TEST(pool.stats().recycles == 1u);
}

BOOST_AUTO_TEST_CASE(no_process_left_after_destruction)
{
    pid_t browser = -1;
    {
        WorkerPool pool(chromium());
        BOOST_REQUIRE(waitFor([&] { return pool.stats().workersAlive == 1; }));
        browser = pool.workers().front().pid;
        pool.convert(request(threePageLetter()));
    }
    BOOST_TEST(waitFor([&] { return processesInGroup(browser) == 0; }, 10s));
}

BOOST_AUTO_TEST_SUITE_END()
