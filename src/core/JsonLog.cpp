#include "core/JsonLog.h"

#include "core/Clock.h"

#include <mutex>
#include <sstream>

namespace kansli {

namespace {

/// One lock for every writer of the process: two logs on one stream never interleave a line.
std::mutex& lineLock()
{
    static std::mutex lock;
    return lock;
}

} // namespace

Poco::JSON::Object::Ptr JsonLog::fields()
{
    return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

void JsonLog::write(const std::string& level, const Poco::JSON::Object::Ptr& fields)
{
    Poco::JSON::Object::Ptr line = JsonLog::fields();
    line->set("ts", utcTimestampNow());
    line->set("level", level);
    if (fields) {
        for (const auto& name : fields->getNames()) {
            line->set(name, fields->get(name));
        }
    }
    std::ostringstream text;
    line->stringify(text);
    text << '\n';
    const std::lock_guard<std::mutex> lock(lineLock());
    _out << text.str() << std::flush;
}

void JsonLog::event(const std::string& level, const std::string& event, const Poco::JSON::Object::Ptr& fields)
{
    Poco::JSON::Object::Ptr all = JsonLog::fields();
    all->set("event", event);
    if (fields) {
        for (const auto& name : fields->getNames()) {
            all->set(name, fields->get(name));
        }
    }
    write(level, all);
}

} // namespace kansli
