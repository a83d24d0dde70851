#pragma once
/// SHA-256 of bytes, as lowercase hex (OpenSSL's EVP underneath).

#include <string>
#include <string_view>

namespace kansli::render {

/// 64 lowercase hex digits. Throws kansli::Error(Internal) if OpenSSL fails (it does not for
/// SHA-256 in memory).
std::string sha256Hex(std::string_view bytes);

} // namespace kansli::render
