// http_bench: sends one case file to a running kansli over HTTP, N documents at concurrency C,
// and prints documents/s and latency percentiles. Only loopback addresses are allowed.
//
// Usage: http_bench --port P --file CASE.xml [--docs N] [--concurrency C] [--token T] [--prefix NAME]
// Prints lines NAME.docs_per_s=, NAME.p50_ms=, NAME.p99_ms=, NAME.errors=.

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Options {
    unsigned short port = 8080;
    std::string file;
    int docs = 200;
    int concurrency = 1;
    std::string token;
    std::string prefix = "http";
};

int number(const char* text, int min, int max)
{
    int value = 0;
    if (!Poco::NumberParser::tryParse(text, value) || value < min || value > max) {
        std::cerr << "http_bench: bad number " << text << "\n";
        std::exit(2);
    }
    return value;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values.at(std::min(index, values.size() - 1));
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--port") {
            o.port = static_cast<unsigned short>(number(argv[i + 1], 1, 65535));
        } else if (a == "--file") {
            o.file = argv[i + 1];
        } else if (a == "--docs") {
            o.docs = number(argv[i + 1], 1, 1000000);
        } else if (a == "--concurrency") {
            o.concurrency = number(argv[i + 1], 1, 64);
        } else if (a == "--token") {
            o.token = argv[i + 1];
        } else if (a == "--prefix") {
            o.prefix = argv[i + 1];
        } else {
            std::cerr << "http_bench: unknown option " << a << "\n";
            return 2;
        }
    }
    std::ifstream in(o.file, std::ios::binary);
    if (!in) {
        std::cerr << "http_bench: cannot read --file\n";
        return 2;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string body = buffer.str();

    std::atomic<int> next{0};
    std::atomic<int> errors{0};
    std::mutex mutex;
    std::vector<double> latencies;
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < o.concurrency; ++t) {
        threads.emplace_back([&] {
            Poco::Net::HTTPClientSession session("127.0.0.1", o.port);
            session.setKeepAlive(true);
            session.setTimeout(Poco::Timespan(120, 0));
            std::vector<double> mine;
            while (next.fetch_add(1) < o.docs) {
                const auto t0 = std::chrono::steady_clock::now();
                try {
                    Poco::Net::HTTPRequest request("POST", "/v1/documents", Poco::Net::HTTPRequest::HTTP_1_1);
                    request.setContentType("application/xml");
                    request.setContentLength(static_cast<std::streamsize>(body.size()));
                    request.setKeepAlive(true);
                    if (!o.token.empty()) {
                        request.set("Authorization", "Bearer " + o.token);
                    }
                    session.sendRequest(request) << body;
                    Poco::Net::HTTPResponse response;
                    std::istream& rs = session.receiveResponse(response);
                    std::string pdf;
                    Poco::StreamCopier::copyToString(rs, pdf);
                    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK || pdf.rfind("%PDF-", 0) != 0) {
                        ++errors;
                        continue;
                    }
                } catch (const Poco::Exception&) {
                    ++errors;
                    session.reset();
                    continue;
                }
                mine.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            }
            std::lock_guard<std::mutex> lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%s.docs_per_s=%.1f\n%s.p50_ms=%.1f\n%s.p99_ms=%.1f\n%s.errors=%d\n", o.prefix.c_str(),
                static_cast<double>(latencies.size()) / seconds, o.prefix.c_str(), percentile(latencies, 0.50),
                o.prefix.c_str(), percentile(latencies, 0.99), o.prefix.c_str(), errors.load());
    return errors.load() == 0 ? 0 : 1;
}
