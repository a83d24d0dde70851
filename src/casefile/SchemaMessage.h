#pragma once
/// Public finding messages for schema violations, built from what libxml2 reports in its
/// structured error (the error code, the element, the attribute, and the schema's own texts),
/// never by rewriting libxml2's message.
///
/// libxml2 quotes the offending value in its message ("'19990417-238' is not a valid value ...")
/// and in the error's first string; that value may be personal data, and rewriting a message of
/// unbounded length with regular expressions exhausted the stack (a 40,000-space given name
/// crashed the service). So the value is never read: a message names the field (element, and
/// attribute where there is one) and what is wrong, with the expected type, pattern or set of
/// values taken from the schema.

#include "core/Finding.h"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::casefile {

/// What the case schema declares, for messages: every name and value it may quote, and the
/// simple type of each element or attribute name (local names; "" when one name has several).
struct SchemaVocabulary {
    std::set<std::string> names;
    std::map<std::string, std::string> typeOf;
};

/// One schema violation as libxml2 reports it, reduced to what may be shown.
struct SchemaError {
    int code = 0;                ///< libxml2's xmlParserErrors value (XML_SCHEMAV_*)
    std::string element;         ///< local name of the element concerned
    std::string attribute;       ///< local name of the attribute concerned; empty for the element
    std::string_view schemaText; ///< the error's second string: a pattern, a set of values, a
                                 ///< fixed value or a constraint name (schema text, never input)
    std::string_view nameText;   ///< the error's first string where it is a name (attribute codes)
    std::string_view lengths[2]; ///< actual and allowed length for the length facets (digits)
    std::string_view expected;   ///< for content errors: "Expected is ( ... )" of the message
    bool missingChild = false;   ///< for content errors: a child is missing (else one is not expected)
};

/// "{urn:...}name" or "prefix:name" to "name".
std::string localName(std::string_view qname);

/// The attribute named by the fixed prefix libxml2 puts before every validation message
/// ("Element 'QNAME', attribute 'NAME': ..."): names only, read up to the first ": ", never the
/// value that follows. Empty when the prefix names no attribute.
std::string attributeFromPrefix(std::string_view message);

/// For content errors (XML_SCHEMAV_ELEMENT_CONTENT), whose messages hold element names only:
/// the text inside "Expected is ( ... )", and whether a child is missing.
std::string_view expectedList(std::string_view message, bool& missingChild);

/// A schema finding's message as the catalogs hold it (locales/*.txt, "finding.<messageId>"):
/// the field before it ("Element 'received': …" / "Fältet 'received': …") and the message of the
/// error as a nested message argument. i18n::localize writes it in the language asked for.
struct SchemaText {
    std::string messageId;
    std::vector<FindingArg> args;
};

/// "Attribute 'to' of element 'period': the value is not a valid date: ..." (in English). Only
/// names and values in `vocabulary.names` are quoted.
SchemaText describeSchemaError(const SchemaError& error, const SchemaVocabulary& vocabulary);

/// `xpath` with every element or attribute name the schema does not declare replaced by `*`
/// ("/case/applicant/*[2]/@*"): a name in the input is the caller's text and may carry personal
/// data; the line and the position still locate it.
std::string maskXPath(std::string_view xpath, const std::set<std::string>& known);

/// True for the codes of facet violations (pattern, length, enumeration, ...), after which
/// libxml2 repeats the same problem as a type error for the same node.
bool isFacetCode(int code);
/// True for the type-level error that follows a facet error.
bool isTypeCode(int code);

} // namespace kansli::casefile
