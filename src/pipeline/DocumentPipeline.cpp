#include "pipeline/DocumentPipeline.h"

#include "audit/AuditTrail.h"
#include "casefile/CaseLoader.h"
#include "casefile/LawBookReader.h"
#include "casefile/XmlNode.h"
#include "compose/Composer.h"
#include "core/Refusal.h"
#include "i18n/Catalog.h"
#include "i18n/UnicodeText.h"
#include "i18n/FindingText.h"
#include "law/Preflight.h"
#include "pipeline/ComposedLetter.h"
#include "pipeline/ContinuedTables.h"
#include "pipeline/FixedBoxes.h"
#include "pipeline/LetterGroup.h"
#include "pipeline/LongWords.h"
#include "render/GlyphCoverage.h"
#include "render/TextMeasure.h"
#include "render/Sha256.h"
#include "render/WorkerPool.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/RecursiveDirectoryIterator.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>

namespace kansli::pipeline {

namespace {

/// Findings listed in one answer; the rest are counted in a closing "findings.more".
constexpr std::size_t MAX_FINDINGS = 100;

/// Engine passes for one letter: the first and up to seven with a repeated header row each,
/// enough for tables over eight pages (a job plan of about a hundred activities), and at most
/// 100 pages laid out in all (a job plan of thousands of activities is laid out once).
constexpr render::RelayoutLimits LAYOUT_LIMITS{8, 100};

/// The code of the refusal: the earliest stage that failed decides how the caller is answered.
ErrorCode refusalCode(const Findings& findings)
{
    bool schema = false;
    for (const auto& f : findings) {
        if (f.severity != Severity::Error) {
            continue;
        }
        if (f.code.rfind("xml", 0) == 0) {
            return ErrorCode::XmlMalformed;
        }
        if (f.code.rfind("schema", 0) == 0 || f.code == "facts" || f.code.rfind("font.", 0) == 0
            || f.code.rfind("layout.", 0) == 0 || f.code.rfind("text.", 0) == 0) {
            schema = true;
        }
    }
    return schema ? ErrorCode::SchemaInvalid : ErrorCode::LegalInconsistent;
}

/// What kind of schema-stage refusal: text the fonts cannot print, text the fixed boxes cannot
/// hold, or the schema itself.
enum class SchemaKind { Schema, Fonts, Direction, Boxes };

/// What a refusal says in a few words, in the caller's language (locales/, "refusal.*"): the
/// kind of problem and how many findings say why.
std::string refusalMessage(const i18n::Catalog& catalog, ErrorCode code, std::size_t errors, bool more, SchemaKind kind)
{
    const char* key = "refusal.legal";
    switch (code) {
    case ErrorCode::XmlMalformed: key = "refusal.xml"; break;
    case ErrorCode::SchemaInvalid:
        key = kind == SchemaKind::Fonts       ? "refusal.fonts"
            : kind == SchemaKind::Direction   ? "refusal.direction"
            : kind == SchemaKind::Boxes       ? "refusal.boxes"
                                              : "refusal.schema";
        break;
    default: break;
    }
    return catalog.message(key, {{"count", static_cast<std::int64_t>(errors)}, {"more", std::string(more ? "yes" : "no")}});
}

Findings warningsOf(const Findings& findings)
{
    Findings warnings;
    for (const auto& f : findings) {
        if (f.severity == Severity::Warning) {
            warnings.push_back(f);
        }
    }
    return warnings;
}

std::string nowIso()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

/// BCP 47 tag for the PDF's /Lang and dc:language.
std::string languageTag(const std::string& language)
{
    return language == "en" ? "en-GB" : "sv-SE";
}

/// The page label pattern with {page} and {pages} left for render to fill per page.
/// The page label's pattern; a draft says so on every page.
std::string pageLabelPattern(const i18n::Catalog& catalog, bool draft = false)
{
    return catalog.message(draft ? std::string(compose::PageGeometry::PAGE_LABEL_KEY) + ".draft"
                                 : std::string(compose::PageGeometry::PAGE_LABEL_KEY),
                           {{"page", std::string("{page}")}, {"pages", std::string("{pages}")}});
}

bool isTrue(const std::optional<std::string>& value)
{
    return value && (*value == "true" || *value == "1"); // xs:boolean
}

struct CaseHeader {
    std::string diarienummer;
    std::string generatedAt;
    std::optional<bool> accessible; ///< document/@accessible; absent: the configured default
    std::string readerLanguage;     ///< document/@readerLanguage: a summary in it follows
    bool draft = false;             ///< document/@draft: a proof, marked UTKAST
    int documentLine = 0;           ///< the line of /case/document, for findings about it
};

CaseHeader readHeader(const casefile::CaseDocument& document)
{
    CaseHeader header;
    const xmlNode* root = document.root();
    if (const xmlNode* d = casefile::xml::child(root, "diarienummer")) {
        header.diarienummer = casefile::xml::collapse(casefile::xml::text(d));
    }
    if (const xmlNode* doc = casefile::xml::child(root, "document")) {
        header.generatedAt = casefile::xml::attribute(doc, "generatedAt").value_or("");
        if (const auto accessible = casefile::xml::attribute(doc, "accessible")) {
            header.accessible = isTrue(accessible);
        }
        header.readerLanguage = casefile::xml::attribute(doc, "readerLanguage").value_or("");
        header.draft = isTrue(casefile::xml::attribute(doc, "draft"));
        header.documentLine = static_cast<int>(xmlGetLineNo(doc));
    }
    return header;
}

} // namespace

/// What reloadTemplates() replaces as one: the law tables and the templates compiled against them.
struct LoadedTemplates {
    std::shared_ptr<const law::LawBook> lawBook;
    std::shared_ptr<const compose::Composer> composer;
    std::string setHash; ///< templateSetHash() of the files they were loaded from
};

/// SHA-256 over every file a template set is loaded from (the XSL templates, the law tables, the
/// case schema, the compiled catalogs), each as its path inside its folder and its own SHA-256,
/// in path order: equal on two nodes exactly when they print from the same texts.
std::string templateSetHash(const PipelineConfig& config, const std::string& localeDir)
{
    std::vector<std::pair<std::string, std::string>> files; // "folder-name/relative path", SHA-256
    const std::vector<std::pair<std::string, std::string>> folders = {
        {"xsl", config.rootDir + "/xsl"},
        {"law", config.rootDir + "/templates/law"},
        {"schema", config.rootDir + "/templates/schema"},
        {"locales", localeDir},
    };
    for (const auto& [name, folder] : folders) {
        if (!Poco::File(folder).exists()) {
            continue; // the loaders report a missing folder in their own words
        }
        const std::size_t prefix = Poco::Path(folder).absolute().toString().size();
        for (Poco::SimpleRecursiveDirectoryIterator it(folder), end; it != end; ++it) {
            if (!it->isFile()) {
                continue;
            }
            std::ifstream in(it->path(), std::ios::binary);
            std::ostringstream bytes;
            bytes << in.rdbuf();
            const std::string absolute = Poco::Path(it->path()).absolute().toString();
            files.emplace_back(name + "/" + absolute.substr(std::min(prefix, absolute.size())), render::sha256Hex(bytes.str()));
        }
    }
    std::sort(files.begin(), files.end());
    std::string list;
    for (const auto& [path, sha] : files) {
        list += path + '\0' + sha + '\n';
    }
    return render::sha256Hex(list);
}

std::shared_ptr<const LoadedTemplates> loadTemplates(const PipelineConfig& config, const std::string& localeDir)
{
    auto loaded = std::make_shared<LoadedTemplates>();
    // Hashed before and after loading: a set being copied in while it loads is not taken for either.
    loaded->setHash = templateSetHash(config, localeDir);
    loaded->lawBook
        = std::make_shared<const law::LawBook>(casefile::LawBookReader::read(config.rootDir + "/templates/law"));
    loaded->composer = std::make_shared<const compose::Composer>(
        compose::ComposerConfig{config.rootDir + "/xsl", localeDir, loaded->lawBook});
    if (templateSetHash(config, localeDir) != loaded->setHash) {
        throw Error(ErrorCode::Template, "the template files changed while they were loaded; load them again");
    }
    return loaded;
}

/// Every character of the case's text must have a glyph in the letter's fonts (fonts/fonts.conf,
/// the fonts wkhtmltopdf sees): one that has none would silently not be printed. Right-to-left
/// text (Arabic, Hebrew, direction marks) is refused too: this engine overprints it, cuts long
/// runs at the page edge and reorders digits inside it, even isolated in <bdi> (measured,
/// docs/templates.md). The finding names the field, the character's position and its script,
/// never the character.
/// The applicant's names may be written wholly in a right-to-left script: the templates set each
/// isolated (<bdi>), which this engine lays out as Chromium does as long as it stays on one line
/// and holds no digits (measured). The narrowest column a name stands in is the right-hand one.
constexpr double RTL_NAME_MAX_MM = 62.0 * 0.98;

bool isPersonName(const xmlNode* element)
{
    const std::string name = reinterpret_cast<const char*>(element->name);
    return name == "givenName" || name == "familyName";
}

void checkGlyphs(const xmlNode* node, const render::GlyphCoverage& fonts, const render::TextMeasure& measure,
                 Findings& findings)
{
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        // `at`: the field as the schema's findings name it (schema.at.*), with its arguments.
        auto check = [&](const std::string& text, const std::string& xpath, const char* at, std::vector<FindingArg> field) {
            // The source (the engine's limits, the fonts) is the catalogs' "source.<code>".
            auto add = [&](const char* code, const char* messageId, std::vector<FindingArg> args) {
                Finding finding;
                finding.code = code;
                finding.messageId = at;
                finding.args = std::move(field);
                finding.args.insert(finding.args.end(), args.begin(), args.end());
                finding.args.push_back(FindingArg{"message", messageId, FindingArg::Kind::Message});
                finding.line = casefile::xml::lineOf(n);
                finding.xpath = xpath;
                findings.push_back(std::move(finding));
            };
            auto number = [](const char* name, long long value) {
                return FindingArg{name, std::to_string(value), FindingArg::Kind::Number};
            };
            // Right to left first: such a letter may have a glyph and still be set wrongly.
            const i18n::RightToLeft rtl = i18n::firstRightToLeft(text);
            const bool isolatedName = rtl.position != 0 && isPersonName(n) && i18n::isRightToLeftOnly(text);
            const double nameMm = isolatedName ? measure.widthMm(text, render::TextStyle{11.0, false}) : 0.0;
            if (rtl.position != 0 && isolatedName && nameMm > RTL_NAME_MAX_MM) {
                add("text.right-to-left", "text.right-to-left.name-too-wide",
                    {FindingArg{"script", i18n::scriptCode(rtl.codePoint), FindingArg::Kind::Script},
                     number("max", static_cast<long long>(RTL_NAME_MAX_MM)),
                     number("needed", static_cast<long long>(std::ceil(nameMm)))});
                return;
            }
            if (rtl.position != 0 && !isolatedName) {
                add("text.right-to-left", "text.right-to-left.inside-text",
                    {number("position", static_cast<long long>(rtl.position)),
                     FindingArg{"script", i18n::scriptCode(rtl.codePoint), FindingArg::Kind::Script}});
                return;
            }
            const auto missing = fonts.firstMissing(text);
            if (!missing) {
                return;
            }
            add("font.no-glyph", "font.no-glyph",
                {number("position", static_cast<long long>(missing->position)),
                 FindingArg{"script", i18n::scriptCode(missing->codePoint), FindingArg::Kind::Script}});
        };
        const std::string name = reinterpret_cast<const char*>(n->name);
        check(casefile::xml::ownText(n), casefile::xml::xpathOf(n), "schema.at.element",
              {FindingArg{"element", "'" + name + "'", FindingArg::Kind::Text}});
        for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
            const std::string attribute = reinterpret_cast<const char*>(a->name);
            check(casefile::xml::text(reinterpret_cast<const xmlNode*>(a)), casefile::xml::xpathOf(n) + "/@" + attribute,
                  "schema.at.attribute-of-element",
                  {FindingArg{"element", "'" + name + "'", FindingArg::Kind::Text},
                   FindingArg{"attribute", "'" + attribute + "'", FindingArg::Kind::Text}});
        }
        checkGlyphs(n->children, fonts, measure, findings);
    }
}

/// The stages of StageTiming, in pipeline order.
enum Stage : std::size_t { Parse, Schema, Preflight, Compose, Layout, Engine, Finishing, Audit };

/// A letter checked, composed and measured, with what its PDF is made with (Impl::prepare).
struct PreparedLetter {
    Produced produced;    ///< all but the PDF's bytes, hash, engine, id and time
    std::string xhtml;    ///< the composed letter
    XmlDocPtr letter;     ///< the same, read (for the fixed boxes and continued tables)
    render::RenderOptions options;
    render::WorkerPool* engine = nullptr; ///< null for XHTML
    /// May be laid out with other letters in one engine job (the batch path): a PDF by the
    /// first engine, with no summary in another language.
    bool groupable = false;
};

struct DocumentPipeline::Impl {
    casefile::CaseLoader loader;
    render::GlyphCoverage fonts;
    render::TextMeasure measure;
    // Swapped whole by reloadTemplates(); every request takes one snapshot and keeps it.
    mutable std::mutex templatesMutex;
    std::shared_ptr<const LoadedTemplates> templates;
    std::unique_ptr<render::WorkerPool> pool;
    // Headless Chromium for PDF/UA letters, started with the first one (a browser holds ~400 MB,
    // which a service that makes no accessible letters should not pay).
    std::mutex taggedMutex;
    std::unique_ptr<render::WorkerPool> taggedPool;
    render::WorkerPoolConfig taggedConfig;

    render::WorkerPool* tagged()
    {
        const std::lock_guard<std::mutex> lock(taggedMutex);
        if (!taggedPool && taggedConfig.workers > 0) {
            taggedPool = std::make_unique<render::WorkerPool>(taggedConfig);
        }
        return taggedPool.get();
    }

    std::optional<render::WorkerPoolStats> taggedStats(std::string& version)
    {
        const std::lock_guard<std::mutex> lock(taggedMutex);
        if (!taggedPool) {
            return std::nullopt;
        }
        version = taggedPool->engineVersion();
        return taggedPool->stats();
    }
    std::unique_ptr<audit::AuditTrail> audit;

    // The cluster's active template set as the trail last said, read at most once a second.
    std::mutex activeMutex;
    std::chrono::steady_clock::time_point activeReadAt{};
    std::optional<std::string> activeHash;

    /// The hash of the set approved for the cluster, or none when no set was ever approved. A
    /// trail that cannot be read keeps the last answer (recording then fails on its own).
    std::optional<std::string> activeSet()
    {
        if (!audit) {
            return std::nullopt;
        }
        const std::lock_guard<std::mutex> lock(activeMutex);
        const auto now = std::chrono::steady_clock::now();
        if (activeReadAt == std::chrono::steady_clock::time_point{} || now - activeReadAt >= std::chrono::seconds(1)) {
            try {
                const std::optional<audit::TemplateSetApproval> approval = audit->activeTemplateSet();
                activeHash = approval ? std::optional<std::string>(approval->setHash) : std::nullopt;
                activeReadAt = now;
            } catch (const Error&) {
                // the readiness check shows the trail as not writable
            }
        }
        return activeHash;
    }

    void forgetActiveSet()
    {
        const std::lock_guard<std::mutex> lock(activeMutex);
        activeReadAt = {};
    }
    // How long each stage took, for /metrics.
    mutable std::mutex timingMutex;
    std::vector<StageTiming> timings = [] {
        std::vector<StageTiming> stages;
        for (const char* name : {"parse", "schema", "preflight", "compose", "layout", "engine", "finishing", "audit"}) {
            stages.push_back(StageTiming{name, {}, 0, 0.0});
        }
        return stages;
    }();

    void observe(std::size_t stage, std::chrono::steady_clock::time_point since)
    {
        observeSeconds(stage, std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count());
    }

    void observeSeconds(std::size_t stage, double seconds)
    {
        const std::lock_guard<std::mutex> lock(timingMutex);
        StageTiming& t = timings.at(stage);
        for (std::size_t i = 0; i < StageTiming::BUCKETS.size(); ++i) {
            t.buckets.at(i) += seconds <= StageTiming::BUCKETS.at(i) ? 1 : 0;
        }
        ++t.count;
        t.sum += seconds;
    }

    // Continued tables (ContinuedTables.h), over every produce().
    std::atomic<std::size_t> extraLayoutPasses{0};
    std::atomic<std::size_t> tableHeadersRepeated{0};
    std::atomic<std::size_t> layoutUnfinished{0};
    std::atomic<std::size_t> batchLettersGrouped{0};
    std::atomic<std::size_t> batchLettersAlone{0};
    std::atomic<std::size_t> longWordLetters{0}; ///< letters with a block of LongWords.h
    std::atomic<std::size_t> templateReloads{0};
    std::atomic<std::size_t> templateReloadsRejected{0};

    /// The letter as PDF; laid out again while a data table continues on a page without its
    /// header row. The pass limit bounds the time of a letter with a very long table: beyond it
    /// the letter goes out as the last pass laid it out, and the metric counts it.
    std::string renderPdf(render::WorkerPool& engine, const std::string& xhtml, XmlDocPtr letter,
                          const render::RenderOptions& options, render::RenderTimings& spent)
    {
        if (xhtml.find("<thead") == std::string::npos) {
            return engine.render(xhtml, options, &spent);
        }
        ContinuedTables tables(std::move(letter));
        if (!tables.needed()) {
            return engine.render(xhtml, options, &spent);
        }
        return renderTables(engine, tables, options, spent, 0);
    }

    /// A letter whose tables are followed over its pages, laid out until they stay put.
    /// `passesBefore`: engine passes it already had (a batch group's layout), for the metrics.
    std::string renderTables(render::WorkerPool& engine, ContinuedTables& tables, const render::RenderOptions& options,
                             render::RenderTimings& spent, int passesBefore)
    {
        render::RelayoutStats made;
        std::string pdf = engine.render(tables, options, LAYOUT_LIMITS, &made, &spent);
        extraLayoutPasses += static_cast<std::size_t>(made.passes - 1 + passesBefore);
        tableHeadersRepeated += static_cast<std::size_t>(tables.headersRepeated());
        layoutUnfinished += made.converged ? 0 : 1;
        return pdf;
    }

    /// True unless the trail names an approved set and `loaded` is not it.
    bool isActive(const LoadedTemplates& loaded)
    {
        const std::optional<std::string> active = activeSet();
        return !active || *active == loaded.setHash;
    }

    /// Throws TemplateSetInactive unless isActive(loaded).
    void requireActiveSet(const LoadedTemplates& loaded)
    {
        if (!isActive(loaded)) {
            throw Error(ErrorCode::TemplateSetInactive,
                        "This node's template set is not the one approved for the cluster; another node will answer",
                        "loaded set " + loaded.setHash + ", active set " + activeSet().value_or(""));
        }
    }

    /// The audit record of a document made at `producedAt`.
    static audit::AuditRecord recordOf(const Produced& produced, const char* format, const std::string& caller,
                                       const std::string& producedAt)
    {
        audit::AuditRecord record;
        record.producedAt = producedAt;
        record.documentType = produced.documentType;
        record.format = format;
        record.templateId = produced.templateId;
        record.templateVersion = produced.templateVersion;
        record.inputSha256 = produced.inputSha256;
        record.outputSha256 = produced.sha256;
        record.caller = caller;
        record.diarienummer = produced.diarienummer;
        record.engine = produced.engine;
        return record;
    }

    explicit Impl(const PipelineConfig& config)
        : loader(config.rootDir + "/templates/schema/case-1.xsd", casefile::ParseLimits{config.maxInputBytes, 64})
        , fonts(config.rootDir + "/fonts/fonts.conf")
        , measure(config.rootDir + "/fonts/fonts.conf")
        , templates(loadTemplates(config, config.localeDir))
    {
        if (config.workers > 0) {
            // wkhtmltopdf inherits the environment: pin the letter fonts for every worker, so no
            // other font on the machine can change the output. Set once, before any worker starts.
            ::setenv("FONTCONFIG_FILE", (config.rootDir + "/fonts/fonts.conf").c_str(), 1);
            render::WorkerPoolConfig poolConfig;
            poolConfig.workers = config.workers;
            poolConfig.queueCapacity = config.queueLimit;
            poolConfig.recycleAfterDocuments = config.recycleAfter;
            poolConfig.engine.documentTimeout = std::chrono::milliseconds(config.timeoutMs);
            pool = std::make_unique<render::WorkerPool>(poolConfig);
        }
        if (config.taggedWorkers > 0) {
            ::setenv("FONTCONFIG_FILE", (config.rootDir + "/fonts/fonts.conf").c_str(), 1);
            taggedConfig.engine.kind = render::EngineKind::Chromium;
            taggedConfig.workers = config.taggedWorkers;
            taggedConfig.queueCapacity = config.taggedQueueLimit;
            taggedConfig.recycleAfterDocuments = config.recycleAfter;
            taggedConfig.maxRssKb = config.taggedMaxMemoryKb;
            taggedConfig.engine.documentTimeout = std::chrono::milliseconds(config.timeoutMs);
        }
        if (!config.auditDatabase.empty()) {
            audit = std::make_unique<audit::AuditTrail>(audit::AuditConfig{config.auditDatabase});
        }
    }

    PreparedLetter prepare(const PipelineConfig& config, const LoadedTemplates& loaded, std::string_view xml,
                           OutputFormat format, const std::string& language, const std::string& inputSha256,
                           const std::string& producedAt);

    /// Parse, schema, facts and the legal preflight: every finding, in that order.
    std::shared_ptr<const LoadedTemplates> current() const
    {
        const std::lock_guard<std::mutex> lock(templatesMutex);
        return templates;
    }

    casefile::LoadResult check(std::string_view xml, const LoadedTemplates& loaded, const std::string& language) const
    {
        const law::LawBook& lawBook = *loaded.lawBook;
        casefile::LoadResult result = loader.loadMemory(xml);
        if (result.facts) {
            lookUpAppealedDecision(*result.facts);
            checkGlyphs(xmlDocGetRootElement(result.document.xml()), fonts, measure, result.findings);
            const Findings legal = law::preflight(*result.facts, lawBook);
            result.findings.insert(result.findings.end(), legal.begin(), legal.end());
            checkReaderLanguage(readHeader(result.document), *result.facts, lawBook, loaded.composer->catalogs(),
                                result.findings);
        }
        capFindings(result.findings, MAX_FINDINGS);
        i18n::localize(result.findings, loaded.composer->catalogs().forLanguage(language));
        return result;
    }

    /// A summary in the reader's language follows only a decision to the applicant (on the
    /// insats, or dismissing a late appeal; a rättidsprövning that lets the appeal through is a
    /// letter to the court), and a translation the legal department has not approved goes out
    /// only as a marked draft.
    static void checkReaderLanguage(const CaseHeader& header, const law::CaseFacts& facts, const law::LawBook& lawBook,
                                    const i18n::Catalogs& catalogs, Findings& findings)
    {
        if (header.readerLanguage.empty()) {
            return;
        }
        Finding f;
        f.line = header.documentLine;
        f.xpath = "/case/document/@readerLanguage";
        f.args = {FindingArg{"language", header.readerLanguage, FindingArg::Kind::Language}};
        const std::string& documentType = facts.documentType.value;
        const auto dismisses = [&] {
            const auto timing = law::appealTiming(facts, lawBook);
            return timing && timing->dismissed();
        };
        const bool toTheCourt = documentType == "rattidsprovning" && !dismisses();
        if (!compose::hasReaderSummary(documentType) || toTheCourt) {
            f.code = f.messageId = "document.reader-language.unsupported";
            findings.push_back(f);
        } else if (!header.draft && !catalogs.forLanguage(header.readerLanguage).approved()) {
            f.code = f.messageId = "document.reader-language.not-approved";
            findings.push_back(f);
        }
    }

    /// An appeal names the decision letter by its document id: the audit trail says which
    /// template version printed it (FL 45 § second paragraph). Without a trail nothing is looked up.
    void lookUpAppealedDecision(law::CaseFacts& facts) const
    {
        if (!facts.appeal || facts.appeal->decisionDocument.value.empty() || !audit) {
            return;
        }
        facts.appeal->decisionDocumentLookedUp = true;
        if (const auto record = audit->findById(facts.appeal->decisionDocument.value)) {
            facts.appeal->decisionPrintedBy = record->templateId + "@" + record->templateVersion;
        }
    }

    /// What the composer needs beyond the case file: whether a late appeal is let through.
    static compose::ComposeOptions composeOptions(const law::CaseFacts& facts, const law::LawBook& lawBook)
    {
        compose::ComposeOptions options;
        const auto timing = law::appealTiming(facts, lawBook);
        if (timing && timing->late) {
            options.appealLateExcused = timing->wrongInformation != nullptr ? "wrong-information"
                                        : timing->reachedCourtInTime        ? "court-in-time"
                                                                            : "";
        }
        return options;
    }

    /// Refuses a composed letter whose envelope window or letterhead cannot hold its text.
    static void refuseOverflowingBoxes(Findings boxes, const i18n::Catalog& catalog)
    {
        if (boxes.empty()) {
            return;
        }
        const std::size_t errors = boxes.size();
        throw Refusal(ErrorCode::SchemaInvalid,
                      refusalMessage(catalog, ErrorCode::SchemaInvalid, errors, false, SchemaKind::Boxes), std::move(boxes));
    }
};

DocumentPipeline::DocumentPipeline(const PipelineConfig& config)
    : _config(config), _impl(std::make_unique<Impl>(config))
{
}

DocumentPipeline::~DocumentPipeline() = default;

ValidationReport DocumentPipeline::validate(std::string_view xml, const std::string& language) const
{
    casefile::LoadResult result = _impl->check(xml, *_impl->current(), language);
    ValidationReport report;
    if (result.facts && !hasErrors(result.findings)) {
        // The fixed boxes are measured on the letter as it would be composed.
        const auto loaded = _impl->current();
        const compose::ComposedDocument composed =
            loaded->composer->compose(result.document.xml(), Impl::composeOptions(*result.facts, *loaded->lawBook));
        Findings boxes = checkFixedBoxes(readComposedLetter(composed.xhtml).get(), result.document.xml(), _impl->measure);
        i18n::localize(boxes, loaded->composer->catalogs().forLanguage(language));
        result.findings.insert(result.findings.end(), boxes.begin(), boxes.end());
    }
    report.findings = std::move(result.findings);
    if (result.facts) {
        report.documentType = result.facts->documentType.value;
    }
    return report;
}

/// What produce() and the batch path share up to the engine: the case file checked (a Refusal
/// thrown for any error finding), composed and measured, and the options its PDF is made with.
/// For XHTML the document is complete (produced.bytes).
PreparedLetter DocumentPipeline::Impl::prepare(const PipelineConfig& config, const LoadedTemplates& loadedSet,
                                               std::string_view xml, OutputFormat format, const std::string& language,
                                               const std::string& inputSha256, const std::string& producedAt)
{
    Impl& impl = *this;
    const LoadedTemplates* loaded = &loadedSet;
    using Clock = std::chrono::steady_clock;
    auto started = Clock::now();
    casefile::LoadResult checked = impl.check(xml, *loaded, language);
    {
        // The loader timed reading and the schema; the rest of the check is the facts, the
        // fonts and directions, and the law.
        const double all = std::chrono::duration<double>(Clock::now() - started).count();
        impl.observeSeconds(Parse, checked.parseSeconds);
        impl.observeSeconds(Schema, checked.schemaSeconds);
        impl.observeSeconds(Preflight, std::max(0.0, all - checked.parseSeconds - checked.schemaSeconds));
    }
    if (hasErrors(checked.findings)) {
        std::size_t errors = 0;
        bool more = false;
        SchemaKind kind = SchemaKind::Schema;
        for (const auto& f : checked.findings) {
            more = more || f.code == CODE_FINDINGS_MORE;
            kind = f.code.rfind("font.", 0) == 0 ? SchemaKind::Fonts
                 : f.code.rfind("text.", 0) == 0 ? SchemaKind::Direction
                                                  : kind;
            errors += f.severity == Severity::Error && f.code != CODE_FINDINGS_MORE ? 1 : 0;
        }
        const ErrorCode code = refusalCode(checked.findings);
        throw Refusal(code, refusalMessage(loaded->composer->catalogs().forLanguage(language), code, errors, more, kind),
                      std::move(checked.findings));
    }

    impl.audit->checkWritable(); // no rendering for a document that could not be recorded

    PreparedLetter prepared;
    Produced& produced = prepared.produced;
    produced.inputSha256 = inputSha256;
    produced.documentType = checked.facts->documentType.value;
    produced.warnings = warningsOf(checked.findings);

    started = Clock::now();
    compose::ComposedDocument composed =
        loaded->composer->compose(checked.document.xml(), Impl::composeOptions(*checked.facts, *loaded->lawBook));
    impl.observe(Compose, started);
    started = Clock::now();
    // Read once: measured here, and laid out again from the same tree when a table continues.
    XmlDocPtr letter = readComposedLetter(composed.xhtml);
    Findings boxes = checkFixedBoxes(letter.get(), checked.document.xml(), impl.measure);
    i18n::localize(boxes, loaded->composer->catalogs().forLanguage(language));
    // Words are broken inside only in the blocks that hold one too long for a line (LongWords.h).
    if (markLongWords(letter.get(), impl.measure) > 0) {
        composed.xhtml = writeComposedLetter(letter.get());
        ++impl.longWordLetters;
    }
    impl.observe(Layout, started);
    Impl::refuseOverflowingBoxes(std::move(boxes), loaded->composer->catalogs().forLanguage(language));
    const CaseHeader header = readHeader(checked.document);
    produced.diarienummer = header.diarienummer;
    produced.templateId = composed.templateId;
    produced.templateVersion = composed.templateVersion;

    prepared.groupable = format == OutputFormat::Pdf && header.readerLanguage.empty();
    if (format == OutputFormat::Html) {
        produced.bytes = std::move(composed.xhtml);
        produced.contentType = "application/xhtml+xml";
    } else {
        if (!impl.pool) {
            throw Error(ErrorCode::Internal, "this pipeline was started without a PDF engine");
        }
        const i18n::Catalog& catalog = loaded->composer->catalogs().forLanguage(composed.language);
        render::RenderOptions options;
        options.page.marginTopMm = compose::PageGeometry::MARGIN_TOP_MM;
        options.page.marginRightMm = compose::PageGeometry::MARGIN_RIGHT_MM;
        options.page.marginBottomMm = compose::PageGeometry::MARGIN_BOTTOM_MM;
        options.page.marginLeftMm = compose::PageGeometry::MARGIN_LEFT_MM;
        options.pageLabel.topMm = compose::PageGeometry::LABEL_TOP_MM;
        options.pageLabel.rightMm = compose::PageGeometry::LABEL_RIGHT_MM;
        options.pageLabel.fontSizePt = compose::PageGeometry::LABEL_SIZE_PT;
        options.pageLabel.fontFamily = compose::PageGeometry::LABEL_FONT;
        options.pageLabelFormat = pageLabelPattern(catalog, header.draft);
        // Decisions and the letters the authority sends out (kommunicering, the statement to the
        // court, the final report) go into the case file and the archive as PDF/A.
        options.pdfa = compose::isDecision(produced.documentType) || produced.documentType == "kommunicering"
                       || produced.documentType == "yttrande" || produced.documentType == "slutrapport"
                       || config.pdfaForAll;
        options.generatedAt = header.generatedAt.empty() ? producedAt : header.generatedAt;
        options.title = composed.title;
        options.author = composed.author;
        options.subject = composed.subject;
        options.language = languageTag(composed.language);
        options.templateId = composed.templateId;
        options.templateVersion = composed.templateVersion;
        options.inputSha256 = produced.inputSha256;
        // A tagged letter when the case file asks, else as configured for its type; only the
        // second engine can tag, and without it the letter is not made untagged in silence. A
        // summary written right to left needs it too: wkhtmltopdf mixes such text up.
        const bool rightToLeft = !header.readerLanguage.empty()
                                 && loaded->composer->catalogs().forLanguage(header.readerLanguage).rightToLeft();
        options.accessible = rightToLeft
                             || header.accessible.value_or(std::find(config.accessibleTypes.begin(),
                                                                     config.accessibleTypes.end(), produced.documentType)
                                                           != config.accessibleTypes.end());
        render::WorkerPool* engine = impl.pool.get();
        prepared.groupable = prepared.groupable && !options.accessible;
        if (options.accessible) {
            engine = impl.tagged();
            if (engine == nullptr) {
                throw Error(ErrorCode::Render, "This service is not set up to make accessible (tagged) letters",
                            "a tagged PDF was asked for and kansli.render.taggedWorkers is 0");
            }
        }
        options.producer = std::string("kansli render (") + render::engineName(engine->config().engine.kind) + ", qpdf)";
        prepared.engine = engine;
        prepared.options = std::move(options);
        prepared.letter = std::move(letter);
        prepared.xhtml = std::move(composed.xhtml);
    }
    return prepared;
}

Produced DocumentPipeline::produce(std::string_view xml, OutputFormat format, const std::string& caller,
                                   const std::string& language, const std::string& idempotencyKey)
{
    if (!_impl->audit) {
        throw Error(ErrorCode::Audit, "no audit trail is configured; no document is handed out without its record");
    }
    const std::shared_ptr<const LoadedTemplates> loaded = _impl->current();
    // No two letters of one day from different template texts: a node whose set is not the one
    // the legal department approved for the cluster makes none (and /readyz says so).
    _impl->requireActiveSet(*loaded);
    const std::string inputSha256 = render::sha256Hex(xml);
    const char* formatName = format == OutputFormat::Html ? "html" : "pdf";
    // A retry under a key already used: the same case file gets the same document again, made
    // again with the first one's time and checked against its recorded SHA-256.
    std::optional<audit::AuditRecord> first;
    if (!idempotencyKey.empty()) {
        first = _impl->audit->findByIdempotencyKey(caller, idempotencyKey);
        if (first && (first->inputSha256 != inputSha256 || first->format != formatName)) {
            throw Error(ErrorCode::IdempotencyKeyReused,
                        "This Idempotency-Key was used before with another case file or format",
                        "the key's document " + first->id + " was made from another input");
        }
    }
    const std::string producedAt = first ? first->producedAt : nowIso();
    using Clock = std::chrono::steady_clock;
    auto started = Clock::now();
    PreparedLetter prepared
        = _impl->prepare(_config, *loaded, xml, format, language, inputSha256, producedAt);
    Produced produced = std::move(prepared.produced);
    if (format == OutputFormat::Pdf) {
        render::WorkerPool* engine = prepared.engine;
        const render::RenderOptions& options = prepared.options;
        render::RenderTimings timings;
        produced.bytes = _impl->renderPdf(*engine, prepared.xhtml, std::move(prepared.letter), options, timings);
        produced.engine = engine->engineVersion();
        produced.accessible = options.accessible;
        _impl->observeSeconds(Engine, timings.engineSeconds);
        _impl->observeSeconds(Finishing, timings.finishingSeconds);
        produced.contentType = "application/pdf";
    }
    produced.sha256 = render::sha256Hex(produced.bytes);

    if (first) {
        if (produced.sha256 != first->outputSha256) {
            throw Error(ErrorCode::IdempotencyReplayDiffers,
                        "The document of this Idempotency-Key cannot be made again as it was",
                        "document " + first->id + ": made again with template " + produced.templateId + "@"
                            + produced.templateVersion + ", SHA-256 differs from the record");
        }
        produced.documentId = first->id;
        produced.producedAt = first->producedAt;
        produced.replayed = true;
        return produced;
    }

    // The record is committed before anyone sees the document; if it fails, nobody does.
    audit::AuditRecord record = Impl::recordOf(produced, formatName, caller, producedAt);
    record.idempotencyKey = idempotencyKey;
    started = Clock::now();
    const auto [stored, inserted] = _impl->audit->recordOnce(std::move(record));
    _impl->observe(Audit, started);
    if (!inserted) {
        // The same key came in twice at once (here or on another node) and the other was recorded
        // first: this one is answered as its retry.
        return produce(xml, format, caller, language, idempotencyKey);
    }
    produced.documentId = stored.id;
    produced.producedAt = stored.producedAt;
    return produced;
}

std::vector<BatchLetterResult> DocumentPipeline::produceBatch(const std::vector<std::string>& xmls,
                                                             const std::string& caller, const std::string& language,
                                                             std::size_t groupSize)
{
    if (!_impl->audit) {
        throw Error(ErrorCode::Audit, "no audit trail is configured; no document is handed out without its record");
    }
    if (!_impl->pool) {
        throw Error(ErrorCode::Internal, "this pipeline was started without a PDF engine");
    }
    const std::shared_ptr<const LoadedTemplates> loaded = _impl->current();
    _impl->requireActiveSet(*loaded);
    _impl->audit->checkWritable();
    const std::string producedAt = nowIso();
    std::vector<BatchLetterResult> results(xmls.size());
    std::vector<std::optional<PreparedLetter>> prepared(xmls.size());
    for (std::size_t i = 0; i < xmls.size(); ++i) {
        try {
            prepared[i] = _impl->prepare(_config, *loaded, xmls[i], OutputFormat::Pdf, language,
                                         render::sha256Hex(xmls[i]), producedAt);
        } catch (const Refusal& refusal) {
            results[i].code = refusal.code();
            results[i].message = refusal.publicMessage();
            results[i].findings = refusal.findings();
        } catch (const Error& e) {
            results[i].code = e.code();
            results[i].message = e.publicMessage();
        }
    }

    // Letters of one template, language and finishing are laid out together, in their order.
    std::vector<std::vector<std::size_t>> groups;
    std::map<std::string, std::size_t> open; // group key -> index in groups of the one filling
    for (std::size_t i = 0; i < xmls.size(); ++i) {
        if (!prepared[i]) {
            continue;
        }
        const PreparedLetter& letter = *prepared[i];
        if (!letter.groupable || groupSize < 2) {
            groups.push_back({i});
            continue;
        }
        const std::string key = letter.produced.templateId + "@" + letter.produced.templateVersion + "/"
                                + letter.options.language + "/" + (letter.options.pdfa ? "a" : "-");
        auto it = open.find(key);
        if (it == open.end() || groups[it->second].size() >= groupSize) {
            groups.push_back({});
            it = open.insert_or_assign(key, groups.size() - 1).first;
        }
        groups[it->second].push_back(i);
    }

    auto makeAlone = [&](std::size_t i, std::unique_ptr<ContinuedTables> tables) {
        PreparedLetter& letter = *prepared[i];
        ++_impl->batchLettersAlone;
        render::RenderTimings timings;
        if (tables) {
            letter.produced.bytes = _impl->renderTables(*letter.engine, *tables, letter.options, timings, 1);
        } else {
            letter.produced.bytes
                = _impl->renderPdf(*letter.engine, letter.xhtml, std::move(letter.letter), letter.options, timings);
        }
        _impl->observeSeconds(Engine, timings.engineSeconds);
        _impl->observeSeconds(Finishing, timings.finishingSeconds);
    };

    for (const std::vector<std::size_t>& group : groups) {
        std::vector<std::size_t> done; // letters whose bytes are made
        try {
            if (group.size() == 1) {
                makeAlone(group.front(), nullptr);
                done.push_back(group.front());
            } else {
                LetterGroup joined;
                std::vector<std::unique_ptr<ContinuedTables>> tables(group.size());
                for (std::size_t k = 0; k < group.size(); ++k) {
                    PreparedLetter& letter = *prepared[group[k]];
                    const int start = joined.reserveStart();
                    if (letter.xhtml.find("<thead") != std::string::npos) {
                        auto candidate = std::make_unique<ContinuedTables>(std::move(letter.letter), joined.nextMarker());
                        if (candidate->needed()) {
                            tables[k] = std::move(candidate);
                        }
                    }
                    if (tables[k]) {
                        joined.add(tables[k]->xhtml(), start, tables[k]->maxMarker());
                    } else {
                        joined.add(letter.xhtml, start, -1);
                    }
                }
                const render::RenderOptions& first = prepared[group.front()]->options;
                render::LaidOutGroup laidOut = _impl->pool->layOutGroup(joined.xhtml(), first, joined.maxMarker());
                const auto started = std::chrono::steady_clock::now();
                std::vector<int> startPages;
                for (int marker : joined.starts()) {
                    const auto it = laidOut.markers.find(marker);
                    if (it == laidOut.markers.end()) {
                        throw Error(ErrorCode::Render, "The PDF could not be finished",
                                    "a letter's start marker was not found in its group");
                    }
                    startPages.push_back(it->second);
                }
                for (std::size_t k = 0; k < group.size(); ++k) {
                    PreparedLetter& letter = *prepared[group[k]];
                    const int end = k + 1 < group.size() ? startPages[k + 1] : laidOut.pages;
                    if (tables[k] && tables[k]->relayout(laidOut.markers)) {
                        // A table continues on a page without its header: this letter is laid
                        // out again on its own, from the split the group's layout showed.
                        makeAlone(group[k], std::move(tables[k]));
                    } else {
                        letter.produced.bytes = _impl->pool->finishPages(laidOut, startPages[k], end, letter.options);
                        results[group[k]].grouped = true;
                        ++_impl->batchLettersGrouped;
                        results[group[k]].pages = end - startPages[k];
                        _impl->observeSeconds(Engine, laidOut.engineSeconds / static_cast<double>(group.size()));
                    }
                    done.push_back(group[k]);
                }
                _impl->observe(Finishing, started);
            }
        } catch (const Error&) {
            // The group failed as one job (an engine failure, a marker not found): its letters
            // are made alone, each failing on its own if it must.
            for (std::size_t i : group) {
                if (std::find(done.begin(), done.end(), i) != done.end()) {
                    continue;
                }
                try {
                    if (!prepared[i]->letter) {
                        prepared[i]->letter = readComposedLetter(prepared[i]->xhtml);
                    }
                    makeAlone(i, nullptr);
                    done.push_back(i);
                } catch (const Error& alone) {
                    results[i].code = alone.code();
                    results[i].message = alone.publicMessage();
                }
            }
        }
    }

    // Each letter's record, in the batch's order.
    for (std::size_t i = 0; i < xmls.size(); ++i) {
        if (!prepared[i] || prepared[i]->produced.bytes.empty()) {
            continue;
        }
        Produced& produced = prepared[i]->produced;
        produced.engine = prepared[i]->engine->engineVersion();
        produced.accessible = prepared[i]->options.accessible;
        produced.contentType = "application/pdf";
        produced.sha256 = render::sha256Hex(produced.bytes);
        audit::AuditRecord record = Impl::recordOf(produced, "pdf", caller, producedAt);
        const auto started = std::chrono::steady_clock::now();
        try {
            const audit::AuditRecord stored = _impl->audit->record(std::move(record));
            produced.documentId = stored.id;
            produced.producedAt = stored.producedAt;
        } catch (const Error& e) {
            results[i].code = e.code();
            results[i].message = e.publicMessage();
            continue;
        }
        _impl->observe(Audit, started);
        results[i].made = true;
        results[i].pages = results[i].pages > 0 ? results[i].pages : render::pageCount(produced.bytes);
        results[i].produced = std::move(produced);
    }
    return results;
}

TemplatesReport DocumentPipeline::templates() const
{
    TemplatesReport report;
    const std::shared_ptr<const LoadedTemplates> loaded = _impl->current();
    for (const auto& t : loaded->composer->templates()) {
        report.templates.push_back({t.id, t.version, t.file});
    }
    const law::StatuteTable& statutes = loaded->lawBook->statutes();
    report.statutesVersion = statutes.version();
    report.statutesValidFrom = statutes.validFrom().iso();
    for (const auto& row : statutes.rows()) {
        report.statutes.push_back(
            {row.key, row.validFrom.iso(), row.validTo ? row.validTo->iso() : std::string(), row.reference, row.sfs});
    }
    const law::TargetGroupsEdition& groups = loaded->lawBook->groupsEdition();
    report.targetGroupsVersion = groups.version;
    report.targetGroupsValidFrom = groups.validFrom.iso();
    for (const auto& group : groups.groups) {
        report.targetGroups.push_back(group.code);
    }
    return report;
}

std::string DocumentPipeline::reloadTemplates(const std::string& localeDir)
{
    // Everything is loaded before anything is swapped: a failure throws here and the current set
    // keeps serving.
    std::shared_ptr<const LoadedTemplates> fresh
        = loadTemplates(_config, localeDir.empty() ? _config.localeDir : localeDir);
    std::string loaded;
    for (const auto& t : fresh->composer->templates()) {
        loaded += (loaded.empty() ? "" : ", ") + t.id + " " + t.version;
    }
    loaded += "; statutes " + fresh->lawBook->statutes().version();
    const std::lock_guard<std::mutex> lock(_impl->templatesMutex);
    _impl->templates = std::move(fresh);
    return loaded;
}

audit::TemplateSetApproval DocumentPipeline::activateTemplateSet(const std::string& approvedBy)
{
    if (!_impl->audit) {
        throw Error(ErrorCode::Audit, "no audit trail is configured (kansli.audit.database)");
    }
    const audit::TemplateSetApproval approval = _impl->audit->approveTemplateSet(_impl->current()->setHash, approvedBy);
    _impl->forgetActiveSet();
    return approval;
}

bool DocumentPipeline::templateSetActive()
{
    return _impl->isActive(*_impl->current());
}

void DocumentPipeline::recordReload(bool loaded)
{
    ++(loaded ? _impl->templateReloads : _impl->templateReloadsRejected);
}

PipelineStats DocumentPipeline::stats() const
{
    PipelineStats stats;
    if (_impl->pool) {
        const render::WorkerPoolStats s = _impl->pool->stats();
        stats.queueDepth = s.queueDepth;
        stats.workersAlive = s.workersAlive;
        stats.workerRestarts = s.restarts;
        stats.documentsRendered = s.documentsRendered;
        stats.engine = _impl->pool->engineVersion();
        for (const render::WorkerState& w : _impl->pool->workers()) {
            stats.workerDocumentsAndKb.emplace_back(w.documents, w.memoryKb);
        }
    }
    if (const auto s = _impl->taggedStats(stats.taggedEngine)) {
        stats.taggedWorkersAlive = s->workersAlive;
        stats.taggedDocumentsRendered = s->documentsRendered;
    }
    stats.extraLayoutPasses = _impl->extraLayoutPasses;
    stats.tableHeadersRepeated = _impl->tableHeadersRepeated;
    stats.layoutUnfinished = _impl->layoutUnfinished;
    stats.batchLettersGrouped = _impl->batchLettersGrouped;
    stats.batchLettersAlone = _impl->batchLettersAlone;
    stats.longWordLetters = _impl->longWordLetters;
    stats.templateReloads = _impl->templateReloads;
    stats.templateReloadsRejected = _impl->templateReloadsRejected;
    stats.templatesLoaded = _impl->current()->composer->templates().size();
    stats.auditWritable = _impl->audit && _impl->audit->writable();
    stats.templateSetHash = _impl->current()->setHash;
    stats.activeTemplateSet = _impl->activeSet().value_or("");
    stats.templateSetActive = _impl->isActive(*_impl->current());
    const std::lock_guard<std::mutex> lock(_impl->timingMutex);
    stats.stages = _impl->timings;
    return stats;
}

} // namespace kansli::pipeline
