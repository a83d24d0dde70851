#include "http/Metrics.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/Exception.h>
#include <Poco/Version.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

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

/// The process's own figures, from /proc (Linux), as Prometheus' client libraries name them.
struct ProcessFigures {
    double cpuSeconds = 0;
    double residentBytes = 0;
    double virtualBytes = 0;
    double openFds = 0;
    double maxFds = 0;
    double startTimeSeconds = 0;
};

ProcessFigures processFigures()
{
    ProcessFigures f;
    const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
    const double page = static_cast<double>(::sysconf(_SC_PAGESIZE));
    std::ifstream stat("/proc/self/stat");
    std::string line;
    std::getline(stat, line);
    // Fields after the command name in parentheses (which may hold spaces): state is field 3.
    const auto close = line.rfind(')');
    if (close != std::string::npos && ticks > 0) {
        std::istringstream rest(line.substr(close + 2));
        std::string field;
        std::vector<std::string> fields;
        while (rest >> field) {
            fields.push_back(field);
        }
        // fields[0] is field 3 (state): utime 14, stime 15, starttime 22, vsize 23.
        if (fields.size() > 20) {
            f.cpuSeconds = (std::stod(fields[11]) + std::stod(fields[12])) / ticks;
            const double startTicks = std::stod(fields[19]);
            f.virtualBytes = std::stod(fields[20]);
            std::ifstream system("/proc/stat");
            for (std::string s; std::getline(system, s);) {
                if (s.rfind("btime ", 0) == 0) {
                    f.startTimeSeconds = std::stod(s.substr(6)) + startTicks / ticks;
                }
            }
        }
    }
    std::ifstream statm("/proc/self/statm");
    double size = 0;
    double resident = 0;
    if (statm >> size >> resident) {
        f.residentBytes = resident * page;
    }
    try {
        for (Poco::DirectoryIterator it(std::string("/proc/self/fd")), end; it != end; ++it) {
            f.openFds += 1;
        }
    } catch (const Poco::Exception&) {
    }
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        f.maxFds = static_cast<double>(limit.rlim_cur);
    }
    return f;
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
        << "# HELP kansli_render_worker_documents Documents made by each PDF worker's current process (0 after it is replaced).\n"
           "# TYPE kansli_render_worker_documents gauge\n";
    for (std::size_t i = 0; i < stats.workerDocumentsAndKb.size(); ++i) {
        out << "kansli_render_worker_documents{worker=\"" << i << "\"} " << stats.workerDocumentsAndKb[i].first << "\n";
    }
    out << "# HELP kansli_render_worker_memory_bytes Each PDF worker's resident memory after its last document.\n"
           "# TYPE kansli_render_worker_memory_bytes gauge\n";
    for (std::size_t i = 0; i < stats.workerDocumentsAndKb.size(); ++i) {
        out << "kansli_render_worker_memory_bytes{worker=\"" << i << "\"} " << stats.workerDocumentsAndKb[i].second * 1024
            << "\n";
    }
    out << "# HELP kansli_render_worker_restarts_total PDF worker processes replaced (crash, timeout, recycling).\n"
           "# TYPE kansli_render_worker_restarts_total counter\n"
        << "kansli_render_worker_restarts_total " << stats.workerRestarts << "\n"
        << "# HELP kansli_render_documents_total PDFs rendered by the worker pool.\n"
           "# TYPE kansli_render_documents_total counter\n"
        << "kansli_render_documents_total " << stats.documentsRendered << "\n"
        << "# HELP kansli_render_tagged_workers_alive Chromium workers (tagged letters, the second engine) running; started with the first one.\n"
           "# TYPE kansli_render_tagged_workers_alive gauge\n"
        << "kansli_render_tagged_workers_alive " << stats.taggedWorkersAlive << "\n"
        << "# HELP kansli_render_tagged_documents_total PDFs rendered by the Chromium workers (page-label layers included).\n"
           "# TYPE kansli_render_tagged_documents_total counter\n"
        << "kansli_render_tagged_documents_total " << stats.taggedDocumentsRendered << "\n";
    out << "# HELP kansli_render_engine_info The engines and versions this service makes PDFs with (1 each).\n"
           "# TYPE kansli_render_engine_info gauge\n";
    for (const std::string& engine : {stats.engine, stats.taggedEngine}) {
        if (!engine.empty()) {
            const auto space = engine.find(' ');
            out << "kansli_render_engine_info{engine=\"" << label(engine.substr(0, space)) << "\",version=\""
                << label(space == std::string::npos ? std::string() : engine.substr(space + 1)) << "\"} 1\n";
        }
    }
    out
        << "# HELP kansli_layout_passes_total Extra engine passes to repeat a continued table's header row.\n"
           "# TYPE kansli_layout_passes_total counter\n"
        << "kansli_layout_passes_total " << stats.extraLayoutPasses << "\n"
        << "# HELP kansli_table_headers_repeated_total Header rows repeated on a page a table continues to.\n"
           "# TYPE kansli_table_headers_repeated_total counter\n"
        << "kansli_table_headers_repeated_total " << stats.tableHeadersRepeated << "\n"
        << "# HELP kansli_layout_unfinished_total Letters that reached the pass or page limit with a header row still missing.\n"
           "# TYPE kansli_layout_unfinished_total counter\n"
        << "kansli_layout_unfinished_total " << stats.layoutUnfinished << "\n"
        << "# HELP kansli_batch_letters_total Batch letters made, by path: grouped (finished from a group's engine job) or alone.\n"
           "# TYPE kansli_batch_letters_total counter\n"
        << "kansli_batch_letters_total{path=\"grouped\"} " << stats.batchLettersGrouped << "\n"
        << "kansli_batch_letters_total{path=\"alone\"} " << stats.batchLettersAlone << "\n"
        << "# HELP kansli_long_word_letters_total Letters (PDF or XHTML) holding a word too long for a line of body text, set to break inside it.\n"
           "# TYPE kansli_long_word_letters_total counter\n"
        << "kansli_long_word_letters_total " << stats.longWordLetters << "\n"
        << "# HELP kansli_template_reloads_total Template set reloads (SIGHUP or a watched file), by result.\n"
           "# TYPE kansli_template_reloads_total counter\n"
        << "kansli_template_reloads_total{result=\"loaded\"} " << stats.templateReloads << "\n"
        << "kansli_template_reloads_total{result=\"rejected\"} " << stats.templateReloadsRejected << "\n"
        << "# HELP kansli_templates_loaded Letter templates compiled and ready.\n"
           "# TYPE kansli_templates_loaded gauge\n"
        << "kansli_templates_loaded " << stats.templatesLoaded << "\n"
        << "# HELP kansli_audit_writable 1 when the audit database can take records.\n"
           "# TYPE kansli_audit_writable gauge\n"
        << "kansli_audit_writable " << (stats.auditWritable ? 1 : 0) << "\n"
        << "# HELP kansli_template_set_info The SHA-256 of the loaded template set (xsl, law tables, schema, catalogs).\n"
           "# TYPE kansli_template_set_info gauge\n"
        << "kansli_template_set_info{hash=\"" << label(stats.templateSetHash) << "\"} 1\n"
        << "# HELP kansli_template_set_active 1 when the loaded set is the cluster's approved set (or none was approved).\n"
           "# TYPE kansli_template_set_active gauge\n"
        << "kansli_template_set_active " << (stats.templateSetActive ? 1 : 0) << "\n";

    out << "# HELP kansli_pipeline_stage_seconds Time each document spent in each stage of the pipeline.\n"
           "# TYPE kansli_pipeline_stage_seconds histogram\n";
    for (const pipeline::StageTiming& t : stats.stages) {
        for (std::size_t i = 0; i < pipeline::StageTiming::BUCKETS.size(); ++i) {
            out << "kansli_pipeline_stage_seconds_bucket{stage=\"" << label(t.stage) << "\",le=\""
                << bound(pipeline::StageTiming::BUCKETS.at(i)) << "\"} " << t.buckets.at(i) << "\n";
        }
        out << "kansli_pipeline_stage_seconds_bucket{stage=\"" << label(t.stage) << "\",le=\"+Inf\"} " << t.count << "\n"
            << "kansli_pipeline_stage_seconds_sum{stage=\"" << label(t.stage) << "\"} " << number(t.sum) << "\n"
            << "kansli_pipeline_stage_seconds_count{stage=\"" << label(t.stage) << "\"} " << t.count << "\n";
    }

    char poco[32];
    std::snprintf(poco, sizeof poco, "%d.%d.%d", (POCO_VERSION >> 24) & 0xFF, (POCO_VERSION >> 16) & 0xFF,
                  (POCO_VERSION >> 8) & 0xFF);
    out << "# HELP kansli_build_info The running build: kansli's version and the Poco it was built with.\n"
           "# TYPE kansli_build_info gauge\n"
        << "kansli_build_info{version=\"" << KANSLI_VERSION << "\",poco=\"" << poco << "\"} 1\n";

    const ProcessFigures p = processFigures();
    out << "# HELP process_cpu_seconds_total User and system CPU time spent, in seconds.\n"
           "# TYPE process_cpu_seconds_total counter\n"
        << "process_cpu_seconds_total " << number(p.cpuSeconds) << "\n"
        << "# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
           "# TYPE process_resident_memory_bytes gauge\n"
        << "process_resident_memory_bytes " << number(p.residentBytes) << "\n"
        << "# HELP process_virtual_memory_bytes Virtual memory size in bytes.\n"
           "# TYPE process_virtual_memory_bytes gauge\n"
        << "process_virtual_memory_bytes " << number(p.virtualBytes) << "\n"
        << "# HELP process_open_fds Number of open file descriptors.\n"
           "# TYPE process_open_fds gauge\n"
        << "process_open_fds " << number(p.openFds) << "\n"
        << "# HELP process_max_fds Maximum number of open file descriptors.\n"
           "# TYPE process_max_fds gauge\n"
        << "process_max_fds " << number(p.maxFds) << "\n"
        << "# HELP process_start_time_seconds Start time of the process since the Unix epoch, in seconds.\n"
           "# TYPE process_start_time_seconds gauge\n"
        << "process_start_time_seconds " << [&] {
               char buf[40];
               std::snprintf(buf, sizeof buf, "%.3f", p.startTimeSeconds);
               return std::string(buf);
           }() << "\n";
    return out.str();
}

} // namespace kansli::http
