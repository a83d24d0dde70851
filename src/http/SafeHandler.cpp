#include "http/SafeHandler.h"

#include "core/Refusal.h"
#include "http/Problem.h"
#include "http/RequestLog.h"
#include "http/Service.h"

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/String.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/UUIDGenerator.h>

#include <algorithm>
#include <chrono>
#include <istream>

namespace kansli::http {

namespace {

/// True when the head announces a body; a Content-Length that is not a number (refused by the
/// framing rules) counts as one, so that the connection is not reused.
bool declaresBody(const Poco::Net::HTTPServerRequest& request) noexcept
{
    try {
        return request.getChunkedTransferEncoding() || request.has("Transfer-Encoding")
            || (request.hasContentLength() && request.getContentLength64() != 0);
    } catch (...) {
        return true;
    }
}

bool fromLoopback(const Poco::Net::HTTPServerRequest& request)
{
    const Poco::Net::IPAddress host = request.clientAddress().host();
    if (host.isLoopback()) {
        return true;
    }
    // ::ffff:127.x.y.z, an IPv4 loopback peer on a dual-stack socket
    return host.isIPv4Mapped() && host.toString().rfind("::ffff:127.", 0) == 0;
}

} // namespace

void SafeHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const auto started = std::chrono::steady_clock::now();
    // A caller's own X-Request-Id is kept when it is a plain token (1-64 of A-Z a-z 0-9 . _ -),
    // so a case system can follow its request through our log; anything else gets a new one.
    const std::string& offered = request.get("X-Request-Id", "");
    const bool plain = !offered.empty() && offered.size() <= 64
        && std::all_of(offered.begin(), offered.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                   || c == '-';
           });
    _requestId = plain ? offered : Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    response.set("X-Request-Id", _requestId);
    response.set("X-Content-Type-Options", "nosniff");
    std::string level = "info";
    _response = &response;
    if (_registry != nullptr && !declaresBody(request)) {
        _registry->working(_connection); // the whole request has arrived
    }
    try {
        authorize(request);
        handle(request, response);
    } catch (const Error& e) {
        level = statusFor(e.code()) >= 500 ? "error" : "info";
        logField("code", codeName(e.code()));
        if (!e.internalDetail().empty()) {
            logField("detail", e.internalDetail());
        }
        sendProblem(request, response, e);
    } catch (const Poco::Exception& e) {
        if (_registry != nullptr && _registry->expired(_connection)) {
            logField("code", codeName(ErrorCode::RequestTimeout));
            sendProblem(request, response,
                Error(ErrorCode::RequestTimeout, "the request body did not arrive within the deadline"));
        } else if (_bodyRead && dynamic_cast<const Poco::Net::MessageException*>(&e) != nullptr) {
            logField("code", codeName(ErrorCode::BadRequest));
            sendProblem(request, response, Error(ErrorCode::BadRequest, "the chunked request body is malformed"));
        } else {
            level = "error";
            logField("code", "internal");
            logField("detail", e.displayText());
            sendProblem(request, response,
                Error(ErrorCode::Internal, "internal error; the request id identifies it in the log"));
        }
    } catch (const std::exception& e) {
        level = "error";
        logField("code", "internal");
        logField("detail", e.what());
        sendProblem(
            request, response, Error(ErrorCode::Internal, "internal error; the request id identifies it in the log"));
    } catch (...) {
        level = "error";
        logField("code", "internal");
        sendProblem(
            request, response, Error(ErrorCode::Internal, "internal error; the request id identifies it in the log"));
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    const int status = static_cast<int>(response.getStatus());
    _service.log.write(level, _requestId, request.getMethod(), _route, status, ms, _extraLog);
    _service.metrics.countRequest(_route, request.getMethod(), status, ms / 1000.0);
}


void SafeHandler::authorize(const Poco::Net::HTTPServerRequest& request)
{
    if (_access.isOpen()) {
        return;
    }
    if (_access.isProbe()) {
        if (_service.probes == ProbeAccess::Open
            || (_service.probes == ProbeAccess::Loopback && fromLoopback(request))) {
            return;
        }
    }
    if (!request.has("Authorization")) {
        logField("auth", "missing");
        throw Error(ErrorCode::Unauthorized, "this resource needs a token: send Authorization: Bearer TOKEN");
    }
    const auto token = tokenFromAuthorization(request.get("Authorization"));
    if (!token) {
        logField("auth", "malformed");
        throw Error(ErrorCode::Unauthorized, "the Authorization header must be Bearer TOKEN");
    }
    _caller = _service.tokens.find(*token);
    if (!_caller) {
        _invalidToken = true;
        logField("auth", "invalid");
        throw Error(ErrorCode::Unauthorized, "the token is not valid");
    }
    logField("caller", _caller->name);
    logField("role", roleName(_caller->role));
    if (!_access.isProbe() && !_access.allows(_caller->role)) {
        throw Error(ErrorCode::Forbidden,
            std::string("the role ") + roleName(_caller->role)
                + " may not use this resource; it is for: " + _access.describe());
    }
}

void SafeHandler::sendProblem(
    const Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, const Error& error)
{
    if (response.sent()) {
        return; // the body was already streaming; nothing more can be said on this connection
    }
    const auto status = statusFor(error.code());
    const auto* refusal = dynamic_cast<const Refusal*>(&error);
    const std::string body = problemJson(error.code(), static_cast<int>(status), error.publicMessage(), _requestId,
        refusal != nullptr ? refusal->findings() : Findings{});
    response.setStatusAndReason(status);
    if (error.code() == ErrorCode::Overloaded || error.code() == ErrorCode::TooManyRequests
        || error.code() == ErrorCode::TemplateSetInactive) {
        response.set("Retry-After", "1");
    }
    const bool unreadBody = !_bodyRead && declaresBody(request);
    const bool framing = error.code() == ErrorCode::BadRequest || error.code() == ErrorCode::LengthRequired
        || error.code() == ErrorCode::NotImplemented || error.code() == ErrorCode::VersionNotSupported
        || error.code() == ErrorCode::RequestTimeout;
    if (error.code() == ErrorCode::PayloadTooLarge || unreadBody || framing) {
        // The rest of the body was not read (refused before it, e.g. 401, 403, 405, 413): the
        // connection cannot be reused, its next bytes are not a request.
        response.setKeepAlive(false);
    }
    if (error.code() == ErrorCode::Unauthorized) {
        response.set("WWW-Authenticate",
            _invalidToken ? "Bearer realm=\"kansli\", error=\"invalid_token\"" : "Bearer realm=\"kansli\"");
    }
    response.setContentType("application/problem+json");
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

namespace {

/// A case file is XML: application/xml, text/xml or a "+xml" type (RFC 7303). No Content-Type
/// at all is taken as XML (RFC 9110 8.3 lets the recipient assume); anything else is 415.
bool declaresXml(const Poco::Net::HTTPServerRequest& request)
{
    if (!request.has("Content-Type")) {
        return true;
    }
    const Poco::Net::MediaType type(request.getContentType()); // case-insensitive, parameters apart
    const std::string& subType = type.getSubType();
    const bool plusXml = subType.size() > 4 && Poco::icompare(subType.substr(subType.size() - 4), "+xml") == 0;
    return type.matches("application", "xml") || type.matches("text", "xml") || plusXml;
}

} // namespace

std::string SafeHandler::readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit, bool xml)
{
    if (xml && !declaresXml(request)) {
        throw Error(ErrorCode::UnsupportedMediaType, "send the case file as application/xml");
    }
    if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
        throw Error(ErrorCode::PayloadTooLarge,
            "the request body is larger than the limit of " + std::to_string(limit) + " bytes");
    }
    if (request.getExpectContinue() && _response != nullptr) {
        _response->sendContinue(); // the token and the declared size were accepted
    }
    std::string body;
    std::istream& in = request.stream();
    _bodyRead = true; // from here on, a failure either read it all or is a 413 (which closes)
    char buffer[16384];
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > limit) {
            throw Error(ErrorCode::PayloadTooLarge,
                "the request body is larger than the limit of " + std::to_string(limit) + " bytes");
        }
    }
    const bool cutOff = _registry != nullptr && _registry->expired(_connection);
    if (cutOff) {
        throw Error(ErrorCode::RequestTimeout, "the request body did not arrive within the deadline");
    }
    if (request.hasContentLength() && static_cast<Poco::Int64>(body.size()) < request.getContentLength64()) {
        _bodyRead = false; // the connection's next bytes are not a request
        throw Error(ErrorCode::BadRequest, "the request body ended before its Content-Length");
    }
    if (_registry != nullptr) {
        _registry->working(_connection);
    }
    if (body.empty()) {
        throw Error(ErrorCode::Usage, "the request body is empty; send the case file as XML");
    }
    return body;
}

void SafeHandler::sendText(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                           const std::string& contentType, const std::string& body)
{
    response.setStatusAndReason(status);
    response.setContentType(contentType);
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

void SafeHandler::logField(const std::string& key, const Poco::Dynamic::Var& value)
{
    _extraLog->set(key, value);
}

} // namespace kansli::http
