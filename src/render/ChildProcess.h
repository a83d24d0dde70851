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

/// What a child gets besides its command line and environment.
struct SpawnOptions {
    bool withStdin = false;   ///< stdin from us (else /dev/null)
    /// A control channel: one end of a Unix socket pair is the child's fd 3 and fd 4, which it
    /// reads and writes (Chromium's --remote-debugging-pipe). Only we hold the other end: no port,
    /// no socket file, and a dead child gives EPIPE, never SIGPIPE.
    bool controlPipes = false;
    /// The child leads a new process group, and kill/terminate end the whole group: an engine
    /// that starts helper processes (Chromium's renderers) leaves none behind.
    bool processGroup = false;
    /// stderr to /dev/null instead of a pipe we must read (a chatty child that nobody reads
    /// would block on a full pipe).
    bool discardStderr = false;
};

class ChildProcess {
public:
    /// Starts `argv[0]` (looked up on PATH) with `argv`, a minimal environment (PATH, HOME,
    /// locale, TZ, TMPDIR, fontconfig and sanitizer variables of the service, never a token) plus
    /// `extraEnv` ("NAME=value", overriding). With `withStdin` false, stdin is /dev/null. The
    /// child holds only its stdin, stdout and stderr: every other descriptor is closed in it.
    /// Throws kansli::Error(ErrorCode::Render) when the program cannot be started.
    static ChildProcess spawn(const std::vector<std::string>& argv,
                              const std::vector<std::string>& extraEnv, bool withStdin);
    /// The same with every option (SpawnOptions).
    static ChildProcess spawn(const std::vector<std::string>& argv,
                              const std::vector<std::string>& extraEnv, const SpawnOptions& options);

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

    /// Writes all of `data` to the control channel (SpawnOptions::controlPipes). False when the
    /// child closed it (died).
    bool writeControl(const std::string& data);

    enum class ReadStatus { Data, EndOfFile, Timeout };
    /// Waits until the control channel has data, reaches end of file, or `deadline` passes;
    /// appends what it read (at most 1 MiB per call).
    ReadStatus readControl(std::string& out, std::chrono::steady_clock::time_point deadline);

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
    /// With SpawnOptions::processGroup: the memory of every process in the child's group, each
    /// counted by its proportional set size (shared pages split between their users, so a
    /// browser's helpers are not counted many times over), in KiB. Otherwise rssKb().
    long groupMemoryKb() const;

private:
    void closeFds() noexcept;

    static ReadStatus readFd(int fd, std::string& out, std::chrono::steady_clock::time_point deadline);
    static bool writeFd(int fd, const std::string& data, bool socket);

    pid_t _pid = -1;
    bool _group = false;
    int _stdinFd = -1;
    int _stderrFd = -1;
    int _controlFd = -1; // the child's fd 3 (it reads) and fd 4 (it writes)
};

} // namespace kansli::render
