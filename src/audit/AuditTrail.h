#pragma once
/// The audit trail: one record for every document kansli produces, in SQLite (Poco::Data).
///
/// A record holds ids, codes and hashes only — the document id, time, document type, format,
/// template id and version, the SHA-256 of the input and of the output, the caller's token name
/// and the case's diarienummer — never a name, personnummer, address or case text (offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §).
///
/// The database runs in WAL mode with synchronous=FULL; every record is its own transaction
/// (BEGIN IMMEDIATE ... COMMIT) and is on disk when record() returns. A database that cannot be
/// written (full, read-only file or folder, I/O error) makes record() throw kansli::Error (audit):
/// the caller must not hand out a document whose record failed. Thread-safe.

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
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
};

struct AuditConfig {
    std::string database; ///< file path; its folder is created when missing
    /// SQLite's max_page_count for this connection; 0 leaves SQLite's default. Lets tests (and
    /// a cautious operator) make the database "full" without filling a disk.
    std::size_t maxPages = 0;
};

class AuditTrail {
public:
    /// Opens (creating folder, file and table when missing), migrates the schema to the latest
    /// version, and sets WAL and synchronous=FULL. Throws kansli::Error (audit) also for a
    /// database of a newer schema than this program knows.
    /// Throws kansli::Error (audit) when the database cannot be opened or is read-only.
    explicit AuditTrail(const AuditConfig& config);
    ~AuditTrail();
    AuditTrail(const AuditTrail&) = delete;
    AuditTrail& operator=(const AuditTrail&) = delete;

    /// Opens an existing database for lookups only: never creates the file or writes to it.
    /// Throws kansli::Error (audit) when the file is missing or is not a kansli audit database.
    static std::unique_ptr<AuditTrail> openForReading(const std::string& database);

    /// Stores `record` (id and producedAt are filled in when empty) and returns it as stored.
    /// Throws kansli::Error (audit) — never skips — when it cannot be committed.
    AuditRecord record(AuditRecord record);

    /// Every record whose output has this SHA-256, oldest first.
    std::vector<AuditRecord> findByOutput(const std::string& outputSha256) const;
    /// The record of this document id (the X-Kansli-Document-Id a caller was given), if any.
    /// Throws kansli::Error (audit) when the database cannot be read.
    std::optional<AuditRecord> findById(const std::string& documentId) const;

    /// The number of records (for tests and /readyz figures).
    std::size_t count() const;

    /// True when record() can be expected to succeed: the file and its folder are writable and,
    /// after a record failed to commit, a probe write (one row of its own table) has committed
    /// again. So /readyz stays 503 from a failed write until the database takes writes again.
    bool writable() const;
    /// Throws kansli::Error (audit) when the file or its folder is read-only — what record()
    /// checks first; lets a caller fail before doing expensive work.
    void checkWritable() const;

    const std::string& database() const noexcept { return _database; }
    /// Migrations applied to the database (PRAGMA user_version); a writable trail applies all it
    /// knows at start, in order, each in its own transaction.
    int schemaVersion() const noexcept;

    /// The current UTC time as stored in producedAt.
    static std::string nowIso();

private:
    struct ReadOnly { };
    /// Records whose `column` (a fixed column name, never caller text) equals `value`, oldest first.
    std::vector<AuditRecord> findWhere(const char* column, const std::string& value) const;
    AuditTrail(const std::string& database, ReadOnly);
    void migrate();

    struct Impl;
    std::string _database;
    std::unique_ptr<Impl> _impl;
    mutable std::mutex _mutex;
    mutable std::atomic<bool> _failing{false}; ///< the last write failed; cleared by a commit
    int _schemaVersion = 0;
};

} // namespace kansli::audit
