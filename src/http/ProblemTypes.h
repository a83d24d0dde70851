#pragma once
/// The problem types kansli answers with (RFC 9457): each error code has a type URI the service
/// itself serves — `/problems/<code>`, a page saying what the problem is and what to do — and a
/// title of its own. The type and title are stable; `detail` says what happened this time.

#include "core/Error.h"

#include <string>
#include <string_view>

namespace kansli::http {

struct ProblemType {
    ErrorCode code;
    int status;              ///< the HTTP status it is answered with
    const char* title;       ///< short, the same for every occurrence (English, as HTTP reason phrases)
    const char* description; ///< what it means and what the caller can do
};

/// The type of an error code.
const ProblemType& problemType(ErrorCode code);

/// The type whose code name (codeName(), e.g. "schema-invalid") is `name`; null when none.
const ProblemType* problemTypeNamed(std::string_view name);

/// "/problems/<code>": a URI reference resolved against the request's URL (RFC 9457 3.1.1).
std::string problemTypeUri(ErrorCode code);

/// The page served at the type URI (XHTML, UTF-8).
std::string problemPage(const ProblemType& type);

} // namespace kansli::http
