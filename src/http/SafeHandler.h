#pragma once
/// The base of every kansli request handler: it always answers.
///
/// Poco turns only Poco::Exception into a 500 and leaves a client hanging on anything else, so
/// handleRequest() catches everything: kansli::Refusal and kansli::Error become problem+json with
/// their stable code and public message; anything else becomes a 500 whose detail is logged, never
/// sent. Each request gets an id (X-Request-Id) that is in the response and in the log line.
///
/// Before handle() runs, the route's Access rule is checked: 401 (with WWW-Authenticate) without
/// a valid token, 403 when the token's role may not use the route. Every answer is counted in
/// the metrics by route template, method and status, with its latency.

#include "core/Error.h"
#include "core/JsonLog.h"
#include "http/Access.h"
#include "http/ConnectionRegistry.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <optional>
#include <string>

namespace kansli::http {

struct Service;

class SafeHandler : public Poco::Net::HTTPRequestHandler {
public:
    /// `route` is the route template ("/v1/documents", "/preview/{file}"): the log's and the
    /// metrics' label, never the raw path.
    SafeHandler(std::string route, Service& service, Access access)
        : _route(std::move(route))
        , _service(service)
        , _access(access)
    {
    }

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

    /// The connection this request arrived on (HttpConnection): its deadline ends when the body
    /// has been read, and a body cut off by the deadline is answered 408.
    void attach(ConnectionRegistry& registry, ConnectionRegistry::Id id)
    {
        _registry = &registry;
        _connection = id;
    }

protected:
    /// Handle the request; throw kansli::Error to answer with a problem.
    virtual void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) = 0;

    Service& service() const noexcept { return _service; }
    const std::string& requestId() const noexcept { return _requestId; }
    /// The authenticated caller; empty on open routes and on probes reached without a token.
    const std::optional<Caller>& caller() const noexcept { return _caller; }
    /// Reads the whole body, refusing (413) a declared or actual size over `limit` before reading
    /// it all. Sends `100 Continue` first when the client asked for it: only now are the token
    /// and the declared size known to be acceptable. A body that ends before its Content-Length
    /// is 400, one cut off by the request deadline 408.
    std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit, bool xml = true);
    /// Sends `body` whole, with its status, type and length.
    static void sendText(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                         const std::string& contentType, const std::string& body);
    /// Adds a key=value pair to this request's log line (ids, codes and hashes only).
    /// Adds a typed member to this request's log line (a code, an id, a count; never case data).
    void logField(const std::string& key, const Poco::Dynamic::Var& value);

private:
    void authorize(const Poco::Net::HTTPServerRequest& request);
    void sendProblem(
        const Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, const Error& error);

    std::string _route;
    Service& _service;
    Access _access;
    std::string _requestId;
    Poco::JSON::Object::Ptr _extraLog = JsonLog::fields();
    std::optional<Caller> _caller;
    bool _invalidToken = false;
    bool _bodyRead = false;
    Poco::Net::HTTPServerResponse* _response = nullptr;
    ConnectionRegistry* _registry = nullptr;
    ConnectionRegistry::Id _connection = 0;
};

} // namespace kansli::http
