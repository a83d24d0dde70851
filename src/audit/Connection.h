#pragma once
/// One connection to the audit database, SQLite or PostgreSQL, and what both kinds of statement
/// need: placeholders in the database's form, one transaction, and (PostgreSQL) a connection the
/// server closed opened again. Internal to the audit library (AuditTrail, BatchQueue). Not
/// thread-safe: its owner serialises its use.

#include "audit/AuditTrail.h"

#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <string>

namespace kansli::audit {

using namespace Poco::Data::Keywords;

class Connection {
public:
    bool postgres;
    Poco::Data::Session session;
    Connection(const std::string& database, bool isPostgres)
        : postgres(isPostgres)
        , session(isPostgres ? "PostgreSQL" : "SQLite", isPostgres ? AuditTrail::postgresKeywords(database) : database)
    {
        quiet();
    }

    /// libpq prints the server's notices ("relation ... already exists, skipping") to stderr,
    /// which is the service's JSON log: only warnings and errors are asked for.
    void quiet()
    {
        if (postgres) {
            session << "SET client_min_messages = warning", now;
        }
    }

    /// `text` with SQLite's ? placeholders, as this database wants them (PostgreSQL: $1, $2, ...).
    std::string sql(const std::string& text) const
    {
        if (!postgres) {
            return text;
        }
        std::string out;
        int n = 0;
        for (char c : text) {
            if (c == '?') {
                out += "$" + std::to_string(++n);
            } else {
                out += c;
            }
        }
        return out;
    }

    const char* begin() const { return postgres ? "BEGIN" : "BEGIN IMMEDIATE"; }

    /// Runs `work` in one transaction; rolls back and rethrows when it throws.
    template <typename Work> void transaction(Work&& work)
    {
        session << begin(), now;
        try {
            work();
            session << "COMMIT", now;
        } catch (...) {
            try {
                session << "ROLLBACK", now;
            } catch (const Poco::Exception&) {
                // the original failure is the one to report
            }
            throw;
        }
    }

    /// Runs `work`; on PostgreSQL, when it fails, opens the connection again and runs it once
    /// more: a connection the server closed (restart, failover, idle timeout) shows only when a
    /// statement fails on it. A server still gone throws the first failure.
    template <typename Work> void run(Work&& work)
    {
        try {
            work();
        } catch (const Poco::Exception&) {
            if (!postgres) {
                throw;
            }
            session.reconnect(); // a server still gone throws from here
            quiet();
            work();
        }
    }
};

} // namespace kansli::audit
