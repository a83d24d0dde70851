#pragma once
/// The base of every kansli request handler: it always answers.
///
/// Poco turns only Poco::Exception into a 500 and leaves a client hanging on anything else, so
/// handleRequest() catches everything: kansli::Refusal and kansli::Error become problem+json with
/// their stable code and public message; anything else becomes a 500 whose detail is logged, never
/// sent. Each request gets an id (X-Request-Id) that is in the response and in the log line.

#include "core/Error.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace kansli::http {

class RequestLog;

class SafeHandler : public Poco::Net::HTTPRequestHandler {
public:
    SafeHandler(std::string route, RequestLog& log) : _route(std::move(route)), _log(log) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) final;

protected:
    /// Handle the request; throw kansli::Error to answer with a problem.
    virtual void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) = 0;

    const std::string& requestId() const noexcept { return _requestId; }
    /// Reads the whole body, refusing (413) a declared or actual size over `limit` before reading it all.
    static std::string readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit);
    /// Adds a key=value pair to this request's log line (ids, codes and hashes only).
    void logField(const std::string& key, const std::string& value);

private:
    void sendProblem(Poco::Net::HTTPServerResponse& response, const Error& error);

    std::string _route;
    RequestLog& _log;
    std::string _requestId;
    std::string _extraLog;
};

} // namespace kansli::http
