#include "audit/AuditTrail.h"
#include "audit/Connection.h"
#include "core/Clock.h"

#include "core/Error.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/UUIDGenerator.h>

#include <libpq-fe.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <vector>

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
/// Versioned changes to the schema above, applied in order at start, in both databases (the
/// statements are SQL both understand), all that are due in one transaction with the new version
/// number. Never edit one that has shipped: add the next.
const std::vector<std::vector<const char*>> MIGRATIONS = {
    // 1: which engine (and version) made the document: "wkhtmltopdf 0.12.6", "chromium 156.0.8078.114"
    {"ALTER TABLE documents ADD COLUMN engine TEXT NOT NULL DEFAULT ''"},
    // 2: the caller's Idempotency-Key: at most one document per caller and key, on every node
    {"ALTER TABLE documents ADD COLUMN idempotency_key TEXT NOT NULL DEFAULT ''",
     "CREATE UNIQUE INDEX documents_by_idempotency_key ON documents (caller, idempotency_key)"
     " WHERE idempotency_key <> ''"},
    // 3: the template sets the legal department approved; the latest is the cluster's active set
    {"CREATE TABLE template_sets (set_hash TEXT NOT NULL, approved_at TEXT NOT NULL, approved_by TEXT NOT NULL)"},
    // 4: batches (audit/BatchQueue.h). Unlike the records these hold case files and letters, so
    // personal data: kept only until kansli.batch.retentionHours, then deleted with their batch.
    {"CREATE TABLE batches (id TEXT PRIMARY KEY, caller TEXT NOT NULL, language TEXT NOT NULL,"
     " created_at TEXT NOT NULL, letters INTEGER NOT NULL, finished_at TEXT NOT NULL DEFAULT '')",
     "CREATE TABLE batch_letters (batch_id TEXT NOT NULL, position INTEGER NOT NULL, name TEXT NOT NULL,"
     " case_file TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'pending', lease_owner TEXT NOT NULL DEFAULT '',"
     " lease_until BIGINT NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,"
     " document_id TEXT NOT NULL DEFAULT '', pdf TEXT NOT NULL DEFAULT '', pages INTEGER NOT NULL DEFAULT 0,"
     " sha256 TEXT NOT NULL DEFAULT '', code TEXT NOT NULL DEFAULT '', message TEXT NOT NULL DEFAULT '',"
     " findings TEXT NOT NULL DEFAULT '', PRIMARY KEY (batch_id, position))",
     "CREATE INDEX batch_letters_waiting ON batch_letters (state, lease_until)"},
};

/// One row rewritten by the readiness check after a failed record, to see writes commit again.
const char* const CREATE_PROBE_TABLE
    = "CREATE TABLE IF NOT EXISTS write_probe (id INTEGER PRIMARY KEY, written_at TEXT NOT NULL)";
/// PostgreSQL has no user_version: the schema's version is this table's one row.
const char* const CREATE_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS kansli_schema (version INTEGER NOT NULL)";
/// pg_advisory_xact_lock's key for migrations: nodes that start together migrate one at a time.
const char* const MIGRATION_LOCK = "SELECT pg_advisory_xact_lock(4711015)";

const char* const COLUMNS = "id, produced_at, document_type, format, template_id, template_version,"
                            " input_sha256, output_sha256, caller, diarienummer";

void registerConnectors()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::PostgreSQL::Connector::registerConnector();
    });
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

/// The URI without its user information (user, password) and options, for messages and logs.
std::string labelOf(const std::string& database)
{
    if (!AuditTrail::isPostgresUri(database)) {
        return database;
    }
    const std::size_t scheme = database.find("://") + 3;
    std::size_t host = database.find('@', scheme);
    const std::size_t slash = database.find('/', scheme);
    host = host == std::string::npos || (slash != std::string::npos && host > slash) ? scheme : host + 1;
    const std::size_t query = database.find('?', host);
    return "postgresql://" + database.substr(host, query == std::string::npos ? std::string::npos : query - host);
}

/// The URI in libpq's keyword=value form, the only form Poco's PostgreSQL session takes. libpq
/// parses it (PQconninfoParse); a value Poco could not pass on (blank or quote inside) is refused.
std::string keywordForm(const std::string& uri, const std::string& label)
{
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(uri.c_str(), &error);
    if (options == nullptr) {
        const std::string why = error != nullptr ? error : "out of memory";
        PQfreemem(error);
        throw Error(ErrorCode::Config, "kansli.audit.database is not a PostgreSQL URI libpq accepts", label + ": " + why);
    }
    std::string form;
    bool unusable = false;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        if (o->val == nullptr || *o->val == '\0') {
            continue;
        }
        const std::string value = o->val;
        unusable = unusable || value.find_first_of(" \t'\"\\") != std::string::npos;
        form += (form.empty() ? "" : " ") + std::string(o->keyword) + "=" + value;
    }
    PQconninfoFree(options);
    if (unusable) {
        throw Error(ErrorCode::Config, "kansli.audit.database has a value with a blank or a quote",
                    label + ": put the password in ~/.pgpass or PGPASSWORD");
    }
    return form;
}

} // namespace

struct AuditTrail::Impl : Connection {
    using Connection::Connection;
};

std::string AuditTrail::nowIso()
{
    return utcTimestampNow();
}

bool AuditTrail::isPostgresUri(const std::string& database)
{
    return database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0;
}

std::string AuditTrail::databaseLabel(const std::string& database)
{
    return labelOf(database);
}

std::string AuditTrail::postgresKeywords(const std::string& uri)
{
    return keywordForm(uri, labelOf(uri));
}

bool AuditTrail::shared() const noexcept
{
    return _impl->postgres;
}

AuditTrail::AuditTrail(const AuditConfig& config)
    : _database(config.database)
    , _label(labelOf(config.database))
{
    if (_database.empty()) {
        throw Error(ErrorCode::Audit, "no audit database is configured (kansli.audit.database)");
    }
    registerConnectors();
    const bool postgres = isPostgresUri(_database);
    if (!postgres) {
        try {
            Poco::File(folderOf(_database)).createDirectories();
        } catch (const Poco::Exception& e) {
            throw Error(ErrorCode::Audit, "the audit database folder cannot be created", e.displayText());
        }
    }
    try {
        _impl = std::make_unique<Impl>(_database, postgres);
        auto& session = _impl->session;
        if (!postgres) {
            checkWritable();
            session << "PRAGMA busy_timeout=10000", now;
            std::string mode;
            session << "PRAGMA journal_mode=WAL", into(mode), now;
            if (mode != "wal") {
                throw Error(ErrorCode::Audit, "the audit database cannot use WAL mode", "journal_mode=" + mode);
            }
            session << "PRAGMA synchronous=FULL", now;
            if (config.maxPages > 0) {
                session << "PRAGMA max_page_count=" + std::to_string(config.maxPages), now;
            }
        }
        migrate();
    } catch (const Poco::Exception& e) {
        throw Error(
            ErrorCode::Audit, "the audit database cannot be opened for writing", _label + ": " + e.displayText());
    }
}

AuditTrail::AuditTrail(const std::string& database, ReadOnly)
    : _database(database)
    , _label(labelOf(database))
{
    registerConnectors();
    const bool postgres = isPostgresUri(_database);
    if (!postgres && !Poco::File(_database).exists()) {
        throw Error(ErrorCode::Audit, "there is no audit database at " + _database);
    }
    try {
        _impl = std::make_unique<Impl>(_database, postgres);
        Poco::Int64 tables = 0;
        if (postgres) {
            _impl->session << "SELECT count(*) FROM information_schema.tables"
                              " WHERE table_schema = current_schema() AND table_name = 'documents'",
                into(tables), now;
        } else {
            _impl->session << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'documents'",
                into(tables), now;
        }
        if (tables != 1) {
            throw Error(ErrorCode::Audit, _label + " is not a kansli audit database");
        }
        if (postgres) {
            std::vector<int> version;
            _impl->session << CREATE_VERSION_TABLE, now; // harmless when present; absent only before any migration
            _impl->session << "SELECT version FROM kansli_schema", into(version), now;
            _schemaVersion = version.empty() ? 0 : version.front();
        } else {
            _impl->session << "PRAGMA user_version", into(_schemaVersion), now;
        }
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Audit, "the audit database cannot be read", _label + ": " + e.displayText());
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
    const int latest = static_cast<int>(MIGRATIONS.size());
    if (_impl->postgres) {
        // Everything in one transaction under one lock: a second node starting at the same time
        // waits, then finds the schema current.
        _impl->transaction([&] {
            session << MIGRATION_LOCK, now;
            session << CREATE_TABLE, now;
            session << CREATE_INDEX, now;
            session << CREATE_VERSION_TABLE, now;
            std::vector<int> version;
            session << "SELECT version FROM kansli_schema", into(version), now;
            if (version.empty()) {
                session << "INSERT INTO kansli_schema (version) VALUES (0)", now;
            }
            _schemaVersion = version.empty() ? 0 : version.front();
            if (_schemaVersion > latest) {
                return;
            }
            for (int v = _schemaVersion; v < latest; ++v) {
                for (const char* statement : MIGRATIONS.at(static_cast<std::size_t>(v))) {
                    session << statement, now;
                }
            }
            session << "UPDATE kansli_schema SET version = " + std::to_string(latest), now;
            _schemaVersion = latest;
        });
    } else {
        // All of it under SQLite's write lock (BEGIN IMMEDIATE), the version read inside: a second
        // process opening the same file at the same time waits, then finds the schema current.
        _impl->transaction([&] {
            session << CREATE_TABLE, now;
            session << CREATE_INDEX, now;
            session << CREATE_PROBE_TABLE, now;
            session << "PRAGMA user_version", into(_schemaVersion), now;
            if (_schemaVersion > latest) {
                return;
            }
            for (int v = _schemaVersion; v < latest; ++v) {
                for (const char* statement : MIGRATIONS.at(static_cast<std::size_t>(v))) {
                    session << statement, now;
                }
            }
            session << "PRAGMA user_version = " + std::to_string(latest), now;
            _schemaVersion = latest;
        });
    }
    if (_schemaVersion > latest) {
        throw Error(ErrorCode::Audit, "the audit database was written by a newer kansli",
            _label + ": schema version " + std::to_string(_schemaVersion) + ", this program knows "
                + std::to_string(latest));
    }
}

int AuditTrail::schemaVersion() const noexcept
{
    return _schemaVersion;
}

bool AuditTrail::writable() const
{
    if (_impl->postgres) {
        // The server is the only thing to ask: a connection lost is opened again here.
        std::lock_guard<std::mutex> lock(_mutex);
        try {
            int one = 0;
            _impl->run([&] { _impl->session << "SELECT 1", into(one), now; });
            _failing = false;
            return one == 1;
        } catch (const Poco::Exception&) {
            _failing = true;
            return false;
        }
    }
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
        _impl->transaction([&] {
            _impl->session << "INSERT OR REPLACE INTO write_probe (id, written_at) VALUES (1, ?)", use(at), now;
        });
        _failing = false;
        return true;
    } catch (const Poco::Exception&) {
        return false;
    }
}

void AuditTrail::checkWritable() const
{
    if (_impl && _impl->postgres) {
        return; // a server's permissions show at the first write
    }
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
    bool inserted = false;
    return insert(std::move(record), false, inserted);
}

std::pair<AuditRecord, bool> AuditTrail::recordOnce(AuditRecord record)
{
    bool inserted = false;
    AuditRecord stored = insert(std::move(record), true, inserted);
    return {std::move(stored), inserted};
}

AuditRecord AuditTrail::insert(AuditRecord record, bool onlyOnce, bool& inserted)
{
    if (record.id.empty()) {
        record.id = Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    }
    if (record.producedAt.empty()) {
        record.producedAt = nowIso();
    }
    std::unique_lock<std::mutex> lock(_mutex);
    try {
        checkWritable();
    } catch (const Error&) {
        _failing = true;
        throw;
    }
    auto& session = _impl->session;
    // A second record under the same caller and key is not stored; the first one stands. The id
    // conflicts only with this record itself: its COMMIT went through on a connection that was
    // lost before the answer came, and the run again found it there.
    const std::string sql = _impl->sql(std::string("INSERT INTO documents (") + COLUMNS
                                       + ", engine, idempotency_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                       + " ON CONFLICT DO NOTHING");
    bool ours = false;
    try {
        _impl->run([&] {
            _impl->transaction([&] {
                Poco::Data::Statement insert(session);
                insert << sql, use(record.id), use(record.producedAt), use(record.documentType), use(record.format),
                    use(record.templateId), use(record.templateVersion), use(record.inputSha256),
                    use(record.outputSha256), use(record.caller), use(record.diarienummer), use(record.engine),
                    use(record.idempotencyKey);
                inserted = insert.execute() == 1;
                if (!inserted) {
                    Poco::Int64 same = 0;
                    session << _impl->sql("SELECT count(*) FROM documents WHERE id = ?"), use(record.id), into(same), now;
                    ours = same == 1;
                }
            });
        });
        _failing = false;
    } catch (const Poco::Exception& e) {
        _failing = true;
        throw Error(ErrorCode::Audit, "the audit record could not be written; no document is handed out without it",
            _label + ": " + e.displayText());
    }
    if (inserted || ours) {
        inserted = true;
        return record;
    }
    if (!onlyOnce) {
        throw Error(ErrorCode::Audit, "the audit record could not be written; no document is handed out without it",
            _label + ": the record conflicts with a stored one");
    }
    lock.unlock();
    std::optional<AuditRecord> first = findByIdempotencyKey(record.caller, record.idempotencyKey);
    if (!first) {
        throw Error(ErrorCode::Audit, "the audit record could not be written; no document is handed out without it",
            _label + ": a record with this id exists already");
    }
    return std::move(*first);
}

TemplateSetApproval AuditTrail::approveTemplateSet(const std::string& setHash, const std::string& approvedBy)
{
    TemplateSetApproval approval{setHash, nowIso(), approvedBy};
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _impl->run([&] {
            _impl->transaction([&] {
                _impl->session << _impl->sql(
                    "INSERT INTO template_sets (set_hash, approved_at, approved_by) VALUES (?, ?, ?)"),
                    use(approval.setHash), use(approval.approvedAt), use(approval.approvedBy), now;
            });
        });
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Audit, "the approval of the template set could not be written",
            _label + ": " + e.displayText());
    }
    return approval;
}

std::optional<TemplateSetApproval> AuditTrail::activeTemplateSet() const
{
    std::vector<std::string> hash, at, by;
    std::lock_guard<std::mutex> lock(_mutex);
    if (_schemaVersion < 3) {
        return std::nullopt;
    }
    try {
        _impl->run([&] {
            hash.clear();
            at.clear();
            by.clear();
            _impl->session << "SELECT set_hash, approved_at, approved_by FROM template_sets"
                              " ORDER BY approved_at DESC LIMIT 1",
                into(hash), into(at), into(by), now;
        });
    } catch (const Poco::Exception& e) {
        _failing = true;
        throw Error(ErrorCode::Audit, "the audit database cannot be read", _label + ": " + e.displayText());
    }
    if (hash.empty()) {
        return std::nullopt;
    }
    return TemplateSetApproval{hash.front(), at.front(), by.front()};
}

std::optional<AuditRecord> AuditTrail::findByIdempotencyKey(const std::string& caller, const std::string& key) const
{
    if (key.empty() || _schemaVersion < 2) {
        return std::nullopt;
    }
    // Both columns, in the order of their unique index (documents_by_idempotency_key).
    std::vector<AuditRecord> records = findWhere("caller = ? AND idempotency_key = ?", {caller, key});
    if (records.empty()) {
        return std::nullopt;
    }
    return std::move(records.front());
}

std::vector<AuditRecord> AuditTrail::findWhere(const char* condition, std::vector<std::string> values) const
{
    std::vector<std::string> id, producedAt, type, format, templateId, templateVersion, input, output, caller, diarie,
        engine, key;
    // A trail opened for reading is not migrated: before migration 1 no record names its engine,
    // before migration 2 none has a key.
    const std::string sql = _impl->sql(std::string("SELECT ") + COLUMNS + ", "
                                       + (_schemaVersion >= 1 ? "engine" : "''") + ", "
                                       + (_schemaVersion >= 2 ? "idempotency_key" : "''") + " FROM documents WHERE "
                                       + condition + " ORDER BY produced_at, id");
    std::lock_guard<std::mutex> lock(_mutex);
    try {
        _impl->run([&] {
            for (auto* column : {&id, &producedAt, &type, &format, &templateId, &templateVersion, &input, &output,
                                 &caller, &diarie, &engine, &key}) {
                column->clear();
            }
            Poco::Data::Statement select(_impl->session);
            select << sql;
            for (std::string& value : values) {
                select, use(value);
            }
            select, into(id), into(producedAt), into(type), into(format), into(templateId), into(templateVersion),
                into(input), into(output), into(caller), into(diarie), into(engine), into(key);
            select.execute();
        });
    } catch (const Poco::Exception& e) {
        _failing = true;
        throw Error(ErrorCode::Audit, "the audit database cannot be read", _label + ": " + e.displayText());
    }
    std::vector<AuditRecord> records;
    for (std::size_t i = 0; i < id.size(); ++i) {
        records.push_back({id.at(i), producedAt.at(i), type.at(i), format.at(i), templateId.at(i),
            templateVersion.at(i), input.at(i), output.at(i), caller.at(i), diarie.at(i), engine.at(i), key.at(i)});
    }
    return records;
}

std::vector<AuditRecord> AuditTrail::findByOutput(const std::string& outputSha256) const
{
    return findWhere("output_sha256 = ?", {outputSha256});
}

std::optional<AuditRecord> AuditTrail::findById(const std::string& documentId) const
{
    std::vector<AuditRecord> records = findWhere("id = ?", {documentId});
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
        _impl->run([&] { _impl->session << "SELECT count(*) FROM documents", into(n), now; });
    } catch (const Poco::Exception& e) {
        _failing = true;
        throw Error(ErrorCode::Audit, "the audit database cannot be read", _label + ": " + e.displayText());
    }
    return static_cast<std::size_t>(n);
}

} // namespace kansli::audit
