#define BOOST_TEST_DYN_LINK
#define BOOST_TEST_MODULE kansli audit
// The audit trail against a real SQLite file in a temporary folder and, when the environment
// names one (KANSLI_TEST_POSTGRESQL: a database URI, as scripts/test-postgresql writes it), a real
// PostgreSQL server: the suite TwoDatabases runs each of its cases on both.

#include "audit/AuditTrail.h"
#include "audit/BatchQueue.h"
#include "core/Error.h"

#include "Databases.h"
#include "Run.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/File.h>

#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <thread>

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

std::vector<std::unique_ptr<test::Database>> databases(TempDir& dir)
{
    return test::databases(dir.path);
}

} // namespace

BOOST_AUTO_TEST_SUITE(TwoDatabases)

BOOST_AUTO_TEST_CASE(the_postgresql_server_is_used_when_the_test_names_one)
{
    // Run from CTest's audit_postgresql entry the variable is set and the server must answer:
    // a missing server fails here rather than the PostgreSQL cases passing by not running.
    TempDir dir;
    const auto all = databases(dir);
    BOOST_TEST(all.size() == (test::testPostgresql().empty() ? 1u : 2u));
}

BOOST_AUTO_TEST_CASE(a_record_made_through_one_connection_is_found_through_another)
{
    TempDir dir;
    for (const auto& db : databases(dir)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            // Two trails on one database: two nodes of a cluster.
            audit::AuditTrail first({db->uri});
            audit::AuditTrail second({db->uri});
            BOOST_TEST(first.schemaVersion() == 4);
            BOOST_TEST(first.shared() == (db->name == "postgresql"));
            auto record = sample(std::string(64, 'c'));
            record.engine = "wkhtmltopdf 0.12.6";
            const auto stored = first.record(record);
            const auto found = second.findById(stored.id);
            BOOST_TEST_REQUIRE(found.has_value());
            BOOST_TEST(found->outputSha256 == std::string(64, 'c'));
            BOOST_TEST(found->engine == "wkhtmltopdf 0.12.6");
            BOOST_TEST(found->producedAt == stored.producedAt);
            BOOST_TEST(second.findByOutput(std::string(64, 'c')).size() == 1u);
            BOOST_TEST(second.count() == 1u);
            BOOST_TEST(first.writable());
            // What `kansli audit verify` opens.
            const auto reader = audit::AuditTrail::openForReading(db->uri);
            BOOST_TEST(reader->schemaVersion() == 4);
            BOOST_TEST(reader->findById(stored.id).has_value());
            BOOST_TEST(!reader->findById("00000000-0000-0000-0000-000000000000").has_value());
        }
    }
}

BOOST_AUTO_TEST_CASE(one_document_per_caller_and_idempotency_key_across_connections)
{
    TempDir dir;
    for (const auto& db : databases(dir)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            audit::AuditTrail first({db->uri});
            audit::AuditTrail second({db->uri});
            auto record = sample();
            record.idempotencyKey = "key-1";
            const auto [stored, inserted] = first.recordOnce(record);
            BOOST_TEST(inserted);
            BOOST_TEST(stored.idempotencyKey == "key-1");
            // The same key again, from the other node: the first record stands.
            auto again = sample(std::string(64, 'd'));
            again.idempotencyKey = "key-1";
            const auto [existing, insertedAgain] = second.recordOnce(again);
            BOOST_TEST(!insertedAgain);
            BOOST_TEST(existing.id == stored.id);
            BOOST_TEST(existing.outputSha256 == std::string(64, 'b'));
            // Keys belong to their caller; records without a key are never deduplicated.
            auto otherCaller = sample();
            otherCaller.caller = "other-system";
            otherCaller.idempotencyKey = "key-1";
            BOOST_TEST(second.recordOnce(otherCaller).second);
            first.record(sample());
            first.record(sample());
            BOOST_TEST(first.count() == 4u);
            BOOST_TEST(second.findByIdempotencyKey("test-system", "key-1")->id == stored.id);
            BOOST_TEST(second.findByIdempotencyKey("other-system", "key-1")->id != stored.id);
            BOOST_TEST(!second.findByIdempotencyKey("test-system", "key-2").has_value());

            // Many nodes racing with one key: exactly one record, and every one of them is told its id.
            std::vector<std::unique_ptr<audit::AuditTrail>> nodes;
            for (int i = 0; i < 4; ++i) {
                nodes.push_back(std::make_unique<audit::AuditTrail>(audit::AuditConfig{db->uri}));
            }
            std::vector<std::string> ids(nodes.size());
            std::vector<int> insertedCount(nodes.size());
            std::vector<std::thread> threads;
            for (std::size_t i = 0; i < nodes.size(); ++i) {
                threads.emplace_back([&, i] {
                    auto r = sample(std::string(64, 'e'));
                    r.idempotencyKey = "race";
                    const auto result = nodes.at(i)->recordOnce(r);
                    ids.at(i) = result.first.id;
                    insertedCount.at(i) = result.second ? 1 : 0;
                });
            }
            for (auto& t : threads) {
                t.join();
            }
            BOOST_TEST(insertedCount.at(0) + insertedCount.at(1) + insertedCount.at(2) + insertedCount.at(3) == 1);
            for (const auto& id : ids) {
                BOOST_TEST(id == ids.front());
            }
            BOOST_TEST(first.findByOutput(std::string(64, 'e')).size() == 1u);
        }
    }
}

BOOST_AUTO_TEST_CASE(the_latest_approved_template_set_is_the_active_one)
{
    TempDir dir;
    for (const auto& db : databases(dir)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            audit::AuditTrail first({db->uri});
            audit::AuditTrail second({db->uri});
            BOOST_TEST(!first.activeTemplateSet().has_value());
            first.approveTemplateSet(std::string(64, '1'), "juridik");
            BOOST_TEST(second.activeTemplateSet()->setHash == std::string(64, '1'));
            std::this_thread::sleep_for(std::chrono::milliseconds(2)); // approvals are ordered by time (ms)
            const auto approval = second.approveTemplateSet(std::string(64, '2'), "juridik");
            const auto active = first.activeTemplateSet();
            BOOST_TEST_REQUIRE(active.has_value());
            BOOST_TEST(active->setHash == std::string(64, '2'));
            BOOST_TEST(active->approvedBy == "juridik");
            BOOST_TEST(active->approvedAt == approval.approvedAt);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_older_trail_is_migrated_once_and_keeps_its_records)
{
    TempDir dir;
    for (const auto& db : databases(dir)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            // A trail as kansli wrote it before schema version 1 (no engine column), with one record.
            db->execute("CREATE TABLE documents (id TEXT PRIMARY KEY, produced_at TEXT NOT NULL,"
                        " document_type TEXT NOT NULL, format TEXT NOT NULL, template_id TEXT NOT NULL,"
                        " template_version TEXT NOT NULL, input_sha256 TEXT NOT NULL, output_sha256 TEXT NOT NULL,"
                        " caller TEXT NOT NULL, diarienummer TEXT NOT NULL)");
            db->execute("INSERT INTO documents VALUES ('old-1', '2026-01-01T00:00:00.000Z', 'beslut', 'pdf', 'beslut',"
                        " '1.0.0', '" + std::string(64, 'a') + "', '" + std::string(64, 'e') + "', 'sys', 'SN 1')");
            {
                const auto reader = audit::AuditTrail::openForReading(db->uri);
                BOOST_TEST(reader->schemaVersion() == 0);
                BOOST_TEST_REQUIRE(reader->findByOutput(std::string(64, 'e')).size() == 1u);
                BOOST_TEST(reader->findByOutput(std::string(64, 'e')).front().engine.empty());
            }
            // Three nodes start at once: the schema is migrated once, by one of them.
            std::vector<std::unique_ptr<audit::AuditTrail>> nodes(3);
            std::vector<std::thread> threads;
            std::atomic<int> failures{0};
            for (std::size_t i = 0; i < nodes.size(); ++i) {
                threads.emplace_back([&, i] {
                    try {
                        nodes.at(i) = std::make_unique<audit::AuditTrail>(audit::AuditConfig{db->uri});
                    } catch (const Error&) {
                        ++failures;
                    }
                });
            }
            for (auto& t : threads) {
                t.join();
            }
            BOOST_TEST(failures.load() == 0);
            BOOST_TEST_REQUIRE(nodes.at(0) != nullptr);
            audit::AuditTrail& trail = *nodes.at(0);
            BOOST_TEST(trail.schemaVersion() == 4);
            auto record = sample(std::string(64, 'f'));
            record.engine = "chromium 156.0.8078.114";
            trail.record(record);
            BOOST_TEST(trail.count() == 2u);
            BOOST_TEST(trail.findByOutput(std::string(64, 'e')).front().engine.empty());
            BOOST_TEST(trail.findByOutput(std::string(64, 'f')).front().engine == "chromium 156.0.8078.114");
            audit::AuditTrail again({db->uri});
            BOOST_TEST(again.schemaVersion() == 4);
            BOOST_TEST(again.count() == 2u);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_connection_the_server_closed_is_opened_again)
{
    TempDir dir;
    for (const auto& db : databases(dir)) {
        if (db->name != "postgresql") {
            continue; // a file has no connection to lose
        }
        audit::AuditTrail trail({db->uri});
        trail.record(sample());
        // The server ends every other session of this database (as at a restart or failover).
        db->execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        // The readiness probe notices and opens a new connection; records go on.
        BOOST_TEST(trail.writable());
        trail.record(sample());
        BOOST_TEST(trail.count() == 2u);
        // Lost again, and the next record is the first to notice: it is written all the same.
        db->execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        trail.record(sample());
        BOOST_TEST(trail.count() == 3u);
    }
}

BOOST_AUTO_TEST_CASE(batch_letters_are_leased_to_one_node_at_a_time_and_never_lost)
{
    using namespace std::chrono_literals;
    TempDir dir;
    for (const auto& db : databases(dir)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            audit::AuditTrail trail({db->uri}); // creates the tables
            audit::BatchQueue nodeA(db->uri, "node-a");
            audit::BatchQueue nodeB(db->uri, "node-b");
            std::vector<audit::BatchInput> inputs;
            for (int i = 0; i < 5; ++i) {
                inputs.push_back({"letter-" + std::to_string(i) + ".xml", "<case n='" + std::to_string(i) + "'/>"});
            }
            const std::string id = nodeA.submit("case-system", "sv", inputs);
            BOOST_TEST(id.size() == 36u);
            // Another caller does not see it.
            BOOST_TEST(!nodeB.find(id, "other-system").has_value());
            BOOST_TEST(nodeB.find(id, "case-system")->waiting == 5u);

            // Two nodes lease at once: disjoint letters, in order.
            const auto a = nodeA.lease(2, 60s);
            const auto b = nodeB.lease(2, 60s);
            BOOST_TEST_REQUIRE(a.size() == 2u);
            BOOST_TEST_REQUIRE(b.size() == 2u);
            BOOST_TEST(a.at(0).position == 0);
            BOOST_TEST(a.at(1).position == 1);
            BOOST_TEST(b.at(0).position == 2);
            BOOST_TEST(a.at(0).caseFile == "<case n='0'/>");
            BOOST_TEST(a.at(0).caller == "case-system");
            BOOST_TEST(a.at(0).language == "sv");

            // Results: a PDF's bytes come back as stored (binary included).
            const std::string pdf = std::string("%PDF-1.7\n\0\xff\xfe binary", 19);
            BOOST_TEST(nodeA.storeMade(a.at(0), "doc-0", std::string(64, 'a'), 3, pdf));
            BOOST_TEST(nodeA.storeNotMade(a.at(1), true, "schema-invalid", "refused", "[{\"code\":\"x\"}]"));
            BOOST_TEST(nodeA.pdf(id, 0) == pdf);
            BOOST_TEST(nodeA.pdf(id, 1).empty());
            // A node cannot store a result for a letter leased to another.
            BOOST_TEST(!nodeA.storeMade(b.at(0), "doc-x", std::string(64, 'x'), 1, pdf));

            // Node B dies holding letters 2 and 3: when its lease runs out, A takes them over.
            const auto short1 = nodeA.lease(10, 1ms); // letter 4, leased briefly
            BOOST_TEST_REQUIRE(short1.size() == 1u);
            std::this_thread::sleep_for(5ms);
            BOOST_TEST(nodeA.lease(10, 60s).size() == 1u); // only letter 4 (B's leases still hold)
            // ... B's leases made to run out:
            db->execute("UPDATE batch_letters SET lease_until = 1 WHERE lease_owner = 'node-b'");
            const auto takenOver = nodeA.lease(10, 60s);
            BOOST_TEST_REQUIRE(takenOver.size() == 2u);
            BOOST_TEST(takenOver.at(0).position == 2);
            // B's late result does not count; A's does.
            BOOST_TEST(!nodeB.storeMade(b.at(0), "doc-late", std::string(64, 'l'), 1, pdf));
            for (const auto& letter : takenOver) {
                BOOST_TEST(nodeA.storeMade(letter, "doc-" + std::to_string(letter.position), std::string(64, 'c'), 2, pdf));
            }
            BOOST_TEST(!nodeA.finishIfDone(id)); // letter 4 still leased
            BOOST_TEST(nodeA.find(id, "case-system")->finishedAt.empty());

            // A letter that keeps killing its node is failed after MAX_ATTEMPTS leases.
            for (int attempt = 0; attempt < audit::BatchQueue::MAX_ATTEMPTS; ++attempt) {
                db->execute("UPDATE batch_letters SET lease_until = 1 WHERE state = 'leased'");
                nodeB.lease(10, 60s);
            }
            db->execute("UPDATE batch_letters SET lease_until = 1 WHERE state = 'leased'");
            BOOST_TEST(nodeB.lease(10, 60s).empty());
            const auto letters = nodeB.letters(id);
            BOOST_TEST_REQUIRE(letters.size() == 5u);
            BOOST_TEST(letters.at(4).state == "failed");
            BOOST_TEST(letters.at(1).state == "refused");
            BOOST_TEST(letters.at(1).findings == "[{\"code\":\"x\"}]");
            BOOST_TEST(letters.at(2).documentId == "doc-2");

            // Finished once: exactly one node is told so.
            BOOST_TEST(nodeB.finishIfDone(id));
            BOOST_TEST(!nodeA.finishIfDone(id));
            const auto summary = nodeA.find(id, "case-system");
            BOOST_TEST(summary->made == 3u);
            BOOST_TEST(summary->refused == 1u);
            BOOST_TEST(summary->failed == 1u);
            BOOST_TEST(summary->waiting == 0u);
            BOOST_TEST(!summary->finishedAt.empty());

            // Kept until the retention ends.
            BOOST_TEST(nodeA.purge("2000-01-01T00:00:00.000Z") == 0u);
            BOOST_TEST(nodeA.purge("2999-01-01T00:00:00.000Z") == 1u);
            BOOST_TEST(!nodeA.find(id, "case-system").has_value());
            BOOST_TEST(nodeA.letters(id).empty());
        }
    }
}

BOOST_AUTO_TEST_CASE(a_trail_of_a_newer_schema_is_refused)
{
    TempDir dir;
    for (const auto& db : databases(dir)) {
        BOOST_TEST_CONTEXT(db->name)
        {
            { audit::AuditTrail trail({db->uri}); }
            db->execute(db->name == "sqlite" ? "PRAGMA user_version = 99" : "UPDATE kansli_schema SET version = 99");
            BOOST_TEST(throwsAudit([&] { audit::AuditTrail trail({db->uri}); }));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

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
    audit::AuditTrail trail({dir.path + "/audit.sqlite", 16});
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

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(DatabaseLabel)

BOOST_AUTO_TEST_CASE(a_label_never_shows_a_user_or_password)
{
    // [URI or path, what logs and messages show]
    const std::vector<std::pair<std::string, std::string>> rows = {
        {"/var/lib/kansli/audit.sqlite", "/var/lib/kansli/audit.sqlite"},
        {"postgresql://db.example:5432/kansli", "postgresql://db.example:5432/kansli"},
        {"postgresql://kansli@db.example:5432/kansli", "postgresql://db.example:5432/kansli"},
        {"postgresql://kansli:s3cret@db.example/kansli?sslmode=verify-full", "postgresql://db.example/kansli"},
        {"postgres://k:p@10.0.0.5", "postgresql://10.0.0.5"},
    };
    for (const auto& [database, label] : rows) {
        BOOST_TEST(audit::AuditTrail::databaseLabel(database) == label);
        BOOST_TEST(audit::AuditTrail::databaseLabel(database).find("s3cret") == std::string::npos);
    }
    BOOST_TEST(audit::AuditTrail::isPostgresUri("postgres://h/d"));
    BOOST_TEST(!audit::AuditTrail::isPostgresUri("/srv/postgresql://x"));
    // Poco's session takes libpq's keyword form; a value it could not pass on is refused by name.
    BOOST_TEST(audit::AuditTrail::postgresKeywords("postgresql://kansli@127.0.0.1:5432/kansli")
               == "user=kansli dbname=kansli host=127.0.0.1 port=5432");
    BOOST_TEST(throwsAudit([] { audit::AuditTrail::postgresKeywords("postgresql://k:a%20b@h/d"); }) == false);
    bool config = false;
    try {
        audit::AuditTrail::postgresKeywords("postgresql://k:a%20b@h/d");
    } catch (const Error& e) {
        config = e.code() == ErrorCode::Config && e.internalDetail().find("a b") == std::string::npos;
    }
    BOOST_TEST(config);
}

BOOST_AUTO_TEST_SUITE_END()
