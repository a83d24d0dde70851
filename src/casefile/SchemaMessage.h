#pragma once
/// Turns a libxml2 schema validation message into a public finding message.
///
/// libxml2 quotes the offending value ("'19990417-238' is not a valid value ..."); that value may
/// be personal data, so it must never reach a finding. The rewritten message names the field
/// (element, and attribute where there is one) and what is wrong, keeps the expected types,
/// patterns and enumerations of the schema, and replaces every other quoted text with a neutral
/// phrase.

#include <set>
#include <string>
#include <string_view>

namespace kansli::casefile {

/// `knownNames` are the texts that may be quoted: names, types, enumeration values and patterns
/// declared in the schema (CaseSchema collects them). Anything else quoted is dropped.
std::string sanitizeSchemaMessage(std::string_view raw, const std::set<std::string>& knownNames);

/// The attribute a raw message is about ("Element '...', attribute 'to': ..."); empty when none.
/// libxml2 reports attribute errors on the element node, so the XPath needs this.
std::string attributeOf(std::string_view raw);

/// True when the raw message only repeats, at type level, a facet error already reported for
/// the same node ("... is not a valid value of the atomic type ...").
bool isTypeLevelRepeat(std::string_view raw);

} // namespace kansli::casefile
