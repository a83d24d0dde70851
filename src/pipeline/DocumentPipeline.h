#pragma once
/// The one path every document takes, shared by the command line and the HTTP API:
/// bytes -> parse (safely) -> XSD -> legal preflight -> XSLT -> XHTML -> PDF (page numbers, PDF/A).
///
/// Nothing is rendered for a case that has an error finding: produce() throws kansli::Refusal
/// listing all findings. Thread-safe: one pipeline serves all request threads.

#include "audit/AuditTrail.h"
#include "core/Error.h"
#include "core/Finding.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::pipeline {

enum class OutputFormat { Pdf, Html };

struct PipelineConfig {
    std::string rootDir;      ///< holds templates/, xsl/, fonts/ (the repository by default)
    std::string localeDir;    ///< compiled ICU bundles (build/locales by default)
    std::size_t maxInputBytes = 2 * 1024 * 1024;
    unsigned workers = 1;     ///< wkhtmltopdf processes; 0 = none (validation only)
    std::size_t queueLimit = 8;   ///< documents waiting for a worker; more get 503 + Retry-After
    unsigned timeoutMs = 20000;
    unsigned recycleAfter = 500;
    bool pdfaForAll = false;  ///< decisions and the letters sent out are always PDF/A-2b; this adds utredning and jobbplan
    /// Headless Chromium processes for tagged (PDF/UA-1) letters; 0 = none, and then a letter
    /// asked for as accessible fails (ErrorCode::Render, named) rather than being made untagged.
    unsigned taggedWorkers = 0;
    std::size_t taggedQueueLimit = 8; ///< letters waiting for a Chromium worker; more get 503
    long taggedMaxMemoryKb = 1024 * 1024; ///< recycle a Chromium (with its helpers) above this
    /// Document types made accessible when the case file does not say (document/@accessible).
    std::vector<std::string> accessibleTypes;
    /// The audit trail's SQLite file. Empty: no audit trail, and then produce() refuses (audit)
    /// to hand out any document — only validate() works.
    std::string auditDatabase;
};

struct ValidationReport {
    Findings findings;        ///< schema and legal findings, errors and warnings
    std::string documentType; ///< empty when the file could not be read that far
    bool valid() const { return !hasErrors(findings); }
};

struct Produced {
    std::string bytes;
    std::string contentType;  ///< application/pdf or application/xhtml+xml
    std::string sha256;       ///< of bytes, lowercase hex
    std::string inputSha256;
    std::string documentType;
    std::string diarienummer;
    std::string templateId;
    std::string templateVersion;
    Findings warnings;
    std::string engine;       ///< the engine and version that made the PDF (empty for XHTML)
    bool accessible = false;  ///< a tagged PDF/UA-1 letter
    std::string documentId;   ///< the audit record's id (a UUID)
    std::string producedAt;   ///< the audit record's time, UTC ISO 8601 (also the PDF's date when the case file gives none)
    bool replayed = false;    ///< the document of an Idempotency-Key, made again and found the same
};

/// One letter of a batch as it came out of produceBatch().
struct BatchLetterResult {
    bool made = false;
    Produced produced;  ///< the letter, recorded, when made
    int pages = 0;      ///< its pages, when made
    bool grouped = false; ///< laid out with other letters in one engine job
    ErrorCode code = ErrorCode::Internal; ///< when not made: the refusal's or failure's code
    std::string message; ///< when not made: the public message, in the batch's language
    Findings findings;   ///< a refusal's findings
};

/// What the templates and the legal department's tables are, with versions and validity dates.
struct TemplateSummary {
    std::string id;
    std::string version;
    std::string file;
};
struct StatuteSummary {
    std::string key;
    std::string validFrom;    ///< YYYY-MM-DD
    std::string validTo;      ///< YYYY-MM-DD, empty while open-ended
    std::string reference;
    std::string sfs;
};
struct TemplatesReport {
    std::vector<TemplateSummary> templates;
    std::string statutesVersion;
    std::string statutesValidFrom;
    std::vector<StatuteSummary> statutes;
    std::string targetGroupsVersion;
    std::string targetGroupsValidFrom;
    std::vector<std::string> targetGroups; ///< the group codes
};

/// Time spent in one stage of producing documents, as a histogram (seconds).
struct StageTiming {
    /// Upper bounds (seconds) of the buckets; +Inf is implied.
    static constexpr std::array<double, 12> BUCKETS
        = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0};
    /// parse (reading the XML), schema, preflight (facts, fonts, directions, the law), compose
    /// (XSLT), layout (the fixed boxes), engine (wkhtmltopdf, queue wait included, every pass),
    /// finishing (row markers, page labels, metadata, PDF/A), audit (the record)
    std::string stage;
    std::array<std::uint64_t, BUCKETS.size()> buckets{}; ///< cumulative: observations <= each bound
    std::uint64_t count = 0;
    double sum = 0;
};

struct PipelineStats {
    std::vector<StageTiming> stages; ///< in pipeline order, for every produce()
    std::size_t queueDepth = 0;
    std::size_t workersAlive = 0;
    std::size_t workerRestarts = 0;
    std::size_t documentsRendered = 0;
    /// Each first-engine worker: its current process's documents and memory after its last one
    /// (for /metrics: memory compared at the same point of each recycle cycle).
    std::vector<std::pair<unsigned, long>> workerDocumentsAndKb;
    std::size_t taggedWorkersAlive = 0;  ///< Chromium workers with a running browser
    std::size_t taggedDocumentsRendered = 0; ///< engine conversions by Chromium (labels included)
    std::string engine;       ///< the default engine and version
    std::string taggedEngine; ///< the tagged-letter engine and version; empty until its first letter
    std::size_t extraLayoutPasses = 0;    ///< engine passes beyond the first (ContinuedTables)
    std::size_t tableHeadersRepeated = 0; ///< header rows added on pages a table continues to
    std::size_t layoutUnfinished = 0;     ///< letters stopped at the pass or page limit with a header missing
    std::size_t batchLettersGrouped = 0; ///< batch letters finished from a group's engine job
    std::size_t batchLettersAlone = 0;   ///< batch letters made alone (a continued table, a tagged letter, a group that failed)
    std::size_t longWordLetters = 0;     ///< letters with a word too long for a line, broken inside (LongWords.h)
    std::size_t templateReloads = 0;         ///< template sets reloaded and now serving
    std::size_t templateReloadsRejected = 0; ///< reloads refused (the previous set kept serving)
    std::size_t templatesLoaded = 0;
    bool auditWritable = false;  ///< the audit trail is configured and its file and folder writable
    std::string templateSetHash;   ///< SHA-256 over the files of the loaded template set (lowercase hex)
    std::string activeTemplateSet; ///< the set approved for the cluster; empty when none was ever approved
    /// The loaded set is the approved one, or none was approved; false: this node makes no letters.
    bool templateSetActive = true;
};

class DocumentPipeline {
public:
    /// Loads the schema, the law book, the templates and the catalogs, and starts the workers.
    /// Throws kansli::Error (config/template) when any of them cannot be loaded.
    explicit DocumentPipeline(const PipelineConfig& config);
    ~DocumentPipeline();
    DocumentPipeline(const DocumentPipeline&) = delete;
    DocumentPipeline& operator=(const DocumentPipeline&) = delete;

    /// All findings for a case file; never throws for bad input. The legal findings' messages
    /// and every finding's field name are in `language` ("sv" or "en"; i18n::localize).
    ValidationReport validate(std::string_view xml, const std::string& language = "en") const;

    /// Throws kansli::Refusal (xml-malformed, schema-invalid, legal-inconsistent) or kansli::Error.
    /// Every document is recorded in the audit trail, under `caller` (a token name or "cli"),
    /// before it is returned; when the record fails this throws kansli::Error (audit) instead.
    /// Findings (a refusal's, or the warnings) are in `language` as for validate().
    ///
    /// `idempotencyKey` (the caller's Idempotency-Key; empty: none): the first document made
    /// under a caller's key is recorded with it; a later call with the same key and the same case
    /// file and format is made again with the first one's time and returned as that document (its
    /// id, `replayed`), on any node sharing the trail — ErrorCode::IdempotencyReplayDiffers when
    /// it no longer comes out with the recorded SHA-256 (another template set), and
    /// ErrorCode::IdempotencyKeyReused for the key with another case file or format.
    /// Throws ErrorCode::TemplateSetInactive when the trail names an approved template set and
    /// it is not the one loaded here.
    Produced produce(std::string_view xml, OutputFormat format, const std::string& caller,
                     const std::string& language = "en", const std::string& idempotencyKey = {});

    /// Many case files as PDFs, each with its own audit record, in the order given (the batch
    /// path, docs/batches.md). Letters of one template are laid out `groupSize` at a time in one
    /// engine job and split by page (LetterGroup.h); each gets its own page labels, PDF/A
    /// finishing, SHA-256 and record. A letter whose table continues on a page without its
    /// header, or that cannot be grouped (a tagged letter, a reader summary), is made alone, as
    /// produce() would. A refused or failed letter does not stop the others: its result says
    /// why. Throws only for the whole batch (TemplateSetInactive, an unwritable audit trail).
    std::vector<BatchLetterResult> produceBatch(const std::vector<std::string>& xmls, const std::string& caller,
                                                const std::string& language = "en", std::size_t groupSize = 20);

    /// The loaded templates, statute table and target groups, with versions and validity dates.
    TemplatesReport templates() const;

    /// Loads the templates (xsl/), the catalogs (from `localeDir`; empty: the configured one) and
    /// the law tables (templates/law/) anew and swaps them in only when all of them load; requests
    /// in flight finish with the set they started with. Throws kansli::Error (template, config)
    /// and keeps the current set when anything fails. Returns the versions now loaded, for the log.
    std::string reloadTemplates(const std::string& localeDir = {});

    /// Records the loaded template set as the one approved for every node sharing the audit trail
    /// (`kansli templates activate`). Throws kansli::Error (audit).
    audit::TemplateSetApproval activateTemplateSet(const std::string& approvedBy);

    /// True when the loaded template set is the cluster's approved one, or none was approved
    /// (read from the trail at most once a second). A node whose set is not takes no batch work.
    bool templateSetActive();

    /// Counts one reload attempt for the metrics (templates::TemplateReloader calls it).
    void recordReload(bool loaded);

    PipelineStats stats() const;
    const PipelineConfig& config() const noexcept { return _config; }

private:
    struct Impl;
    PipelineConfig _config;
    std::unique_ptr<Impl> _impl;
};

} // namespace kansli::pipeline
