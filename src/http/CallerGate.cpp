#include "http/CallerGate.h"

#include "core/Error.h"

#include <algorithm>
#include <utility>

namespace kansli::http {

CallerGate::CallerGate(std::size_t perCaller) : _perCaller(std::max<std::size_t>(1, perCaller))
{
}

CallerGate::Ticket CallerGate::enter(const std::string& caller)
{
    const std::lock_guard<std::mutex> lock(_mutex);
    std::size_t& held = _held[caller];
    if (held >= _perCaller) {
        throw Error(ErrorCode::TooManyRequests,
                    "this caller already has " + std::to_string(_perCaller)
                        + " documents in progress, its share of the service; try again after Retry-After");
    }
    ++held;
    return Ticket(this, caller);
}

std::size_t CallerGate::inProgress(const std::string& caller) const
{
    const std::lock_guard<std::mutex> lock(_mutex);
    const auto it = _held.find(caller);
    return it == _held.end() ? 0 : it->second;
}

void CallerGate::leave(const std::string& caller) noexcept
{
    const std::lock_guard<std::mutex> lock(_mutex);
    const auto it = _held.find(caller);
    if (it != _held.end() && --it->second == 0) {
        _held.erase(it); // no entry kept for a caller with nothing in progress
    }
}

CallerGate::Ticket::Ticket(Ticket&& other) noexcept
    : _gate(std::exchange(other._gate, nullptr)), _caller(std::move(other._caller))
{
}

CallerGate::Ticket& CallerGate::Ticket::operator=(Ticket&& other) noexcept
{
    if (this != &other) {
        release();
        _gate = std::exchange(other._gate, nullptr);
        _caller = std::move(other._caller);
    }
    return *this;
}

CallerGate::Ticket::~Ticket()
{
    release();
}

void CallerGate::Ticket::release() noexcept
{
    if (_gate != nullptr) {
        _gate->leave(_caller);
        _gate = nullptr;
    }
}

} // namespace kansli::http
