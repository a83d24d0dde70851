#pragma once
/// RFC 9457 problem details (`application/problem+json`) for every error kansli answers with.

#include "core/Error.h"
#include "core/Finding.h"

#include <Poco/Net/HTTPResponse.h>

#include <string>

namespace kansli::http {

/// The HTTP status for an error code (e.g. schema-invalid -> 422, overloaded -> 503).
Poco::Net::HTTPResponse::HTTPStatus statusFor(ErrorCode code);

/// The JSON body: type ("/problems/<code>", a page the service serves: http/ProblemTypes.h),
/// title (the type's own), status, detail, code, instance
/// (the request id) and, when there are any, `findings` [{severity, code, message, line, xpath, source}].
std::string problemJson(ErrorCode code, int status, const std::string& detail, const std::string& requestId,
                        const Findings& findings = {});

/// Findings as a JSON array, the same shape as in problemJson.
std::string findingsJson(const Findings& findings);

/// The validation report of POST /v1/validate and `kansli validate --json`:
/// {"valid": bool, "documentType": string or null, "findings": [...]}.
std::string validationJson(bool valid, const std::string& documentType, const Findings& findings);

} // namespace kansli::http
