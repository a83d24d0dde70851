// An HTTP-level fuzzer: mutated raw requests to the real service on loopback. libFuzzer's
// targets (tests/fuzz) cover the case file; this covers the bytes before it: request lines,
// headers, framing, chunked bodies, half-closed and stalled connections.
//
// In CTest it runs a fixed number of iterations from a fixed seed (reproducible). For long runs:
//   KANSLI_HTTP_FUZZ_SECONDS=1800 KANSLI_HTTP_FUZZ_SEED=7 build/bin/hostile_tests --run_test=http_fuzz
// (bench/fuzz SECONDS http does that). Every input that broke a rule is written to
// $TMPDIR/kansli-http-fuzz-failures/ to be kept as a regression row in BoundaryTest.cpp.

#include "Hostile.h"
#include "Run.h"

#include <Poco/Net/StreamSocket.h>

#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace kansli::hostile;
using namespace kansli::test;
using namespace std::chrono_literals;

namespace {

long envNumber(const char* name, long fallback)
{
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::strtol(value, nullptr, 10) : fallback;
}

std::vector<std::string> seeds()
{
    const std::string body = readFile(SOURCE + "/examples/beslut-uvas.xml");
    const std::string auth = "Authorization: Bearer " + TOKEN + "\r\n";
    std::string chunked;
    for (std::size_t at = 0; at < body.size(); at += 700) {
        const std::string part = body.substr(at, 700);
        char size[16];
        std::snprintf(size, sizeof size, "%zx", part.size());
        chunked += std::string(size) + "\r\n" + part + "\r\n";
    }
    chunked += "0\r\n\r\n";
    std::string handed = readFile(SOURCE + "/tests/hostile/cases/content-length-and-chunked.http");
    const std::string placeholder = "REPLACE-WITH-A-CASE-SYSTEM-TOKEN";
    handed.replace(handed.find(placeholder), placeholder.size(), TOKEN);
    return {
        "POST /v1/validate HTTP/1.1\r\nHost: k\r\n" + auth + "Content-Type: application/xml\r\nContent-Length: "
            + std::to_string(body.size()) + "\r\n\r\n" + body,
        "POST /v1/validate HTTP/1.1\r\nHost: k\r\n" + auth + "Transfer-Encoding: chunked\r\n\r\n" + chunked,
        "POST /v1/documents?format=html HTTP/1.1\r\nHost: k\r\n" + auth + "Expect: 100-continue\r\nContent-Length: "
            + std::to_string(body.size()) + "\r\n\r\n" + body,
        "GET /healthz HTTP/1.1\r\nHost: k\r\n\r\nGET /readyz HTTP/1.1\r\nHost: k\r\n\r\n",
        "GET /v1/schemas/case-1.xsd HTTP/1.1\r\nHost: k\r\n" + auth + "Connection: close\r\n\r\n",
        "HEAD /metrics HTTP/1.0\r\n\r\n",
        "GET /preview/preview.js?x=%41 HTTP/1.1\r\nHost: k\r\n\r\n",
        handed,
    };
}

const std::vector<std::string>& tokens()
{
    static const std::vector<std::string> list = {"\r\n", "\n", ":", " ", "\t", "Content-Length: ", "Content-Length: 0\r\n",
        "Content-Length: 99999999999999999999\r\n", "Transfer-Encoding: chunked\r\n", "Transfer-Encoding: gzip\r\n",
        "Expect: 100-continue\r\n", "Host: \r\n", "HTTP/1.0", "HTTP/2.0", "%", "%zz", "?format=", "0\r\n\r\n",
        "ffffffff\r\n", std::string(1, '\0'), "\xff\xfe", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "&a;", "Connection: close\r\n",
        std::string(9000, 'A')};
    return list;
}

std::string mutate(std::string input, std::mt19937& random)
{
    auto pick = [&](std::size_t n) { return n == 0 ? std::size_t{0} : std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
    const int rounds = 1 + static_cast<int>(pick(4));
    for (int r = 0; r < rounds; ++r) {
        const std::size_t at = pick(input.size() + 1);
        switch (pick(7)) {
        case 0: // flip a byte
            if (!input.empty())
                input[std::min(at, input.size() - 1)] ^= static_cast<char>(1 + pick(255));
            break;
        case 1: // insert a token
            input.insert(at, tokens()[pick(tokens().size())]);
            break;
        case 2: // delete a range
            input.erase(std::min(at, input.size()), pick(64));
            break;
        case 3: // truncate
            input.resize(std::min(at, input.size()));
            break;
        case 4: { // duplicate a header line
            const std::size_t line = input.find("\r\n", at);
            const std::size_t next = line == std::string::npos ? line : input.find("\r\n", line + 2);
            if (next != std::string::npos)
                input.insert(line, input.substr(line, next - line));
            break;
        }
        case 5: // CRLF to LF
            if (const std::size_t crlf = input.find("\r\n", at); crlf != std::string::npos)
                input.erase(crlf, 1);
            break;
        default: // repeat a piece
            input.insert(at, input.substr(at, pick(32)));
            break;
        }
    }
    return input;
}

} // namespace

BOOST_AUTO_TEST_SUITE(http_fuzz)

BOOST_AUTO_TEST_CASE(mutated_requests_never_hurt_the_service)
{
    const long iterations = envNumber("KANSLI_HTTP_FUZZ_ITERATIONS", 250);
    const long seconds = envNumber("KANSLI_HTTP_FUZZ_SECONDS", 0);
    const Server server(std::map<std::string, std::string>{
        {"kansli.server.idleTimeoutMs", "500"}, {"kansli.server.requestTimeoutMs", "1000"}});
    const pid_t pid = server.pid();
    const auto corpus = seeds();
    const std::set<int> allowed = {100, 200, 400, 401, 403, 404, 405, 408, 411, 413, 422, 501, 503, 505};
    const std::string failures = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/kansli-http-fuzz-failures";
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    // Four clients at once: most of the time is spent waiting for deadlines, not working.
    constexpr int CLIENTS = 4;
    std::mutex mutex;
    long done = 0;
    long answered = 0;
    std::map<int, long> statuses;
    std::vector<std::string> broken; // inputs and why, reported from the main thread
    auto keep = [&](const std::string& input, const std::string& why) {
        std::filesystem::create_directories(failures);
        writeFile(failures + "/input-" + std::to_string(done) + "-" + std::to_string(broken.size()) + ".http", input);
        broken.push_back(why);
    };
    std::vector<std::thread> clients;
    for (int client = 0; client < CLIENTS; ++client) {
        clients.emplace_back([&, client] {
            std::mt19937 random(static_cast<unsigned>(envNumber("KANSLI_HTTP_FUZZ_SEED", 20261130)) + static_cast<unsigned>(client));
            for (long n = 0;; ++n) {
                {
                    const std::lock_guard lock(mutex);
                    if (seconds > 0 ? std::chrono::steady_clock::now() >= end : done >= iterations)
                        return;
                    ++done;
                }
                const std::string input = mutate(corpus[static_cast<std::size_t>(n * CLIENTS + client) % corpus.size()], random);
                const Conversation e = converse(server.port(), input, 5000ms, random() % 2 == 0);
                const std::lock_guard lock(mutex);
                if (e.bytes.empty() && !e.closedByService)
                    keep(input, "no answer and no close within 5 s (deadline 1 s)");
                for (std::size_t at = e.bytes.find("HTTP/1."); at != std::string::npos; at = e.bytes.find("HTTP/1.", at + 1)) {
                    if (at != 0 && e.bytes.compare(at - 2, 2, "\r\n") != 0)
                        continue;
                    const int status = std::atoi(e.bytes.substr(at + 9, 3).c_str());
                    ++statuses[status];
                    ++answered;
                    if (allowed.count(status) == 0)
                        keep(input, "status " + std::to_string(status));
                }
                if (n % 25 == 0 && server.get("/healthz").status != 200)
                    keep(input, "/healthz not 200 after it");
            }
        });
    }
    for (auto& t : clients)
        t.join();
    for (const auto& why : broken)
        BOOST_ERROR(why << " (input kept in " << failures << ")");
    BOOST_TEST(::kill(pid, 0) == 0);
    BOOST_TEST(server.get("/healthz").status == 200);
    std::string summary;
    for (const auto& [status, count] : statuses)
        summary += " " + std::to_string(status) + "×" + std::to_string(count);
    BOOST_TEST_MESSAGE("http_fuzz: " << done << " requests, " << answered << " answers:" << summary);
    BOOST_TEST(answered > done / 2);
}

BOOST_AUTO_TEST_SUITE_END()
