#include "http/RequestLog.h"

#include <cmath>

namespace kansli::http {

void RequestLog::write(const std::string& level, const std::string& requestId, const std::string& method,
                       const std::string& route, int status, double milliseconds, const Poco::JSON::Object::Ptr& fields)
{
    Poco::JSON::Object::Ptr line = JsonLog::fields();
    line->set("request_id", requestId);
    line->set("method", method);
    line->set("route", route);
    line->set("status", status);
    line->set("ms", std::round(milliseconds * 10.0) / 10.0);
    if (fields) {
        for (const auto& name : fields->getNames()) {
            line->set(name, fields->get(name));
        }
    }
    _log.write(level, line);
}

} // namespace kansli::http
