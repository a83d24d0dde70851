#pragma once
/// The length of a granted insats.

#include "core/Date.h"

namespace kansli::law {

/// The last day of a period of `months` months that starts on `from` (both days included):
/// the day before the day with the same number `months` months later, so a six-month insats from
/// 2026-12-01 ends 2027-05-31. When that month has no such day (from 2026-01-31, one month), the
/// period ends on the month's last day (2026-02-28), as lag (1930:173) 1 § counts months.
/// Throws kansli::Error (usage) when months < 1.
Date periodEnd(const Date& from, int months);

} // namespace kansli::law
