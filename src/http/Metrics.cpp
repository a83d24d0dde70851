#include "http/Metrics.h"

#include <cstdio>
#include <sstream>

#include <set>

namespace kansli::http {

namespace {

std::string label(const std::string& value)
{
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out;
}

/// Prometheus floats in the classic locale, shortest exact-enough form.
std::string number(double value)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.9g", value);
    return buf;
}

std::string bound(double value)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

} // namespace

void Metrics::countRequest(const std::string& route, const std::string& method, int status, double seconds)
{
    // A client may send any token as a method: each would be a new time series. The methods
    // of HTTP (RFC 9110) keep their name; anything else is counted as "other".
    static const std::set<std::string> KNOWN = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};
    const std::string label = KNOWN.count(method) != 0 ? method : "other";
    std::lock_guard<std::mutex> lock(_mutex);
    ++_requests[{route, label, status}];
    Histogram& h = _latency[route];
    for (std::size_t i = 0; i < BUCKETS.size(); ++i) {
        if (seconds <= BUCKETS.at(i)) {
            ++h.buckets.at(i);
        }
    }
    ++h.count;
    h.sum += seconds;
}

void Metrics::countDocument(const std::string& documentType, const std::string& format)
{
    std::lock_guard<std::mutex> lock(_mutex);
    ++_documents[{documentType, format}];
}

std::string Metrics::prometheus(const pipeline::PipelineStats& stats) const
{
    std::ostringstream out;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        out << "# HELP kansli_http_requests_total HTTP requests answered, by route template, method and status.\n"
               "# TYPE kansli_http_requests_total counter\n";
        for (const auto& [key, count] : _requests) {
            const auto& [route, method, status] = key;
            out << "kansli_http_requests_total{route=\"" << label(route) << "\",method=\"" << label(method)
                << "\",status=\"" << status << "\"} " << count << "\n";
        }
        out << "# HELP kansli_http_request_duration_seconds Time from request to the end of the answer, by route.\n"
               "# TYPE kansli_http_request_duration_seconds histogram\n";
        for (const auto& [route, h] : _latency) {
            const std::string r = label(route);
            for (std::size_t i = 0; i < BUCKETS.size(); ++i) {
                out << "kansli_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"" << bound(BUCKETS.at(i))
                    << "\"} " << h.buckets.at(i) << "\n";
            }
            out << "kansli_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"+Inf\"} " << h.count << "\n";
            out << "kansli_http_request_duration_seconds_sum{route=\"" << r << "\"} " << number(h.sum) << "\n";
            out << "kansli_http_request_duration_seconds_count{route=\"" << r << "\"} " << h.count << "\n";
        }
        out << "# HELP kansli_documents_total Documents handed out over HTTP, by document type and format.\n"
               "# TYPE kansli_documents_total counter\n";
        for (const auto& [key, count] : _documents) {
            out << "kansli_documents_total{type=\"" << label(key.first) << "\",format=\"" << label(key.second) << "\"} "
                << count << "\n";
        }
    }
    out << "# HELP kansli_render_queue_depth Documents waiting for a PDF worker.\n"
           "# TYPE kansli_render_queue_depth gauge\n"
        << "kansli_render_queue_depth " << stats.queueDepth << "\n"
        << "# HELP kansli_render_workers_alive PDF worker processes running.\n"
           "# TYPE kansli_render_workers_alive gauge\n"
        << "kansli_render_workers_alive " << stats.workersAlive << "\n"
        << "# HELP kansli_render_worker_restarts_total PDF worker processes replaced (crash, timeout, recycling).\n"
           "# TYPE kansli_render_worker_restarts_total counter\n"
        << "kansli_render_worker_restarts_total " << stats.workerRestarts << "\n"
        << "# HELP kansli_render_documents_total PDFs rendered by the worker pool.\n"
           "# TYPE kansli_render_documents_total counter\n"
        << "kansli_render_documents_total " << stats.documentsRendered << "\n"
        << "# HELP kansli_templates_loaded Letter templates compiled and ready.\n"
           "# TYPE kansli_templates_loaded gauge\n"
        << "kansli_templates_loaded " << stats.templatesLoaded << "\n"
        << "# HELP kansli_audit_writable 1 when the audit database can take records.\n"
           "# TYPE kansli_audit_writable gauge\n"
        << "kansli_audit_writable " << (stats.auditWritable ? 1 : 0) << "\n";
    return out.str();
}

} // namespace kansli::http
