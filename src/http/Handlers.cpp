#include "http/Handlers.h"

#include "core/Refusal.h"
#include "http/Problem.h"
#include "i18n/FindingText.h"
#include "http/Service.h"

#include <Poco/File.h>
#include <Poco/FileStream.h>
#include <Poco/JSON/Array.h>
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
    pipeline::DocumentPipeline& pipeline = service().pipeline;
    const std::string body = readBody(request, pipeline.config().maxInputBytes);
    const std::string name = caller() ? caller()->name : "unknown";
    // The caller's share first (429), then the service-wide queue (503).
    const CallerGate::Ticket place = service().documents != nullptr ? service().documents->enter(name) : CallerGate::Ticket{};
    // Findings (of a refusal, or the warnings) in the language the caller asks for, Swedish by default.
    const std::string language = i18n::preferredLanguage(request.get("Accept-Language", ""));
    // A caller's retry names the document it wants again (draft-ietf-httpapi-idempotency-key-header):
    // one to 255 visible ASCII characters. The key is the caller's text: never logged.
    const std::string idempotencyKey = request.get("Idempotency-Key", "");
    if (request.has("Idempotency-Key")
        && (idempotencyKey.empty() || idempotencyKey.size() > 255
            || std::any_of(idempotencyKey.begin(), idempotencyKey.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e; }))) {
        throw Error(ErrorCode::Usage, "header Idempotency-Key must be 1 to 255 visible ASCII characters");
    }
    pipeline::Produced produced;
    try {
        produced = pipeline.produce(body, output, name, language, idempotencyKey);
    } catch (const Refusal&) {
        response.set("Content-Language", language); // the refusal's words and findings
        throw;
    }
    service().metrics.countDocument(produced.documentType, output == pipeline::OutputFormat::Html ? "html" : "pdf");
    logField("document_id", produced.documentId);
    logField("document_type", produced.documentType);
    logField("diarienummer", produced.diarienummer);
    logField("template", produced.templateId + "@" + produced.templateVersion);
    if (!produced.engine.empty())
        logField("engine", produced.engine);
    logField("input_sha256", produced.inputSha256);
    logField("output_sha256", produced.sha256);
    if (!idempotencyKey.empty())
        logField("replayed", produced.replayed);
    response.set("X-Kansli-Document-Id", produced.documentId);
    response.set("X-Kansli-Sha256", produced.sha256);
    response.set("X-Kansli-Input-Sha256", produced.inputSha256);
    response.set("X-Kansli-Template", produced.templateId + "@" + produced.templateVersion);
    response.set("X-Kansli-Warnings", std::to_string(produced.warnings.size()));
    if (!produced.engine.empty()) // the engine and version that made the PDF, as in the audit record
        response.set("X-Kansli-Engine", produced.engine);
    response.set("X-Kansli-Accessible", produced.accessible ? "true" : "false");
    sendText(response, HTTPResponse::HTTP_OK, produced.contentType, produced.bytes);
}

void ValidateHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    const pipeline::DocumentPipeline& pipeline = service().pipeline;
    const std::string body = readBody(request, pipeline.config().maxInputBytes);
    const std::string language = i18n::preferredLanguage(request.get("Accept-Language", ""));
    const pipeline::ValidationReport report = pipeline.validate(body, language);
    response.set("Content-Language", language);
    logField("valid", report.valid());
    logField("findings", report.findings.size());
    sendText(response, HTTPResponse::HTTP_OK, "application/json",
        validationJson(report.valid(), report.documentType, report.findings));
}

void HealthHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    sendText(response, HTTPResponse::HTTP_OK, "application/json", "{\"status\":\"ok\"}");
}

void ReadyHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    const pipeline::PipelineStats stats = service().pipeline.stats();
    const bool ready = stats.workersAlive > 0 && stats.templatesLoaded > 0 && stats.auditWritable
                       && stats.templateSetActive;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("status", std::string(ready ? "ready" : "not-ready"));
    o->set("workersAlive", stats.workersAlive);
    o->set("queueDepth", stats.queueDepth);
    o->set("templatesLoaded", stats.templatesLoaded);
    o->set("auditWritable", stats.auditWritable);
    o->set("templateSet", stats.templateSetHash);
    o->set("activeTemplateSet", stats.activeTemplateSet.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(stats.activeTemplateSet));
    o->set("templateSetActive", stats.templateSetActive);
    std::ostringstream text;
    o->stringify(text);
    const std::string body = text.str();
    sendText(
        response, ready ? HTTPResponse::HTTP_OK : HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "application/json", body);
}

void TemplatesHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    const pipeline::TemplatesReport report = service().pipeline.templates();
    Poco::JSON::Object::Ptr root = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    Poco::JSON::Array::Ptr templates = new Poco::JSON::Array;
    for (const auto& t : report.templates) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("id", t.id);
        o->set("version", t.version);
        o->set("file", t.file);
        templates->add(o);
    }
    root->set("templates", templates);

    Poco::JSON::Object::Ptr statutes = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    statutes->set("version", report.statutesVersion);
    statutes->set("validFrom", report.statutesValidFrom);
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& r : report.statutes) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("key", r.key);
        o->set("validFrom", r.validFrom);
        o->set("validTo", r.validTo.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.validTo));
        o->set("reference", r.reference);
        o->set("sfs", r.sfs);
        rows->add(o);
    }
    statutes->set("rows", rows);
    root->set("statutes", statutes);

    Poco::JSON::Object::Ptr groups = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    groups->set("version", report.targetGroupsVersion);
    groups->set("validFrom", report.targetGroupsValidFrom);
    Poco::JSON::Array::Ptr codes = new Poco::JSON::Array;
    for (const auto& code : report.targetGroups) {
        codes->add(code);
    }
    groups->set("groups", codes);
    root->set("targetGroups", groups);

    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(root, out);
    sendText(response, HTTPResponse::HTTP_OK, "application/json", out.str());
}

void MetricsHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    std::string text = service().metrics.prometheus(service().pipeline.stats());
    if (const ConnectionRegistry* connections = service().connections) {
        const auto counts = connections->counts();
        text += "# HELP kansli_http_connections Open client connections by phase (idle: waiting for a request; "
                "reading: its head and body; working: its answer).\n"
                "# TYPE kansli_http_connections gauge\n";
        text += "kansli_http_connections{phase=\"idle\"} " + std::to_string(counts.idle) + "\n";
        text += "kansli_http_connections{phase=\"reading\"} " + std::to_string(counts.reading) + "\n";
        text += "kansli_http_connections{phase=\"working\"} " + std::to_string(counts.working) + "\n";
        text += "# HELP kansli_http_request_timeouts_total Requests whose head and body did not arrive within "
                "kansli.server.requestTimeoutMs.\n"
                "# TYPE kansli_http_request_timeouts_total counter\n";
        text += "kansli_http_request_timeouts_total " + std::to_string(connections->timeouts()) + "\n";
    }
    sendText(response, HTTPResponse::HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", text);
}

void StaticFileHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    std::string content;
    try {
        if (!Poco::File(_path).isFile()) {
            throw Error(ErrorCode::NotFound, "the resource is not available", "not a regular file");
        }
        Poco::FileInputStream in(_path);
        Poco::StreamCopier::copyToString(in, content);
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::NotFound, "the resource is not available", e.displayText());
    }
    if (_contentType.rfind("text/html", 0) == 0) {
        // The preview page: its own scripts and styles only, API calls to this service, the
        // letter's inline styles in its sandboxed srcdoc frame, the PDF in a blob: frame; no
        // plugins, no forms, no embedding elsewhere.
        response.set("Content-Security-Policy",
            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self' blob:; frame-src 'self' blob:; font-src 'self'; object-src 'none'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'");
        response.set("Referrer-Policy", "no-referrer");
    }
    response.set("X-Content-Type-Options", "nosniff");
    sendText(response, HTTPResponse::HTTP_OK, _contentType, content);
}

void ProblemPageHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    response.set("X-Content-Type-Options", "nosniff");
    sendText(response, HTTPResponse::HTTP_OK, "text/html; charset=utf-8", problemPage(_type));
}

void ErrorHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    if (!_allow.empty()) {
        response.set("Allow", _allow);
    }
    throw Error(_code, _message);
}

} // namespace kansli::http
