#pragma once
/// Reloads the templates, catalogs and law tables of a running service without dropping a
/// request: on SIGHUP (and, with KANSLI_WATCH_TEMPLATES=1, when a file under xsl/, locales/ or
/// templates/law/ changes) it compiles everything anew and swaps it in
/// (pipeline::DocumentPipeline::reloadTemplates). Requests in flight finish with the old set.
/// A set that does not compile is rejected and logged; the previous one keeps serving.
/// Log lines are JSON and carry template and key names only, never case data.

#include <atomic>
#include <condition_variable>
#include <iosfwd>
#include <mutex>
#include <string>
#include <thread>

namespace kansli::pipeline {
class DocumentPipeline;
}

namespace kansli::templates {

class TemplateReloader {
public:
    /// Installs the SIGHUP handler and starts the watching thread. One per process.
    TemplateReloader(pipeline::DocumentPipeline& pipeline, std::ostream& log);
    /// Stops the thread and gives SIGHUP its default meaning back.
    ~TemplateReloader();
    TemplateReloader(const TemplateReloader&) = delete;
    TemplateReloader& operator=(const TemplateReloader&) = delete;

    /// Reloads now, on the calling thread. True when the new set was swapped in.
    bool reloadNow(const std::string& reason);

private:
    void run();
    std::string fingerprint() const;

    pipeline::DocumentPipeline& _pipeline;
    std::ostream& _log;
    std::string _root;
    bool _watch = false;
    std::mutex _mutex;
    std::condition_variable _wake;
    bool _stop = false;
    std::mutex _reloadMutex;
    std::thread _thread;
};

} // namespace kansli::templates
