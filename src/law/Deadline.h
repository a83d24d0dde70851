#pragma once
/// Deadlines counted in weeks, as lag (1930:173) om beräkning av lagstadgad tid counts them.

#include "core/Date.h"

#include <string>
#include <vector>

namespace kansli::law {

/// One day the deadline moved over, and why ("saturday", "sunday", "juldagen", "julafton"...).
struct DeadlineMove {
    Date day;
    std::string reason;
};

struct Deadline {
    Date from;    ///< the day the period is counted from (e.g. the day the decision was received)
    int weeks = 0;
    Date nominal; ///< from + weeks, the same weekday (1930:173 1 §)
    Date last;    ///< the last day the act may be done (1930:173 2 §); == nominal when nothing moved
    std::vector<DeadlineMove> moves; ///< in date order, one per day skipped; empty when last == nominal
};

/// Throws kansli::Error (usage) when weeks is outside 1..520 or a date leaves the calendar's
/// supported years.
Deadline computeDeadline(const Date& from, int weeks = 3);

/// A time given in days (the time to answer a kommunicering, FL 25 §): the nominal last day is
/// `from` + days, moved as lag (1930:173) 2 § moves a period's last day. `weeks` is 0 in the
/// result. Throws kansli::Error (usage) when days is outside 1..365 or a date leaves the
/// calendar's supported years.
Deadline computeDayDeadline(const Date& from, int days);

} // namespace kansli::law
