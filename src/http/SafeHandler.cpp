#include "http/SafeHandler.h"

#include "core/Refusal.h"
#include "http/Problem.h"
#include "http/RequestLog.h"

#include <Poco/Exception.h>
#include <Poco/UUIDGenerator.h>

#include <chrono>
#include <istream>

namespace kansli::http {

using Poco::Net::HTTPResponse;

void SafeHandler::handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const auto started = std::chrono::steady_clock::now();
    _requestId = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    response.set("X-Request-Id", _requestId);
    std::string level = "info";
    try {
        handle(request, response);
    } catch (const Error& e) {
        level = statusFor(e.code()) >= 500 ? "error" : "info";
        logField("code", codeName(e.code()));
        if (!e.internalDetail().empty()) {
            logField("detail", e.internalDetail());
        }
        sendProblem(response, e);
    } catch (const Poco::Exception& e) {
        level = "error";
        logField("code", "internal");
        logField("detail", e.displayText());
        sendProblem(response, Error(ErrorCode::Internal, "internal error; the request id identifies it in the log"));
    } catch (const std::exception& e) {
        level = "error";
        logField("code", "internal");
        logField("detail", e.what());
        sendProblem(response, Error(ErrorCode::Internal, "internal error; the request id identifies it in the log"));
    } catch (...) {
        level = "error";
        logField("code", "internal");
        sendProblem(response, Error(ErrorCode::Internal, "internal error; the request id identifies it in the log"));
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    _log.write(level, _requestId, request.getMethod(), _route, static_cast<int>(response.getStatus()), ms, _extraLog);
}

void SafeHandler::sendProblem(Poco::Net::HTTPServerResponse& response, const Error& error)
{
    if (response.sent()) {
        return; // the body was already streaming; nothing more can be said on this connection
    }
    const auto status = statusFor(error.code());
    const auto* refusal = dynamic_cast<const Refusal*>(&error);
    const std::string body = problemJson(error.code(), static_cast<int>(status), error.publicMessage(), _requestId,
                                         refusal != nullptr ? refusal->findings() : Findings{});
    response.setStatus(status);
    if (error.code() == ErrorCode::Overloaded) {
        response.set("Retry-After", "1");
    }
    if (error.code() == ErrorCode::PayloadTooLarge) {
        response.setKeepAlive(false); // the rest of the body was not read: the connection cannot be reused
    }
    if (error.code() == ErrorCode::Unauthorized) {
        response.set("WWW-Authenticate", "Bearer realm=\"kansli\"");
    }
    response.setContentType("application/problem+json");
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

std::string SafeHandler::readBody(Poco::Net::HTTPServerRequest& request, std::size_t limit)
{
    if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(limit)) {
        throw Error(ErrorCode::PayloadTooLarge,
                    "the request body is larger than the limit of " + std::to_string(limit) + " bytes");
    }
    std::string body;
    std::istream& in = request.stream();
    char buffer[16384];
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (body.size() > limit) {
            throw Error(ErrorCode::PayloadTooLarge,
                        "the request body is larger than the limit of " + std::to_string(limit) + " bytes");
        }
    }
    if (body.empty()) {
        throw Error(ErrorCode::Usage, "the request body is empty; send the case file as XML");
    }
    return body;
}

void SafeHandler::logField(const std::string& key, const std::string& value)
{
    if (!_extraLog.empty()) {
        _extraLog += ",";
    }
    _extraLog += RequestLog::quote(key) + ":" + RequestLog::quote(value);
}

} // namespace kansli::http
