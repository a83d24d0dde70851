#pragma once
/// A linear pass over a case file's bytes, before libxml2 sees them, that enforces the limits
/// libxml2 does not: attributes per element and the length of element and attribute names.
///
/// Why before parsing: libxml2 2.9 checks each attribute of a start tag against every earlier
/// one, so one element with 100,000 attributes costs minutes of CPU inside the parser, long before
/// any callback of ours runs. This scan reads each byte once, skips comments, CDATA sections,
/// processing instructions and quoted values, and stops at the first limit it finds exceeded (or
/// at anything it does not understand, which the parser then reports). It never looks into
/// values, and its finding names the element by line and path only.

#include "core/Finding.h"

#include <cstddef>
#include <optional>
#include <string_view>

namespace kansli::casefile {

inline constexpr const char* CODE_XML_ATTRIBUTES = "xml.attributes"; ///< too many on one element
inline constexpr const char* CODE_XML_NAME = "xml.name";             ///< an element or attribute name too long

struct MarkupLimits {
    std::size_t maxAttributes = 32;  ///< attributes (namespace declarations included) on one element
    std::size_t maxNameLength = 100; ///< bytes in an element or attribute name, prefix included
    int maxDepth = 64;               ///< the path is tracked to this depth; the parser refuses deeper
};

/// The first limit `bytes` exceeds, as a finding with line and path; nullopt when none is.
std::optional<Finding> scanMarkup(std::string_view bytes, const MarkupLimits& limits);

} // namespace kansli::casefile
