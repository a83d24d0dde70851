// overload_client: a bounded load generator for bench/overload, loopback only.
//
//   overload_client --port N --file CASE.xml --token T --seconds S
//                   (--closed C | --rate R [--max-inflight M])
//
// --closed C: C clients send one request after another (measures capacity).
// --rate R:   open loop: a request is started every 1/R s, whatever the service does, by a pool
//             of at most M client threads; a start that finds no free thread is counted as
//             "not sent" (the client, not the service, was the limit).
// Every 200 must be application/pdf, start with %PDF-, end in %%EOF and have the SHA-256 its
// X-Kansli-Sha256 header names; every 503 must carry Retry-After. Prints one summary line:
//   sent=.. ok=.. bad_pdf=.. s503=.. s503_no_retry_after=.. other_status=.. conn_errors=..
//   not_sent=.. offered_per_s=.. served_per_s=.. p50_ms=.. p99_ms=.. max_ms=..

#include <Poco/DigestEngine.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/SHA2Engine.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Counters {
    std::atomic<long> sent{0}, ok{0}, badPdf{0}, s503{0}, s503NoRetry{0}, otherStatus{0}, connErrors{0}, notSent{0};
    std::mutex mutex;
    std::vector<double> okMillis;
};

struct Options {
    unsigned short port = 0;
    std::string file, token;
    double seconds = 30, rate = 0;
    int closed = 0, maxInflight = 256;
};

bool wholePdf(const std::string& body, const std::string& sha)
{
    if (body.size() < 16 || body.compare(0, 5, "%PDF-") != 0)
        return false;
    if (body.find("%%EOF", body.size() - std::min<std::size_t>(body.size(), 1024)) == std::string::npos)
        return false;
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(body.data(), static_cast<unsigned>(body.size()));
    return Poco::DigestEngine::digestToHex(engine.digest()) == sha;
}

void once(const Options& o, const std::string& xml, Counters& c)
{
    ++c.sent;
    const auto start = Clock::now();
    try {
        Poco::Net::HTTPClientSession session("127.0.0.1", o.port);
        session.setTimeout(Poco::Timespan(120, 0));
        Poco::Net::HTTPRequest request("POST", "/v1/documents", Poco::Net::HTTPRequest::HTTP_1_1);
        request.set("Authorization", "Bearer " + o.token);
        request.setContentType("application/xml");
        request.setContentLength(static_cast<std::streamsize>(xml.size()));
        session.sendRequest(request) << xml;
        Poco::Net::HTTPResponse response;
        std::istream& in = session.receiveResponse(response);
        std::string body;
        Poco::StreamCopier::copyToString(in, body);
        const int status = static_cast<int>(response.getStatus());
        if (status == 200) {
            if (response.getContentType() == "application/pdf" && wholePdf(body, response.get("X-Kansli-Sha256", ""))) {
                ++c.ok;
                const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
                std::lock_guard lock(c.mutex);
                c.okMillis.push_back(ms);
            } else {
                ++c.badPdf;
            }
        } else if (status == 503) {
            ++c.s503;
            if (!response.has("Retry-After"))
                ++c.s503NoRetry;
        } else {
            ++c.otherStatus;
            std::lock_guard lock(c.mutex);
            std::cerr << "status " << status << ": " << body.substr(0, 200) << "\n";
        }
    } catch (const Poco::Exception&) {
        ++c.connErrors;
    }
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    return values.at(index);
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--port") o.port = static_cast<unsigned short>(std::stoi(value));
        else if (key == "--file") o.file = value;
        else if (key == "--token") o.token = value;
        else if (key == "--seconds") o.seconds = std::stod(value);
        else if (key == "--rate") o.rate = std::stod(value);
        else if (key == "--closed") o.closed = std::stoi(value);
        else if (key == "--max-inflight") o.maxInflight = std::stoi(value);
        else { std::cerr << "overload_client: unknown option " << key << "\n"; return 2; }
    }
    if (o.port == 0 || o.file.empty() || (o.closed <= 0 && o.rate <= 0) || o.seconds <= 0 || o.seconds > 600) {
        std::cerr << "usage: overload_client --port N --file CASE.xml --token T --seconds S (--closed C | --rate R)\n";
        return 2;
    }
    std::ifstream in(o.file, std::ios::binary);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Counters c;
    const auto start = Clock::now();
    const auto end = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));

    std::vector<std::thread> threads;
    if (o.closed > 0) {
        for (int t = 0; t < o.closed; ++t)
            threads.emplace_back([&] {
                while (Clock::now() < end)
                    once(o, xml, c);
            });
    } else {
        // Open loop: the dispatcher hands out start tickets; idle client threads take them.
        std::mutex mutex;
        std::condition_variable wake;
        long tickets = 0;
        int idle = 0;
        bool over = false;
        for (int t = 0; t < o.maxInflight; ++t)
            threads.emplace_back([&] {
                for (;;) {
                    {
                        std::unique_lock lock(mutex);
                        ++idle;
                        wake.wait(lock, [&] { return over || tickets > 0; });
                        --idle;
                        if (tickets == 0)
                            return;
                        --tickets;
                    }
                    once(o, xml, c);
                }
            });
        const auto interval = std::chrono::duration<double>(1.0 / o.rate);
        for (long n = 0;; ++n) {
            const auto at = start + std::chrono::duration_cast<Clock::duration>(interval * static_cast<double>(n));
            if (at >= end)
                break;
            std::this_thread::sleep_until(at);
            std::lock_guard lock(mutex);
            if (idle > tickets) {
                ++tickets;
                wake.notify_one();
            } else {
                ++c.notSent;
            }
        }
        {
            std::lock_guard lock(mutex);
            over = true;
        }
        wake.notify_all();
    }
    for (auto& t : threads)
        t.join();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::printf("sent=%ld ok=%ld bad_pdf=%ld s503=%ld s503_no_retry_after=%ld other_status=%ld conn_errors=%ld "
                "not_sent=%ld offered_per_s=%.1f served_per_s=%.1f p50_ms=%.0f p99_ms=%.0f max_ms=%.0f elapsed_s=%.1f\n",
                c.sent.load(), c.ok.load(), c.badPdf.load(), c.s503.load(), c.s503NoRetry.load(), c.otherStatus.load(),
                c.connErrors.load(), c.notSent.load(),
                static_cast<double>(c.sent.load() + c.notSent.load()) / o.seconds,
                static_cast<double>(c.ok.load()) / o.seconds, percentile(c.okMillis, 0.5), percentile(c.okMillis, 0.99),
                percentile(c.okMillis, 1.0), elapsed);
    return c.badPdf.load() == 0 && c.s503NoRetry.load() == 0 ? 0 : 1;
}
