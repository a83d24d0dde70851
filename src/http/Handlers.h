#pragma once
/// kansli's request handlers. Each parses the request, calls the pipeline and maps the result;
/// errors are answered by SafeHandler.

#include "http/SafeHandler.h"
#include "pipeline/DocumentPipeline.h"

#include <string>

namespace kansli::http {

/// POST /v1/documents[?format=pdf|html] — the case XML in, the document out.
class DocumentsHandler : public SafeHandler {
public:
    DocumentsHandler(RequestLog& log, pipeline::DocumentPipeline& pipeline)
        : SafeHandler("/v1/documents", log), _pipeline(pipeline) {}

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    pipeline::DocumentPipeline& _pipeline;
};

/// POST /v1/validate — every schema and legal finding as JSON (200 whether valid or not).
class ValidateHandler : public SafeHandler {
public:
    ValidateHandler(RequestLog& log, pipeline::DocumentPipeline& pipeline)
        : SafeHandler("/v1/validate", log), _pipeline(pipeline) {}

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    pipeline::DocumentPipeline& _pipeline;
};

/// GET /healthz — the process answers.
class HealthHandler : public SafeHandler {
public:
    explicit HealthHandler(RequestLog& log) : SafeHandler("/healthz", log) {}

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
};

/// GET /readyz — workers up and templates loaded.
class ReadyHandler : public SafeHandler {
public:
    ReadyHandler(RequestLog& log, pipeline::DocumentPipeline& pipeline)
        : SafeHandler("/readyz", log), _pipeline(pipeline) {}

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    pipeline::DocumentPipeline& _pipeline;
};

/// GET a static file of the API (the XSD, the OpenAPI description).
class StaticFileHandler : public SafeHandler {
public:
    StaticFileHandler(RequestLog& log, std::string route, std::string path, std::string contentType)
        : SafeHandler(std::move(route), log), _path(std::move(path)), _contentType(std::move(contentType)) {}

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    std::string _path;
    std::string _contentType;
};

/// Any other path or method: 404 or 405 as problem+json.
class ErrorHandler : public SafeHandler {
public:
    ErrorHandler(RequestLog& log, ErrorCode code, std::string message)
        : SafeHandler("unmatched", log), _code(code), _message(std::move(message)) {}

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    ErrorCode _code;
    std::string _message;
};

} // namespace kansli::http
