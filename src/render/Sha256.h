#pragma once
/// SHA-256 of bytes, as lowercase hex (Poco::SHA2Engine underneath).

#include <string>
#include <string_view>

namespace kansli::render {

/// 64 lowercase hex digits.
std::string sha256Hex(std::string_view bytes);

} // namespace kansli::render
