#include "http/HttpConnection.h"

#include "http/Framing.h"
#include "http/Handlers.h"
#include "http/Problem.h"
#include "http/SafeHandler.h"
#include "http/Service.h"

#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Timestamp.h>
#include <Poco/UUIDGenerator.h>

#include <fcntl.h>
#include <memory>

namespace kansli::http {

/// Poco's server session, telling whether bytes of a next (pipelined) request are already
/// buffered, so that the idle wait does not poll the socket for what has arrived.
class KeptSession : public Poco::Net::HTTPServerSession {
public:
    using HTTPServerSession::HTTPServerSession;
    bool hasBuffered() const { return buffered() > 0; }
};

namespace {

constexpr auto LINGER_TIME = std::chrono::milliseconds(1000);
constexpr std::size_t LINGER_BYTES = 4 * 1024 * 1024;

/// A head that could not be parsed has no request to hand to a handler: answered here, in the
/// same shape as every other problem, and logged.
void answerUnparsed(Poco::Net::HTTPServerResponseImpl& response, Service& service, const Error& error)
{
    const std::string requestId = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    const auto status = statusFor(error.code());
    const std::string body = problemJson(error.code(), static_cast<int>(status), error.publicMessage(), requestId);
    try {
        response.setStatusAndReason(status);
        response.set("X-Request-Id", requestId);
        response.set("X-Content-Type-Options", "nosniff");
        response.setKeepAlive(false);
        response.setContentType("application/problem+json");
        response.setContentLength(static_cast<std::streamsize>(body.size()));
        response.send() << body;
    } catch (const Poco::Exception&) {
        // The client is gone or its receiving side shut; the log line still records the request.
    }
    Poco::JSON::Object::Ptr fields = JsonLog::fields();
    fields->set("code", std::string(codeName(error.code())));
    service.log.write("info", requestId, "-", "-", static_cast<int>(status), 0.0, fields);
    service.metrics.countRequest("-", "other", static_cast<int>(status), 0.0);
}

} // namespace

HttpConnection::HttpConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPRequestHandlerFactory& router,
    Service& service, ConnectionRegistry& registry, const ConnectionLimits& limits)
    : TCPServerConnection(socket)
    , _router(router)
    , _service(service)
    , _registry(registry)
    , _limits(limits)
    , _params(new Poco::Net::HTTPServerParams)
{
    // Poco opens accepted sockets without close-on-exec; an engine started now must not hold
    // a client connection (ChildProcess also closes every inherited descriptor in the child).
    ::fcntl(this->socket().impl()->sockfd(), F_SETFD, FD_CLOEXEC);
    _params->setKeepAlive(true);
    _params->setMaxKeepAliveRequests(limits.maxRequestsPerConnection);
    // Per-recv and per-send bound; the request deadline is the registry's, and shorter.
    _params->setTimeout(Poco::Timespan(static_cast<long>(limits.requestTimeout.count()) * 2000));
}

void HttpConnection::run()
{
    KeptSession session(socket(), _params);
    const ConnectionRegistry::Id id = _registry.add(socket());
    try {
        for (int served = 0; served < _limits.maxRequestsPerConnection; ++served) {
            if (!_registry.idle(id))
                break;
            const bool arrived = session.hasBuffered()
                || socket().poll(Poco::Timespan(static_cast<long>(_limits.idleTimeout.count()) * 1000),
                    Poco::Net::Socket::SELECT_READ);
            // The last request a connection may carry is answered with Connection: close, so a
            // client never sends another on a connection that is about to close.
            const bool last = served + 1 >= _limits.maxRequestsPerConnection;
            if (!arrived || !serveOne(session, id, last))
                break;
        }
    } catch (const Poco::Exception&) {
        // A connection reset or a send to a closed peer: nothing more can be said on it.
    }
    _registry.remove(id);
    lingeringClose();
}

void HttpConnection::lingeringClose() noexcept
{
    // Closing a socket with unread input makes the kernel send a reset, which can destroy the
    // answer (a 400 or 413) before the client has read it. So: send FIN, then read and discard
    // what the client still sends, for a bounded time and amount, and only then close.
    try {
        socket().shutdownSend();
        char buffer[16384];
        std::size_t discarded = 0;
        const auto end = std::chrono::steady_clock::now() + LINGER_TIME;
        while (discarded < LINGER_BYTES && std::chrono::steady_clock::now() < end) {
            if (!socket().poll(Poco::Timespan(0, 100 * 1000), Poco::Net::Socket::SELECT_READ))
                continue;
            const int n = socket().receiveBytes(buffer, sizeof buffer);
            if (n <= 0)
                break;
            discarded += static_cast<std::size_t>(n);
        }
    } catch (const Poco::Exception&) {
        // reset or already closed: nothing to wait for
    }
}

bool HttpConnection::serveOne(KeptSession& session, ConnectionRegistry::Id id, bool last)
{
    _registry.reading(id, ConnectionRegistry::Clock::now() + _limits.requestTimeout);
    Poco::Net::HTTPServerResponseImpl response(session);
    std::unique_ptr<Poco::Net::HTTPServerRequestImpl> request;
    try {
        request = std::make_unique<Poco::Net::HTTPServerRequestImpl>(response, session, _params.get());
    } catch (const Poco::Net::NoMessageException&) {
        return false; // closed, or shut down while idle, before a byte of a request
    } catch (const Poco::Exception&) {
        if (_registry.expired(id)) {
            answerUnparsed(response, _service,
                Error(ErrorCode::RequestTimeout, "the request head did not arrive within the deadline"));
        } else {
            answerUnparsed(response, _service,
                Error(ErrorCode::BadRequest, "the request head is malformed (request line, header syntax or size)"));
        }
        return false;
    }

    // The deadline shuts the receiving side: Poco then ends the head at the cut as if it were
    // complete. A head that was cut off is never served (a GET was answered, half-received).
    if (_registry.expired(id)) {
        answerUnparsed(response, _service,
            Error(ErrorCode::RequestTimeout, "the request head did not arrive within the deadline"));
        return false;
    }

    response.setDate(Poco::Timestamp());
    response.setVersion(request->getVersion() == Poco::Net::HTTPMessage::HTTP_1_0 ? Poco::Net::HTTPMessage::HTTP_1_0
                                                                                   : Poco::Net::HTTPMessage::HTTP_1_1);
    const bool keepAlive = request->getKeepAlive() && !last && !_registry.closing();
    response.setKeepAlive(keepAlive);

    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler;
    bool framingRefused = false;
    if (auto refused = framingError(*request)) {
        framingRefused = true;
        handler = std::make_unique<ErrorHandler>(_service, refused->code(), refused->publicMessage());
    } else {
        handler.reset(_router.createRequestHandler(*request));
    }
    if (auto* safe = dynamic_cast<SafeHandler*>(handler.get())) {
        safe->attach(_registry, id);
    } else {
        _registry.working(id);
    }
    handler->handleRequest(*request, response);
    if (framingRefused || !response.getKeepAlive() || _registry.expired(id)) {
        return false;
    }
    session.setKeepAlive(true);
    return !_registry.closing();
}

} // namespace kansli::http
