#include "compose/Composer.h"

#include "compose/Extensions.h"
#include "compose/XsltSecurity.h"

#include "core/Error.h"
#include "i18n/Catalog.h"
#include "i18n/UnicodeText.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxslt/documents.h>
#include <libxslt/transform.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include <algorithm>
#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace kansli::compose {

namespace {

constexpr const char* CASE_NAMESPACE = "urn:se:stockholm:kansli:case:1";
constexpr const char* XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";
// The document types and their templates (docs/templates.md).
constexpr const char* TEMPLATE_FILES[] = {"beslut.xsl",        "utredning.xsl",       "jobbplan.xsl",
                                          "kommunicering.xsl", "fortsatt.xsl",        "rattidsprovning.xsl",
                                          "yttrande.xsl",      "avslut.xsl",          "slutrapport.xsl"};

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

/// libxslt's own loader, kept so the safe loader can call it with safe options.
xsltDocLoaderFunc originalLoader = nullptr;

/// Every document libxslt reads — a template, an xsl:include/import, a document() — is parsed
/// without entity substitution, DTD loading or network access, and refused when it has a
/// DOCTYPE: a template cannot pull a file or a URL into a letter through an entity.
xmlDocPtr safeLoader(const xmlChar* uri, xmlDictPtr dict, int options, void* context, xsltLoadType type)
{
    const int safe = (options & ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR | XML_PARSE_DTDVALID
                                  | XML_PARSE_XINCLUDE | XML_PARSE_HUGE))
                     | XML_PARSE_NONET;
    xmlDocPtr doc = originalLoader(uri, dict, safe, context, type);
    if (doc != nullptr && (doc->intSubset != nullptr || doc->extSubset != nullptr)) {
        xsltGenericError(xsltGenericErrorContext, "kansli: a DOCTYPE is not allowed in %s\n",
                         uri != nullptr ? reinterpret_cast<const char*>(uri) : "a template");
        xmlFreeDoc(doc);
        return nullptr;
    }
    return doc;
}

void initialiseLibraries()
{
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        exsltRegisterAll();
        originalLoader = xsltDocDefaultLoader;
        xsltSetLoaderFunc(safeLoader);
    });
}

bool isoDate(const std::string& value)
{
    if (value.size() != 10 || value[4] != '-' || value[7] != '-') {
        return false;
    }
    return std::all_of(value.begin(), value.end(), [](char ch) { return ch == '-' || (ch >= '0' && ch <= '9'); });
}

/// Does [from, to] (inclusive, empty = open) contain `date`? ISO dates compare as strings.
bool validOn(const TemplateInfo& info, const std::string& date)
{
    return (info.validFrom.empty() || info.validFrom <= date) && (info.validTo.empty() || date <= info.validTo);
}

bool overlap(const TemplateInfo& a, const TemplateInfo& b)
{
    const bool aEndsBeforeB = !a.validTo.empty() && !b.validFrom.empty() && a.validTo < b.validFrom;
    const bool bEndsBeforeA = !b.validTo.empty() && !a.validFrom.empty() && b.validTo < a.validFrom;
    return !aEndsBeforeB && !bEndsBeforeA;
}

/// The date that decides which template version writes the letter (see Composer.h).
std::string caseDate(const xmlNode* root, const std::string& type)
{
    // The letters written after the decision, or before it, are dated by their own event: the
    // element at `path`, or its attribute when one is named.
    struct OwnDate {
        const char* type;
        std::initializer_list<const char*> path;
        const char* attribute;
    };
    const OwnDate own[] = {
        {"kommunicering", {"communication"}, "sent"},
        {"rattidsprovning", {"appeal", "trial", "date"}, nullptr},
        {"yttrande", {"courtStatement", "signed", "date"}, nullptr},
        {"avslut", {"ending", "date"}, nullptr},
        {"slutrapport", {"ending", "report"}, "written"},
    };
    for (const OwnDate& date : own) {
        if (type != date.type) {
            continue;
        }
        const xmlNode* node = root;
        for (const char* name : date.path) {
            node = child(node, name, CASE_NAMESPACE);
        }
        const std::string value = date.attribute != nullptr ? attribute(node, date.attribute) : content(node);
        if (isoDate(value)) {
            return value;
        }
    }
    const std::pair<const char*, const char*> places[] = {
        {"decision", "date"}, {"investigation", "completed"}, {"jobPlan", "established"}, {"application", "received"}};
    for (const auto& [section, field] : places) {
        if (const xmlNode* value = child(child(root, section, CASE_NAMESPACE), field, CASE_NAMESPACE)) {
            const std::string date = content(value);
            if (isoDate(date)) {
                return date;
            }
        }
    }
    return {};
}

/// xsl/archive/<id>-<version>.xsl: the older versions (other files there are included pieces).
std::vector<std::string> archivedTemplateFiles(const std::string& xslDirectory)
{
    std::vector<std::string> files;
    const std::filesystem::path archive = std::filesystem::path(xslDirectory) / "archive";
    std::error_code ignored;
    if (!std::filesystem::is_directory(archive, ignored)) {
        return files;
    }
    for (const auto& entry : std::filesystem::directory_iterator(archive)) {
        const std::string name = entry.path().filename().string();
        for (const char* id : {"beslut-", "utredning-", "jobbplan-", "kommunicering-", "fortsatt-", "rattidsprovning-",
                               "yttrande-", "avslut-", "slutrapport-"}) {
            if (entry.is_regular_file() && name.rfind(id, 0) == 0 && entry.path().extension() == ".xsl") {
                files.push_back("archive/" + name);
            }
        }
    }
    std::sort(files.begin(), files.end());
    return files;
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

    std::vector<std::string> files(std::begin(TEMPLATE_FILES), std::end(TEMPLATE_FILES));
    const std::vector<std::string> archived = archivedTemplateFiles(_config.xslDirectory);
    files.insert(files.end(), archived.begin(), archived.end());
    for (const std::string& file : files) {
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
            throw Error(ErrorCode::Template, "template does not compile: " + file,
                        "compose: " + path + ": " + messages, where);
        }
        const xmlNode* root = xmlDocGetRootElement(compiled->style->doc);
        compiled->info.id = attribute(root, "template-id", EXTENSION_NAMESPACE);
        compiled->info.version = attribute(root, "template-version", EXTENSION_NAMESPACE);
        compiled->info.file = file;
        compiled->info.validFrom = attribute(root, "valid-from", EXTENSION_NAMESPACE);
        compiled->info.validTo = attribute(root, "valid-to", EXTENSION_NAMESPACE);
        if (!safeToken(compiled->info.id) || !safeToken(compiled->info.version)) {
            throw Error(ErrorCode::Template, "template lacks k:template-id or k:template-version: " + file,
                        "compose: " + path, where);
        }
        if ((!compiled->info.validFrom.empty() && !isoDate(compiled->info.validFrom))
            || (!compiled->info.validTo.empty() && !isoDate(compiled->info.validTo))) {
            throw Error(ErrorCode::Template, "k:valid-from and k:valid-to must be dates as YYYY-MM-DD: " + file,
                        "compose: " + path, where);
        }
        const auto same = _templates.equal_range(compiled->info.id);
        for (auto other = same.first; other != same.second; ++other) {
            if (overlap(other->second->info, compiled->info)) {
                throw Error(ErrorCode::Template,
                            "two versions of template " + compiled->info.id + " are valid on the same day: "
                                + other->second->info.file + " and " + file + " (set k:valid-from / k:valid-to)",
                            "compose: " + path, where);
            }
        }
        const std::string id = compiled->info.id;
        _templates.emplace(id, std::move(compiled));
    }
}

namespace {

/// Every text and attribute value of `node` and below as it is to be printed (i18n::printable).
void makePrintable(xmlNode* node)
{
    for (xmlNode* n = node; n != nullptr; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            const char* text = reinterpret_cast<const char*>(n->content);
            if (text != nullptr) {
                const std::string cleaned = i18n::printable(text);
                if (cleaned != text) {
                    xmlNodeSetContentLen(n, reinterpret_cast<const xmlChar*>(cleaned.data()), static_cast<int>(cleaned.size()));
                }
            }
        } else if (n->type == XML_ELEMENT_NODE) {
            for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
                makePrintable(a->children);
            }
            makePrintable(n->children);
        }
    }
}

struct DocFree {
    void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};

/// Gives every block under `node` that says no language the language `lang`: a tagged PDF puts
/// /Lang on the structure elements made from blocks (PDF/UA-1 7.2, Matterhorn 11-004), not on
/// the div around them — and Chromium writes it only where a block's language differs from its
/// parent's, so the div gives its language to its blocks instead of keeping it.
void markLanguage(xmlNode* node, const xmlChar* lang)
{
    static const char* const BLOCKS[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "caption"};
    for (xmlNode* n = node->children; n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (xmlHasProp(n, reinterpret_cast<const xmlChar*>("lang")) != nullptr) {
            continue; // a passage in yet another language keeps its own
        }
        for (const char* block : BLOCKS) {
            if (xmlStrEqual(n->name, reinterpret_cast<const xmlChar*>(block))) {
                xmlSetProp(n, reinterpret_cast<const xmlChar*>("lang"), lang);
                break;
            }
        }
        markLanguage(n, lang);
    }
}

/// Moves the translation's body (one div.translation) to the end of the decision's body; its
/// blocks carry its language.
void appendTranslation(xmlDocPtr decision, xmlDocPtr translation)
{
    auto* body = const_cast<xmlNode*>(child(xmlDocGetRootElement(decision), "body", XHTML_NAMESPACE));
    const xmlNode* from = child(xmlDocGetRootElement(translation), "body", XHTML_NAMESPACE);
    if (body == nullptr || from == nullptr) {
        throw Error(ErrorCode::Template, "the translation could not be joined to the decision",
                    "compose: <body> missing in a transform result");
    }
    for (const xmlNode* node = from->children; node != nullptr;) {
        const xmlNode* next = node->next;
        xmlNode* copy = xmlDocCopyNode(const_cast<xmlNode*>(node), decision, 1);
        if (copy == nullptr || xmlAddChild(body, copy) == nullptr) {
            xmlFreeNode(copy);
            throw Error(ErrorCode::Internal, "the translation could not be joined to the decision",
                        "compose: xmlDocCopyNode failed");
        }
        if (copy->type == XML_ELEMENT_NODE) {
            if (xmlChar* lang = xmlGetProp(copy, reinterpret_cast<const xmlChar*>("lang"))) {
                markLanguage(copy, lang);
                xmlFree(lang);
                xmlUnsetProp(copy, reinterpret_cast<const xmlChar*>("lang"));
                xmlUnsetNsProp(copy, xmlSearchNsByHref(decision, copy, XML_XML_NAMESPACE), reinterpret_cast<const xmlChar*>("lang"));
            }
        }
        node = next;
    }
}

} // namespace

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

xmlDocPtr Composer::transform(const Compiled& compiled, xmlDocPtr caseDoc, const std::string& language,
    Part part, const std::string& appealLateExcused, const Location& where) const
{
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
        // A fixed code, never caller text.
        const std::string excusedParam = appealLateExcused == "wrong-information" || appealLateExcused == "court-in-time"
                                             ? "'" + appealLateExcused + "'"
                                             : std::string("''");
        const char* params[] = {"language", languageParam.c_str(), "template-id", idParam.c_str(), "template-version",
            versionParam.c_str(), "translation",
            part == Part::Translation ? "'true'" : part == Part::Summary ? "'summary'" : "'false'", "appeal-late-excused",
            excusedParam.c_str(), nullptr};
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

    return result;
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
    // A statement to the court is written in the court's language (språklagen (2009:600) 10 §):
    // Swedish, whatever the case file asks for the applicant's letters.
    if (type == "yttrande") {
        language = "sv";
    }

    const auto versions = _templates.equal_range(type);
    if (versions.first == versions.second) {
        throw Error(ErrorCode::UnknownDocument, "no template for document type '" + type + "'",
                    "compose: document type " + type);
    }
    // The version valid on the case's date; without a date, the newest (the latest valid-from).
    const std::string date = caseDate(root, type);
    const Compiled* chosen = nullptr;
    for (auto it = versions.first; it != versions.second; ++it) {
        const TemplateInfo& info = it->second->info;
        if (date.empty() ? chosen == nullptr || chosen->info.validFrom < info.validFrom : validOn(info, date)) {
            chosen = it->second.get();
        }
    }
    if (chosen == nullptr) {
        throw Error(ErrorCode::Template, "no version of template " + type + " is valid on the case's date",
                    "compose: template " + type + ", date " + date);
    }
    const Compiled& compiled = *chosen;
    Location where;
    where.file = compiled.info.file;
    where.templateId = compiled.info.id;
    where.templateVersion = compiled.info.version;

    // The letter prints the case text in NFC, without soft hyphens and other invisible marks
    // (they reach the PDF's text layer as U+200B and break searching): a copy is cleaned.
    const std::unique_ptr<xmlDoc, DocFree> printableCase(xmlCopyDoc(caseDoc, 1));
    if (!printableCase) {
        throw Error(ErrorCode::Internal, "template engine failed", "compose: xmlCopyDoc", where);
    }
    makePrintable(xmlDocGetRootElement(printableCase.get()));
    caseDoc = printableCase.get();

    // The Swedish decision is the decision (språklagen 10 §); another language follows it.
    const bool translated = isDecision(type) && language != "sv";
    xmlDocPtr result = transform(compiled, caseDoc, translated ? "sv" : language, Part::Letter, options.appealLateExcused, where);
    // A summary in the reader's language (document/@readerLanguage) follows it: the easy-to-read
    // boxes and the appeal with its dates. The pipeline refuses the attribute on other types.
    const std::string reader = attribute(request, "readerLanguage");
    const bool summarised = !reader.empty() && hasReaderSummary(type);
    for (const auto& [part, partLanguage] : {std::pair{Part::Translation, language}, std::pair{Part::Summary, reader}}) {
        if (part == Part::Translation ? !translated : !summarised) {
            continue;
        }
        xmlDocPtr appended = nullptr;
        try {
            appended = transform(compiled, caseDoc, partLanguage, part, options.appealLateExcused, where);
            appendTranslation(result, appended);
        } catch (...) {
            xmlFreeDoc(appended);
            xmlFreeDoc(result);
            throw;
        }
        xmlFreeDoc(appended);
    }

    ComposedDocument out;
    out.language = _catalogs->forLanguage(translated ? "sv" : language).language();
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

bool hasReaderSummary(std::string_view documentType)
{
    return documentType == "beslut" || documentType == "fortsatt" || documentType == "avslut"
           || documentType == "rattidsprovning";
}

bool isDecision(std::string_view documentType)
{
    return documentType == "beslut" || documentType == "fortsatt" || documentType == "rattidsprovning"
           || documentType == "avslut";
}

} // namespace kansli::compose
