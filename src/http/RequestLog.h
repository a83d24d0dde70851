#pragma once
/// One JSON line per request on stderr (core/JsonLog: typed values, a timestamp on every line):
/// request id, method, route template, status, duration and the handler's fields (codes, ids,
/// hashes). Never a name, personnummer, address or case text.

#include "core/JsonLog.h"

#include <Poco/JSON/Object.h>

#include <ostream>
#include <string>

namespace kansli::http {

class RequestLog {
public:
    explicit RequestLog(std::ostream& out) : _log(out) {}

    /// `fields`: the handler's extra members (may be null), written after the fixed ones.
    void write(const std::string& level, const std::string& requestId, const std::string& method,
               const std::string& route, int status, double milliseconds, const Poco::JSON::Object::Ptr& fields);

    /// The writer itself, for lines that are not about one request (start, stop).
    JsonLog& log() { return _log; }

private:
    JsonLog _log;
};

} // namespace kansli::http
