#pragma once
/// The wall clock, as machine-readable text (classic format, no locale).

#include <string>

namespace kansli {

/// Now in UTC as `YYYY-MM-DDTHH:MM:SS.mmmZ`, for log lines and audit records.
std::string utcTimestampNow();

/// Today in UTC as `YYYY-MM-DD`: the print date of a letter whose case file gives no
/// `generatedAt`.
std::string utcDateToday();

} // namespace kansli
