#pragma once
/// One long-lived `wkhtmltopdf --read-args-from-stdin` process.
///
/// Each stdin line converts one document; the document is complete when stderr shows a line
/// starting with "Done" (the reason -q is never passed). Used by one thread at a time.

#include "render/ChildProcess.h"
#include "render/PdfEngine.h"

#include <chrono>
#include <string>

namespace kansli::render {

class WkhtmltopdfProcess {
public:
    /// Starts the process. Throws kansli::Error(ErrorCode::Render) when it cannot be started.
    WkhtmltopdfProcess(const EngineConfig& config, const std::string& runtimeDir);
    ~WkhtmltopdfProcess();

    enum class Outcome {
        Done,    ///< the engine reported "Done": the output file is complete
        Died,    ///< the process ended (crash, kill, or a fatal input error) before "Done"
        TimedOut ///< no "Done" in time; the process has been killed
    };
    struct Result {
        Outcome outcome = Outcome::Died;
        std::string diagnostics; ///< the engine's "Error:"/"Warning:" lines, for the log only
    };

    /// Sends one argument line (see stdinLine) and waits for its end.
    Result run(const std::string& line, std::chrono::milliseconds timeout);

    pid_t pid() const noexcept { return _child.pid(); }
    /// False once the process has exited (it is then reaped).
    bool alive();
    long rssKb() const { return _child.rssKb(); }
    /// Documents converted so far.
    unsigned documents() const noexcept { return _documents; }
    /// Ends the process: end of input, a short grace period, then SIGKILL. Always reaps.
    void shutdown();

private:
    ChildProcess _child;
    std::string _pending;   // stderr text after the last complete line
    unsigned _documents = 0;
};

} // namespace kansli::render
