#include "render/ChildProcess.h"

#include "core/Error.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
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
    SpawnOptions options;
    options.withStdin = withStdin;
    return spawn(argv, extraEnv, options);
}

namespace {

/// Descriptors opened for one spawn, closed on every path out.
struct SpawnFds {
    std::vector<int> fds;
    ~SpawnFds()
    {
        for (int fd : fds)
            if (fd >= 0)
                ::close(fd);
    }
    int take(std::size_t i)
    {
        const int fd = fds.at(i);
        fds.at(i) = -1;
        return fd;
    }
};

} // namespace

ChildProcess ChildProcess::spawn(const std::vector<std::string>& argv,
                                 const std::vector<std::string>& extraEnv, const SpawnOptions& options)
{
    if (argv.empty())
        throw spawnError("empty argv");

    // 0,1: stdin pair (ours, child's); 2,3: stderr pipe (read, write); 4,5: control socket pair
    // (ours, child's): a socket, so that writing to a dead child gives EPIPE, never SIGPIPE.
    SpawnFds fds{std::vector<int>(6, -1)};
    if (options.withStdin && ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, &fds.fds[0]) != 0)
        throw spawnError(std::string("socketpair: ") + std::strerror(errno));
    if (!options.discardStderr && ::pipe2(&fds.fds[2], O_CLOEXEC) != 0)
        throw spawnError(std::string("pipe2: ") + std::strerror(errno));
    if (options.controlPipes) {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, &fds.fds[4]) != 0)
            throw spawnError(std::string("socketpair: ") + std::strerror(errno));
        // The child's end becomes its 3 and 4; from a number above 4 no dup2 can overwrite it first.
        const int high = ::fcntl(fds.fds[5], F_DUPFD_CLOEXEC, 10);
        if (high < 0)
            throw spawnError(std::string("fcntl: ") + std::strerror(errno));
        ::close(fds.fds[5]);
        fds.fds[5] = high;
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (options.withStdin)
        posix_spawn_file_actions_adddup2(&actions, fds.fds[1], 0);
    else
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    if (options.discardStderr)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    else
        posix_spawn_file_actions_adddup2(&actions, fds.fds[3], 2);
    if (options.controlPipes) {
        posix_spawn_file_actions_adddup2(&actions, fds.fds[5], 3);
        posix_spawn_file_actions_adddup2(&actions, fds.fds[5], 4);
    }
    // Every other descriptor is closed in the child, whether or not its opener set close-on-exec
    // (Poco's sockets, SQLite's files): an engine must never hold the listener or a client.
    posix_spawn_file_actions_addclosefrom_np(&actions, options.controlPipes ? 5 : 3);

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
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
    if (options.processGroup) {
        posix_spawnattr_setpgroup(&attr, 0);
        flags |= POSIX_SPAWN_SETPGROUP;
    }
    posix_spawnattr_setflags(&attr, flags);

    std::vector<std::string> args = argv;
    std::vector<std::string> env = childEnvironment(extraEnv);
    auto cArgs = cStrings(args);
    auto cEnv = cStrings(env);
    pid_t pid = -1;
    const int rc = ::posix_spawnp(&pid, cArgs[0], &actions, &attr, cArgs.data(), cEnv.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0)
        throw spawnError(std::string("posix_spawnp ") + argv[0] + ": " + std::strerror(rc));

    ChildProcess child;
    child._pid = pid;
    child._group = options.processGroup;
    child._stdinFd = fds.take(0);
    child._stderrFd = fds.take(2);
    child._controlFd = fds.take(4);
    return child; // the child's ends close with `fds`
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : _pid(other._pid), _group(other._group), _stdinFd(other._stdinFd), _stderrFd(other._stderrFd)
    , _controlFd(other._controlFd)
{
    other._pid = -1;
    other._stdinFd = other._stderrFd = other._controlFd = -1;
}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept
{
    if (this != &other) {
        if (_pid > 0)
            kill();
        closeFds();
        _pid = other._pid;
        _group = other._group;
        _stdinFd = other._stdinFd;
        _stderrFd = other._stderrFd;
        _controlFd = other._controlFd;
        other._pid = -1;
        other._stdinFd = other._stderrFd = other._controlFd = -1;
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
    for (int* fd : {&_stderrFd, &_controlFd}) {
        if (*fd >= 0)
            ::close(*fd);
        *fd = -1;
    }
    _stdinFd = -1;
}

bool ChildProcess::writeFd(int fd, const std::string& data, bool socket)
{
    if (fd < 0)
        return false;
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = socket ? ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL)
                                 : ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += static_cast<std::size_t>(n);
    }
    return true;
}

bool ChildProcess::writeStdin(const std::string& data)
{
    return writeFd(_stdinFd, data, true);
}

bool ChildProcess::writeControl(const std::string& data)
{
    return writeFd(_controlFd, data, true);
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
    return readFd(_stderrFd, out, deadline);
}

ChildProcess::ReadStatus ChildProcess::readControl(std::string& out,
                                                   std::chrono::steady_clock::time_point deadline)
{
    return readFd(_controlFd, out, deadline);
}

ChildProcess::ReadStatus ChildProcess::readFd(int fd, std::string& out,
                                              std::chrono::steady_clock::time_point deadline)
{
    if (fd < 0)
        return ReadStatus::EndOfFile;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0)
            return ReadStatus::Timeout;
        pollfd pfd{fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(std::min<long long>(left.count() + 1, 60000)));
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return ReadStatus::EndOfFile;
        }
        if (ready == 0)
            continue;
        const std::size_t before = out.size();
        out.resize(before + 65536);
        const ssize_t n = ::read(fd, out.data() + before, 65536);
        out.resize(before + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return ReadStatus::EndOfFile;
        }
        if (n == 0)
            return ReadStatus::EndOfFile;
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
            ::kill(_group ? -_pid : _pid, SIGKILL);
            while (::waitpid(_pid, &status, 0) < 0 && errno == EINTR) {
            }
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (_group)
        ::kill(-_pid, SIGKILL); // helpers that outlived the leader
    _pid = -1;
    closeFds();
    return status;
}

namespace {

/// The "<field>: N kB" line of a /proc file, in KiB; 0 when absent.
long procFieldKb(const std::string& path, const std::string& field)
{
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field + ":", 0) == 0) {
            long kb = 0;
            for (char c : line.substr(field.size() + 1))
                if (c >= '0' && c <= '9')
                    kb = kb * 10 + (c - '0');
            return kb;
        }
    }
    return 0;
}

/// Resident set size (/proc/PID/status VmRSS).
long vmRssKb(const std::string& pid)
{
    return procFieldKb("/proc/" + pid + "/status", "VmRSS");
}

/// Proportional set size (/proc/PID/smaps_rollup Pss): a process's own pages plus its share of
/// those it shares, so that a group's sum counts shared pages once.
long pssKb(const std::string& pid)
{
    return procFieldKb("/proc/" + pid + "/smaps_rollup", "Pss");
}

} // namespace

long ChildProcess::rssKb() const
{
    return _pid > 0 ? vmRssKb(std::to_string(_pid)) : 0;
}

long ChildProcess::groupMemoryKb() const
{
    if (_pid <= 0 || !_group)
        return rssKb();
    long total = 0;
    const std::filesystem::directory_iterator end;
    std::error_code ec;
    for (std::filesystem::directory_iterator it("/proc", ec); !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream in("/proc/" + name + "/stat");
        std::string stat;
        std::getline(in, stat);
        // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so read after the last ')'.
        const auto close = stat.rfind(')');
        if (close == std::string::npos)
            continue;
        std::istringstream fields(stat.substr(close + 1));
        std::string state;
        long ppid = 0;
        long pgrp = 0;
        fields >> state >> ppid >> pgrp;
        if (pgrp == _pid)
            total += pssKb(name);
    }
    return total;
}

} // namespace kansli::render
