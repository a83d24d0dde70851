#pragma once
/// One long-lived engine process as WorkerPool supervises it: wkhtmltopdf (WkhtmltopdfProcess)
/// or headless Chromium (ChromiumProcess). Used by one worker thread at a time.

#include "render/PdfEngine.h"

#include <chrono>
#include <memory>
#include <string>
#include <sys/types.h>

namespace kansli::render {

class JobDirectory;

class EngineProcess {
public:
    virtual ~EngineProcess() = default;

    enum class Outcome {
        Done,    ///< `pdf` holds the engine's complete output
        Died,    ///< the process ended (crash, kill, a fatal input error) before it finished
        TimedOut ///< not finished in time; the process has been killed
    };
    struct Result {
        Outcome outcome = Outcome::Died;
        std::string pdf;
        std::string diagnostics; ///< the engine's own messages, for the log only (no document text)
    };

    /// Converts one document, using `dir` (private to this conversion) for any files. A PDF
    /// without its header or end-of-file marker is an Error(ErrorCode::Render), not a Result.
    virtual Result convert(const ConversionRequest& request, const JobDirectory& dir,
                           std::chrono::milliseconds timeout) = 0;

    virtual pid_t pid() const noexcept = 0;
    /// False once the process has exited (it is then reaped).
    virtual bool alive() = 0;
    /// Resident memory of the engine, helper processes included, in KiB.
    virtual long rssKb() const = 0;
    /// rssKb is read after every this many documents (warm-up included): 1 where it is a counter
    /// the kernel keeps, more where reading it costs as much as a document.
    virtual unsigned memoryReadInterval() const noexcept { return 1; }
    /// Documents converted so far.
    virtual unsigned documents() const noexcept = 0;
    /// Ends the process (and its helpers): a short grace period, then SIGKILL. Always reaps.
    virtual void shutdown() = 0;
};

/// True when `bytes` starts with a PDF header and ends with an end-of-file marker: an engine that
/// reports success can still leave a cut-off file (a full disk).
bool looksLikePdf(const std::string& bytes);

/// A new process of `config.kind`, started. `runtimeDir` is a private folder for the engine's
/// own state. Throws kansli::Error(ErrorCode::Render) when it cannot be started.
std::unique_ptr<EngineProcess> startEngineProcess(const EngineConfig& config, const std::string& runtimeDir);

} // namespace kansli::render
