#include "http/ConnectionRegistry.h"

#include <sys/socket.h>

namespace kansli::http {

ConnectionRegistry::ConnectionRegistry()
    : _thread([this] { watch(); })
{
}

ConnectionRegistry::~ConnectionRegistry()
{
    {
        const std::lock_guard lock(_mutex);
        _stopping = true;
    }
    _wake.notify_all();
    _thread.join();
}

ConnectionRegistry::Id ConnectionRegistry::add(const Poco::Net::StreamSocket& socket)
{
    const std::lock_guard lock(_mutex);
    const Id id = _next++;
    _entries.emplace(id, Entry{socket, Phase::Idle, Clock::time_point::max(), false});
    return id;
}

void ConnectionRegistry::remove(Id id)
{
    const std::lock_guard lock(_mutex);
    _entries.erase(id);
}

bool ConnectionRegistry::idle(Id id)
{
    const std::lock_guard lock(_mutex);
    const auto it = _entries.find(id);
    if (it == _entries.end())
        return false;
    it->second.phase = Phase::Idle;
    it->second.deadline = Clock::time_point::max();
    return !_closing;
}

void ConnectionRegistry::reading(Id id, Clock::time_point deadline)
{
    {
        const std::lock_guard lock(_mutex);
        const auto it = _entries.find(id);
        if (it == _entries.end())
            return;
        it->second.phase = Phase::Reading;
        it->second.deadline = deadline;
    }
    _wake.notify_all();
}

void ConnectionRegistry::working(Id id)
{
    const std::lock_guard lock(_mutex);
    const auto it = _entries.find(id);
    if (it == _entries.end())
        return;
    it->second.phase = Phase::Working;
    it->second.deadline = Clock::time_point::max();
}

bool ConnectionRegistry::expired(Id id) const
{
    const std::lock_guard lock(_mutex);
    const auto it = _entries.find(id);
    return it != _entries.end() && it->second.expired;
}

void ConnectionRegistry::close()
{
    {
        const std::lock_guard lock(_mutex);
        _closing = true;
        for (auto& [id, entry] : _entries) {
            if (entry.phase == Phase::Idle)
                shutdownReceive(entry.socket);
        }
    }
    _wake.notify_all();
}

bool ConnectionRegistry::closing() const
{
    const std::lock_guard lock(_mutex);
    return _closing;
}

ConnectionRegistry::Counts ConnectionRegistry::counts() const
{
    const std::lock_guard lock(_mutex);
    Counts c;
    c.open = _entries.size();
    for (const auto& [id, entry] : _entries) {
        c.idle += entry.phase == Phase::Idle ? 1 : 0;
        c.reading += entry.phase == Phase::Reading ? 1 : 0;
        c.working += entry.phase == Phase::Working ? 1 : 0;
    }
    return c;
}

std::uint64_t ConnectionRegistry::timeouts() const
{
    const std::lock_guard lock(_mutex);
    return _timeouts;
}

void ConnectionRegistry::shutdownReceive(Poco::Net::StreamSocket& socket) noexcept
{
    // The socket stays open (its owner closes it); a blocked recv() returns 0 at once. The
    // descriptor cannot have been reused: the entry is removed before the owner closes it.
    if (socket.impl() != nullptr && socket.impl()->initialized())
        ::shutdown(socket.impl()->sockfd(), SHUT_RD);
}

void ConnectionRegistry::watch()
{
    std::unique_lock lock(_mutex);
    while (!_stopping) {
        auto next = Clock::time_point::max();
        const auto now = Clock::now();
        for (auto& [id, entry] : _entries) {
            if (entry.phase != Phase::Reading || entry.expired)
                continue;
            if (entry.deadline <= now) {
                entry.expired = true;
                ++_timeouts;
                shutdownReceive(entry.socket);
            } else if (entry.deadline < next) {
                next = entry.deadline;
            }
        }
        if (next == Clock::time_point::max())
            _wake.wait(lock);
        else
            _wake.wait_until(lock, next);
    }
}

} // namespace kansli::http
