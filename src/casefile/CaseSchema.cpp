#include "casefile/CaseSchema.h"

#include "casefile/SchemaMessage.h"
#include "casefile/XmlErrorCapture.h"
#include "casefile/XmlNode.h"
#include "core/Error.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <memory>

namespace kansli::casefile {

namespace {

const char* const XSD_NAMESPACE = "http://www.w3.org/2001/XMLSchema";

std::string stripPrefix(const std::string& qname)
{
    const std::size_t colon = qname.find(':');
    return colon == std::string::npos ? qname : qname.substr(colon + 1);
}

void collectNames(const xmlNode* node, std::set<std::string>& names)
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
                    names.insert(*value);
                    names.insert(stripPrefix(*value));
                }
            }
        }
        collectNames(child->children, names);
    }
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

CaseSchema::CaseSchema(const std::string& xsdPath)
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
    collectNames(xmlDocGetRootElement(xsd.get()), _knownNames);
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
    XmlErrorCapture capture([&](const xmlError& error) {
        if (error.level == XML_ERR_NONE) {
            return;
        }
        const auto* node = static_cast<const xmlNode*>(error.node);
        Finding finding;
        finding.code = CODE_SCHEMA;
        finding.severity = error.level == XML_ERR_WARNING ? Severity::Warning : Severity::Error;
        finding.line = error.line > 0 ? error.line : xml::lineOf(node);
        finding.xpath = xml::xpathOf(node);
        const std::string raw = error.message != nullptr ? error.message : "";
        const std::string attribute = attributeOf(raw);
        if (!attribute.empty() && node != nullptr && node->type == XML_ELEMENT_NODE) {
            finding.xpath += "/@" + attribute;
        }
        // libxml2 follows a facet error with a type error for the same node: one is enough.
        if (finding.xpath == lastXpath && finding.line == lastLine && isTypeLevelRepeat(raw)) {
            return;
        }
        finding.message = sanitizeSchemaMessage(raw, _knownNames);
        if (finding.message.empty()) {
            finding.message = "the case file does not follow the case schema";
        }
        lastXpath = finding.xpath;
        lastLine = finding.line;
        if (finding.severity == Severity::Error) {
            valid = false;
        }
        findings.push_back(std::move(finding));
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
        finding.message = "the case file could not be validated against the case schema";
        findings.push_back(std::move(finding));
        valid = false;
    }
    return valid;
}

} // namespace kansli::casefile
