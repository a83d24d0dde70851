#include "casefile/CaseDocument.h"

#include "casefile/MarkupScan.h"
#include "casefile/SchemaMessage.h"
#include "casefile/XmlErrorCapture.h"
#include "casefile/XmlNode.h"
#include "core/Error.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

namespace kansli::casefile {

namespace {

/// A finding whose message is the catalogs' "finding.<messageId>" (locales/), in the language
/// the caller asks for (i18n::localize).
Finding makeFinding(const char* code, const char* messageId, std::vector<FindingArg> args, int line,
                    std::string xpath = {})
{
    Finding finding;
    finding.severity = Severity::Error;
    finding.code = code;
    finding.messageId = messageId;
    finding.args = std::move(args);
    finding.line = line;
    finding.xpath = std::move(xpath);
    return finding;
}

FindingArg number(const char* name, long long value)
{
    return FindingArg{name, std::to_string(value), FindingArg::Kind::Number};
}

int lineAt(std::string_view bytes, std::size_t offset)
{
    int line = 1;
    for (std::size_t i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++line;
        }
    }
    return line;
}

/// Offset of the first byte that is not part of well-formed UTF-8 (no overlongs, no surrogates,
/// nothing above U+10FFFF); nullopt when all of it is well-formed.
std::optional<std::size_t> firstInvalidUtf8(std::string_view bytes)
{
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t size = bytes.size();
    std::size_t i = 0;
    while (i < size) {
        const unsigned char lead = data[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned char min2 = 0x80;
        unsigned char max2 = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                min2 = 0xA0; // overlong
            } else if (lead == 0xED) {
                max2 = 0x9F; // surrogates
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                min2 = 0x90;
            } else if (lead == 0xF4) {
                max2 = 0x8F; // above U+10FFFF
            }
        } else {
            return i;
        }
        if (i + length > size) {
            return i;
        }
        if (data[i + 1] < min2 || data[i + 1] > max2) {
            return i;
        }
        for (std::size_t k = 2; k < length; ++k) {
            if (data[i + k] < 0x80 || data[i + k] > 0xBF) {
                return i;
            }
        }
        i += length;
    }
    return std::nullopt;
}

bool equalsIgnoreAsciiCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') {
            x = static_cast<char>(x - 'A' + 'a');
        }
        if (y >= 'A' && y <= 'Z') {
            y = static_cast<char>(y - 'A' + 'a');
        }
        if (x != y) {
            return false;
        }
    }
    return true;
}

/// Refuses byte-order marks and XML declarations of any encoding but UTF-8.
std::optional<Finding> checkEncoding(std::string_view bytes)
{
    auto startsWith = [&](std::string_view prefix) {
        return bytes.substr(0, prefix.size()) == prefix;
    };
    if (startsWith("\xFF\xFE") || startsWith("\xFE\xFF") || startsWith(std::string_view("\0<", 2))
        || startsWith(std::string_view("<\0", 2))) {
        return makeFinding(CODE_XML_ENCODING, "xml.encoding.utf16", {}, 1);
    }
    if (startsWith("\xEF\xBB\xBF")) {
        bytes.remove_prefix(3);
    }
    if (bytes.substr(0, 5) != "<?xml") {
        return std::nullopt;
    }
    const std::size_t end = bytes.find("?>");
    const std::string_view declaration = bytes.substr(0, end);
    std::size_t at = declaration.find("encoding");
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    at += 8;
    while (at < declaration.size() && (declaration[at] == ' ' || declaration[at] == '='
                                       || declaration[at] == '\t' || declaration[at] == '\r'
                                       || declaration[at] == '\n')) {
        ++at;
    }
    if (at >= declaration.size() || (declaration[at] != '"' && declaration[at] != '\'')) {
        return std::nullopt; // malformed: the parser reports it
    }
    const char quote = declaration[at];
    const std::size_t close = declaration.find(quote, at + 1);
    if (close == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view name = declaration.substr(at + 1, close - at - 1);
    if (equalsIgnoreAsciiCase(name, "UTF-8")) {
        return std::nullopt;
    }
    // The name is not quoted: a finding never repeats what the file says.
    return makeFinding(CODE_XML_ENCODING, "xml.encoding.other", {}, lineAt(bytes, 0));
}

Location fileLocation(const std::string& path)
{
    Location location;
    location.file = path;
    return location;
}

bool isBlank(std::string_view bytes)
{
    for (char c : bytes) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            return false;
        }
    }
    return true;
}

/// Names in paths that the schema does not declare are the caller's text: masked (maskXPath).
void maskPaths(Findings& findings, std::size_t from, const std::set<std::string>* quotable)
{
    if (quotable == nullptr) {
        return;
    }
    for (std::size_t i = from; i < findings.size(); ++i) {
        findings[i].xpath = maskXPath(findings[i].xpath, *quotable);
    }
}

/// What a libxml2 parser error means, from its code alone. libxml2's own message text quotes
/// input (up to 50 bytes of an unterminated comment or CDATA section, element names, the bytes
/// after a stray '<'), so it is never used: the finding carries the code's meaning, the line
/// and the column.
/// The catalog message (and its arguments) for a libxml2 parser error: the common ones in words,
/// the rest by libxml2's error number.
struct ParserMessage {
    const char* messageId;
    std::vector<FindingArg> args;
};

ParserMessage parserMessage(const xmlError& error, const std::set<std::string>* quotable)
{
    ParserMessage what{"xml.parse.other", {FindingArg{"code", std::to_string(error.code), FindingArg::Kind::Text}}};
    auto is = [&](const char* id) { what = ParserMessage{id, {}}; };
    switch (error.code) {
    case XML_ERR_DOCUMENT_EMPTY: is("xml.parse.empty"); break;
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT: is("xml.parse.after-root"); break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF: is("xml.parse.invalid-char"); break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY: is("xml.parse.undeclared-entity"); break;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_ENTITYREF_NO_NAME: is("xml.parse.ampersand"); break;
    case XML_ERR_LT_IN_ATTRIBUTE: is("xml.parse.lt-in-attribute"); break;
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_STRING_NOT_STARTED:
    case XML_ERR_STRING_NOT_CLOSED: is("xml.parse.attribute-quotes"); break;
    case XML_ERR_ATTRIBUTE_REDEFINED: is("xml.parse.attribute-twice"); break;
    case XML_ERR_COMMENT_NOT_FINISHED: is("xml.parse.comment-open"); break;
    case XML_ERR_HYPHEN_IN_COMMENT: is("xml.parse.comment-hyphens"); break;
    case XML_ERR_CDATA_NOT_FINISHED: is("xml.parse.cdata-open"); break;
    case XML_ERR_PI_NOT_STARTED:
    case XML_ERR_PI_NOT_FINISHED:
    case XML_ERR_RESERVED_XML_NAME: is("xml.parse.processing-instruction"); break;
    case XML_ERR_XMLDECL_NOT_STARTED:
    case XML_ERR_XMLDECL_NOT_FINISHED:
    case XML_ERR_VERSION_MISSING:
    case XML_ERR_UNKNOWN_VERSION: is("xml.parse.declaration"); break;
    case XML_ERR_NAME_REQUIRED:
    case XML_ERR_LT_REQUIRED:
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_SPACE_REQUIRED:
    case XML_ERR_EQUAL_REQUIRED: is("xml.parse.tag"); break;
    case XML_ERR_TAG_NAME_MISMATCH:
        // The element's name only when it is one of the case format's own.
        if (error.str1 != nullptr && quotable != nullptr && quotable->count(error.str1) != 0 && error.int1 > 0) {
            what = ParserMessage{"xml.parse.end-tag-named",
                                 {FindingArg{"element", std::string("'") + error.str1 + "'", FindingArg::Kind::Text},
                                  FindingArg{"opened", std::to_string(error.int1), FindingArg::Kind::Text}}};
        } else {
            is("xml.parse.end-tag");
        }
        break;
    case XML_ERR_TAG_NOT_FINISHED: is("xml.parse.not-closed"); break;
    case XML_ERR_MISPLACED_CDATA_END: is("xml.parse.cdata-end"); break;
    case XML_NS_ERR_UNDEFINED_NAMESPACE: is("xml.parse.prefix-undeclared"); break;
    case XML_NS_ERR_QNAME:
    case XML_NS_ERR_ATTRIBUTE_REDEFINED:
    case XML_NS_ERR_XML_NAMESPACE:
    case XML_NS_ERR_EMPTY: is("xml.parse.namespace"); break;
    default: break;
    }
    if (error.int2 > 0) {
        std::vector<FindingArg> args = what.args;
        args.push_back(FindingArg{"message", what.messageId, FindingArg::Kind::Message});
        args.push_back(FindingArg{"column", std::to_string(error.int2), FindingArg::Kind::Text});
        return ParserMessage{"xml.parse.at-column", std::move(args)};
    }
    return what;
}

/// libxml2 stops at its first fatal error, but namespace errors and warnings go on: a few are
/// enough to act on.
constexpr std::size_t MAX_PARSER_FINDINGS = 20;

struct ParseState {
    Findings* findings = nullptr;
    XmlErrorCapture* capture = nullptr;
    int maxDepth = 64;
    int depth = 0;
    bool refused = false; ///< parsing was stopped on purpose; its follow-up errors are noise
};

ParseState* stateOf(void* context)
{
    auto* ctxt = static_cast<xmlParserCtxtPtr>(context);
    return static_cast<ParseState*>(ctxt->_private);
}

/// SAX callbacks get the parser context, so errors are routed through its _private state.
void parserError(void* context, xmlError* error)
{
    ParseState* state = stateOf(context);
    XmlErrorCapture::structuredCallback(state->capture, error);
}

void refuseDoctype(void* context, const xmlChar* name, const xmlChar*, const xmlChar*)
{
    (void)name;
    auto* ctxt = static_cast<xmlParserCtxtPtr>(context);
    ParseState* state = stateOf(context);
    if (!state->refused) {
        state->findings->push_back(makeFinding(CODE_XML_DOCTYPE, "xml.doctype", {}, xmlSAX2GetLineNumber(context)));
        state->refused = true;
    }
    // Stops before the internal subset is read, so no entity is ever declared or expanded.
    xmlStopParser(ctxt);
}

void startElement(void* context, const xmlChar* localname, const xmlChar* prefix,
                  const xmlChar* uri, int namespaceCount, const xmlChar** namespaces,
                  int attributeCount, int defaultedCount, const xmlChar** attributes)
{
    auto* ctxt = static_cast<xmlParserCtxtPtr>(context);
    ParseState* state = stateOf(context);
    if (state->refused) {
        return;
    }
    if (++state->depth > state->maxDepth) {
        std::string path = xml::xpathOf(ctxt->node);
        path += "/";
        path += reinterpret_cast<const char*>(localname);
        state->findings->push_back(makeFinding(CODE_XML_DEPTH, "xml.depth", {number("max", state->maxDepth)},
                                               xmlSAX2GetLineNumber(context), path));
        state->refused = true;
        xmlStopParser(ctxt);
        return;
    }
    xmlSAX2StartElementNs(context, localname, prefix, uri, namespaceCount, namespaces,
                          attributeCount, defaultedCount, attributes);
}

void endElement(void* context, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri)
{
    ParseState* state = stateOf(context);
    if (state->refused) {
        return;
    }
    --state->depth;
    xmlSAX2EndElementNs(context, localname, prefix, uri);
}

std::optional<Finding> checkRoot(const xmlNode* root)
{
    const std::vector<FindingArg> expected = {FindingArg{"root", std::string("'") + CASE_ROOT + "'", FindingArg::Kind::Text},
                                              FindingArg{"namespace", CASE_NAMESPACE, FindingArg::Kind::Text}};
    if (root == nullptr) {
        return makeFinding(CODE_SCHEMA_ROOT, "xml.root.missing", expected, 1);
    }
    const std::string name = root->name != nullptr ? reinterpret_cast<const char*>(root->name) : "";
    const int line = xml::lineOf(root);
    const std::string path = "/" + name;
    if (name != CASE_ROOT) {
        return makeFinding(CODE_SCHEMA_ROOT, "xml.root.other", expected, line, path);
    }
    if (root->ns == nullptr || root->ns->href == nullptr) {
        return makeFinding(CODE_SCHEMA_ROOT, "xml.root.no-namespace", expected, line, path);
    }
    if (std::strcmp(reinterpret_cast<const char*>(root->ns->href), CASE_NAMESPACE) != 0) {
        return makeFinding(CODE_SCHEMA_ROOT, "xml.root.other-namespace", expected, line, path);
    }
    return std::nullopt;
}

} // namespace

void CaseDocument::DocDeleter::operator()(xmlDoc* doc) const noexcept
{
    xmlFreeDoc(doc);
}

xmlNode* CaseDocument::root() const noexcept
{
    return _doc ? xmlDocGetRootElement(_doc.get()) : nullptr;
}

CaseDocument CaseDocument::fromMemory(std::string_view bytes, Findings& findings,
                                      const ParseLimits& limits,
                                      const std::set<std::string>* quotable)
{
    if (bytes.size() > limits.maxBytes) {
        findings.push_back(makeFinding(CODE_XML_TOO_LARGE, "xml.too-large",
                                       {number("max", static_cast<long long>(limits.maxBytes))}, 0));
        return {};
    }
    if (isBlank(bytes)) {
        findings.push_back(makeFinding(CODE_XML, "xml.empty", {}, 0));
        return {};
    }
    if (auto refused = checkEncoding(bytes)) {
        findings.push_back(std::move(*refused));
        return {};
    }
    if (auto offset = firstInvalidUtf8(bytes)) {
        findings.push_back(makeFinding(CODE_XML_UTF8, "xml.utf8", {}, lineAt(bytes, *offset)));
        return {};
    }
    MarkupLimits markup;
    markup.maxAttributes = limits.maxAttributes;
    markup.maxNameLength = limits.maxNameLength;
    markup.maxDepth = limits.maxDepth;
    if (auto refused = scanMarkup(bytes, markup)) {
        findings.push_back(std::move(*refused));
        maskPaths(findings, findings.size() - 1, quotable);
        return {};
    }
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        findings.push_back(makeFinding(CODE_XML_TOO_LARGE, "xml.too-large",
                                       {number("max", std::numeric_limits<int>::max())}, 0));
        return {};
    }

    const std::size_t firstNew = findings.size();
    ParseState state;
    state.findings = &findings;
    state.maxDepth = limits.maxDepth;

    auto record = [&](const xmlError& error) {
        if (state.refused || error.level == XML_ERR_NONE) {
            return;
        }
        if (findings.size() - firstNew >= MAX_PARSER_FINDINGS) {
            return; // the document is refused all the same: wellFormed is false
        }
        ParserMessage what = parserMessage(error, quotable);
        Finding finding = makeFinding(CODE_XML, what.messageId, std::move(what.args), error.line);
        if (error.level == XML_ERR_WARNING) {
            finding.severity = Severity::Warning;
        }
        findings.push_back(std::move(finding));
    };
    XmlErrorCapture capture(record);

    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (ctxt == nullptr) {
        throw Error(ErrorCode::Internal, "the XML parser could not be created",
                    "xmlNewParserCtxt failed");
    }
    ctxt->_private = &state;
    state.capture = &capture;
    ctxt->sax->serror = &parserError;
    ctxt->sax->internalSubset = &refuseDoctype;
    ctxt->sax->startElementNs = &startElement;
    ctxt->sax->endElementNs = &endElement;

    // Deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
    // XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE and XML_PARSE_HUGE.
    const int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
    xmlDoc* parsed = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()),
                                       nullptr, "UTF-8", options);
    const bool wellFormed = ctxt->wellFormed != 0 && ctxt->nsWellFormed != 0;
    xmlFreeParserCtxt(ctxt);
    CaseDocument document(parsed);

    if (!capture.genericText().empty() && findings.size() == firstNew && !state.refused) {
        findings.push_back(makeFinding(CODE_XML, "xml.malformed", {}, 0));
    }
    maskPaths(findings, firstNew, quotable);
    if (state.refused || !wellFormed || !document.valid() || hasErrors(
            Findings(findings.begin() + static_cast<std::ptrdiff_t>(firstNew), findings.end()))) {
        if (findings.size() == firstNew) {
            findings.push_back(makeFinding(CODE_XML, "xml.malformed", {}, 0));
        }
        return {};
    }
    if (auto wrongRoot = checkRoot(document.root())) {
        findings.push_back(std::move(*wrongRoot));
        maskPaths(findings, findings.size() - 1, quotable);
        return {};
    }
    return document;
}

CaseDocument CaseDocument::fromFile(const std::string& path, Findings& findings,
                                    const ParseLimits& limits,
                                    const std::set<std::string>* quotable)
{
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        throw Error(ErrorCode::Io, "the case file could not be read",
                    "file_size failed: " + error.message(), fileLocation(path));
    }
    if (size > limits.maxBytes) {
        findings.push_back(makeFinding(CODE_XML_TOO_LARGE, "xml.too-large",
                                       {number("max", static_cast<long long>(limits.maxBytes))}, 0));
        return {};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorCode::Io, "the case file could not be read", "open failed",
                    fileLocation(path));
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        throw Error(ErrorCode::Io, "the case file could not be read", "read failed",
                    fileLocation(path));
    }
    return fromMemory(content.str(), findings, limits, quotable);
}

} // namespace kansli::casefile
