#include "casefile/CaseSchema.h"

#include "casefile/SchemaMessage.h"
#include "casefile/XmlErrorCapture.h"
#include "casefile/XmlNode.h"
#include "core/Error.h"
#include "i18n/UnicodeText.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <memory>

namespace kansli::casefile {

namespace {

const char* const XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema";

void recordType(SchemaVocabulary& vocabulary, const std::string& name, const std::string& type)
{
    const auto [at, inserted] = vocabulary.typeOf.emplace(name, type);
    if (!inserted && at->second != type) {
        at->second.clear(); // declared with different types in different places
    }
}

void collectNames(const xmlNode* node, SchemaVocabulary& vocabulary)
{
    for (const xmlNode* child = node; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) {
            continue;
        }
        const bool isXsd = child->ns != nullptr && child->ns->href != nullptr
            && std::string(reinterpret_cast<const char*>(child->ns->href)) == XSD_NAMESPACE;
        if (isXsd) {
            for (const char* attribute : {"name", "value", "fixed", "default", "type", "base"}) {
                if (auto value = xml::attribute(child, attribute)) {
                    vocabulary.names.insert(*value);
                    vocabulary.names.insert(localName(*value));
                }
            }
            const std::string kind = reinterpret_cast<const char*>(child->name);
            const auto name = xml::attribute(child, "name");
            const auto type = xml::attribute(child, "type");
            if ((kind == "element" || kind == "attribute") && name && type) {
                recordType(vocabulary, *name, localName(*type));
            }
        }
        collectNames(child->children, vocabulary);
    }
}

/// Findings of one validation: the first `max` described, the rest only counted, so a file
/// with 100,000 errors costs no more to answer than one with a hundred.
struct FindingBudget {
    Findings& findings;
    std::size_t max;
    std::size_t listed = 0;
    std::size_t omitted = 0;

    bool full() const { return listed >= max; }
    /// One more finding past the budget: counted, not described.
    void count() { ++omitted; }
    void add(Finding finding)
    {
        if (full()) {
            count();
            return;
        }
        ++listed;
        findings.push_back(std::move(finding));
    }
    /// An error on `node`: the catalog message `messageId` after the element's name (or * when
    /// the schema lacks it), as the schema's own findings are written (schema.at.element).
    void add(const xmlNode* node, const char* messageId, const SchemaVocabulary& vocabulary)
    {
        if (full()) {
            count();
            return;
        }
        const std::string name = reinterpret_cast<const char*>(node->name);
        Finding finding;
        finding.code = CODE_SCHEMA;
        finding.messageId = "schema.at.element";
        finding.args = {FindingArg{"element", vocabulary.names.count(name) != 0 ? "'" + name + "'" : std::string("*"),
                                   FindingArg::Kind::Text},
                        FindingArg{"message", messageId, FindingArg::Kind::Message}};
        finding.line = xml::lineOf(node);
        finding.xpath = maskXPath(xml::xpathOf(node), vocabulary.names);
        add(std::move(finding));
    }
};

/// The rules of the Line type that XSD's regular expressions cannot say: `\S` there is any
/// character but the four ASCII spaces, so a no-break or zero-width space passes as visible,
/// and U+2028, U+2029 and U+0085 pass as part of one line. Both are checked here with the one
/// Unicode helper the facts use too (i18n/UnicodeText.h); and no field may hold a C1 control.
void checkLines(const xmlNode* node, const SchemaVocabulary& vocabulary, FindingBudget& budget, bool& valid)
{
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        const std::string name = reinterpret_cast<const char*>(n->name);
        // Control characters have no place in a letter, in any field.
        std::string own = xml::ownText(n);
        for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
            own += " " + xml::text(reinterpret_cast<const xmlNode*>(a));
        }
        if (i18n::hasControlCharacter(own)) {
            valid = false;
            budget.add(n, "schema.line.control", vocabulary);
        }
        const auto type = vocabulary.typeOf.find(name);
        if (type != vocabulary.typeOf.end() && type->second == "Line") {
            const std::string text = xml::text(n);
            // ASCII line breaks and all-ASCII-space values already broke the XSD pattern.
            const bool asciiBreak = text.find_first_of("\n\r") != std::string::npos;
            const bool asciiBlank = text.find_first_not_of(" \t\n\r") == std::string::npos;
            if (!asciiBreak && i18n::hasLineBreak(text)) {
                valid = false;
                budget.add(n, "schema.line.separator", vocabulary);
            } else if (!asciiBlank && !asciiBreak && i18n::isBlank(text)) {
                valid = false;
                budget.add(n, "schema.line.blank", vocabulary);
            }
        }
        checkLines(n->children, vocabulary, budget, valid);
    }
}

/// The error's text fields as views; libxml2 leaves unused ones null.
std::string_view text(const char* s)
{
    return s != nullptr ? std::string_view(s) : std::string_view();
}

struct SchemaParserDeleter {
    void operator()(xmlSchemaParserCtxt* ctxt) const noexcept { xmlSchemaFreeParserCtxt(ctxt); }
};
struct ValidCtxtDeleter {
    void operator()(xmlSchemaValidCtxt* ctxt) const noexcept { xmlSchemaFreeValidCtxt(ctxt); }
};
struct DocDeleter {
    void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};

} // namespace

CaseSchema::CaseSchema(const std::string& xsdPath, std::size_t maxFindings)
    : _maxFindings(maxFindings)
{
    // Must run once before threads use libxml2.
    xmlInitParser();

    std::string problems;
    XmlErrorCapture capture([&](const xmlError& error) {
        if (error.level >= XML_ERR_ERROR && error.message != nullptr && problems.size() < 2000) {
            problems += error.message;
        }
    });

    std::unique_ptr<xmlDoc, DocDeleter> xsd(
        xmlReadFile(xsdPath.c_str(), nullptr, XML_PARSE_NONET));
    if (!xsd) {
        throw Error(ErrorCode::Config, "the case schema could not be loaded",
                    "cannot parse " + xsdPath + ": " + problems);
    }
    collectNames(xmlDocGetRootElement(xsd.get()), _vocabulary);
    xsd.reset();

    // Compiled from the file itself so that the schema owns everything it refers to.
    std::unique_ptr<xmlSchemaParserCtxt, SchemaParserDeleter> parser(
        xmlSchemaNewParserCtxt(xsdPath.c_str()));
    if (!parser) {
        throw Error(ErrorCode::Config, "the case schema could not be loaded",
                    "xmlSchemaNewParserCtxt failed for " + xsdPath);
    }
    xmlSchemaSetParserStructuredErrors(parser.get(), &XmlErrorCapture::structuredCallback,
                                       &capture);
    _schema = xmlSchemaParse(parser.get());
    if (_schema == nullptr) {
        throw Error(ErrorCode::Config, "the case schema could not be compiled",
                    "xmlSchemaParse failed for " + xsdPath + ": " + problems);
    }
}

CaseSchema::~CaseSchema()
{
    xmlSchemaFree(_schema);
}

bool CaseSchema::validate(const CaseDocument& document, Findings& findings) const
{
    if (!document.valid()) {
        return false;
    }
    bool valid = true;
    std::string lastXpath;
    int lastLine = -1;
    int lastCode = 0;
    FindingBudget budget{findings, _maxFindings};
    XmlErrorCapture capture([&](const xmlError& error) {
        if (error.level == XML_ERR_NONE) {
            return;
        }
        if (error.level != XML_ERR_WARNING) {
            valid = false;
        }
        if (budget.full()) {
            budget.count(); // no XPath is computed for a finding that is only counted
            return;
        }
        const auto* node = static_cast<const xmlNode*>(error.node);
        // Only the fixed prefix of libxml2's message is read (names, up to the first ": "); the
        // value that follows it, and the error's first string, which repeats the value, never are.
        const std::string_view message = text(error.message);
        SchemaError described;
        described.code = error.code;
        if (node != nullptr && node->type == XML_ELEMENT_NODE && node->name != nullptr) {
            described.element = reinterpret_cast<const char*>(node->name);
        }
        described.attribute = attributeFromPrefix(message.substr(0, 512));
        described.schemaText = text(error.str2);
        if (error.code == XML_SCHEMAV_CVC_COMPLEX_TYPE_4 || error.code == XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2
            || error.code == XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1) {
            described.nameText = text(error.str1);
        }
        if (isFacetCode(error.code)) {
            described.lengths[0] = text(error.str1);
            described.lengths[1] = text(error.str2);
        }
        if (error.code == XML_SCHEMAV_ELEMENT_CONTENT) {
            described.expected = expectedList(message, described.missingChild);
        }

        Finding finding;
        finding.code = CODE_SCHEMA;
        finding.severity = error.level == XML_ERR_WARNING ? Severity::Warning : Severity::Error;
        finding.line = error.line > 0 ? error.line : xml::lineOf(node);
        finding.xpath = xml::xpathOf(node);
        if (!described.attribute.empty() && node != nullptr && node->type == XML_ELEMENT_NODE) {
            finding.xpath += "/@" + described.attribute;
        }
        finding.xpath = maskXPath(finding.xpath, _vocabulary.names);
        // libxml2 follows a facet error with a type error for the same node: one is enough.
        if (finding.xpath == lastXpath && finding.line == lastLine && isFacetCode(lastCode)
            && isTypeCode(error.code)) {
            return;
        }
        SchemaText text = describeSchemaError(described, _vocabulary);
        finding.messageId = std::move(text.messageId);
        finding.args = std::move(text.args);
        lastXpath = finding.xpath;
        lastLine = finding.line;
        lastCode = error.code;
        budget.add(std::move(finding));
    });

    std::unique_ptr<xmlSchemaValidCtxt, ValidCtxtDeleter> context(xmlSchemaNewValidCtxt(_schema));
    if (!context) {
        throw Error(ErrorCode::Internal, "the case file could not be validated",
                    "xmlSchemaNewValidCtxt failed");
    }
    xmlSchemaSetValidStructuredErrors(context.get(), &XmlErrorCapture::structuredCallback,
                                      &capture);
    const int result = xmlSchemaValidateDoc(context.get(), document.xml());
    if (result != 0 && valid) {
        // libxml2 refused without saying why (an internal error): never report valid then.
        Finding finding;
        finding.code = CODE_SCHEMA;
        finding.messageId = "schema.not-validated";
        findings.push_back(std::move(finding));
        valid = false;
    }
    checkLines(xmlDocGetRootElement(document.xml()), _vocabulary, budget, valid);
    if (budget.omitted > 0) {
        findings.push_back(moreFindings(budget.omitted, budget.listed));
    }
    return valid;
}

} // namespace kansli::casefile
