#include "casefile/SchemaMessage.h"

#include <regex>
#include <vector>

namespace kansli::casefile {

namespace {

const char* const NEUTRAL = "the given value";

/// XSD vocabulary libxml2 quotes in its messages.
const std::set<std::string>& xsdWords()
{
    static const std::set<std::string> words = {
        "element-only", "empty", "mixed", "simple", "xs:date", "xs:dateTime", "xs:boolean",
        "xs:string", "xs:token", "xs:integer", "true", "false",
    };
    return words;
}

std::string stripNamespaces(std::string text)
{
    static const std::regex braces(R"(\{(?:urn|http|https):[^{}]*\})");
    return std::regex_replace(text, braces, "");
}

/// What a type expects, in words an integrator can act on.
std::string describeType(const std::string& type)
{
    if (type == "xs:date" || type == "Date") {
        return "date: write it YYYY-MM-DD, without a time zone, and give a day that exists in "
               "the calendar";
    }
    if (type == "xs:dateTime") {
        return "date and time (YYYY-MM-DDThh:mm:ss, optionally with a time zone)";
    }
    if (type == "xs:boolean") {
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
    return "value of the type '" + type + "'";
}

std::string describePattern(const std::string& pattern)
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
    return "the value does not have the required form (pattern '" + pattern + "')";
}

struct Rewrite {
    std::regex pattern;
    std::string (*apply)(const std::smatch&);
};

const std::vector<Rewrite>& rewrites()
{
    static const std::vector<Rewrite> list = {
        {std::regex(R"(^\[facet 'pattern'\] The value '[\s\S]*' is not accepted by the pattern '([\s\S]*)'\.?$)"),
         [](const std::smatch& m) { return describePattern(m[1].str()); }},
        {std::regex(R"(^'[\s\S]*' is not a valid value of the (?:atomic|list|union) type '([^']*)'\.?$)"),
         [](const std::smatch& m) { return "the value is not a valid " + describeType(m[1].str()); }},
        {std::regex(R"(^\[facet 'enumeration'\] The value '[\s\S]*' is not an element of the set \{([\s\S]*)\}\.?$)"),
         [](const std::smatch& m) { return "the value is not one of the allowed values " + m[1].str(); }},
        {std::regex(R"(^The value '[\s\S]*' does not match the fixed value constraint '([^']*)'\.?$)"),
         [](const std::smatch& m) { return "the value must be '" + m[1].str() + "'"; }},
        {std::regex(R"(^\[facet 'maxLength'\] The value has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'\.?$)"),
         [](const std::smatch& m) { return "the value has " + m[1].str() + " characters; at most " + m[2].str() + " are allowed"; }},
        {std::regex(R"(^\[facet 'minLength'\] The value has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)'\.?$)"),
         [](const std::smatch& m) { return "the value is empty or too short; at least " + m[2].str() + " character(s) are required"; }},
        {std::regex(R"(^Duplicate key-sequence \[[\s\S]*\] in unique identity-constraint '([^']*)'\.?$)"),
         [](const std::smatch& m) {
             if (m[1].str() == "criterionOnce") {
                 return std::string("a criterion id is given more than once; give each criterion once");
             }
             return "a value that must be unique is repeated (constraint '" + m[1].str() + "')";
         }},
        {std::regex(R"(^Missing child element\(s\)\. Expected is (?:one of )?\( ([^()]*) \)\.?$)"),
         [](const std::smatch& m) { return "a required child element is missing; expected next: " + m[1].str(); }},
        {std::regex(R"(^This element is not expected\. Expected is (?:one of )?\( ([^()]*) \)\.?$)"),
         [](const std::smatch& m) { return "this element is not allowed here; expected instead: " + m[1].str(); }},
        {std::regex(R"(^This element is not expected\.?$)"),
         [](const std::smatch&) { return std::string("this element is not allowed here"); }},
        {std::regex(R"(^Character content other than whitespace is not allowed because the content type is 'element-only'\.?$)"),
         [](const std::smatch&) { return std::string("text is not allowed directly in this element; write it in its child elements"); }},
        {std::regex(R"(^'[\s\S]*' is not a valid value of the local (?:atomic|list|union) type\.?$)"),
         [](const std::smatch&) { return std::string("the value is not one of the values allowed here"); }},
    };
    return list;
}

/// Replaces every quoted text that is not a known name with a neutral phrase.
std::string dropUnknownQuotes(const std::string& text, const std::set<std::string>& known)
{
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find('\'', i);
        if (open == std::string::npos) {
            out += text.substr(i);
            break;
        }
        const std::size_t close = text.find('\'', open + 1);
        if (close == std::string::npos) {
            out += text.substr(i, open - i);
            out += NEUTRAL; // an unbalanced quote may hide a value: drop the rest
            break;
        }
        out += text.substr(i, open - i);
        const std::string quoted = text.substr(open + 1, close - open - 1);
        if (known.count(quoted) != 0 || xsdWords().count(quoted) != 0) {
            out += "'" + quoted + "'";
        } else {
            out += NEUTRAL;
        }
        i = close + 1;
    }
    return out;
}

} // namespace

std::string attributeOf(std::string_view raw)
{
    static const std::regex prefix(
        R"(^Element '[^']*', attribute '([A-Za-z_][A-Za-z0-9._-]*)':)");
    std::match_results<std::string_view::const_iterator> match;
    if (std::regex_search(raw.begin(), raw.end(), match, prefix)) {
        return match[1].str();
    }
    return {};
}

bool isTypeLevelRepeat(std::string_view raw)
{
    return raw.find("is not a valid value of the atomic type") != std::string_view::npos
        || raw.find("is not a valid value of the local atomic type") != std::string_view::npos;
}

std::string sanitizeSchemaMessage(std::string_view raw, const std::set<std::string>& knownNames)
{
    std::string text(raw);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }

    // "Element '{ns}period', attribute 'to': <body>"
    static const std::regex prefix(
        R"(^Element '(?:\{[^}]*\})?([A-Za-z_][A-Za-z0-9._-]*)'(?:, attribute '([A-Za-z_][A-Za-z0-9._-]*)')?: ([\s\S]*)$)");
    std::string field;
    std::set<std::string> allowed = knownNames;
    std::smatch match;
    if (std::regex_match(text, match, prefix)) {
        const std::string element = match[1].str();
        const std::string attribute = match[2].str();
        allowed.insert(element);
        if (!attribute.empty()) {
            allowed.insert(attribute);
            field = "attribute '" + attribute + "' of element '" + element + "'";
        } else {
            field = "element '" + element + "'";
        }
        text = match[3].str();
    }

    text = stripNamespaces(text);
    std::string body;
    for (const Rewrite& rewrite : rewrites()) {
        std::smatch bodyMatch;
        if (std::regex_match(text, bodyMatch, rewrite.pattern)) {
            body = rewrite.apply(bodyMatch);
            break;
        }
    }
    // Rewrites quote only schema texts; the second pass makes sure of it.
    body = dropUnknownQuotes(body.empty() ? text : body, allowed);
    if (!body.empty() && body.back() == '.') {
        body.pop_back();
    }
    if (field.empty()) {
        return body;
    }
    field[0] = static_cast<char>(field[0] - 'a' + 'A');
    return field + ": " + body;
}

} // namespace kansli::casefile
