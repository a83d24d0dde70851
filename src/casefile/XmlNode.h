#pragma once
/// Small read-only helpers over libxml2 nodes of a case file: namespace-aware child lookup,
/// attribute and text access, and the readable XPath and line of a node for findings.

#include <libxml/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::casefile {

/// The case format's namespace.
inline constexpr const char* CASE_NAMESPACE = "urn:se:stockholm:kansli:case:1";
/// The root element's local name.
inline constexpr const char* CASE_ROOT = "case";

namespace xml {

/// The first child element in the case namespace with this local name; nullptr when absent.
xmlNode* child(const xmlNode* parent, std::string_view name);
/// All child elements in the case namespace with this local name, in document order.
std::vector<xmlNode*> children(const xmlNode* parent, std::string_view name);
/// An unqualified attribute's value; nullopt when absent.
std::optional<std::string> attribute(const xmlNode* element, std::string_view name);
/// The attribute node itself (for its line and XPath); nullptr when absent.
xmlAttr* attributeNode(const xmlNode* element, std::string_view name);
/// The concatenated text content of a node.
std::string text(const xmlNode* node);
/// The element's own text: its direct text children only, not those of child elements.
std::string ownText(const xmlNode* element);
/// Text with leading and trailing XML whitespace removed and inner runs collapsed to one
/// space: the value of an xs:token.
std::string collapse(std::string_view text);
/// Leading and trailing XML whitespace removed.
std::string trim(std::string_view text);

/// A readable XPath without namespace prefixes, e.g. /case/investigation/criteria/criterion[3]/@met.
/// A position is added only when siblings share the name. Works for element and attribute nodes;
/// other nodes give their parent element's path.
std::string xpathOf(const xmlNode* node);
/// The 1-based source line of a node (an attribute gives its element's line); 0 when unknown.
int lineOf(const xmlNode* node);

} // namespace xml
} // namespace kansli::casefile
