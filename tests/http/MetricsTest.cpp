#define BOOST_TEST_DYN_LINK
// The Prometheus exposition: counters by route and status, the latency histogram, pool gauges.

#include "http/Metrics.h"

#include <boost/test/unit_test.hpp>

#include <ctime>
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
    stats.engine = "wkhtmltopdf 0.12.6";
    stats.taggedEngine = "chromium 156.0.8078.114";
    stats.taggedWorkersAlive = 1;
    stats.taggedDocumentsRendered = 4;
    stats.workerDocumentsAndKb = {{400, 120000}, {17, 70000}};
    stats.templateSetHash = std::string(64, 'a');
    stats.templateSetActive = false;
    stats.batchLettersGrouped = 19;
    stats.batchLettersAlone = 1;
    stats.longWordLetters = 2;
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
    BOOST_TEST(hasLine(text, "kansli_render_tagged_workers_alive 1"));
    BOOST_TEST(hasLine(text, "kansli_render_tagged_documents_total 4"));
    BOOST_TEST(hasLine(text, "kansli_render_worker_documents{worker=\"0\"} 400"));
    BOOST_TEST(hasLine(text, "kansli_render_worker_documents{worker=\"1\"} 17"));
    BOOST_TEST(hasLine(text, "kansli_render_worker_memory_bytes{worker=\"0\"} 122880000"));
    BOOST_TEST(hasLine(text, "kansli_template_set_info{hash=\"" + std::string(64, 'a') + "\"} 1"));
    BOOST_TEST(hasLine(text, "kansli_template_set_active 0"));
    BOOST_TEST(hasLine(text, "kansli_batch_letters_total{path=\"grouped\"} 19"));
    BOOST_TEST(hasLine(text, "kansli_batch_letters_total{path=\"alone\"} 1"));
    BOOST_TEST(hasLine(text, "kansli_long_word_letters_total 2"));
    BOOST_TEST(hasLine(text, "kansli_render_engine_info{engine=\"wkhtmltopdf\",version=\"0.12.6\"} 1"));
    BOOST_TEST(hasLine(text, "kansli_render_engine_info{engine=\"chromium\",version=\"156.0.8078.114\"} 1"));
    BOOST_TEST(text.back() == '\n');
}

// Operators: the build, the process (as Prometheus' client libraries name it) and the time each
// stage of the pipeline takes.
BOOST_AUTO_TEST_CASE(build_process_and_stage_figures)
{
    http::Metrics metrics;
    pipeline::PipelineStats stats;
    pipeline::StageTiming compose{"compose", {}, 2, 0.007};
    compose.buckets.fill(2);
    compose.buckets.at(0) = 0;
    stats.stages.push_back(compose);
    const std::string text = metrics.prometheus(stats);
    BOOST_TEST(hasLine(text, "# TYPE kansli_pipeline_stage_seconds histogram"));
    BOOST_TEST(hasLine(text, "kansli_pipeline_stage_seconds_bucket{stage=\"compose\",le=\"0.001\"} 0"));
    BOOST_TEST(hasLine(text, "kansli_pipeline_stage_seconds_bucket{stage=\"compose\",le=\"+Inf\"} 2"));
    BOOST_TEST(hasLine(text, "kansli_pipeline_stage_seconds_count{stage=\"compose\"} 2"));
    BOOST_TEST(text.find("kansli_build_info{version=\"") != std::string::npos);
    for (const char* metric : {"process_cpu_seconds_total ", "process_resident_memory_bytes ", "process_open_fds ",
                               "process_max_fds ", "process_start_time_seconds ", "process_virtual_memory_bytes "}) {
        const auto at = text.find(std::string("\n") + metric);
        BOOST_TEST_REQUIRE(at != std::string::npos, metric);
        const double value = std::stod(text.substr(at + 1 + std::string(metric).size()));
        BOOST_TEST(value >= 0.0, metric);
    }
    // Plausible values: a running process has open descriptors, resident memory and started
    // after 2020 and not after now.
    const auto fds = text.find("\nprocess_open_fds ");
    BOOST_TEST(std::stod(text.substr(fds + 18)) >= 3.0);
    const auto start = text.find("\nprocess_start_time_seconds ");
    const double started = std::stod(text.substr(start + 28));
    BOOST_TEST(started > 1577836800.0);
    BOOST_TEST(started <= static_cast<double>(std::time(nullptr)) + 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
