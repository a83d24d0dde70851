#pragma once
/// One child process started with posix_spawn, owned by exactly one thread at a time.
///
/// stdin is one end of a Unix socket pair (so writes to a dead child fail with EPIPE instead of
/// raising SIGPIPE in the service), stderr is a pipe we read, stdout goes to /dev/null. All our
/// descriptors are close-on-exec, so concurrent spawns from other threads leak nothing.
/// The destructor kills (SIGKILL) and reaps a child that is still running: no zombies.

#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

namespace kansli::render {

class ChildProcess {
public:
    /// Starts `argv[0]` (looked up on PATH) with `argv`, a minimal environment (PATH, HOME,
    /// locale, TZ, TMPDIR, fontconfig and sanitizer variables of the service, never a token) plus
    /// `extraEnv` ("NAME=value", overriding). With `withStdin` false, stdin is /dev/null. The
    /// child holds only its stdin, stdout and stderr: every other descriptor is closed in it.
    /// Throws kansli::Error(ErrorCode::Render) when the program cannot be started.
    static ChildProcess spawn(const std::vector<std::string>& argv,
                              const std::vector<std::string>& extraEnv, bool withStdin);

    ChildProcess() = default;
    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&& other) noexcept;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;
    ~ChildProcess();

    pid_t pid() const noexcept { return _pid; }
    /// True while the child has not been reaped (it may still have died: see `poll`).
    bool running() const noexcept { return _pid > 0; }

    /// Writes all of `data` to the child's stdin. False when the child closed it (died).
    bool writeStdin(const std::string& data);
    /// Closes our end of stdin (the child sees end of file).
    void closeStdin();

    enum class ReadStatus { Data, EndOfFile, Timeout };
    /// Waits until stderr has data, reaches end of file, or `deadline` passes; appends what it read.
    ReadStatus readStderr(std::string& out, std::chrono::steady_clock::time_point deadline);

    /// Reaps the child if it has exited; true when it has (and `running()` is then false).
    bool poll();
    /// Waits up to `grace` for the child to exit by itself, then SIGKILLs it; always reaps.
    /// Returns the wait status (as from waitpid), or -1 when there was no child.
    int terminate(std::chrono::milliseconds grace);
    /// SIGKILL and reap now.
    void kill() { terminate(std::chrono::milliseconds(0)); }

    /// Resident set size of the child from /proc/PID/status (VmRSS), in KiB; 0 when unknown.
    long rssKb() const;

private:
    void closeFds() noexcept;

    pid_t _pid = -1;
    int _stdinFd = -1;
    int _stderrFd = -1;
};

} // namespace kansli::render
