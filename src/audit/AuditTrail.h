#pragma once
/// The audit trail: one record for every document kansli produces, through Poco::Data in one of
/// two databases: an SQLite file (the embedded default, one node) or PostgreSQL (several nodes
/// sharing one trail; kansli.audit.database = "postgresql://user@host:port/database", any URI
/// libpq accepts — the password belongs in ~/.pgpass or PGPASSWORD, not in the configuration).
/// Both hold the same schema, brought to the latest version at start by the same numbered
/// migrations (SQLite: PRAGMA user_version; PostgreSQL: table kansli_schema, under an advisory
/// lock so nodes starting together migrate once).
///
/// A record holds ids, codes and hashes only — the document id, time, document type, format,
/// template id and version, the SHA-256 of the input and of the output, the caller's token name
/// and the case's diarienummer — never a name, personnummer, address or case text (offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §).
///
/// SQLite runs in WAL mode with synchronous=FULL; every record is its own transaction
/// (BEGIN IMMEDIATE ... COMMIT) and is on disk when record() returns; PostgreSQL commits each
/// record on its own (durable as the server is configured: synchronous_commit). A database that cannot be
/// written (full, read-only file or folder, I/O error) makes record() throw kansli::Error (audit):
/// the caller must not hand out a document whose record failed. Thread-safe.

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace kansli::audit {

struct AuditRecord {
    std::string id; ///< document id, a random UUID
    std::string producedAt; ///< UTC, ISO 8601 with milliseconds ("2026-11-25T16:20:00.123Z")
    std::string documentType; ///< "beslut" | "utredning" | "jobbplan" | "kommunicering" | "fortsatt" | "rattidsprovning"
    std::string format; ///< "pdf" | "html"
    std::string templateId;
    std::string templateVersion;
    std::string inputSha256; ///< of the case file bytes, lowercase hex
    std::string outputSha256; ///< of the document bytes handed out, lowercase hex
    std::string caller; ///< the token's name, or "cli"
    std::string diarienummer; ///< the case's file number (an id, not personal data)
    /// The engine and version that made a PDF ("wkhtmltopdf 0.12.6", "chromium 156.0.8078.114");
    /// empty for XHTML, and in records made before the trail's schema version 1.
    std::string engine;
    /// The caller's Idempotency-Key (RFC draft "The Idempotency-Key HTTP Header Field"); empty
    /// when none was sent. Unique per caller: a second record with the same caller and key is
    /// never stored (recordOnce).
    std::string idempotencyKey;
};

/// A template set the legal department approved for the cluster (`kansli templates approve`).
struct TemplateSetApproval {
    std::string setHash;    ///< SHA-256 (lowercase hex) over the loaded set (DocumentPipeline::templateSetHash)
    std::string approvedAt; ///< UTC ISO 8601
    std::string approvedBy; ///< who approved it: a user name or role, never personal data of a case
};

struct AuditConfig {
    /// An SQLite file path (its folder is created when missing) or a PostgreSQL URI
    /// ("postgresql://..." or "postgres://...").
    std::string database;
    /// SQLite's max_page_count for this connection; 0 leaves SQLite's default. Lets tests (and
    /// a cautious operator) make the database "full" without filling a disk.
    std::size_t maxPages = 0;
};

class AuditTrail {
public:
    /// Opens (creating folder, file and table when missing; a PostgreSQL database must exist), migrates the schema to the latest
    /// version, and sets WAL and synchronous=FULL. Throws kansli::Error (audit) also for a
    /// database of a newer schema than this program knows.
    /// Throws kansli::Error (audit) when the database cannot be opened or is read-only.
    explicit AuditTrail(const AuditConfig& config);
    ~AuditTrail();
    AuditTrail(const AuditTrail&) = delete;
    AuditTrail& operator=(const AuditTrail&) = delete;

    /// Opens an existing database for lookups only: never creates the file or writes to it.
    /// Throws kansli::Error (audit) when the file (or server) is missing or is not a kansli audit
    /// database.
    static std::unique_ptr<AuditTrail> openForReading(const std::string& database);

    /// Stores `record` (id and producedAt are filled in when empty) and returns it as stored.
    /// Throws kansli::Error (audit) — never skips — when it cannot be committed.
    AuditRecord record(AuditRecord record);

    /// As record(), for a record with an idempotency key: stores it unless a record with the same
    /// caller and key exists (also one another node committed a moment ago), and returns the
    /// record that is stored under that key and whether it is the one given.
    std::pair<AuditRecord, bool> recordOnce(AuditRecord record);

    /// The record stored under this caller's idempotency key, if any.
    std::optional<AuditRecord> findByIdempotencyKey(const std::string& caller, const std::string& key) const;

    /// Records that `setHash` is the cluster's active template set from now on (the latest
    /// approval is the active one; earlier ones stay as history). Throws kansli::Error (audit).
    TemplateSetApproval approveTemplateSet(const std::string& setHash, const std::string& approvedBy);
    /// The latest approval, if a set was ever approved. Throws kansli::Error (audit).
    std::optional<TemplateSetApproval> activeTemplateSet() const;

    /// Every record whose output has this SHA-256, oldest first.
    std::vector<AuditRecord> findByOutput(const std::string& outputSha256) const;
    /// The record of this document id (the X-Kansli-Document-Id a caller was given), if any.
    /// Throws kansli::Error (audit) when the database cannot be read.
    std::optional<AuditRecord> findById(const std::string& documentId) const;

    /// The number of records (for tests and /readyz figures).
    std::size_t count() const;

    /// True when record() can be expected to succeed. SQLite: the file and its folder are
    /// writable and, after a record failed to commit, a probe write (one row of its own table) has
    /// committed again. PostgreSQL: the server answers (reconnecting when the connection was
    /// lost). So /readyz stays 503 from a failed write until the database takes writes again.
    bool writable() const;
    /// Throws kansli::Error (audit) when the file or its folder is read-only — what record()
    /// checks first; lets a caller fail before doing expensive work.
    void checkWritable() const;

    const std::string& database() const noexcept { return _database; }
    /// The database for messages and logs: the file path, or the PostgreSQL URI without user
    /// and password ("postgresql://127.0.0.1:5432/kansli").
    const std::string& label() const noexcept { return _label; }
    /// True for a PostgreSQL trail.
    bool shared() const noexcept;
    /// `database` as label() shows it: never a user name or password of a URI.
    static std::string databaseLabel(const std::string& database);
    /// True when `database` names a PostgreSQL database rather than a file.
    static bool isPostgresUri(const std::string& database);
    /// A PostgreSQL URI in libpq's keyword=value form, the form Poco's PostgreSQL session takes
    /// (parsed by libpq's PQconninfoParse). Throws kansli::Error (config) for a URI libpq refuses
    /// or a value with a blank or quote in it.
    static std::string postgresKeywords(const std::string& uri);
    /// Migrations applied to the database; a writable trail applies all it knows at start, in
    /// order, each with its version number in one transaction.
    int schemaVersion() const noexcept;

    /// The current UTC time as stored in producedAt.
    static std::string nowIso();

private:
    struct ReadOnly { };
    /// Records that meet `condition` (fixed SQL with ? placeholders, never caller text), bound to
    /// `values` in order; oldest first.
    std::vector<AuditRecord> findWhere(const char* condition, std::vector<std::string> values) const;
    AuditTrail(const std::string& database, ReadOnly);
    void migrate();
    AuditRecord insert(AuditRecord record, bool onlyOnce, bool& inserted);

    struct Impl;
    std::string _database;
    std::string _label;
    std::unique_ptr<Impl> _impl;
    mutable std::mutex _mutex;
    mutable std::atomic<bool> _failing{false}; ///< the last write failed; cleared by a commit
    int _schemaVersion = 0;
};

} // namespace kansli::audit
