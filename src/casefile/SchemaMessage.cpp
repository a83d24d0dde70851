#include "casefile/SchemaMessage.h"

#include <libxml/xmlerror.h>

#include <algorithm>

namespace kansli::casefile {

namespace {


bool allDigits(std::string_view text)
{
    return !text.empty() && text.size() <= 12
        && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// What a type expects, in words an integrator can act on.
using Args = std::vector<FindingArg>;

FindingArg text(const char* name, std::string value)
{
    return FindingArg{name, std::move(value), FindingArg::Kind::Text};
}

/// The message of a value that is not of its type (key finding.schema.type.*).
std::string typeMessage(const std::string& type, Args& args)
{
    if (type == "date" || type == "Date") {
        return "schema.type.date";
    }
    if (type == "dateTime") {
        return "schema.type.date-time";
    }
    if (type == "boolean") {
        return "schema.type.boolean";
    }
    if (type == "IdentityNumber") {
        return "schema.type.identity-number";
    }
    if (type == "PostalCode") {
        return "schema.type.postal-code";
    }
    if (type == "Line") {
        return "schema.type.line";
    }
    if (type.empty()) {
        return "schema.type.unknown";
    }
    args.push_back(text("type", "'" + type + "'"));
    return "schema.type.named";
}

std::string patternMessage(std::string_view pattern, Args& args)
{
    if (pattern == "[^\\n\\r\\t]*\\S[^\\n\\r\\t]*") {
        return "schema.pattern.line";
    }
    if (pattern == "[0-9]{4}-[0-9]{2}-[0-9]{2}" || pattern == "(19[0-9]{2}|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}") {
        return "schema.pattern.date";
    }
    if (pattern == "[0-9]{8}[-+]?[0-9]{4}|[0-9]{6}[-+]?[0-9]{4}"
        || pattern == "([0-9]{2})?[0-9]{6}[-+]?[0-9]{4}") {
        return "schema.pattern.identity-number";
    }
    if (pattern == "[a-z0-9-]+\\.[a-z0-9-]+") {
        return "schema.pattern.criterion";
    }
    if (pattern == "[0-9]{3} ?[0-9]{2}") {
        return "schema.pattern.postal-code";
    }
    args.push_back(text("pattern", "'" + std::string(pattern) + "'"));
    return "schema.pattern.other";
}

std::string allowedValues(std::string_view set, const std::set<std::string>& known)
{
    std::string out;
    std::size_t at = 0;
    while (at < set.size()) {
        const std::size_t open = set.find('\'', at);
        if (open == std::string_view::npos)
            break;
        const std::size_t close = set.find('\'', open + 1);
        if (close == std::string_view::npos)
            break;
        const std::string value(set.substr(open + 1, close - open - 1));
        if (known.count(value) != 0)
            out += (out.empty() ? "'" : ", '") + value + "'";
        at = close + 1;
    }
    return out;
}

/// "a, b" from "{ns}a, {ns}b", keeping only names the schema declares.
std::string elementNames(std::string_view list, const std::set<std::string>& known)
{
    std::string out;
    std::size_t at = 0;
    while (at <= list.size()) {
        std::size_t comma = list.find(',', at);
        if (comma == std::string_view::npos)
            comma = list.size();
        std::string_view item = list.substr(at, comma - at);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        const std::string name = localName(item);
        if (!name.empty() && known.count(name) != 0)
            out += (out.empty() ? "" : ", ") + name;
        at = comma + 1;
    }
    return out;
}

std::string quoteIfKnown(const std::string& name, const std::set<std::string>& known)
{
    return known.count(name) != 0 ? "'" + name + "'" : std::string();
}

/// The message of the error itself (without the field before it) and its arguments.
std::string body(const SchemaError& e, const SchemaVocabulary& v, Args& args)
{
    switch (e.code) {
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3: {
        const std::string& name = e.attribute.empty() ? e.element : e.attribute;
        const auto type = v.typeOf.find(name);
        return typeMessage(type == v.typeOf.end() ? std::string() : type->second, args);
    }
    case XML_SCHEMAV_CVC_PATTERN_VALID:
        return patternMessage(e.schemaText, args);
    case XML_SCHEMAV_CVC_ENUMERATION_VALID: {
        const std::string values = allowedValues(e.schemaText, v.names);
        if (values.empty()) {
            return "schema.enumeration.unknown";
        }
        args.push_back(text("values", values));
        return "schema.enumeration";
    }
    case XML_SCHEMAV_CVC_LENGTH_VALID:
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
        if (allDigits(e.lengths[0]) && allDigits(e.lengths[1])) {
            args.push_back(text("length", std::string(e.lengths[0])));
            args.push_back(text("max", std::string(e.lengths[1])));
            return "schema.length.max";
        }
        return "schema.length.too-long";
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
        if (allDigits(e.lengths[1])) {
            args.push_back(text("min", std::string(e.lengths[1])));
            return "schema.length.min";
        }
        return "schema.length.too-short";
    case XML_SCHEMAV_CVC_AU:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_1:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_2: {
        const std::string fixed = quoteIfKnown(std::string(e.schemaText), v.names);
        if (fixed.empty()) {
            return "schema.fixed.unknown";
        }
        args.push_back(text("value", fixed));
        return "schema.fixed";
    }
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
        return "schema.attribute-not-allowed";
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4: {
        const std::string name = quoteIfKnown(localName(e.nameText), v.names);
        if (name.empty()) {
            return "schema.attribute-required.unknown";
        }
        args.push_back(text("name", name));
        return "schema.attribute-required";
    }
    case XML_SCHEMAV_ELEMENT_CONTENT: {
        const std::string expected = elementNames(e.expected, v.names);
        if (!expected.empty()) {
            args.push_back(text("expected", expected));
        }
        if (e.missingChild) {
            return expected.empty() ? "schema.content.missing" : "schema.content.missing.expected";
        }
        return expected.empty() ? "schema.content.unexpected" : "schema.content.unexpected.expected";
    }
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
        return "schema.text-not-allowed";
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
        return "schema.must-be-empty";
    case XML_SCHEMAV_CVC_TYPE_3_1_2:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:
        return "schema.text-only";
    case XML_SCHEMAV_CVC_ELT_1:
        return "schema.not-declared";
    case XML_SCHEMAV_CVC_IDC: {
        const std::string constraint = localName(e.schemaText.substr(0, e.schemaText.find_last_not_of("'. ") + 1));
        return constraint == "criterionOnce" ? "schema.unique.criterion" : "schema.unique";
    }
    default:
        args.push_back(text("code", std::to_string(e.code)));
        return "schema.other";
    }
}

} // namespace

std::string localName(std::string_view qname)
{
    const std::size_t brace = qname.rfind('}');
    if (brace != std::string_view::npos)
        qname.remove_prefix(brace + 1);
    const std::size_t colon = qname.rfind(':');
    if (colon != std::string_view::npos)
        qname.remove_prefix(colon + 1);
    return std::string(qname);
}

std::string attributeFromPrefix(std::string_view message)
{
    constexpr std::string_view ELEMENT = "Element '";
    constexpr std::string_view ATTRIBUTE = ", attribute '";
    if (message.substr(0, ELEMENT.size()) != ELEMENT)
        return {};
    const std::size_t elementEnd = message.find('\'', ELEMENT.size());
    if (elementEnd == std::string_view::npos || message.substr(elementEnd + 1, ATTRIBUTE.size()) != ATTRIBUTE)
        return {};
    const std::size_t start = elementEnd + 1 + ATTRIBUTE.size();
    const std::size_t end = message.find('\'', start);
    if (end == std::string_view::npos || message.substr(end + 1, 1) != ":")
        return {};
    return localName(message.substr(start, end - start));
}

std::string_view expectedList(std::string_view message, bool& missingChild)
{
    missingChild = message.find("Missing child element") != std::string_view::npos;
    constexpr std::string_view EXPECTED = "Expected is ";
    std::size_t at = message.find(EXPECTED);
    if (at == std::string_view::npos)
        return {};
    at = message.find('(', at);
    const std::size_t close = at == std::string_view::npos ? at : message.find(')', at);
    if (close == std::string_view::npos)
        return {};
    return message.substr(at + 1, close - at - 1);
}

SchemaText describeSchemaError(const SchemaError& error, const SchemaVocabulary& vocabulary)
{
    SchemaText out;
    const std::string message = body(error, vocabulary, out.args);
    const std::string element = quoteIfKnown(error.element, vocabulary.names);
    const std::string attribute = quoteIfKnown(error.attribute, vocabulary.names);
    // The field before the message: "Element 'x': …", "Attribute 'a' of element 'x': …".
    const char* at = nullptr;
    if (!error.attribute.empty()) {
        at = attribute.empty() ? (element.empty() ? "schema.at.an-attribute" : "schema.at.an-attribute-of-element")
                               : (element.empty() ? "schema.at.attribute" : "schema.at.attribute-of-element");
    } else if (!element.empty()) {
        at = "schema.at.element";
    }
    if (at == nullptr) {
        out.messageId = message;
        return out;
    }
    out.messageId = at;
    if (!element.empty()) {
        out.args.push_back(text("element", element));
    }
    if (!attribute.empty()) {
        out.args.push_back(text("attribute", attribute));
    }
    out.args.push_back(FindingArg{"message", message, FindingArg::Kind::Message});
    return out;
}

std::string maskXPath(std::string_view xpath, const std::set<std::string>& known)
{
    std::string out;
    std::size_t at = 0;
    while (at < xpath.size()) {
        std::size_t next = xpath.find('/', at + 1);
        if (next == std::string_view::npos)
            next = xpath.size();
        std::string_view step = xpath.substr(at, next - at); // "/name[2]" or "/@name"
        out += '/';
        if (!step.empty() && step.front() == '/')
            step.remove_prefix(1);
        const bool attribute = !step.empty() && step.front() == '@';
        if (attribute) {
            out += '@';
            step.remove_prefix(1);
        }
        const std::size_t bracket = step.find('[');
        const std::string_view name = step.substr(0, bracket);
        out += known.count(localName(name)) != 0 ? std::string(name) : std::string("*");
        if (bracket != std::string_view::npos)
            out += std::string(step.substr(bracket));
        at = next;
    }
    return out;
}

bool isFacetCode(int code)
{
    return code >= XML_SCHEMAV_CVC_FACET_VALID && code <= XML_SCHEMAV_CVC_ENUMERATION_VALID;
}

bool isTypeCode(int code)
{
    return code == XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1;
}

} // namespace kansli::casefile
