#pragma once
/// Text for XML and XHTML that render writes itself (XMP metadata, the page label layer).

#include <string>

namespace kansli::render {

/// `text` with & < > " escaped and the control characters XML 1.0 forbids dropped.
std::string escapeXml(const std::string& text);

} // namespace kansli::render
