#include "compose/Composer.h"

#include "compose/Extensions.h"
#include "compose/XsltSecurity.h"

#include "core/Error.h"
#include "i18n/Catalog.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace kansli::compose {

namespace {

constexpr const char* CASE_NAMESPACE = "urn:se:stockholm:kansli:case:1";
constexpr const char* XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";
// The document types and their templates (docs/templates.md).
constexpr const char* TEMPLATE_FILES[] = {"beslut.xsl", "utredning.xsl", "jobbplan.xsl"};

const xmlChar* x(const char* text)
{
    return reinterpret_cast<const xmlChar*>(text);
}

std::string text(const xmlChar* value)
{
    return value != nullptr ? reinterpret_cast<const char*>(value) : std::string();
}

std::string attribute(const xmlNode* node, const char* name, const char* ns = nullptr)
{
    xmlChar* value = ns != nullptr ? xmlGetNsProp(node, x(name), x(ns)) : xmlGetNoNsProp(node, x(name));
    std::string out = text(value);
    xmlFree(value);
    return out;
}

bool isElement(const xmlNode* node, const char* name, const char* ns)
{
    return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr
           && std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0
           && std::strcmp(reinterpret_cast<const char*>(node->ns->href), ns) == 0;
}

const xmlNode* child(const xmlNode* parent, const char* name, const char* ns)
{
    for (const xmlNode* node = parent != nullptr ? parent->children : nullptr; node != nullptr; node = node->next) {
        if (isElement(node, name, ns)) {
            return node;
        }
    }
    return nullptr;
}

std::string content(const xmlNode* node)
{
    xmlChar* value = xmlNodeGetContent(node);
    std::string out = text(value);
    xmlFree(value);
    return out;
}

/// Template ids and versions go into XPath string parameters: keep them to a safe alphabet.
bool safeToken(const std::string& value)
{
    if (value.empty() || value.size() > 64) {
        return false;
    }
    for (const char ch : value) {
        const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.'
                        || ch == '-' || ch == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

void collectMessage(void* context, const char* format, ...)
{
    auto* sink = static_cast<std::string*>(context);
    char buffer[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    if (sink->size() < 8192) {
        sink->append(buffer);
    }
}

void initialiseLibraries()
{
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        exsltRegisterAll();
    });
}

std::string canonicalDirectory(const std::string& path)
{
    char resolved[PATH_MAX];
    if (::realpath(path.c_str(), resolved) == nullptr) {
        throw Error(ErrorCode::Config, "template directory not found", "compose: xsl directory " + path);
    }
    return resolved;
}

} // namespace

struct Composer::Compiled {
    xsltStylesheetPtr style = nullptr;
    TemplateInfo info;

    ~Compiled()
    {
        if (style != nullptr) {
            xsltFreeStylesheet(style);
        }
    }
};

Composer::Composer(ComposerConfig config) : _config(std::move(config))
{
    initialiseLibraries();
    if (!_config.lawBook) {
        throw Error(ErrorCode::Config, "composer needs the law book", "compose: ComposerConfig::lawBook is null");
    }
    _config.xslDirectory = canonicalDirectory(_config.xslDirectory);
    _catalogs = std::make_unique<i18n::Catalogs>(_config.localeDirectory);
    _security = std::make_unique<XsltSecurity>();

    for (const char* file : TEMPLATE_FILES) {
        const std::string path = _config.xslDirectory + "/" + file;
        std::string messages;
        // Compiling happens once at start-up, before any transform runs, so borrowing libxml2's
        // and libxslt's process-wide error handlers for it is safe.
        xsltSetGenericErrorFunc(&messages, collectMessage);
        xmlSetGenericErrorFunc(&messages, collectMessage);
        auto compiled = std::make_unique<Compiled>();
        compiled->style = xsltParseStylesheetFile(x(path.c_str()));
        xsltSetGenericErrorFunc(nullptr, nullptr);
        xmlSetGenericErrorFunc(nullptr, nullptr);

        Location where;
        where.file = file;
        if (compiled->style == nullptr || compiled->style->errors != 0) {
            throw Error(ErrorCode::Template, std::string("template does not compile: ") + file,
                        "compose: " + path + ": " + messages, where);
        }
        const xmlNode* root = xmlDocGetRootElement(compiled->style->doc);
        compiled->info.id = attribute(root, "template-id", EXTENSION_NAMESPACE);
        compiled->info.version = attribute(root, "template-version", EXTENSION_NAMESPACE);
        compiled->info.file = file;
        if (!safeToken(compiled->info.id) || !safeToken(compiled->info.version)) {
            throw Error(ErrorCode::Template, std::string("template lacks k:template-id or k:template-version: ") + file,
                        "compose: " + path, where);
        }
        const std::string id = compiled->info.id;
        _templates.emplace(id, std::move(compiled));
    }
}

Composer::~Composer() = default;

std::vector<TemplateInfo> Composer::templates() const
{
    std::vector<TemplateInfo> out;
    for (const auto& entry : _templates) {
        out.push_back(entry.second->info);
    }
    return out;
}

const i18n::Catalogs& Composer::catalogs() const
{
    return *_catalogs;
}

ComposedDocument Composer::compose(xmlDocPtr caseDoc, const ComposeOptions& options) const
{
    const xmlNode* root = caseDoc != nullptr ? xmlDocGetRootElement(caseDoc) : nullptr;
    if (!isElement(root, "case", CASE_NAMESPACE)) {
        throw Error(ErrorCode::SchemaInvalid, "not a kansli case file", "compose: root is not {case ns}case");
    }
    const xmlNode* request = child(root, "document", CASE_NAMESPACE);
    const std::string type = !options.documentType.empty() ? options.documentType : attribute(request, "type");
    std::string language = !options.language.empty() ? options.language : attribute(request, "language");
    if (language.empty()) {
        language = "sv"; // the schema's default
    }

    const auto found = _templates.find(type);
    if (found == _templates.end()) {
        throw Error(ErrorCode::UnknownDocument, "no template for document type '" + type + "'",
                    "compose: document type " + type);
    }
    const Compiled& compiled = *found->second;
    Location where;
    where.file = compiled.info.file;
    where.templateId = compiled.info.id;
    where.templateVersion = compiled.info.version;

    TransformState state;
    state.catalog = &_catalogs->forLanguage(language);
    state.lawBook = _config.lawBook.get();
    state.readableDirectory = _config.xslDirectory;

    xsltTransformContextPtr context = xsltNewTransformContext(compiled.style, caseDoc);
    if (context == nullptr) {
        throw Error(ErrorCode::Internal, "template engine failed", "compose: xsltNewTransformContext", where);
    }
    std::string messages;
    xmlDocPtr result = nullptr;
    try {
        registerExtensions(context, state);
        xsltSetCtxtSecurityPrefs(_security->prefs(), context);
        xsltSetCtxtParseOptions(context, XML_PARSE_NONET | XML_PARSE_NOCDATA);
        xsltSetTransformErrorFunc(context, &messages, collectMessage);

        const std::string languageParam = "'" + state.catalog->language() + "'";
        const std::string idParam = "'" + compiled.info.id + "'";
        const std::string versionParam = "'" + compiled.info.version + "'";
        const char* params[] = {"language",         languageParam.c_str(), "template-id", idParam.c_str(),
                                "template-version", versionParam.c_str(),  nullptr};
        result = xsltApplyStylesheetUser(compiled.style, caseDoc, params, nullptr, nullptr, context);
    } catch (...) {
        xsltFreeTransformContext(context);
        throw;
    }
    const bool failed = state.error.has_value() || result == nullptr || context->state == XSLT_STATE_ERROR
                        || context->state == XSLT_STATE_STOPPED;
    xsltFreeTransformContext(context);
    if (failed) {
        if (result != nullptr) {
            xmlFreeDoc(result);
        }
        if (state.error) {
            throw Error(state.error->code(), state.error->publicMessage(),
                        state.error->internalDetail() + (messages.empty() ? "" : "; " + messages), where);
        }
        throw Error(ErrorCode::Template, "template " + compiled.info.id + " failed", "compose: " + messages, where);
    }

    ComposedDocument out;
    out.language = state.catalog->language();
    out.templateId = compiled.info.id;
    out.templateVersion = compiled.info.version;

    const xmlNode* html = xmlDocGetRootElement(result);
    const xmlNode* head = child(html, "head", XHTML_NAMESPACE);
    for (const xmlNode* node = head != nullptr ? head->children : nullptr; node != nullptr; node = node->next) {
        if (isElement(node, "title", XHTML_NAMESPACE)) {
            out.title = content(node);
        } else if (isElement(node, "meta", XHTML_NAMESPACE)) {
            const std::string name = attribute(node, "name");
            if (name == "author") {
                out.author = attribute(node, "content");
            } else if (name == "description") {
                out.subject = attribute(node, "content");
            }
        }
    }

    xmlChar* bytes = nullptr;
    int length = 0;
    const int saved = xsltSaveResultToString(&bytes, &length, result, compiled.style);
    xmlFreeDoc(result);
    if (saved != 0 || bytes == nullptr) {
        xmlFree(bytes);
        throw Error(ErrorCode::Template, "template " + compiled.info.id + " output could not be written",
                    "compose: xsltSaveResultToString", where);
    }
    out.xhtml.assign(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
    xmlFree(bytes);
    if (out.title.empty() || out.author.empty()) {
        throw Error(ErrorCode::Template, "template " + compiled.info.id + " wrote no title or author",
                    "compose: <title> or <meta name=author> missing", where);
    }
    return out;
}

} // namespace kansli::compose
