#pragma once
/// A fair share of the render capacity for each caller: one case system sending a burst cannot
/// take every worker and queue place and leave the caseworkers' previews answered 503.
///
/// Each caller (a token's name) may have at most `perCaller` documents in progress at once —
/// being rendered or waiting for a worker. One more is refused with ErrorCode::TooManyRequests
/// (429 Too Many Requests, Retry-After) before it takes a place; the service-wide bound (the
/// render queue, 503) stays as it is.

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace kansli::http {

class CallerGate {
public:
    /// `perCaller` >= 1.
    explicit CallerGate(std::size_t perCaller);

    /// A place held for one document; given back when it goes out of scope.
    class Ticket {
    public:
        Ticket() = default;
        Ticket(Ticket&& other) noexcept;
        Ticket& operator=(Ticket&& other) noexcept;
        Ticket(const Ticket&) = delete;
        Ticket& operator=(const Ticket&) = delete;
        ~Ticket();

    private:
        friend class CallerGate;
        Ticket(CallerGate* gate, std::string caller) : _gate(gate), _caller(std::move(caller)) {}
        void release() noexcept;
        CallerGate* _gate = nullptr;
        std::string _caller;
    };

    /// Takes a place for `caller`. Throws kansli::Error(ErrorCode::TooManyRequests) when the
    /// caller already holds `perCaller` places. Thread-safe.
    Ticket enter(const std::string& caller);

    std::size_t perCaller() const noexcept { return _perCaller; }
    /// Documents `caller` has in progress now (for tests).
    std::size_t inProgress(const std::string& caller) const;

private:
    void leave(const std::string& caller) noexcept;

    const std::size_t _perCaller;
    mutable std::mutex _mutex;
    std::map<std::string, std::size_t> _held;
};

} // namespace kansli::http
