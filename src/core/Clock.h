#pragma once
/// The wall clock, as machine-readable text (classic format, no locale).

#include <string>

namespace kansli {

/// Now in UTC as `YYYY-MM-DDTHH:MM:SS.mmmZ`, for log lines and audit records.
std::string utcTimestampNow();

} // namespace kansli
