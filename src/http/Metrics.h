#pragma once
/// Counters for GET /metrics, in the Prometheus text format 0.0.4.
///
/// SafeHandler counts every request (by route, method and status) and its latency; the documents
/// handler counts documents by type and format; the render pool's figures come from
/// pipeline::PipelineStats when the page is written. Labels are route templates and codes only.

#include "pipeline/DocumentPipeline.h"

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace kansli::http {

class Metrics {
public:
    /// Upper bounds (seconds) of the latency histogram's buckets; +Inf is implied.
    static constexpr std::array<double, 12> BUCKETS
        = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0};

    void countRequest(const std::string& route, const std::string& method, int status, double seconds);
    void countDocument(const std::string& documentType, const std::string& format);

    /// The whole exposition, ending with a line break.
    std::string prometheus(const pipeline::PipelineStats& stats) const;

private:
    struct Histogram {
        std::array<std::uint64_t, BUCKETS.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex _mutex;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> _requests;
    std::map<std::string, Histogram> _latency;
    std::map<std::pair<std::string, std::string>, std::uint64_t> _documents;
};

} // namespace kansli::http
