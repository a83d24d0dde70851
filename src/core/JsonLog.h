#pragma once
/// The one writer of kansli's log: one JSON object per line (Poco::JSON, typed values), each
/// starting with "ts" (UTC, ISO 8601 with milliseconds) and "level", then the fields in the order
/// they were set. Lines from every thread and every part of the program (requests, reloads, start
/// and stop) are written whole, one at a time. The log carries ids, codes and hashes only: never a
/// name, personnummer, address or case text (docs/configuration.md, Logs).

#include <Poco/JSON/Object.h>

#include <ostream>
#include <string>

namespace kansli {

class JsonLog {
public:
    explicit JsonLog(std::ostream& out) : _out(out) {}

    /// An empty object that keeps the order its members are set in.
    static Poco::JSON::Object::Ptr fields();

    /// Writes {"ts":…, "level": level, …fields} and a line break, and flushes.
    void write(const std::string& level, const Poco::JSON::Object::Ptr& fields);

    /// The same, for an event: {"ts", "level", "event": event, …fields}.
    void event(const std::string& level, const std::string& event, const Poco::JSON::Object::Ptr& fields = nullptr);

private:
    std::ostream& _out;
};

} // namespace kansli
