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

Finding makeFinding(const char* code, std::string message, int line, std::string xpath = {})
{
    Finding finding;
    finding.severity = Severity::Error;
    finding.code = code;
    finding.message = std::move(message);
    finding.line = line;
    finding.xpath = std::move(xpath);
    return finding;
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

bool isEncodingNameChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
        || c == '_' || c == '.' || c == ':';
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
        return makeFinding(CODE_XML_ENCODING,
                           "the case file is encoded in UTF-16 or UTF-32; case files must be UTF-8",
                           1);
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
    bool printable = !name.empty() && name.size() <= 40;
    for (char c : name) {
        printable = printable && isEncodingNameChar(c);
    }
    std::string message = "the XML declaration names the encoding ";
    message += printable ? "'" + std::string(name) + "'" : std::string("of an unknown name");
    message += "; case files must be UTF-8 (encoding=\"UTF-8\" or no encoding declaration)";
    return makeFinding(CODE_XML_ENCODING, message, lineAt(bytes, 0));
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
std::string parserMessage(const xmlError& error, const std::set<std::string>* quotable)
{
    std::string what;
    switch (error.code) {
    case XML_ERR_DOCUMENT_EMPTY: what = "the document is empty"; break;
    case XML_ERR_DOCUMENT_END: what = "there is content after the end of the root element"; break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_CHARREF: what = "a character that XML does not allow (a control character?)"; break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY: what = "a reference to an entity that is not declared (write & as &amp;)"; break;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_ENTITYREF_NO_NAME: what = "an '&' that does not start a reference (write it as &amp;)"; break;
    case XML_ERR_LT_IN_ATTRIBUTE: what = "a '<' inside an attribute value (write it as &lt;)"; break;
    case XML_ERR_ATTRIBUTE_NOT_STARTED:
    case XML_ERR_ATTRIBUTE_NOT_FINISHED:
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
    case XML_ERR_STRING_NOT_STARTED:
    case XML_ERR_STRING_NOT_CLOSED: what = "an attribute value is not quoted or not closed"; break;
    case XML_ERR_ATTRIBUTE_REDEFINED: what = "an attribute is given twice on one element"; break;
    case XML_ERR_COMMENT_NOT_FINISHED: what = "a comment is not closed with -->"; break;
    case XML_ERR_HYPHEN_IN_COMMENT: what = "a comment contains '--', which XML does not allow"; break;
    case XML_ERR_CDATA_NOT_FINISHED: what = "a CDATA section is not closed with ]]>"; break;
    case XML_ERR_PI_NOT_STARTED:
    case XML_ERR_PI_NOT_FINISHED:
    case XML_ERR_RESERVED_XML_NAME: what = "a processing instruction is malformed"; break;
    case XML_ERR_XMLDECL_NOT_STARTED:
    case XML_ERR_XMLDECL_NOT_FINISHED:
    case XML_ERR_VERSION_MISSING:
    case XML_ERR_UNKNOWN_VERSION: what = "the XML declaration is malformed"; break;
    case XML_ERR_NAME_REQUIRED:
    case XML_ERR_LT_REQUIRED:
    case XML_ERR_GT_REQUIRED:
    case XML_ERR_SPACE_REQUIRED:
    case XML_ERR_EQUAL_REQUIRED: what = "a tag is malformed (a stray '<' in text must be written &lt;)"; break;
    case XML_ERR_TAG_NAME_MISMATCH:
        what = "an end tag does not match its start tag";
        if (error.str1 != nullptr && quotable != nullptr && quotable->count(error.str1) != 0) {
            what += std::string(" '") + error.str1 + "'";
            if (error.int1 > 0) {
                what += " (opened on line " + std::to_string(error.int1) + ")";
            }
        }
        break;
    case XML_ERR_TAG_NOT_FINISHED: what = "an element is not closed before the end of the document"; break;
    case XML_ERR_MISPLACED_CDATA_END: what = "the text contains ']]>', which XML does not allow"; break;
    case XML_ERR_EXTRA_CONTENT: what = "there is content after the end of the root element"; break;
    case XML_NS_ERR_UNDEFINED_NAMESPACE: what = "a namespace prefix is used without being declared"; break;
    case XML_NS_ERR_QNAME:
    case XML_NS_ERR_ATTRIBUTE_REDEFINED:
    case XML_NS_ERR_XML_NAMESPACE:
    case XML_NS_ERR_EMPTY: what = "a namespace declaration or prefixed name is malformed"; break;
    default: what = "the document is not well-formed XML (libxml2 parser error " + std::to_string(error.code) + ")";
    }
    if (error.int2 > 0) {
        what += " (column " + std::to_string(error.int2) + ")";
    }
    return "malformed XML: " + what;
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
        state->findings->push_back(makeFinding(
            CODE_XML_DOCTYPE,
            "a DOCTYPE declaration is not allowed: case files have no DTD and may declare no "
            "entities",
            xmlSAX2GetLineNumber(context)));
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
        state->findings->push_back(makeFinding(
            CODE_XML_DEPTH,
            "elements are nested more than " + std::to_string(state->maxDepth)
                + " levels deep; the case format needs far fewer",
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
    const std::string expected = std::string("the root element must be '") + CASE_ROOT
        + "' in the namespace '" + CASE_NAMESPACE + "'";
    if (root == nullptr) {
        return makeFinding(CODE_SCHEMA_ROOT, expected + "; the document has no root element", 1);
    }
    const std::string name = root->name != nullptr ? reinterpret_cast<const char*>(root->name) : "";
    const int line = xml::lineOf(root);
    const std::string path = "/" + name;
    if (name != CASE_ROOT) {
        return makeFinding(CODE_SCHEMA_ROOT, expected + "; the root element is another element", line,
                           path);
    }
    if (root->ns == nullptr || root->ns->href == nullptr) {
        return makeFinding(CODE_SCHEMA_ROOT,
                           expected + "; found 'case' without a namespace (add xmlns=\""
                               + CASE_NAMESPACE + "\")",
                           line, path);
    }
    if (std::strcmp(reinterpret_cast<const char*>(root->ns->href), CASE_NAMESPACE) != 0) {
        return makeFinding(CODE_SCHEMA_ROOT, expected + "; found 'case' in another namespace",
                           line, path);
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
        findings.push_back(makeFinding(
            CODE_XML_TOO_LARGE,
            "the case file is larger than the limit of " + std::to_string(limits.maxBytes)
                + " bytes",
            0));
        return {};
    }
    if (isBlank(bytes)) {
        findings.push_back(makeFinding(CODE_XML, "the case file is empty", 0));
        return {};
    }
    if (auto refused = checkEncoding(bytes)) {
        findings.push_back(std::move(*refused));
        return {};
    }
    if (auto offset = firstInvalidUtf8(bytes)) {
        findings.push_back(makeFinding(
            CODE_XML_UTF8, "the case file contains bytes that are not valid UTF-8",
            lineAt(bytes, *offset)));
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
        findings.push_back(makeFinding(CODE_XML_TOO_LARGE, "the case file is too large", 0));
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
        Finding finding = makeFinding(CODE_XML, parserMessage(error, quotable), error.line);
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
        findings.push_back(makeFinding(CODE_XML, "malformed XML", 0));
    }
    maskPaths(findings, firstNew, quotable);
    if (state.refused || !wellFormed || !document.valid() || hasErrors(
            Findings(findings.begin() + static_cast<std::ptrdiff_t>(firstNew), findings.end()))) {
        if (findings.size() == firstNew) {
            findings.push_back(makeFinding(CODE_XML, "malformed XML", 0));
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
        findings.push_back(makeFinding(
            CODE_XML_TOO_LARGE,
            "the case file is larger than the limit of " + std::to_string(limits.maxBytes)
                + " bytes",
            0));
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
