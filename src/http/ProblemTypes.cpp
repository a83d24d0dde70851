#include "http/ProblemTypes.h"

#include <Poco/XML/XMLString.h>

#include <array>

namespace kansli::http {

namespace {

constexpr std::array<ProblemType, 28> TYPES = {{
    {ErrorCode::Usage, 400, "Unusable request",
     "The request cannot be used as sent: an empty body, or a query parameter with a value the operation does not know "
     "(format must be pdf or html). Fix the request; sending it again unchanged gives the same answer."},
    {ErrorCode::XmlMalformed, 400, "Case file is not well-formed XML",
     "The body is not well-formed UTF-8 XML, holds a DOCTYPE, nests too deep, has too many attributes on one element or "
     "a name that is too long. The findings name each place by line; no value is quoted. Fix the case file."},
    {ErrorCode::SchemaInvalid, 422, "Case file does not follow the case schema",
     "The case file is well-formed but breaks the case schema (GET /v1/schemas/case-1.xsd), holds a character the letter "
     "fonts cannot print, right-to-left text the PDF engine cannot lay out, or more text than the envelope window or "
     "letterhead holds. Each finding names the field by line and XPath."},
    {ErrorCode::LegalInconsistent, 422, "Case is legally inconsistent",
     "The legal preflight refused the case: a rule of the law or of the city's guidelines is not met (each finding names "
     "its source). Nothing was printed. Correct the case in the case system."},
    {ErrorCode::UnknownDocument, 422, "No template for this document type",
     "The case file asks for a document type that has no letter template."},
    {ErrorCode::Unauthorized, 401, "Token required",
     "The request carries no token, or one the service does not know. Send Authorization: Bearer <token>."},
    {ErrorCode::Forbidden, 403, "Role not allowed",
     "The token is valid but its role may not use this operation (see x-kansli-access in the OpenAPI description)."},
    {ErrorCode::NotFound, 404, "No such resource", "No operation or file answers at this path."},
    {ErrorCode::MethodNotAllowed, 405, "Method not allowed",
     "The path does not serve this method; the Allow header lists the methods it serves."},
    {ErrorCode::RequestTimeout, 408, "Request too slow",
     "The request head and body did not arrive within the service's deadline (kansli.server.requestTimeoutMs). "
     "The connection is closed; send the request again on a new connection."},
    {ErrorCode::LengthRequired, 411, "Body length required",
     "A POST must say how long its body is: Content-Length, or Transfer-Encoding: chunked."},
    {ErrorCode::PayloadTooLarge, 413, "Case file too large",
     "The body is larger than the service accepts (kansli.input.maxBytes). It was refused unread; the connection is "
     "closed."},
    {ErrorCode::UnsupportedMediaType, 415, "Body is not XML",
     "A case file is sent as application/xml (or text/xml, or a +xml type). The body was not read; the connection is "
     "closed."},
    {ErrorCode::BadRequest, 400, "Malformed HTTP request",
     "The HTTP message itself breaks RFC 9112: Content-Length together with Transfer-Encoding, two or a non-numeric "
     "Content-Length, no Host, a bad target, a body shorter than its length. The connection is closed."},
    {ErrorCode::NotImplemented, 501, "Transfer coding not implemented",
     "The service implements the chunked transfer coding only. The connection is closed."},
    {ErrorCode::VersionNotSupported, 505, "HTTP version not supported",
     "The service speaks HTTP/1.0 and HTTP/1.1. The connection is closed."},
    {ErrorCode::TooManyRequests, 429, "Too many documents from this caller",
     "This caller (its token) already has its share of documents in progress (kansli.server.maxDocumentsPerCaller), "
     "so that no one caller can fill every worker and queue place. Try again after the number of seconds in "
     "Retry-After; other callers are still served."},
    {ErrorCode::IdempotencyKeyReused, 422, "Idempotency-Key used with another case file",
     "This caller sent this Idempotency-Key before with another case file or another format. A key names one "
     "document: send a new key for a new document."},
    {ErrorCode::IdempotencyReplayDiffers, 409, "Document of this Idempotency-Key cannot be made again",
     "The document first made under this Idempotency-Key no longer comes out the same (the template set changed "
     "since). Its record stands in the audit trail under the first document id; send a new key for a new document."},
    {ErrorCode::BatchNotFinished, 409, "Batch not finished",
     "The batch's letters and print file come when every letter of it is made or refused. GET /v1/batches/{id} "
     "says how far it is."},
    {ErrorCode::TemplateSetInactive, 503, "Template set not approved for the cluster",
     "This node's template set is not the one the legal department approved for the cluster, so it makes no "
     "letters; /readyz says not-ready and the load balancer sends documents to another node. Try again."},
    {ErrorCode::Overloaded, 503, "Service busy",
     "Every PDF worker is busy and the queue is full. Try again after the number of seconds in Retry-After."},
    {ErrorCode::Audit, 500, "Audit trail not writable",
     "The document could not be recorded in the audit trail, so it was not handed out. Operators: the audit database "
     "is read-only or full; /readyz says not-ready until a write succeeds."},
    {ErrorCode::Template, 500, "Template failed",
     "A letter template failed while writing this document. Operators find the cause in the log by the request id."},
    {ErrorCode::Render, 500, "PDF engine failed",
     "The PDF engine failed or took too long for this document. Operators find the cause in the log by the request id."},
    {ErrorCode::Internal, 500, "Internal error",
     "Something failed that should not. Operators find the cause in the log by the request id."},
    {ErrorCode::Io, 500, "File could not be read or written", "A file the service needs could not be read or written."},
    {ErrorCode::Config, 500, "Configuration error", "The service's configuration cannot be used."},
}};

} // namespace

const ProblemType& problemType(ErrorCode code)
{
    for (const ProblemType& type : TYPES) {
        if (type.code == code) {
            return type;
        }
    }
    return TYPES.back(); // unreachable: every code has a row (tests/http check it)
}

const ProblemType* problemTypeNamed(std::string_view name)
{
    for (const ProblemType& type : TYPES) {
        if (name == codeName(type.code)) {
            return &type;
        }
    }
    return nullptr;
}

std::string problemTypeUri(ErrorCode code)
{
    return std::string("/problems/") + codeName(code);
}

std::string problemPage(const ProblemType& type)
{
    const std::string title = Poco::XML::toXMLString(type.title);
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
           "<title>" + title + "</title></head><body><h1>" + title + "</h1><p>Problem type <code>"
        + codeName(type.code) + "</code>, answered with HTTP status " + std::to_string(type.status) + ".</p><p>"
        + Poco::XML::toXMLString(type.description)
        + "</p><p>The answer's <code>detail</code> says what happened this time; its <code>instance</code> is the request "
          "id the service logged.</p></body></html>\n";
}

} // namespace kansli::http
