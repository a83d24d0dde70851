#include "http/RequestLog.h"
#include "core/Clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace kansli::http {

std::string RequestLog::quote(const std::string& text)
{
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

void RequestLog::write(const std::string& level, const std::string& requestId, const std::string& method,
                       const std::string& route, int status, double milliseconds, const std::string& fields)
{
    const std::string stamp = utcTimestampNow();
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f", milliseconds);

    std::string line = "{\"ts\":\"" + stamp + "\",\"level\":" + quote(level)
                       + ",\"request_id\":" + quote(requestId) + ",\"method\":" + quote(method)
                       + ",\"route\":" + quote(route) + ",\"status\":" + std::to_string(status)
                       + ",\"ms\":" + duration;
    if (!fields.empty()) {
        line += "," + fields;
    }
    line += "}\n";
    std::lock_guard<std::mutex> lock(_mutex);
    _out << line << std::flush;
}

} // namespace kansli::http
