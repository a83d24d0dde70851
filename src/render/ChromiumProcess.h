#pragma once
/// One long-lived headless Chromium, driven over the DevTools protocol (JSON messages, each
/// ended by a NUL byte) on two pipes only this process holds (--remote-debugging-pipe): no
/// debugging port that another local user could connect to, no Node at run time.
///
/// At start it opens one page with JavaScript disabled and every request the page makes
/// (http, https, file, anything but data: URIs inside the document) failed through the Fetch
/// domain; the network is also pointed at a closed proxy. A conversion sets the page's content
/// (Page.setDocumentContent) and prints it (Page.printToPDF, tagged when asked) at
/// CHROMIUM_PRINT_SCALE. The browser runs in its own process group, so a kill leaves no
/// renderer behind. Used by one thread at a time (WorkerPool).

#include "render/ChildProcess.h"
#include "render/EngineProcess.h"

#include <Poco/JSON/Object.h>

#include <chrono>
#include <string>

namespace kansli::render {

class ChromiumProcess : public EngineProcess {
public:
    /// Starts the browser with a fresh profile under `runtimeDir` and opens the page. Throws
    /// kansli::Error(ErrorCode::Render) when it cannot be started or does not answer in time.
    ChromiumProcess(const EngineConfig& config, const std::string& runtimeDir);
    ~ChromiumProcess() override;

    /// `dir` is not used: the document goes over the pipe and nothing is read from files.
    /// Throws Error(ErrorCode::Render) for a request the engine cannot print (allowDirs, which
    /// this engine never reads; an unknown page size) and when the browser answers with an error.
    Result convert(const ConversionRequest& request, const JobDirectory& dir,
                   std::chrono::milliseconds timeout) override;

    pid_t pid() const noexcept override { return _child.pid(); }
    bool alive() override;
    /// The browser and its helpers, by proportional set size (ChildProcess::groupMemoryKb).
    long rssKb() const override { return _child.groupMemoryKb(); }
    /// The kernel walks the page tables of all ten processes for their proportional sizes:
    /// 45-65 ms a reading measured here (2026-12-01), as long as a letter. Read every 16th letter,
    /// ~3 ms a letter; a browser's memory moves by a few MB over 16 letters.
    unsigned memoryReadInterval() const noexcept override { return MEMORY_READ_INTERVAL; }
    static constexpr unsigned MEMORY_READ_INTERVAL = 16;
    unsigned documents() const noexcept override { return _documents; }
    void shutdown() override;

    /// The browser's version ("156.0.8078.114"), from Browser.getVersion.
    const std::string& version() const noexcept { return _version; }
    /// Requests the page tried to make and was refused (none for kansli's own letters).
    unsigned long blockedRequests() const noexcept { return _blocked; }

private:
    /// Sends one command and returns its result, answering the events that arrive meanwhile.
    /// Throws Ended when the browser dies or `deadline` passes, Error for an error answer.
    Poco::JSON::Object::Ptr call(const std::string& method, Poco::JSON::Object::Ptr params, bool onPage,
                                 std::chrono::steady_clock::time_point deadline);
    void send(const std::string& method, Poco::JSON::Object::Ptr params, const std::string& sessionId, long id);
    void onEvent(const Poco::JSON::Object& message);

    struct Ended {
        Outcome outcome;
    };

    ChildProcess _child;
    std::string _profileDir;
    std::string _buffer;   // bytes read after the last complete message
    long _nextId = 0;
    std::string _sessionId;
    std::string _frameId;
    std::string _version;
    unsigned _documents = 0;
    unsigned long _blocked = 0;
};

} // namespace kansli::render
