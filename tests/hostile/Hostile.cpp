#include "Hostile.h"

#include "Run.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kansli::hostile {

const std::string SOURCE = KANSLI_SOURCE_DIR;
const std::string KANSLI = KANSLI_BINARY;
const std::string LOCALE_DIR = KANSLI_LOCALE_DIR;
const std::string TOKEN = "secret-token-for-hostile-tests"; // the service wants 16 or more characters

Listener::Listener() : _socket(Poco::Net::SocketAddress("127.0.0.1", 0))
{
    _port = _socket.address().port();
    _thread = std::thread([this] {
        while (!_stop.load()) {
            try {
                if (!_socket.poll(Poco::Timespan(0, 50000), Poco::Net::Socket::SELECT_READ))
                    continue;
                Poco::Net::StreamSocket client = _socket.acceptConnection();
                ++_connections;
                client.setReceiveTimeout(Poco::Timespan(1, 0));
                char buffer[4096];
                try {
                    client.receiveBytes(buffer, sizeof buffer);
                } catch (const Poco::Exception&) {
                }
                const std::string page = std::string("<html><body><p>") + LISTENER_MARK + "</p></body></html>";
                const std::string answer = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                                           + std::to_string(page.size()) + "\r\n\r\n" + page;
                client.sendBytes(answer.data(), static_cast<int>(answer.size()));
                client.close();
            } catch (const Poco::Exception&) {
            }
        }
    });
}

Listener::~Listener()
{
    _stop = true;
    _thread.join();
}

std::string Listener::url(const std::string& path) const
{
    return "http://127.0.0.1:" + std::to_string(_port) + path;
}

Server::Server(const std::map<std::string, std::string>& config, const std::map<std::string, std::string>& env)
    : _dir(test::makeTempDir("kansli-hostile-server")), _port(test::freePort())
{
    std::ostringstream properties;
    properties << "kansli.render.workers = 1\n";
    if (config.count("kansli.audit.database") == 0)
        properties << "kansli.audit.database = " << _dir << "/audit.sqlite\n";
    for (const auto& [key, value] : config)
        properties << key << " = " << value << "\n";
    test::writeFile(_dir + "/kansli.properties", properties.str());
    std::filesystem::create_directory(_dir + "/tmp");

    Poco::Process::Env environment(env.begin(), env.end());
    environment.emplace("KANSLI_TOKENS", "test:case-system:" + TOKEN);
    environment.emplace("TMPDIR", _dir + "/tmp");
    // The service's log goes to a file the tests read (hostile input must leave no personal data there).
    _handle = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch("/bin/sh",
        {"-c", "exec \"$0\" \"$@\" 2>>\"" + _dir + "/service.log\"", KANSLI, "serve", "--port", std::to_string(_port),
            "--config", _dir + "/kansli.properties"},
        _dir, nullptr, nullptr, nullptr, environment));
    const bool up = waitFor([this] {
        if (!Poco::Process::isRunning(*_handle))
            return true; // it exited: reported below, not waited for
        try {
            return get("/healthz").status == 200;
        } catch (const Poco::Exception&) {
            return false;
        }
    });
    if (!up || !Poco::Process::isRunning(*_handle)) {
        if (Poco::Process::isRunning(*_handle))
            Poco::Process::kill(*_handle);
        _handle->wait();
        throw std::runtime_error("the service did not start");
    }
}

std::string Server::log() const
{
    std::ifstream in(_dir + "/service.log", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string Server::auditBytes() const
{
    std::string bytes;
    for (const char* suffix : {"", "-wal"}) {
        std::ifstream in(_dir + "/audit.sqlite" + suffix, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        bytes += text.str();
    }
    return bytes;
}

Server::~Server()
{
    try {
        Poco::Process::requestTermination(_handle->id());
        _handle->wait();
    } catch (const Poco::Exception&) {
    }
    std::error_code ignored;
    std::filesystem::remove_all(_dir, ignored);
}

namespace {

Reply exchange(unsigned short port, const std::string& method, const std::string& path, const std::string* body,
               int timeoutSeconds)
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(timeoutSeconds, 0));
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPRequest::HTTP_1_1);
    request.set("Authorization", "Bearer " + TOKEN);
    if (body != nullptr) {
        request.setContentType("application/xml");
        request.setContentLength(static_cast<std::streamsize>(body->size()));
        session.sendRequest(request) << *body;
    } else {
        session.sendRequest(request);
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Reply reply;
    Poco::StreamCopier::copyToString(in, reply.body);
    reply.status = static_cast<int>(response.getStatus());
    reply.contentType = response.getContentType();
    reply.retryAfter = response.get("Retry-After", "");
    return reply;
}

} // namespace

Reply Server::post(const std::string& path, const std::string& body, int timeoutSeconds) const
{
    return exchange(_port, "POST", path, &body, timeoutSeconds);
}

Reply Server::get(const std::string& path) const
{
    return exchange(_port, "GET", path, nullptr, 10);
}

int Server::jobFolders() const
{
    int count = 0;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(_dir + "/tmp", error))
        if (entry.path().filename().string().rfind("kansli-render-", 0) == 0)
            ++count;
    return count;
}

Reply rawExchange(unsigned short port, const std::string& head, const std::string& body, std::size_t piece,
                  std::chrono::seconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setSendTimeout(Poco::Timespan(static_cast<long>(timeout.count()), 0));
    std::string received;
    auto readSome = [&](long micros) {
        if (!socket.poll(Poco::Timespan(0, micros), Poco::Net::Socket::SELECT_READ))
            return true;
        char buffer[8192];
        int n = 0;
        try {
            n = socket.receiveBytes(buffer, sizeof buffer);
        } catch (const Poco::Exception&) {
            return false;
        }
        if (n <= 0)
            return false;
        received.append(buffer, static_cast<std::size_t>(n));
        return true;
    };
    try {
        socket.sendBytes(head.data(), static_cast<int>(head.size()));
        for (std::size_t at = 0; at < body.size() && received.empty(); at += piece) {
            const std::string part = body.substr(at, piece);
            socket.sendBytes(part.data(), static_cast<int>(part.size()));
            readSome(0);
        }
    } catch (const Poco::Exception&) {
        // The service closed its side after answering: read what it said.
    }
    auto complete = [&] {
        const auto end = received.find("\r\n\r\n");
        if (end == std::string::npos)
            return false;
        const auto at = received.find("Content-Length: ");
        if (at == std::string::npos || at > end)
            return false;
        const std::size_t length = std::stoul(received.substr(at + 16, received.find("\r\n", at) - at - 16));
        return received.size() >= end + 4 + length;
    };
    while (!complete() && std::chrono::steady_clock::now() < deadline)
        if (!readSome(100000))
            break;

    Reply reply;
    const auto end = received.find("\r\n\r\n");
    if (received.rfind("HTTP/1.", 0) != 0 || end == std::string::npos)
        return reply;
    reply.status = std::stoi(received.substr(9, 3));
    const std::string headers = received.substr(0, end);
    const auto type = headers.find("Content-Type: ");
    if (type != std::string::npos)
        reply.contentType = headers.substr(type + 14, headers.find("\r\n", type) - type - 14);
    reply.body = received.substr(end + 4);
    return reply;
}

std::vector<pid_t> childrenOf(pid_t parent, const std::string& comm)
{
    std::vector<pid_t> found;
    DIR* proc = ::opendir("/proc");
    if (proc == nullptr)
        return found;
    while (auto* entry = ::readdir(proc)) {
        const std::string name = entry->d_name;
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::ifstream stat("/proc/" + name + "/stat");
        std::string line;
        std::getline(stat, line);
        const auto open = line.find('(');
        const auto close = line.rfind(')');
        if (open == std::string::npos || close == std::string::npos || close + 4 >= line.size())
            continue;
        std::istringstream rest(line.substr(close + 2));
        char state = 0;
        long ppid = 0;
        rest >> state >> ppid;
        if (ppid == parent && state != 'Z' && (comm.empty() || line.substr(open + 1, close - open - 1) == comm))
            found.push_back(static_cast<pid_t>(std::stol(name)));
    }
    ::closedir(proc);
    return found;
}

long peakRssKb(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

std::string pdfText(const std::string& pdf)
{
    const std::string dir = test::makeTempDir("kansli-hostile-pdf");
    test::writeFile(dir + "/in.pdf", pdf);
    const auto result = test::run("pdftotext", {dir + "/in.pdf", "-"});
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return result.exitCode == 0 ? result.out : std::string();
}

bool pdfIsWhole(const std::string& pdf)
{
    if (pdf.rfind("%PDF-", 0) != 0)
        return false;
    const std::string dir = test::makeTempDir("kansli-hostile-pdf");
    test::writeFile(dir + "/in.pdf", pdf);
    const auto result = test::run("qpdf", {"--check", dir + "/in.pdf"});
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return result.exitCode == 0;
}

int Conversation::responses() const
{
    int n = 0;
    for (std::size_t at = bytes.find("HTTP/1."); at != std::string::npos; at = bytes.find("HTTP/1.", at + 1)) {
        if (at == 0 || bytes.compare(at - 2, 2, "\r\n") == 0)
            ++n;
    }
    return n;
}

int Conversation::status() const
{
    return bytes.size() >= 12 ? std::atoi(bytes.substr(9, 3).c_str()) : 0;
}

std::string Conversation::header(const std::string& name) const
{
    const auto at = bytes.find("\r\n" + name + ": ");
    if (at == std::string::npos)
        return {};
    const auto start = at + name.size() + 4;
    return bytes.substr(start, bytes.find("\r\n", start) - start);
}

Conversation converse(unsigned short port, const std::string& request, std::chrono::milliseconds quiet, bool halfClose)
{
    Conversation c;
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    try {
        socket.sendBytes(request.data(), static_cast<int>(request.size()));
        if (halfClose)
            socket.shutdownSend();
    } catch (const Poco::Exception&) {
        // closed early: read what it said
    }
    char buffer[16384];
    while (socket.poll(Poco::Timespan(static_cast<long>(quiet.count()) * 1000), Poco::Net::Socket::SELECT_READ)) {
        int n = 0;
        try {
            n = socket.receiveBytes(buffer, sizeof buffer);
        } catch (const Poco::Exception&) {
            n = 0;
        }
        if (n <= 0) {
            c.closedByService = true;
            break;
        }
        c.bytes.append(buffer, static_cast<std::size_t>(n));
    }
    return c;
}

} // namespace kansli::hostile
