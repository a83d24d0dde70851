#include "http/Handlers.h"

#include "http/Problem.h"

#include <Poco/FileStream.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <sstream>

namespace kansli::http {

using Poco::Net::HTTPResponse;

namespace {

std::string queryValue(const Poco::Net::HTTPServerRequest& request, const std::string& key)
{
    const Poco::URI uri(request.getURI());
    for (const auto& [k, v] : uri.getQueryParameters()) {
        if (k == key) {
            return v;
        }
    }
    return {};
}

void sendText(Poco::Net::HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
              const std::string& contentType, const std::string& body)
{
    response.setStatus(status);
    response.setContentType(contentType);
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
}

} // namespace

void DocumentsHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const std::string format = queryValue(request, "format");
    pipeline::OutputFormat output = pipeline::OutputFormat::Pdf;
    if (format == "html") {
        output = pipeline::OutputFormat::Html;
    } else if (!format.empty() && format != "pdf") {
        throw Error(ErrorCode::Usage, "query parameter 'format' must be 'pdf' or 'html'");
    }
    const std::string body = readBody(request, _pipeline.config().maxInputBytes);
    const pipeline::Produced produced = _pipeline.produce(body, output);
    logField("document_type", produced.documentType);
    logField("diarienummer", produced.diarienummer);
    logField("template", produced.templateId + "@" + produced.templateVersion);
    logField("input_sha256", produced.inputSha256);
    logField("output_sha256", produced.sha256);
    response.set("X-Kansli-Sha256", produced.sha256);
    response.set("X-Kansli-Input-Sha256", produced.inputSha256);
    response.set("X-Kansli-Template", produced.templateId + "@" + produced.templateVersion);
    response.set("X-Kansli-Warnings", std::to_string(produced.warnings.size()));
    sendText(response, HTTPResponse::HTTP_OK, produced.contentType, produced.bytes);
}

void ValidateHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const std::string body = readBody(request, _pipeline.config().maxInputBytes);
    const pipeline::ValidationReport report = _pipeline.validate(body);
    logField("valid", report.valid() ? "true" : "false");
    logField("findings", std::to_string(report.findings.size()));
    std::string json = "{\"valid\":" + std::string(report.valid() ? "true" : "false");
    json += ",\"documentType\":" + (report.documentType.empty() ? std::string("null") : "\"" + report.documentType + "\"");
    json += ",\"findings\":" + findingsJson(report.findings) + "}";
    sendText(response, HTTPResponse::HTTP_OK, "application/json", json);
}

void HealthHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    sendText(response, HTTPResponse::HTTP_OK, "application/json", "{\"status\":\"ok\"}");
}

void ReadyHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    const pipeline::PipelineStats stats = _pipeline.stats();
    const bool ready = stats.workersAlive > 0;
    const std::string body = "{\"status\":\"" + std::string(ready ? "ready" : "not-ready")
                             + "\",\"workersAlive\":" + std::to_string(stats.workersAlive)
                             + ",\"queueDepth\":" + std::to_string(stats.queueDepth) + "}";
    sendText(response, ready ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "application/json", body);
}

void StaticFileHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    std::string content;
    try {
        Poco::FileInputStream in(_path);
        Poco::StreamCopier::copyToString(in, content);
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::NotFound, "the resource is not available", e.displayText());
    }
    sendText(response, HTTPResponse::HTTP_OK, _contentType, content);
}

void ErrorHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&)
{
    throw Error(_code, _message);
}

} // namespace kansli::http
