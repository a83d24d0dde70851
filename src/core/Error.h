#pragma once
/// The one root of kansli's exceptions.
///
/// Every error carries a stable code (safe for clients to switch on), the place it concerns
/// and two texts: a public one that may be returned to any caller, and an internal detail
/// that goes to the log only. Neither text may contain personal data (names, personnummer,
/// addresses, case text): name the field, never its value.

#include <stdexcept>
#include <string>

namespace kansli {

/// Stable error codes. The string form (codeName) is part of the API: never rename one.
enum class ErrorCode {
    Usage,             ///< wrong command-line use
    Io,                ///< a file could not be read or written
    Config,            ///< bad or unknown configuration
    XmlMalformed,      ///< the input is not well-formed XML
    SchemaInvalid,     ///< the input does not follow the case schema
    LegalInconsistent, ///< the legal preflight refused the case
    UnknownDocument,   ///< the requested document type does not exist
    Template,          ///< a template failed to load or to run
    Render,            ///< the PDF engine failed
    Overloaded,        ///< the service is full; try again later
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    PayloadTooLarge,
    Audit,             ///< the audit trail could not record the document
    Internal,
    BadRequest,        ///< the HTTP message itself is malformed (framing, head, target)
    LengthRequired,    ///< a request body without Content-Length or chunked framing
    RequestTimeout,    ///< the request head and body did not arrive within the deadline
    NotImplemented,    ///< a transfer coding the service does not implement
    VersionNotSupported, ///< an HTTP version other than 1.0 and 1.1
    UnsupportedMediaType, ///< a request body declared as something other than XML
    TooManyRequests,   ///< this caller already has its share of documents in progress
    IdempotencyKeyReused,     ///< an Idempotency-Key sent again with another case file or format
    IdempotencyReplayDiffers, ///< the document of an Idempotency-Key no longer comes out the same
    TemplateSetInactive,      ///< this node's template set is not the cluster's approved one
    BatchNotFinished,         ///< a batch's letters were asked for before it finished
};

/// "xml-malformed", "schema-invalid", ...: the stable text form of a code.
const char* codeName(ErrorCode code);

/// Where an error or finding sits. Empty fields are unknown.
struct Location {
    std::string file;
    int line = 0;
    int column = 0;
    std::string xpath;
    std::string templateId;
    std::string templateVersion;

    /// "FILE:LINE" style, for messages; empty when nothing is known.
    std::string describe() const;
};

class Error : public std::runtime_error {
public:
    Error(ErrorCode code, std::string publicMessage, std::string internalDetail = {},
          Location location = {});

    ErrorCode code() const noexcept { return _code; }
    /// Safe to return to any caller: no personal data, no paths of the server.
    const std::string& publicMessage() const noexcept { return _publicMessage; }
    /// For the log only.
    const std::string& internalDetail() const noexcept { return _internalDetail; }
    const Location& location() const noexcept { return _location; }

private:
    ErrorCode _code;
    std::string _publicMessage;
    std::string _internalDetail;
    Location _location;
};

} // namespace kansli
