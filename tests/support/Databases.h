#pragma once
/// Test support: the audit trail's two databases, each fresh for one test. An SQLite file in a
/// folder of the test's, and — when the environment names a server (KANSLI_TEST_POSTGRESQL, a
/// URI as scripts/test-postgresql writes it) — a new database on that PostgreSQL server,
/// dropped when the test ends.

#include "audit/AuditTrail.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <atomic>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

namespace kansli::test {

struct Database {
    std::string name; ///< "sqlite" or "postgresql", for the test log
    std::string uri;  ///< what kansli.audit.database would say
    std::function<void(const std::string&)> execute; ///< SQL on a connection of its own
    std::function<void()> drop;
    ~Database()
    {
        if (drop) {
            drop();
        }
    }
};

/// The PostgreSQL server the test run started, or empty when none was named.
inline std::string testPostgresql()
{
    const char* server = std::getenv("KANSLI_TEST_POSTGRESQL");
    return server != nullptr ? server : "";
}

/// A fresh SQLite file in `folder` and, when a server is named, a fresh PostgreSQL database.
inline std::vector<std::unique_ptr<Database>> databases(const std::string& folder)
{
    using namespace Poco::Data::Keywords;
    std::vector<std::unique_ptr<Database>> all;
    auto sqlite = std::make_unique<Database>();
    sqlite->name = "sqlite";
    sqlite->uri = folder + "/audit.sqlite";
    sqlite->execute = [uri = sqlite->uri](const std::string& sql) {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::Session session("SQLite", uri);
        session << sql, now;
    };
    all.push_back(std::move(sqlite));
    const std::string admin = testPostgresql();
    if (admin.empty()) {
        return all;
    }
    Poco::Data::PostgreSQL::Connector::registerConnector();
    static std::atomic<int> serial{0};
    const std::string name = "kansli_test_" + std::to_string(::getpid()) + "_" + std::to_string(++serial);
    {
        Poco::Data::Session session("PostgreSQL", audit::AuditTrail::postgresKeywords(admin));
        session << "CREATE DATABASE " + name, now;
    }
    auto postgres = std::make_unique<Database>();
    postgres->name = "postgresql";
    postgres->uri = admin.substr(0, admin.rfind('/') + 1) + name;
    postgres->execute = [uri = postgres->uri](const std::string& sql) {
        Poco::Data::Session session("PostgreSQL", audit::AuditTrail::postgresKeywords(uri));
        session << sql, now;
    };
    postgres->drop = [admin, name] {
        try {
            Poco::Data::Session session("PostgreSQL", audit::AuditTrail::postgresKeywords(admin));
            session << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", now;
        } catch (const Poco::Exception&) {
            // the server went away with the test run; its folder is removed with it
        }
    };
    all.push_back(std::move(postgres));
    return all;
}

} // namespace kansli::test
