#pragma once
/// One long-lived `wkhtmltopdf --read-args-from-stdin` process.
///
/// Each stdin line converts one document; the document is complete when stderr shows a line
/// starting with "Done" (the reason -q is never passed). Used by one thread at a time.

#include "render/ChildProcess.h"
#include "render/EngineProcess.h"
#include "render/PdfEngine.h"

#include <chrono>
#include <string>

namespace kansli::render {

class WkhtmltopdfProcess : public EngineProcess {
public:
    /// Starts the process. Throws kansli::Error(ErrorCode::Render) when it cannot be started.
    WkhtmltopdfProcess(const EngineConfig& config, const std::string& runtimeDir);
    ~WkhtmltopdfProcess() override;

    /// Writes the document to `dir`, sends its argument line (EngineCommand.h) and reads the PDF
    /// once the engine reports "Done". A tagged request is refused (conversionArguments).
    Result convert(const ConversionRequest& request, const JobDirectory& dir,
                   std::chrono::milliseconds timeout) override;

    /// Sends one argument line (see stdinLine) and waits for its end (`pdf` stays empty).
    Result run(const std::string& line, std::chrono::milliseconds timeout);

    pid_t pid() const noexcept override { return _child.pid(); }
    bool alive() override;
    long rssKb() const override { return _child.rssKb(); }
    unsigned documents() const noexcept override { return _documents; }
    /// End of input, a short grace period, then SIGKILL. Always reaps.
    void shutdown() override;

private:
    ChildProcess _child;
    std::string _pending;   // stderr text after the last complete line
    unsigned _documents = 0;
};

} // namespace kansli::render
