#include "templates/TemplateReloader.h"

#include "core/Error.h"
#include "core/JsonLog.h"
#include "pipeline/DocumentPipeline.h"
#include "templates/TemplateCheck.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/TemporaryFile.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <ostream>
#include <sstream>

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

void addTree(const std::string& dir, std::ostringstream& out)
{
    Poco::File folder(dir);
    if (!folder.exists() || !folder.isDirectory()) {
        return;
    }
    for (Poco::DirectoryIterator it(dir), end; it != end; ++it) {
        try {
            if (it->isDirectory()) {
                addTree(it.path().toString(), out);
            } else {
                out << it.path().toString() << ' ' << it->getLastModified().epochMicroseconds() << ' ' << it->getSize()
                    << '\n';
            }
        } catch (const Poco::Exception&) {
            out << it.path().toString() << " gone\n"; // removed while we looked: a change too
        }
    }
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
    _thread = std::thread([this] { run(); });
}

TemplateReloader::~TemplateReloader()
{
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stop = true;
    }
    _wake.notify_all();
    _thread.join();
    std::signal(SIGHUP, SIG_DFL);
}

std::string TemplateReloader::fingerprint() const
{
    std::ostringstream out;
    for (const char* dir : {"/xsl", "/locales", "/templates/law"}) {
        addTree(_root + dir, out);
    }
    return out.str();
}

void TemplateReloader::run()
{
    std::string seen = _watch ? fingerprint() : std::string();
    int ticks = 0;
    std::unique_lock<std::mutex> lock(_mutex);
    while (!_stop) {
        _wake.wait_for(lock, std::chrono::milliseconds(200));
        if (_stop) {
            break;
        }
        std::string reason;
        if (g_hangup.exchange(false)) {
            reason = "SIGHUP";
        } else if (_watch && ++ticks % 5 == 0) {
            std::string now = fingerprint();
            if (now != seen) {
                seen = std::move(now);
                reason = "files changed";
            }
        }
        if (!reason.empty()) {
            lock.unlock();
            reloadNow(reason);
            if (_watch) {
                seen = fingerprint();
            }
            lock.lock();
        }
    }
}

bool TemplateReloader::reloadNow(const std::string& reason)
{
    std::lock_guard<std::mutex> one(_reloadMutex);
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
