#pragma once
/// The message framing rules of RFC 9112 that a request must meet before any handler sees it.
///
/// A request that breaks one is answered with a problem and its connection closed, because the
/// bytes after it can no longer be told apart from the next request (request smuggling):
/// - HTTP/1.0 and HTTP/1.1 only: another HTTP version -> 505; not "HTTP/d.d" -> 400.
/// - HTTP/1.1 needs exactly one Host header -> else 400 (RFC 9112 §3.2).
/// - Content-Length together with Transfer-Encoding -> 400 (§6.1, §6.3).
/// - Transfer-Encoding other than exactly "chunked" -> 501; on HTTP/1.0 -> 400 (§6.1).
/// - Content-Length: one header, decimal digits only, at most 18 -> else 400 (§6.3; two
///   headers are refused even when equal).
/// - POST without Content-Length or chunked framing -> 411.
/// - The target must be origin-form ("/path?query") with valid percent-encoding -> else 400.

#include "core/Error.h"

#include <Poco/Net/HTTPRequest.h>

#include <optional>

namespace kansli::http {

/// The first rule `request` (its head, as parsed) breaks; nullopt when it meets them all.
std::optional<Error> framingError(const Poco::Net::HTTPRequest& request);

} // namespace kansli::http
