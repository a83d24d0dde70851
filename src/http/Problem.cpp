#include "http/Problem.h"

#include "http/ProblemTypes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace kansli::http {

using Poco::Net::HTTPResponse;

HTTPResponse::HTTPStatus statusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Usage:
    case ErrorCode::XmlMalformed: return HTTPResponse::HTTP_BAD_REQUEST;
    case ErrorCode::SchemaInvalid:
    case ErrorCode::LegalInconsistent:
    case ErrorCode::UnknownDocument:
    case ErrorCode::IdempotencyKeyReused: return HTTPResponse::HTTP_UNPROCESSABLE_ENTITY;
    case ErrorCode::IdempotencyReplayDiffers:
    case ErrorCode::BatchNotFinished: return HTTPResponse::HTTP_CONFLICT;
    case ErrorCode::TemplateSetInactive: return HTTPResponse::HTTP_SERVICE_UNAVAILABLE;
    case ErrorCode::Unauthorized: return HTTPResponse::HTTP_UNAUTHORIZED;
    case ErrorCode::Forbidden: return HTTPResponse::HTTP_FORBIDDEN;
    case ErrorCode::NotFound: return HTTPResponse::HTTP_NOT_FOUND;
    case ErrorCode::MethodNotAllowed: return HTTPResponse::HTTP_METHOD_NOT_ALLOWED;
    case ErrorCode::PayloadTooLarge: return HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE;
    case ErrorCode::Overloaded: return HTTPResponse::HTTP_SERVICE_UNAVAILABLE;
    case ErrorCode::BadRequest: return HTTPResponse::HTTP_BAD_REQUEST;
    case ErrorCode::LengthRequired: return HTTPResponse::HTTP_LENGTH_REQUIRED;
    case ErrorCode::UnsupportedMediaType: return HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE;
    case ErrorCode::TooManyRequests: return HTTPResponse::HTTP_TOO_MANY_REQUESTS;
    case ErrorCode::RequestTimeout: return HTTPResponse::HTTP_REQUEST_TIMEOUT;
    case ErrorCode::NotImplemented: return HTTPResponse::HTTP_NOT_IMPLEMENTED;
    case ErrorCode::VersionNotSupported: return HTTPResponse::HTTP_VERSION_NOT_SUPPORTED;
    case ErrorCode::Io:
    case ErrorCode::Config:
    case ErrorCode::Template:
    case ErrorCode::Render:
    case ErrorCode::Audit:
    case ErrorCode::Internal: return HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
    }
    return HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
}

namespace {

Poco::JSON::Array::Ptr findingsArray(const Findings& findings)
{
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& f : findings) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("severity", std::string(severityName(f.severity)));
        o->set("code", f.code);
        o->set("message", f.message);
        if (f.line > 0) {
            o->set("line", f.line);
        }
        if (!f.xpath.empty()) {
            o->set("xpath", f.xpath);
        }
        if (!f.field.empty()) {
            o->set("field", f.field);
        }
        if (!f.source.empty()) {
            o->set("source", f.source);
        }
        array->add(o);
    }
    return array;
}

std::string stringify(const Poco::Dynamic::Var& value)
{
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(value, out);
    return out.str();
}

} // namespace

std::string problemJson(ErrorCode code, int status, const std::string& detail, const std::string& requestId,
                        const Findings& findings)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("type", problemTypeUri(code));
    o->set("title", std::string(problemType(code).title));
    o->set("status", status);
    o->set("code", std::string(codeName(code)));
    o->set("detail", detail);
    if (!requestId.empty()) {
        o->set("instance", "urn:kansli:request:" + requestId);
    }
    if (!findings.empty()) {
        o->set("findings", findingsArray(findings));
    }
    return stringify(o);
}

std::string findingsJson(const Findings& findings)
{
    return stringify(findingsArray(findings));
}

std::string validationJson(bool valid, const std::string& documentType, const Findings& findings)
{
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("valid", valid);
    o->set("documentType", documentType.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(documentType));
    o->set("findings", findingsArray(findings));
    return stringify(o);
}

} // namespace kansli::http
