#pragma once
/// kansli's HTTP/1.1 connection: Poco's request and response classes, with a loop of our own
/// around them so that the boundary holds for slow, silent and lying clients.
///
/// Poco's HTTPServerConnection (1.11) waits for a request with only a per-recv timeout, sends
/// `100 Continue` before any handler has looked at the token or the size, answers a malformed
/// head with a plain-text 400, and takes its threads from a default pool of 16. This loop:
/// - waits at most `idleTimeout` for the first byte of each request, then gives the head and
///   body together one deadline, `requestTimeout` (ConnectionRegistry enforces it) -> 408;
/// - checks the framing rules (http/Framing.h) before routing -> 400/411/501/505 and close;
/// - answers a head that cannot be parsed with problem+json, a request id and a log line;
/// - leaves `100 Continue` to SafeHandler::readBody, after the token and the size were accepted;
/// - stops keeping connections alive once the registry is closing (shutdown).

#include "http/ConnectionRegistry.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <chrono>

namespace kansli::http {

struct Service;

struct ConnectionLimits {
    std::chrono::milliseconds idleTimeout{5000};     ///< for the first byte of each request
    std::chrono::milliseconds requestTimeout{10000}; ///< for the whole head and body of one request
    int maxRequestsPerConnection = 1000;             ///< then the connection is closed (keep-alive)
};

class HttpConnection : public Poco::Net::TCPServerConnection {
public:
    HttpConnection(const Poco::Net::StreamSocket& socket, Poco::Net::HTTPRequestHandlerFactory& router,
        Service& service, ConnectionRegistry& registry, const ConnectionLimits& limits);

    void run() override;

private:
    /// Serves one request (`last`: the connection's last, answered with Connection: close);
    /// false when the connection must close afterwards.
    bool serveOne(class KeptSession& session, ConnectionRegistry::Id id, bool last);
    /// FIN first, then discard what the client still sends (bounded), so no reset destroys the answer.
    void lingeringClose() noexcept;

    Poco::Net::HTTPRequestHandlerFactory& _router;
    Service& _service;
    ConnectionRegistry& _registry;
    const ConnectionLimits& _limits;
    Poco::Net::HTTPServerParams::Ptr _params;
};

class HttpConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    HttpConnectionFactory(Poco::Net::HTTPRequestHandlerFactory::Ptr router, Service& service,
        ConnectionRegistry& registry, ConnectionLimits limits)
        : _router(std::move(router))
        , _service(service)
        , _registry(registry)
        , _limits(limits)
    {
    }

    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override
    {
        return new HttpConnection(socket, *_router, _service, _registry, _limits);
    }

private:
    Poco::Net::HTTPRequestHandlerFactory::Ptr _router;
    Service& _service;
    ConnectionRegistry& _registry;
    ConnectionLimits _limits;
};

} // namespace kansli::http
