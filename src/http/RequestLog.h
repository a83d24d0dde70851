#pragma once
/// One JSON line per request on stderr: time, request id, route, status, duration and codes.
/// Never a name, personnummer, address or case text — only ids, codes and hashes.

#include <mutex>
#include <ostream>
#include <string>

namespace kansli::http {

class RequestLog {
public:
    explicit RequestLog(std::ostream& out) : _out(out) {}

    /// `fields` is a JSON fragment of extra members (`"k":"v",...`), already escaped, or empty.
    void write(const std::string& level, const std::string& requestId, const std::string& method,
               const std::string& route, int status, double milliseconds, const std::string& fields);

    /// A JSON string literal for `text`.
    static std::string quote(const std::string& text);

private:
    std::ostream& _out;
    std::mutex _mutex;
};

} // namespace kansli::http
