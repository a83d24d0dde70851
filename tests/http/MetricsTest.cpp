#define BOOST_TEST_DYN_LINK
// The Prometheus exposition: counters by route and status, the latency histogram, pool gauges.

#include "http/Metrics.h"

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace kansli;

namespace {

bool hasLine(const std::string& text, const std::string& line)
{
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) {
        if (l == line) {
            return true;
        }
    }
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(MetricsTest)

BOOST_AUTO_TEST_CASE(requests_latency_documents_and_pool_figures)
{
    http::Metrics metrics;
    metrics.countRequest("/v1/documents", "POST", 200, 0.3);
    metrics.countRequest("/v1/documents", "POST", 200, 0.004);
    metrics.countRequest("/v1/documents", "POST", 422, 0.02);
    metrics.countDocument("beslut", "pdf");
    pipeline::PipelineStats stats;
    stats.queueDepth = 3;
    stats.workersAlive = 2;
    stats.workerRestarts = 1;
    stats.templatesLoaded = 3;
    stats.auditWritable = true;
    const std::string text = metrics.prometheus(stats);
    BOOST_TEST(hasLine(text, "# TYPE kansli_http_requests_total counter"));
    BOOST_TEST(hasLine(text, "kansli_http_requests_total{route=\"/v1/documents\",method=\"POST\",status=\"200\"} 2"));
    BOOST_TEST(hasLine(text, "kansli_http_requests_total{route=\"/v1/documents\",method=\"POST\",status=\"422\"} 1"));
    BOOST_TEST(hasLine(text, "# TYPE kansli_http_request_duration_seconds histogram"));
    BOOST_TEST(hasLine(text, "kansli_http_request_duration_seconds_bucket{route=\"/v1/documents\",le=\"0.005\"} 1"));
    BOOST_TEST(hasLine(text, "kansli_http_request_duration_seconds_bucket{route=\"/v1/documents\",le=\"0.25\"} 2"));
    BOOST_TEST(hasLine(text, "kansli_http_request_duration_seconds_bucket{route=\"/v1/documents\",le=\"0.5\"} 3"));
    BOOST_TEST(hasLine(text, "kansli_http_request_duration_seconds_bucket{route=\"/v1/documents\",le=\"+Inf\"} 3"));
    BOOST_TEST(hasLine(text, "kansli_http_request_duration_seconds_count{route=\"/v1/documents\"} 3"));
    BOOST_TEST(hasLine(text, "kansli_documents_total{type=\"beslut\",format=\"pdf\"} 1"));
    BOOST_TEST(hasLine(text, "kansli_render_queue_depth 3"));
    BOOST_TEST(hasLine(text, "kansli_render_workers_alive 2"));
    BOOST_TEST(hasLine(text, "kansli_render_worker_restarts_total 1"));
    BOOST_TEST(hasLine(text, "kansli_audit_writable 1"));
    BOOST_TEST(text.back() == '\n');
}

BOOST_AUTO_TEST_SUITE_END()
