#include "audit/AuditTrail.h"
#include "core/Clock.h"

#include "core/Error.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/UUIDGenerator.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include <sys/stat.h>
#include <unistd.h>

namespace kansli::audit {

using namespace Poco::Data::Keywords;

namespace {

const char* const CREATE_TABLE = "CREATE TABLE IF NOT EXISTS documents ("
                                 " id TEXT PRIMARY KEY,"
                                 " produced_at TEXT NOT NULL,"
                                 " document_type TEXT NOT NULL,"
                                 " format TEXT NOT NULL,"
                                 " template_id TEXT NOT NULL,"
                                 " template_version TEXT NOT NULL,"
                                 " input_sha256 TEXT NOT NULL,"
                                 " output_sha256 TEXT NOT NULL,"
                                 " caller TEXT NOT NULL,"
                                 " diarienummer TEXT NOT NULL)";
const char* const CREATE_INDEX = "CREATE INDEX IF NOT EXISTS documents_by_output ON documents (output_sha256)";
/// Versioned changes to the schema above, applied in order at start (PRAGMA user_version holds the
/// number of those applied). Never edit one that has shipped: add the next.
const char* const MIGRATIONS[] = {
    // 1: which engine (and version) made the document: "wkhtmltopdf 0.12.6", "chromium 156.0.8078.114"
    "ALTER TABLE documents ADD COLUMN engine TEXT NOT NULL DEFAULT ''",
};

/// One row rewritten by the readiness check after a failed record, to see writes commit again.
const char* const CREATE_PROBE_TABLE
    = "CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY, written_at TEXT NOT NULL)";

void registerConnector()
{
    static std::once_flag once;
    std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

/// Root ignores permission bits, so for root the mode bits are the operator's word: a file or
/// folder with no write bit is read-only. Everyone else gets the kernel's answer.
bool writableByMode(const std::string& path)
{
    struct stat st { };
    if (::stat(path.c_str(), &st) != 0) {
        return false;
    }
    if (::geteuid() == 0) {
        return (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) != 0;
    }
    return ::access(path.c_str(), W_OK) == 0;
}

std::string folderOf(const std::string& database)
{
    Poco::Path path(database);
    path.makeAbsolute();
    return path.parent().toString();
}

} // namespace

struct AuditTrail::Impl {
    Poco::Data::Session session;
    explicit Impl(const std::string& database)
        : session("SQLite", database)
    {
    }
};

std::string AuditTrail::nowIso()
{
    return utcTimestampNow();
}

AuditTrail::AuditTrail(const AuditConfig& config)
    : _database(config.database)
{
    if (_database.empty()) {
        throw Error(ErrorCode::Audit, "no audit database is configured (kansli.audit.database)");
    }
    registerConnector();
    try {
        Poco::File(folderOf(_database)).createDirectories();
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Audit, "the audit database folder cannot be created", e.displayText());
    }
    try {
        _impl = std::make_unique<Impl>(_database);
        checkWritable();
        auto& session = _impl->session;
        std::string mode;
        session << "PRAGMA journal_mode=WAL", into(mode), now;
        if (mode != "wal") {
            throw Error(ErrorCode::Audit, "the audit database cannot use WAL mode", "journal_mode=" + mode);
        }
        session << "PRAGMA synchronous=FULL", now;
        session << "PRAGMA busy_timeout=10000", now;
        if (config.maxPages > 0) {
            session << "PRAGMA max_page_count=" + std::to_string(config.maxPages), now;
        }
        session << CREATE_TABLE, now;
        session << CREATE_INDEX, now;
        session << CREATE_PROBE_TABLE, now;
        migrate();
    } catch (const Poco::Exception& e) {
        throw Error(
            ErrorCode::Audit, "the audit database cannot be opened for writing", _database + ": " + e.displayText());
    }
}

AuditTrail::AuditTrail(const std::string& database, ReadOnly)
    : _database(database)
{
    registerConnector();
    if (!Poco::File(_database).exists()) {
        throw Error(ErrorCode::Audit, "there is no audit database at " + _database);
    }
    try {
        _impl = std::make_unique<Impl>(_database);
        int tables = 0;
        _impl->session << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'documents'",
            into(tables), now;
        if (tables != 1) {
            throw Error(ErrorCode::Audit, _database + " is not a kansli audit database");
        }
        _impl->session << "PRAGMA user_version", into(_schemaVersion), now;
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Audit, "the audit database cannot be read", _database + ": " + e.displayText());
    }
}

std::unique_ptr<AuditTrail> AuditTrail::openForReading(const std::string& database)
{
    return std::unique_ptr<AuditTrail>(new AuditTrail(database, ReadOnly{}));
}

AuditTrail::~AuditTrail() = default;

void AuditTrail::migrate()
{
    auto& session = _impl->session;
    session << "PRAGMA user_version", into(_schemaVersion), now;
    const int latest = static_cast<int>(std::size(MIGRATIONS));
    while (_schemaVersion < latest) {
        // One migration and its version number commit together (SQLite's DDL is transactional).
        session << "BEGIN IMMEDIATE", now;
        try {
            session << MIGRATIONS[_schemaVersion], now;
            session << "PRAGMA user_version = " + std::to_string(_schemaVersion + 1), now;
            session << "COMMIT", now;
        } catch (const Poco::Exception&) {
            session << "ROLLBACK", now;
            throw;
        }
        ++_schemaVersion;
    }
    if (_schemaVersion > latest) {
        throw Error(ErrorCode::Audit, "the audit database was written by a newer kansli",
            _database + ": schema version " + std::to_string(_schemaVersion) + ", this program knows "
                + std::to_string(latest));
    }
}

int AuditTrail::schemaVersion() const noexcept
{
    return _schemaVersion;
}

bool AuditTrail::writable() const
{
    if (!writableByMode(_database) || !writableByMode(folderOf(_database))) {
        return false;
    }
    if (!_failing.load()) {
        return true;
    }
    // The last record could not be written (a full disk, an I/O error): not writable until a
    // write commits again. The probe row proves it without a document.
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        std::string at = nowIso();
        _impl->session << "BEGIN IMMEDIATE", now;
        try {
            _impl->session << "INSERT OR REPLACE INTO write_probe (id, written_at) VALUES (1, ?)", use(at), now;
            _impl->session << "COMMIT", now;
        } catch (const Poco::Exception&) {
            _impl->session << "ROLLBACK", now;
            throw;
        }
        _failing = false;
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

void AuditTrail::checkWritable() const
{
    if (!writableByMode(_database)) {
        throw Error(ErrorCode::Audit, "the audit database is read-only; no document is handed out without its record",
            _database + ": the file is not writable");
    }
    // WAL needs the -wal and -shm files next to the database.
    if (!writableByMode(folderOf(_database))) {
        throw Error(ErrorCode::Audit, "the audit database is read-only; no document is handed out without its record",
            _database + ": its folder is not writable");
    }
}

AuditRecord AuditTrail::record(AuditRecord record)
{
    if (record.id.empty()) {
        record.id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    }
    if (record.producedAt.empty()) {
        record.producedAt = nowIso();
    }
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        checkWritable();
    } catch (const Error&) {
        _failing = true;
        throw;
    }
    auto& session = _impl->session;
    bool open = false;
    try {
        session << "BEGIN IMMEDIATE", now;
        open = true;
        session << "INSERT INTO documents (id, produced_at, document_type, format, template_id, template_version,"
                   " input_sha256, output_sha256, caller, diarienummer, engine) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            use(record.id), use(record.producedAt), use(record.documentType), use(record.format),
            use(record.templateId), use(record.templateVersion), use(record.inputSha256), use(record.outputSha256),
            use(record.caller), use(record.diarienummer), use(record.engine), now;
        session << "COMMIT", now;
        open = false;
        _failing = false;
    } catch (const Poco::Exception& e) {
        _failing = true;
        if (open) {
            try {
                session << "ROLLBACK", now;
            } catch (const Poco::Exception&) {
                // the original failure is the one to report
            }
        }
        throw Error(ErrorCode::Audit, "the audit record could not be written; no document is handed out without it",
            _database + ": " + e.displayText());
    }
    return record;
}

std::vector<AuditRecord> AuditTrail::findWhere(const char* column, const std::string& value) const
{
    std::vector<std::string> id, producedAt, type, format, templateId, templateVersion, input, output, caller, diarie,
        engine;
    std::string wanted = value;
    // A trail opened for reading is not migrated: before migration 1 no record names its engine.
    const std::string sql = std::string("SELECT id, produced_at, document_type, format, template_id, template_version,"
                                        " input_sha256, output_sha256, caller, diarienummer, ")
                            + (_schemaVersion >= 1 ? "engine" : "''") + " FROM documents WHERE "
                            + column + " = ? ORDER BY produced_at, id";
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _impl->session << sql, use(wanted), into(id), into(producedAt), into(type), into(format), into(templateId),
            into(templateVersion), into(input), into(output), into(caller), into(diarie), into(engine), now;
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Audit, "the audit database cannot be read", _database + ": " + e.displayText());
    }
    std::vector<AuditRecord> records;
    for (std::size_t i = 0; i < id.size(); ++i) {
        records.push_back({id.at(i), producedAt.at(i), type.at(i), format.at(i), templateId.at(i),
            templateVersion.at(i), input.at(i), output.at(i), caller.at(i), diarie.at(i), engine.at(i)});
    }
    return records;
}

std::vector<AuditRecord> AuditTrail::findByOutput(const std::string& outputSha256) const
{
    return findWhere("output_sha256", outputSha256);
}

std::optional<AuditRecord> AuditTrail::findById(const std::string& documentId) const
{
    std::vector<AuditRecord> records = findWhere("id", documentId);
    if (records.empty()) {
        return std::nullopt;
    }
    return std::move(records.front());
}

std::size_t AuditTrail::count() const
{
    std::lock_guard<std::mutex> lock(_mutex);
    Poco::Int64 n = 0;
    try {
        _impl->session << "SELECT count(*) FROM documents", into(n), now;
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Audit, "the audit database cannot be read", _database + ": " + e.displayText());
    }
    return static_cast<std::size_t>(n);
}

} // namespace kansli::audit
