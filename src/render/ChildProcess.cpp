#include "render/ChildProcess.h"

#include "core/Error.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>


namespace kansli::render {

namespace {

/// The variables a child may inherit: what a program needs to find itself, its fonts and its
/// temporary folder. Everything else (KANSLI_TOKENS above all) stays in the service: a child's
/// environment is readable in /proc/PID/environ by anyone with the same user.
const char* const INHERITED[] = {"PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR", "FONTCONFIG_FILE",
    "FONTCONFIG_PATH", "LD_LIBRARY_PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"};

std::vector<std::string> childEnvironment(const std::vector<std::string>& extra)
{
    std::map<std::string, std::string> byName;
    for (const char* name : INHERITED) {
        if (const char* value = std::getenv(name))
            byName[name] = std::string(name) + "=" + value;
    }
    for (const auto& entry : extra)
        byName[entry.substr(0, entry.find('='))] = entry;
    std::vector<std::string> result;
    result.reserve(byName.size());
    for (auto& [name, entry] : byName)
        result.push_back(std::move(entry));
    return result;
}

std::vector<char*> cStrings(std::vector<std::string>& strings)
{
    std::vector<char*> result;
    result.reserve(strings.size() + 1);
    for (auto& s : strings)
        result.push_back(s.data());
    result.push_back(nullptr);
    return result;
}

Error spawnError(const std::string& detail)
{
    return Error(ErrorCode::Render, "The PDF engine could not be started", detail);
}

} // namespace

ChildProcess ChildProcess::spawn(const std::vector<std::string>& argv,
                                 const std::vector<std::string>& extraEnv, bool withStdin)
{
    if (argv.empty())
        throw spawnError("empty argv");

    int stdinPair[2] = {-1, -1};
    if (withStdin && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, stdinPair) != 0)
        throw spawnError(std::string("socketpair: ") + std::strerror(errno));
    int errPipe[2] = {-1, -1};
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        const int saved = errno;
        if (withStdin) {
            ::close(stdinPair[0]);
            ::close(stdinPair[1]);
        }
        throw spawnError(std::string("pipe2: ") + std::strerror(saved));
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (withStdin)
        posix_spawn_file_actions_adddup2(&actions, stdinPair[1], 0);
    else
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2);
    // Every other descriptor is closed in the child, whether or not its opener set close-on-exec
    // (Poco's sockets, SQLite's files): an engine must never hold the listener or a client.
    posix_spawn_file_actions_addclosefrom_np(&actions, 3);

    // The service may block or ignore signals (Poco's ServerApplication does); the child starts clean.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t empty;
    sigemptyset(&empty);
    posix_spawnattr_setsigmask(&attr, &empty);
    sigset_t defaults;
    sigemptyset(&defaults);
    for (int sig : {SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD})
        sigaddset(&defaults, sig);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<std::string> args = argv;
    std::vector<std::string> env = childEnvironment(extraEnv);
    auto cArgs = cStrings(args);
    auto cEnv = cStrings(env);
    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, cArgs[0], &actions, &attr, cArgs.data(), cEnv.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);

    ::close(errPipe[1]);
    if (withStdin)
        ::close(stdinPair[1]);
    if (rc != 0) {
        ::close(errPipe[0]);
        if (withStdin)
            ::close(stdinPair[0]);
        throw spawnError(std::string("posix_spawnp ") + argv[0] + ": " + std::strerror(rc));
    }

    ChildProcess child;
    child._pid = pid;
    child._stdinFd = withStdin ? stdinPair[0] : -1;
    child._stderrFd = errPipe[0];
    return child;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : _pid(other._pid), _stdinFd(other._stdinFd), _stderrFd(other._stderrFd)
{
    other._pid = -1;
    other._stdinFd = -1;
    other._stderrFd = -1;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept
{
    if (this != &other) {
        if (_pid > 0)
            kill();
        closeFds();
        _pid = other._pid;
        _stdinFd = other._stdinFd;
        _stderrFd = other._stderrFd;
        other._pid = -1;
        other._stdinFd = -1;
        other._stderrFd = -1;
    }
    return *this;
}

ChildProcess::~ChildProcess()
{
    if (_pid > 0)
        kill();
    closeFds();
}

void ChildProcess::closeFds() noexcept
{
    if (_stdinFd >= 0)
        ::close(_stdinFd);
    if (_stderrFd >= 0)
        ::close(_stderrFd);
    _stdinFd = -1;
    _stderrFd = -1;
}

bool ChildProcess::writeStdin(const std::string& data)
{
    if (_stdinFd < 0)
        return false;
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::send(_stdinFd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

void ChildProcess::closeStdin()
{
    if (_stdinFd >= 0)
        ::close(_stdinFd);
    _stdinFd = -1;
}

ChildProcess::ReadStatus ChildProcess::readStderr(std::string& out,
                                                  std::chrono::steady_clock::time_point deadline)
{
    if (_stderrFd < 0)
        return ReadStatus::EndOfFile;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return ReadStatus::Timeout;
        pollfd pfd{_stderrFd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left.count() + 1, 60000)));
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return ReadStatus::EndOfFile;
        }
        if (ready == 0)
            continue;
        char buffer[4096];
        const ssize_t n = ::read(_stderrFd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return ReadStatus::EndOfFile;
        }
        if (n == 0)
            return ReadStatus::EndOfFile;
        out.append(buffer, static_cast<std::size_t>(n));
        return ReadStatus::Data;
    }
}

bool ChildProcess::poll()
{
    if (_pid <= 0)
        return true;
    int status = 0;
    const pid_t r = ::waitpid(_pid, &status, WNOHANG);
    if (r == _pid || (r < 0 && errno == ECHILD)) {
        _pid = -1;
        closeFds();
        return true;
    }
    return false;
}

int ChildProcess::terminate(std::chrono::milliseconds grace)
{
    if (_pid <= 0)
        return -1;
    closeStdin();
    int status = 0;
    const auto deadline = std::chrono::steady_clock::now() + grace;
    for (;;) {
        const pid_t r = ::waitpid(_pid, &status, WNOHANG);
        if (r == _pid || (r < 0 && errno != EINTR))
            break;
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(_pid, SIGKILL);
            while (::waitpid(_pid, &status, 0) < 0 && errno == EINTR) {
            }
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    _pid = -1;
    closeFds();
    return status;
}

long ChildProcess::rssKb() const
{
    if (_pid <= 0)
        return 0;
    std::ifstream in("/proc/" + std::to_string(_pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            long kb = 0;
            for (char c : line.substr(6))
                if (c >= '0' && c <= '9')
                    kb = kb * 10 + (c - '0');
            return kb;
        }
    }
    return 0;
}

} // namespace kansli::render
