#include "core/Error.h"

namespace kansli {

const char* codeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Usage: return "usage";
    case ErrorCode::Io: return "io";
    case ErrorCode::Config: return "config";
    case ErrorCode::XmlMalformed: return "xml-malformed";
    case ErrorCode::SchemaInvalid: return "schema-invalid";
    case ErrorCode::LegalInconsistent: return "legal-inconsistent";
    case ErrorCode::UnknownDocument: return "unknown-document";
    case ErrorCode::Template: return "template";
    case ErrorCode::Render: return "render";
    case ErrorCode::Overloaded: return "overloaded";
    case ErrorCode::Unauthorized: return "unauthorized";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::MethodNotAllowed: return "method-not-allowed";
    case ErrorCode::PayloadTooLarge: return "payload-too-large";
    case ErrorCode::Audit: return "audit";
    case ErrorCode::Internal: return "internal";
    case ErrorCode::BadRequest: return "bad-request";
    case ErrorCode::LengthRequired: return "length-required";
    case ErrorCode::UnsupportedMediaType: return "unsupported-media-type";
    case ErrorCode::RequestTimeout: return "request-timeout";
    case ErrorCode::NotImplemented: return "not-implemented";
    case ErrorCode::VersionNotSupported: return "http-version-not-supported";
    case ErrorCode::TooManyRequests: return "too-many-requests";
    case ErrorCode::IdempotencyKeyReused: return "idempotency-key-reused";
    case ErrorCode::IdempotencyReplayDiffers: return "idempotency-replay-differs";
    case ErrorCode::TemplateSetInactive: return "template-set-inactive";
    case ErrorCode::BatchNotFinished: return "batch-not-finished";
    }
    return "internal";
}

std::string Location::describe() const
{
    std::string out = file;
    if (line > 0) {
        out += (out.empty() ? "line " : ":") + std::to_string(line);
    }
    if (!xpath.empty()) {
        out += (out.empty() ? "" : " ") + std::string("(") + xpath + ")";
    }
    return out;
}

Error::Error(ErrorCode code, std::string publicMessage, std::string internalDetail, Location location)
    : std::runtime_error(publicMessage)
    , _code(code)
    , _publicMessage(std::move(publicMessage))
    , _internalDetail(std::move(internalDetail))
    , _location(std::move(location))
{
}

} // namespace kansli
