#include "http/RequestLog.h"

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
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[64];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f", milliseconds);

    std::string line = "{\"ts\":\"" + std::string(stamp) + "\",\"level\":" + quote(level)
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
