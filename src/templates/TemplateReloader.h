#pragma once
/// Reloads the templates, catalogs and law tables of a running service without dropping a
/// request: on SIGHUP (and, with KANSLI_WATCH_TEMPLATES=1, when a file in xsl/, xsl/archive/,
/// locales/ or templates/law/ changes: Poco::DirectoryWatcher, inotify) it compiles everything
/// anew and swaps it in
/// (pipeline::DocumentPipeline::reloadTemplates). Requests in flight finish with the old set.
/// A set that does not compile is rejected and logged; the previous one keeps serving.
/// Log lines are JSON and carry template and key names only, never case data.

#include <Poco/DirectoryWatcher.h>

#include <atomic>
#include <condition_variable>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

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
    /// One reload; logs templates-reloaded or templates-rejected. True when the new set serves.
    bool tryReload(const std::string& reason);
    void run();
    void watchFolders();
    /// A DirectoryWatcher event: something in a watched folder was added, removed, changed or moved.
    void onChange(const void* sender, const Poco::DirectoryWatcher::DirectoryEvent& event);

    pipeline::DocumentPipeline& _pipeline;
    std::ostream& _log;
    std::string _root;
    bool _watch = false;
    std::mutex _mutex;
    std::condition_variable _wake;
    bool _stop = false;
    std::atomic<bool> _changed{false};
    std::vector<std::unique_ptr<Poco::DirectoryWatcher>> _watchers;
    std::mutex _reloadMutex;
    std::thread _thread;
};

} // namespace kansli::templates
