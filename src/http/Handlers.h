#pragma once
/// kansli's request handlers. Each parses the request, calls the pipeline and maps the result;
/// errors are answered by SafeHandler, which also checks the route's Access rule first.
/// Every handler is built by the Router with its route template, the Service and the rule.

#include "http/ProblemTypes.h"
#include "http/SafeHandler.h"

#include <string>

namespace kansli::http {

/// POST /v1/documents[?format=pdf|html] — the case XML in, the document out, after its audit
/// record is committed (headers X-Kansli-Document-Id, X-Kansli-Sha256, ...).
class DocumentsHandler : public SafeHandler {
public:
    using SafeHandler::SafeHandler;

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
};

/// POST /v1/validate — every schema and legal finding as JSON (200 whether valid or not).
class ValidateHandler : public SafeHandler {
public:
    using SafeHandler::SafeHandler;

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
};

/// GET /v1/templates — the letter templates, the statute table and the target groups with
/// their versions and validity dates.
class TemplatesHandler : public SafeHandler {
public:
    using SafeHandler::SafeHandler;

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
};

/// GET /healthz — the process answers.
class HealthHandler : public SafeHandler {
public:
    using SafeHandler::SafeHandler;

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
};

/// GET /readyz — workers up, templates loaded, audit trail writable; 503 otherwise.
class ReadyHandler : public SafeHandler {
public:
    using SafeHandler::SafeHandler;

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
};

/// GET /metrics — Prometheus text format 0.0.4.
class MetricsHandler : public SafeHandler {
public:
    using SafeHandler::SafeHandler;

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
};

/// GET a file as it is (the XSD, the OpenAPI description, the preview page and its assets).
/// A missing file is 404.
/// GET /problems/{code}: the page of a problem type (http/ProblemTypes.h).
class ProblemPageHandler : public SafeHandler {
public:
    ProblemPageHandler(std::string route, Service& service, Access access, const ProblemType& type)
        : SafeHandler(std::move(route), service, access), _type(type)
    {
    }

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    const ProblemType& _type;
};

class StaticFileHandler : public SafeHandler {
public:
    StaticFileHandler(std::string route, Service& service, Access access, std::string path, std::string contentType)
        : SafeHandler(std::move(route), service, access)
        , _path(std::move(path))
        , _contentType(std::move(contentType))
    {
    }

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    std::string _path;
    std::string _contentType;
};

/// Any other path or method: 404 or 405 as problem+json; a 405 names the allowed methods in
/// its Allow header.
class ErrorHandler : public SafeHandler {
public:
    ErrorHandler(Service& service, ErrorCode code, std::string message, std::string allow = {})
        : SafeHandler("unmatched", service, Access::open())
        , _code(code)
        , _message(std::move(message))
        , _allow(std::move(allow))
    {
    }

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    ErrorCode _code;
    std::string _message;
    std::string _allow;
};

} // namespace kansli::http
