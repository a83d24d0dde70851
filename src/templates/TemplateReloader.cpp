#include "templates/TemplateReloader.h"

#include "core/Error.h"
#include "core/JsonLog.h"
#include "pipeline/DocumentPipeline.h"
#include "templates/TemplateCheck.h"

#include <Poco/Delegate.h>
#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/TemporaryFile.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <ostream>

namespace kansli::templates {

namespace {

std::atomic<bool> g_hangup{false};

extern "C" void onHangup(int)
{
    g_hangup.store(true);
}

/// The reload's log line: {"ts", "level", "event", key1, key2} (core/JsonLog).
void logLine(std::ostream& out, const std::string& level, const std::string& event, const std::string& key1,
    const std::string& value1, const std::string& key2 = {}, const std::string& value2 = {})
{
    Poco::JSON::Object::Ptr fields = JsonLog::fields();
    fields->set(key1, value1);
    if (!key2.empty()) {
        fields->set(key2, value2);
    }
    JsonLog(out).event(level, event, fields);
}

} // namespace

TemplateReloader::TemplateReloader(pipeline::DocumentPipeline& pipeline, std::ostream& log)
    : _pipeline(pipeline)
    , _log(log)
    , _root(pipeline.config().rootDir)
{
    const char* watch = std::getenv("KANSLI_WATCH_TEMPLATES");
    _watch = watch != nullptr && std::string(watch) == "1";
    g_hangup.store(false);
    std::signal(SIGHUP, onHangup);
    if (_watch) {
        watchFolders();
    }
    _thread = std::thread([this] { run(); });
}

TemplateReloader::~TemplateReloader()
{
    _watchers.clear(); // stops their threads before the object they call goes
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stop = true;
    }
    _wake.notify_all();
    _thread.join();
    std::signal(SIGHUP, SIG_DFL);
}

void TemplateReloader::watchFolders()
{
    // One watcher per folder (inotify does not descend); a folder made after the start (a new
    // xsl/archive/) is seen at the next SIGHUP.
    for (const char* dir : {"/xsl", "/xsl/archive", "/locales", "/templates/law"}) {
        const Poco::File folder(_root + dir);
        if (!folder.exists() || !folder.isDirectory()) {
            continue;
        }
        auto watcher = std::make_unique<Poco::DirectoryWatcher>(folder.path());
        watcher->itemAdded += Poco::delegate(this, &TemplateReloader::onChange);
        watcher->itemRemoved += Poco::delegate(this, &TemplateReloader::onChange);
        watcher->itemModified += Poco::delegate(this, &TemplateReloader::onChange);
        watcher->itemMovedFrom += Poco::delegate(this, &TemplateReloader::onChange);
        watcher->itemMovedTo += Poco::delegate(this, &TemplateReloader::onChange);
        _watchers.push_back(std::move(watcher));
    }
}

void TemplateReloader::onChange(const void*, const Poco::DirectoryWatcher::DirectoryEvent&)
{
    _changed.store(true);
    _wake.notify_all();
}

void TemplateReloader::run()
{
    std::unique_lock<std::mutex> lock(_mutex);
    while (!_stop) {
        _wake.wait_for(lock, std::chrono::milliseconds(200));
        if (_stop) {
            break;
        }
        std::string reason;
        if (g_hangup.exchange(false)) {
            reason = "SIGHUP";
        } else if (_changed.load()) {
            // An editor or a copy writes several files: let them settle, then reload once.
            _wake.wait_for(lock, std::chrono::milliseconds(300));
            _changed.store(false);
            reason = "files changed";
        }
        if (!reason.empty() && !_stop) {
            lock.unlock();
            reloadNow(reason);
            lock.lock();
        }
    }
}

bool TemplateReloader::reloadNow(const std::string& reason)
{
    std::lock_guard<std::mutex> one(_reloadMutex);
    const bool loaded = tryReload(reason);
    _pipeline.recordReload(loaded);
    return loaded;
}

bool TemplateReloader::tryReload(const std::string& reason)
{
    try {
        // The catalogs are compiled from locales/*.txt again: a changed word must be seen. Catalog
        // copies every string when it loads, so the compiled bundles can go right after.
        Poco::TemporaryFile compiled;
        compileCatalogs(_root + "/locales", compiled.path());
        const std::string loaded = _pipeline.reloadTemplates(compiled.path());
        logLine(_log, "info", "templates-reloaded", "reason", reason, "templates", loaded);
        return true;
    } catch (const Error& e) {
        // Template errors name the file, the line and the key; no case is involved in a reload.
        logLine(_log, "error", "templates-rejected", "reason", reason, "message",
            e.publicMessage() + (e.internalDetail().empty() ? "" : " | " + e.internalDetail()));
    } catch (const Poco::Exception& e) {
        logLine(_log, "error", "templates-rejected", "reason", reason, "message", e.displayText());
    } catch (const std::exception& e) {
        logLine(_log, "error", "templates-rejected", "reason", reason, "message", e.what());
    }
    return false;
}

} // namespace kansli::templates
