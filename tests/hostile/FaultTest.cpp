#define BOOST_TEST_DYN_LINK
// Failures around the engine: a worker killed in the middle of a document (over HTTP, the
// worker found among the service's children in /proc), a temporary folder that is read-only or
// full, and clients that hang up early. Hung workers are covered by tests/render
// (worker_pool/timeout_kills_and_replaces_the_worker); they are not repeated here.

#include "Hostile.h"
#include "Run.h"

#include "core/Error.h"
#include "render/WorkerPool.h"

#include <Poco/Net/StreamSocket.h>

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <filesystem>
#include <future>
#include <sys/mount.h>
#include <unistd.h>

using namespace kansli;
using namespace kansli::hostile;
using namespace kansli::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

std::string example()
{
    return readFile(SOURCE + "/examples/beslut-uvas.xml");
}

bool succeeded(const Reply& reply)
{
    return reply.status == 200 && reply.contentType == "application/pdf" && pdfIsWhole(reply.body);
}

/// A tmpfs of `size` mounted for the test (root only), unmounted at the end.
struct SmallDisk {
    std::string dir = makeTempDir("kansli-hostile-disk");
    bool mounted = false;

    SmallDisk(const char* options)
    {
        mounted = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, options) == 0;
        if (!mounted)
            BOOST_TEST_MESSAGE("tmpfs could not be mounted (needs root); case skipped");
    }
    ~SmallDisk()
    {
        if (mounted)
            ::umount2(dir.c_str(), MNT_DETACH);
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

std::string longXhtml(int paragraphs)
{
    std::string xhtml = "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/>"
                        "</head><body>";
    for (int i = 0; i < paragraphs; ++i)
        xhtml += "<p>Stycke " + std::to_string(i) + " med några ord för att fylla sidan.</p>";
    return xhtml + "</body></html>";
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_worker_faults)

BOOST_AUTO_TEST_CASE(worker_killed_mid_document_is_replaced_and_the_request_answered)
{
    const Server server;
    std::vector<pid_t> workers;
    BOOST_TEST_REQUIRE(waitFor([&] { return (workers = childrenOf(server.pid(), "wkhtmltopdf")).size() == 1; }));
    const pid_t victim = workers.front();

    // Stop the worker so the document is certainly inside it, then kill it there.
    BOOST_TEST_REQUIRE(::kill(victim, SIGSTOP) == 0);
    auto pending = std::async(std::launch::async, [&] { return server.post("/v1/documents", example(), 60); });
    std::this_thread::sleep_for(1s);
    BOOST_TEST_REQUIRE(::kill(victim, SIGKILL) == 0);
    const Reply answer = pending.get();
    // A clean retry on a fresh worker, or a 503 the client may retry; never a broken PDF.
    BOOST_TEST((succeeded(answer) || (answer.status == 503 && !answer.retryAfter.empty())), answer.status);

    BOOST_TEST(waitFor([&] {
        workers = childrenOf(server.pid(), "wkhtmltopdf");
        return workers.size() == 1 && workers.front() != victim;
    }));
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(succeeded(server.post("/v1/documents", example())));
}

BOOST_AUTO_TEST_CASE(full_render_queue_answers_503_with_retry_after)
{
    // One worker, room for one waiting document: with the worker held still, the third and
    // later documents find the queue full.
    // The service-wide bound is under test: the caller's own share (429) is set out of the way,
    // and so is the second engine (its workers and queue would need request threads of their own).
    const std::map<std::string, std::string> config = {{"kansli.render.queueLimit", "1"},
                                                       {"kansli.server.maxThreads", "8"},
                                                       {"kansli.render.taggedWorkers", "0"},
                                                       {"kansli.server.maxDocumentsPerCaller", "100"}};
    const Server server(config);
    std::vector<pid_t> workers;
    BOOST_TEST_REQUIRE(waitFor([&] { return (workers = childrenOf(server.pid(), "wkhtmltopdf")).size() == 1; }));
    const pid_t worker = workers.front();
    BOOST_TEST_REQUIRE(::kill(worker, SIGSTOP) == 0);
    std::vector<std::future<Reply>> replies;
    for (int i = 0; i < 5; ++i) {
        replies.push_back(std::async(std::launch::async, [&] { return server.post("/v1/documents", example(), 60); }));
        std::this_thread::sleep_for(200ms);
    }
    std::this_thread::sleep_for(1s);
    ::kill(worker, SIGCONT);
    int ok = 0, overloaded = 0;
    for (auto& pending : replies) {
        const Reply reply = pending.get();
        if (succeeded(reply)) {
            ++ok;
        } else {
            BOOST_TEST(reply.status == 503);
            BOOST_TEST(reply.retryAfter == "1");
            BOOST_TEST(reply.contentType == "application/problem+json");
            ++overloaded;
        }
    }
    BOOST_TEST(ok >= 1);
    BOOST_TEST(overloaded >= 1);
    BOOST_TEST(succeeded(server.post("/v1/documents", example()))); // recovered at once
}

BOOST_AUTO_TEST_CASE(clients_that_hang_up_leave_no_files_or_processes)
{
    const Server server;
    const std::string xml = example();
    BOOST_TEST_REQUIRE(succeeded(server.post("/v1/documents", xml))); // workers started and warm
    const int baseline = server.jobFolders(); // the workers' runtime folder
    BOOST_TEST(baseline == 1);
    const std::string head = "POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                             + "\r\nContent-Type: application/xml\r\nContent-Length: " + std::to_string(xml.size())
                             + "\r\n\r\n";
    for (int i = 0; i < 6; ++i) {
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", server.port()));
        // Half of them send the whole case and leave; the others leave halfway through the body.
        const std::string sent = head + (i % 2 == 0 ? xml : xml.substr(0, xml.size() / 2));
        socket.sendBytes(sent.data(), static_cast<int>(sent.size()));
        socket.close();
    }
    // One worker works in order: once this answer arrives, the abandoned documents are done.
    BOOST_TEST(succeeded(server.post("/v1/documents", xml)));
    BOOST_TEST(waitFor([&] { return server.jobFolders() == baseline; }));
    BOOST_TEST(childrenOf(server.pid(), "wkhtmltopdf").size() == 1u);
    BOOST_TEST(childrenOf(server.pid()).size() == 1u); // no other process, no zombie
    BOOST_TEST(server.get("/healthz").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(temp_folder_faults)

BOOST_AUTO_TEST_CASE(read_only_temp_folder_is_a_clear_error)
{
    const SmallDisk disk("ro,size=64k");
    if (!disk.mounted)
        return;
    const std::string out = makeTempDir("kansli-hostile-out");
    const RunResult cli = run(KANSLI, {"render", SOURCE + "/examples/beslut-uvas.xml", "-o", out + "/letter.pdf"}, "",
                              {{"TMPDIR", disk.dir}});
    BOOST_TEST(cli.exitCode != 0);
    BOOST_TEST(cli.err.find("temporary folder") != std::string::npos, cli.err);
    BOOST_TEST(!fs::exists(out + "/letter.pdf"));

    render::WorkerPoolConfig config;
    config.workers = 1;
    config.engine.tempDir = disk.dir;
    try {
        render::WorkerPool pool(config);
        BOOST_ERROR("the pool started on a read-only temporary folder");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::Io));
    }
    fs::remove_all(out);
}

BOOST_AUTO_TEST_CASE(full_temp_folder_never_gives_a_cut_off_pdf)
{
    const SmallDisk disk("size=64k");
    if (!disk.mounted)
        return;
    render::WorkerPoolConfig config;
    config.workers = 1;
    config.engine.tempDir = disk.dir;
    render::WorkerPool pool(config);
    int refused = 0;
    // From a document whose input barely fits to one whose input does not: each either comes
    // out whole or is refused with a render or io error; none is a cut-off PDF.
    for (int paragraphs : {100, 400, 800, 1200, 1600, 3000}) {
        BOOST_TEST_CONTEXT(paragraphs << " paragraphs")
        {
            render::ConversionRequest request;
            request.xhtml = longXhtml(paragraphs);
            try {
                const std::string pdf = pool.convert(request);
                BOOST_TEST(pdfIsWhole(pdf));
            } catch (const Error& e) {
                ++refused;
                BOOST_TEST((e.code() == ErrorCode::Render || e.code() == ErrorCode::Io));
            }
        }
    }
    BOOST_TEST(refused >= 1); // the disk did fill up
    // The pool is usable again once there is room (the tmpfs grown in place).
    BOOST_TEST_REQUIRE(::mount("tmpfs", disk.dir.c_str(), "tmpfs", MS_REMOUNT, "size=8m") == 0);
    render::ConversionRequest small;
    small.xhtml = longXhtml(10);
    try {
        BOOST_TEST(pdfIsWhole(pool.convert(small)));
    } catch (const Error& e) {
        BOOST_ERROR("no document after the disk was grown: " << e.internalDetail() << "\n"
                    << run("du", {"-ab", disk.dir}).out);
    }
}

BOOST_AUTO_TEST_SUITE_END()
