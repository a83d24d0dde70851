#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_MODULE kansli audit
// The audit trail against a real SQLite file in a temporary folder.

#include "audit/AuditTrail.h"
#include "core/Error.h"

#include "Run.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/File.h>

#include <boost/test/unit_test.hpp>

#include <functional>

#include <sys/stat.h>

using namespace kansli;
using namespace Poco::Data::Keywords;

namespace {

struct TempDir {
    std::string path = test::makeTempDir("kansli-audit");
    ~TempDir()
    {
        ::chmod(path.c_str(), 0755);
        Poco::File(path).remove(true);
    }
};

audit::AuditRecord sample(const std::string& outputSha = std::string(64, 'b'))
{
    audit::AuditRecord r;
    r.documentType = "beslut";
    r.format = "pdf";
    r.templateId = "beslut";
    r.templateVersion = "1.0.0";
    r.inputSha256 = std::string(64, 'a');
    r.outputSha256 = outputSha;
    r.caller = "test-system";
    r.diarienummer = "SN 2026/0001";
    return r;
}

bool throwsAudit(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.code() == ErrorCode::Audit;
    }
    return false;
}

} // namespace

BOOST_AUTO_TEST_SUITE(AuditTrailTest)

BOOST_AUTO_TEST_CASE(records_are_stored_and_found_by_output_hash)
{
    TempDir dir;
    const std::string db = dir.path + "/var/sub/audit.sqlite"; // folders are created
    {
        audit::AuditTrail trail({db});
        const auto stored = trail.record(sample());
        BOOST_TEST(stored.id.size() == 36u);
        BOOST_TEST(stored.producedAt.size() == 24u);
        trail.record(sample(std::string(64, 'c')));
        BOOST_TEST(trail.count() == 2u);
        const auto found = trail.findByOutput(std::string(64, 'b'));
        BOOST_TEST_REQUIRE(found.size() == 1u);
        BOOST_TEST(found.at(0).id == stored.id);
        BOOST_TEST(found.at(0).diarienummer == "SN 2026/0001");
        BOOST_TEST(found.at(0).caller == "test-system");
        BOOST_TEST(trail.findByOutput(std::string(64, 'd')).empty());
    }
    // Lookups reopen the file without writing.
    const auto reader = audit::AuditTrail::openForReading(db);
    BOOST_TEST(reader->count() == 2u);
    BOOST_TEST(reader->findByOutput(std::string(64, 'c')).size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_database_is_wal_and_every_record_is_committed)
{
    TempDir dir;
    const std::string db = dir.path + "/audit.sqlite";
    audit::AuditTrail trail({db});
    trail.record(sample());
    // A second, independent connection sees the record at once: it was committed.
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session other("SQLite", db);
    std::string mode;
    other << "PRAGMA journal_mode", into(mode), now;
    BOOST_TEST(mode == "wal");
    int rows = 0;
    other << "SELECT count(*) FROM documents", into(rows), now;
    BOOST_TEST(rows == 1);
}

BOOST_AUTO_TEST_CASE(a_read_only_file_makes_recording_fail)
{
    TempDir dir;
    const std::string db = dir.path + "/audit.sqlite";
    audit::AuditTrail trail({db});
    trail.record(sample());
    ::chmod(db.c_str(), 0444);
    BOOST_TEST(!trail.writable());
    BOOST_TEST(throwsAudit([&] { trail.record(sample()); }));
    BOOST_TEST(throwsAudit([&] { audit::AuditTrail again({db}); }));
    ::chmod(db.c_str(), 0644);
    BOOST_TEST(trail.count() == 1u);
    trail.record(sample());
    BOOST_TEST(trail.count() == 2u);
}

BOOST_AUTO_TEST_CASE(a_read_only_folder_makes_recording_fail)
{
    TempDir dir;
    const std::string folder = dir.path + "/var";
    const std::string db = folder + "/audit.sqlite";
    audit::AuditTrail trail({db});
    ::chmod(folder.c_str(), 0555);
    BOOST_TEST(throwsAudit([&] { trail.record(sample()); }));
    // A new database in a read-only folder stops the start.
    BOOST_TEST(throwsAudit([&] { audit::AuditTrail other({folder + "/other.sqlite"}); }));
    ::chmod(folder.c_str(), 0755);
}

BOOST_AUTO_TEST_CASE(a_full_database_makes_recording_fail_and_keeps_what_it_had)
{
    TempDir dir;
    audit::AuditTrail trail({dir.path + "/audit.sqlite", 8});
    bool failed = false;
    std::size_t stored = 0;
    for (int i = 0; i < 2000 && !failed; ++i) {
        try {
            trail.record(sample());
            ++stored;
        } catch (const Error& e) {
            BOOST_TEST((e.code() == ErrorCode::Audit));
            failed = true;
        }
    }
    BOOST_TEST(failed);
    BOOST_TEST(trail.count() == stored);
}

BOOST_AUTO_TEST_CASE(reading_a_missing_or_foreign_file_is_an_audit_error)
{
    TempDir dir;
    BOOST_TEST(throwsAudit([&] { audit::AuditTrail::openForReading(dir.path + "/none.sqlite"); }));
    test::writeFile(dir.path + "/foreign.sqlite", "not a database at all, just text");
    BOOST_TEST(throwsAudit([&] { audit::AuditTrail::openForReading(dir.path + "/foreign.sqlite"); }));
    BOOST_TEST(throwsAudit([] { audit::AuditTrail none({""}); }));
}

BOOST_AUTO_TEST_CASE(a_trail_of_an_older_schema_is_migrated_and_keeps_its_records)
{
    TempDir dir;
    const std::string db = dir.path + "/audit.sqlite";
    // A trail as kansli wrote it before schema version 1 (no engine column), with one record.
    {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::Session old("SQLite", db);
        old << "CREATE TABLE documents (id TEXT PRIMARY KEY, produced_at TEXT NOT NULL, document_type TEXT NOT NULL,"
               " format TEXT NOT NULL, template_id TEXT NOT NULL, template_version TEXT NOT NULL,"
               " input_sha256 TEXT NOT NULL, output_sha256 TEXT NOT NULL, caller TEXT NOT NULL,"
               " diarienummer TEXT NOT NULL)", now;
        old << "INSERT INTO documents VALUES ('old-1', '2026-01-01T00:00:00.000Z', 'beslut', 'pdf', 'beslut',"
               " '1.0.0', '" + std::string(64, 'a') + "', '" + std::string(64, 'e') + "', 'sys', 'SN 1')", now;
    }
    // Read before migration: the engine is unknown, not an error.
    {
        const auto reader = audit::AuditTrail::openForReading(db);
        BOOST_TEST(reader->schemaVersion() == 0);
        BOOST_TEST_REQUIRE(reader->findByOutput(std::string(64, 'e')).size() == 1u);
        BOOST_TEST(reader->findByOutput(std::string(64, 'e')).front().engine.empty());
    }
    {
        audit::AuditTrail trail({db});
        BOOST_TEST(trail.schemaVersion() == 1);
        auto record = sample(std::string(64, 'f'));
        record.engine = "chromium 156.0.8078.114";
        trail.record(record);
        BOOST_TEST(trail.count() == 2u);
        BOOST_TEST(trail.findByOutput(std::string(64, 'e')).front().engine.empty());
        BOOST_TEST(trail.findByOutput(std::string(64, 'f')).front().engine == "chromium 156.0.8078.114");
    }
    // Opened again: nothing to migrate, nothing lost.
    audit::AuditTrail again({db});
    BOOST_TEST(again.schemaVersion() == 1);
    BOOST_TEST(again.count() == 2u);
}

BOOST_AUTO_TEST_CASE(a_trail_of_a_newer_schema_is_refused)
{
    TempDir dir;
    const std::string db = dir.path + "/audit.sqlite";
    { audit::AuditTrail trail({db}); }
    {
        Poco::Data::Session session("SQLite", db);
        session << "PRAGMA user_version = 99", now;
    }
    BOOST_TEST(throwsAudit([&] { audit::AuditTrail trail({db}); }));
}

BOOST_AUTO_TEST_SUITE_END()
