#include "http/Framing.h"

#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>

namespace kansli::http {

namespace {

std::size_t count(const Poco::Net::HTTPRequest& request, const std::string& name)
{
    std::size_t n = 0;
    for (auto it = request.find(name); it != request.end() && Poco::icompare(it->first, name) == 0; ++it)
        ++n;
    return n;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

} // namespace

std::optional<Error> framingError(const Poco::Net::HTTPRequest& request)
{
    const std::string& version = request.getVersion();
    const bool wellFormedVersion = version.size() == 8 && version.compare(0, 5, "HTTP/") == 0 && isDigit(version[5])
        && version[6] == '.' && isDigit(version[7]);
    if (!wellFormedVersion) {
        return Error(ErrorCode::BadRequest, "the request line has no valid HTTP version");
    }
    if (version != Poco::Net::HTTPMessage::HTTP_1_1 && version != Poco::Net::HTTPMessage::HTTP_1_0) {
        return Error(ErrorCode::VersionNotSupported, "only HTTP/1.1 and HTTP/1.0 are supported");
    }
    const bool http11 = version == Poco::Net::HTTPMessage::HTTP_1_1;
    const std::size_t hosts = count(request, "Host");
    if ((http11 && hosts != 1) || hosts > 1) {
        return Error(ErrorCode::BadRequest, "an HTTP/1.1 request needs exactly one Host header");
    }

    const std::size_t codings = count(request, "Transfer-Encoding");
    const std::size_t lengths = count(request, "Content-Length");
    if (codings > 0 && lengths > 0) {
        return Error(ErrorCode::BadRequest, "Content-Length and Transfer-Encoding together are not allowed (RFC 9112 6.1)");
    }
    if (codings > 0) {
        if (!http11) {
            return Error(ErrorCode::BadRequest, "Transfer-Encoding is not allowed in an HTTP/1.0 request");
        }
        const std::string coding = Poco::trim(request.get("Transfer-Encoding"));
        if (codings > 1 || Poco::icompare(coding, "chunked") != 0) {
            return Error(ErrorCode::NotImplemented, "the only transfer coding accepted is chunked");
        }
    }
    if (lengths > 1) {
        return Error(ErrorCode::BadRequest, "Content-Length is given more than once");
    }
    if (lengths == 1) {
        const std::string& length = request.get("Content-Length");
        if (length.empty() || length.size() > 18 || !std::all_of(length.begin(), length.end(), isDigit)) {
            return Error(ErrorCode::BadRequest, "Content-Length must be a decimal number of bytes");
        }
    }
    if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST && lengths == 0 && codings == 0) {
        return Error(ErrorCode::LengthRequired, "a POST needs Content-Length or Transfer-Encoding: chunked");
    }

    const std::string& target = request.getURI();
    if (target.empty() || target[0] != '/') {
        return Error(ErrorCode::BadRequest, "the request target must be a path (origin-form, starting with /)");
    }
    try {
        const Poco::URI uri(target);
        (void)uri.getQueryParameters();
    } catch (const Poco::Exception&) {
        return Error(ErrorCode::BadRequest, "the request target is not a valid URI (bad percent-encoding?)");
    }
    return std::nullopt;
}

} // namespace kansli::http
