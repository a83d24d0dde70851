#pragma once
/// Shared pieces of the hostile-input tests: a loopback listener that records every connection
/// (to prove nothing reached the network), the service started as a process with its own
/// temporary folder, raw HTTP exchanges for lying clients, and /proc helpers.

#include <Poco/Net/ServerSocket.h>
#include <Poco/Process.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace kansli::hostile {

extern const std::string SOURCE;      ///< the repository
extern const std::string KANSLI;      ///< the kansli program
extern const std::string LOCALE_DIR;  ///< compiled catalogs of this build
extern const std::string TOKEN;       ///< bearer token the test service accepts

/// What a leaked file or a reached listener would put into output; never in a real letter.
constexpr const char* LISTENER_MARK = "LISTENER-REACHED-7F3A";
constexpr const char* SECRET_MARK = "SECRET-OUTSIDE-7F3A";

/// Accepts TCP connections on 127.0.0.1 (a free port), answers each with a small HTML page
/// holding LISTENER_MARK, and counts them.
class Listener {
public:
    Listener();
    ~Listener();
    unsigned short port() const noexcept { return _port; }
    int connections() const noexcept { return _connections.load(); }
    std::string url(const std::string& path = "/") const;

private:
    Poco::Net::ServerSocket _socket;
    unsigned short _port = 0;
    std::atomic<bool> _stop{false};
    std::atomic<int> _connections{0};
    std::thread _thread;
};

struct Reply {
    int status = 0;
    std::string contentType;
    std::string retryAfter;
    std::string body;
};

/// `kansli serve` on a free port with one render worker, TMPDIR a private folder, and
/// KANSLI_TOKENS set; `config` adds kansli.* properties, `env` environment variables.
class Server {
public:
    explicit Server(const std::map<std::string, std::string>& config = {},
                    const std::map<std::string, std::string>& env = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    unsigned short port() const noexcept { return _port; }
    pid_t pid() const { return static_cast<pid_t>(_handle->id()); }
    const std::string& tempDir() const noexcept { return _dir; }

    Reply post(const std::string& path, const std::string& body, int timeoutSeconds = 60) const;
    Reply get(const std::string& path) const;
    /// Job folders (kansli-render-*) in the service's temporary folder.
    int jobFolders() const;
    /// Everything the service has logged so far (its stderr).
    std::string log() const;
    /// The audit database's bytes (with its WAL), for greps.
    std::string auditBytes() const;

private:
    std::string _dir;
    unsigned short _port = 0;
    std::unique_ptr<Poco::ProcessHandle> _handle;
};

/// Sends `head` (request line and headers, ending in a blank line) then `body` in pieces of
/// `piece` bytes to the service, stopping early when the service answers or closes; returns the
/// answer as read until the connection closes, its Content-Length is complete, or `timeout`.
/// Nothing is sent after `body`: a body shorter than its Content-Length, or a chunked body
/// without its last chunk, is a lying or stalled client.
Reply rawExchange(unsigned short port, const std::string& head, const std::string& body,
                  std::size_t piece, std::chrono::seconds timeout);

/// What the service sent on one raw connection, and whether it closed it.
struct Conversation {
    std::string bytes;
    bool closedByService = false;

    /// Status lines at the start of the bytes or after a CRLF.
    int responses() const;
    /// The first response's status; 0 when there is none.
    int status() const;
    /// A header of the first response; "" when absent.
    std::string header(const std::string& name) const;
};

/// Sends `request` (then half-closes when `halfClose`) and reads until the service closes, or
/// `quiet` passes without a byte.
Conversation converse(unsigned short port, const std::string& request,
                      std::chrono::milliseconds quiet = std::chrono::milliseconds(3000), bool halfClose = false);

/// Processes whose parent is `parent` and whose command name is `comm` ("" for any).
std::vector<pid_t> childrenOf(pid_t parent, const std::string& comm = {});
/// VmHWM (peak resident size) of `pid` in KiB, 0 when unknown.
long peakRssKb(pid_t pid);

/// The text layer of a PDF (pdftotext), or "" when it cannot be read.
std::string pdfText(const std::string& pdf);
/// `qpdf --check` accepts it and it starts with %PDF-.
bool pdfIsWhole(const std::string& pdf);

/// Waits (bounded) until `condition` holds.
template <typename F>
bool waitFor(F condition, std::chrono::milliseconds limit = std::chrono::seconds(30))
{
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > end)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

} // namespace kansli::hostile
