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
std::string describeType(const std::string& type)
{
    if (type == "date" || type == "Date") {
        return "date: write it YYYY-MM-DD, without a time zone, and give a day that exists in "
               "the calendar";
    }
    if (type == "dateTime") {
        return "date and time (YYYY-MM-DDThh:mm:ss, optionally with a time zone)";
    }
    if (type == "boolean") {
        return "boolean (true or false)";
    }
    if (type == "IdentityNumber") {
        return "identity number (YYYYMMDD-NNNC, YYYYMMDDNNNC, YYMMDD-NNNC or YYMMDD+NNNC)";
    }
    if (type == "PostalCode") {
        return "postal code (NNN NN)";
    }
    if (type == "Line") {
        return "line of text (one line, not blank, at most 200 characters)";
    }
    if (type.empty()) {
        return "value of the type required here";
    }
    return "value of the type '" + type + "'";
}

std::string describePattern(std::string_view pattern)
{
    if (pattern == "[^\\n\\r\\t]*\\S[^\\n\\r\\t]*") {
        return "the value must be one line with at least one character that is not a space "
               "(no line breaks or tabs)";
    }
    if (pattern == "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
        return "the value is not a date written YYYY-MM-DD without a time zone";
    }
    if (pattern == "[0-9]{8}[-+]?[0-9]{4}|[0-9]{6}[-+]?[0-9]{4}"
        || pattern == "([0-9]{2})?[0-9]{6}[-+]?[0-9]{4}") {
        return "the value does not have the form of an identity number (YYYYMMDD-NNNC, "
               "YYYYMMDDNNNC, YYMMDD-NNNC or YYMMDD+NNNC)";
    }
    if (pattern == "[a-z0-9-]+\\.[a-z0-9-]+") {
        return "the value is not a criterion code (the target group's code, a dot, the criterion's name, "
               "e.g. uvas.folkbokford)";
    }
    if (pattern == "[0-9]{3} ?[0-9]{2}") {
        return "the value is not a postal code written NNN NN";
    }
    return "the value does not have the required form (pattern '" + std::string(pattern) + "')";
}

/// "'beslut', 'utredning'" from libxml2's set text, keeping only values the schema declares.
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

std::string body(const SchemaError& e, const SchemaVocabulary& v)
{
    switch (e.code) {
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_2:
    case XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_3: {
        const std::string& name = e.attribute.empty() ? e.element : e.attribute;
        const auto type = v.typeOf.find(name);
        return "the value is not a valid " + describeType(type == v.typeOf.end() ? std::string() : type->second);
    }
    case XML_SCHEMAV_CVC_PATTERN_VALID:
        return describePattern(e.schemaText);
    case XML_SCHEMAV_CVC_ENUMERATION_VALID: {
        const std::string values = allowedValues(e.schemaText, v.names);
        return values.empty() ? std::string("the value is not one of the values allowed here")
                              : "the value is not one of the allowed values " + values;
    }
    case XML_SCHEMAV_CVC_LENGTH_VALID:
    case XML_SCHEMAV_CVC_MAXLENGTH_VALID:
        if (allDigits(e.lengths[0]) && allDigits(e.lengths[1]))
            return "the value has " + std::string(e.lengths[0]) + " characters; at most "
                + std::string(e.lengths[1]) + " are allowed";
        return "the value is too long";
    case XML_SCHEMAV_CVC_MINLENGTH_VALID:
        if (allDigits(e.lengths[1]))
            return "the value is empty or too short; at least " + std::string(e.lengths[1])
                + " character(s) are required";
        return "the value is empty or too short";
    case XML_SCHEMAV_CVC_AU:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_1:
    case XML_SCHEMAV_CVC_ELT_5_2_2_2_2: {
        const std::string fixed = quoteIfKnown(std::string(e.schemaText), v.names);
        return fixed.empty() ? std::string("the value must be the fixed value of the schema")
                             : "the value must be " + fixed;
    }
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
        return "this attribute is not allowed here";
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_4: {
        const std::string name = quoteIfKnown(localName(e.nameText), v.names);
        return name.empty() ? std::string("a required attribute is missing")
                            : "the required attribute " + name + " is missing";
    }
    case XML_SCHEMAV_ELEMENT_CONTENT: {
        const std::string expected = elementNames(e.expected, v.names);
        if (e.missingChild)
            return "a required child element is missing"
                + (expected.empty() ? std::string() : "; expected next: " + expected);
        return "this element is not allowed here" + (expected.empty() ? std::string() : "; expected instead: " + expected);
    }
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
        return "text is not allowed directly in this element; write it in its child elements";
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
        return "this element must be empty";
    case XML_SCHEMAV_CVC_TYPE_3_1_2:
    case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_2:
        return "this element holds text only; child elements are not allowed in it";
    case XML_SCHEMAV_CVC_ELT_1:
        return "the element is not declared in the case schema";
    case XML_SCHEMAV_CVC_IDC: {
        const std::string constraint = localName(e.schemaText.substr(0, e.schemaText.find_last_not_of("'. ") + 1));
        if (constraint == "criterionOnce")
            return "a criterion id is given more than once; give each criterion once";
        return "a value that must be unique is repeated";
    }
    default:
        return "the case file does not follow the case schema here (libxml2 schema error "
            + std::to_string(e.code) + ")";
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

std::string describeSchemaError(const SchemaError& error, const SchemaVocabulary& vocabulary)
{
    std::string text = body(error, vocabulary);
    const std::string element = quoteIfKnown(error.element, vocabulary.names);
    const std::string attribute = quoteIfKnown(error.attribute, vocabulary.names);
    std::string field;
    if (!error.attribute.empty()) {
        field = (attribute.empty() ? std::string("An attribute") : "Attribute " + attribute)
            + (element.empty() ? std::string() : " of element " + element);
    } else if (!element.empty()) {
        field = "Element " + element;
    }
    return field.empty() ? text : field + ": " + text;
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
