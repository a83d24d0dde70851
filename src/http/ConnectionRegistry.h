#pragma once
/// Every open client connection, with the deadline of the phase it is in, watched by one thread.
///
/// A connection is either idle (waiting for the first byte of a request), reading (the request
/// head and body must arrive before one deadline for the whole request, however slowly the
/// bytes trickle in), or working (the handler runs; no deadline, the render pool has its own).
/// When a reading connection passes its deadline the watchdog shuts down its receiving side, so
/// the blocked read returns at once; the connection then answers 408 and closes. Per-`recv`
/// timeouts cannot do this: a client sending one byte a second never trips them.
///
/// On shutdown, close() stops accepting new work and shuts down every idle connection at once,
/// while working connections finish their request (and its audit record) first.

#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

namespace kansli::http {

class ConnectionRegistry {
public:
    using Clock = std::chrono::steady_clock;
    using Id = std::uint64_t;

    ConnectionRegistry();
    ~ConnectionRegistry();
    ConnectionRegistry(const ConnectionRegistry&) = delete;
    ConnectionRegistry& operator=(const ConnectionRegistry&) = delete;

    /// Registers a connection (idle). The socket is shut down, never closed, by the registry.
    Id add(const Poco::Net::StreamSocket& socket);
    void remove(Id id);

    /// Waiting for a request's first byte. False when the registry is closing (do not wait).
    bool idle(Id id);
    /// A request has begun: its head and body must be read before `deadline`.
    void reading(Id id, Clock::time_point deadline);
    /// The request has been read: the handler works without a deadline.
    void working(Id id);
    /// True when this connection's reading deadline passed (its receiving side is shut down).
    bool expired(Id id) const;

    /// Shuts down idle connections now, and any that become idle later.
    void close();
    bool closing() const;

    /// Connections open now, and of them those in each phase (for metrics and tests).
    struct Counts {
        std::size_t open = 0;
        std::size_t idle = 0;
        std::size_t reading = 0;
        std::size_t working = 0;
    };
    Counts counts() const;
    /// Requests whose deadline passed since start.
    std::uint64_t timeouts() const;

private:
    enum class Phase { Idle, Reading, Working };
    struct Entry {
        Poco::Net::StreamSocket socket;
        Phase phase = Phase::Idle;
        Clock::time_point deadline = Clock::time_point::max();
        bool expired = false;
    };

    void watch();
    static void shutdownReceive(Poco::Net::StreamSocket& socket) noexcept;

    mutable std::mutex _mutex;
    std::condition_variable _wake;
    std::map<Id, Entry> _entries;
    Id _next = 1;
    bool _closing = false;
    bool _stopping = false;
    std::uint64_t _timeouts = 0;
    std::thread _thread;
};

} // namespace kansli::http
