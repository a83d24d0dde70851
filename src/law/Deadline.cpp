#include "law/Deadline.h"

#include "law/Calendar.h"

#include "core/Error.h"

namespace kansli::law {

namespace {

/// lag (1930:173) 2 §: moves result.nominal to the last day the act may be done.
void moveOffClosedDays(Deadline& result)
{
    Date day = result.nominal;
    // lag (1930:173) 2 §: the act may be done the next weekday. Read so that the last day is
    // never itself one of the listed days (julafton after a Sunday moves on to the 27th or later).
    for (std::string reason = Calendar::extensionReason(day); !reason.empty();
         reason = Calendar::extensionReason(day)) {
        result.moves.push_back(DeadlineMove{day, reason});
        day = day.addDays(1);
    }
    result.last = day;
}

} // namespace

Deadline computeDeadline(const Date& from, int weeks)
{
    if (weeks < 1 || weeks > 520) {
        throw Error(ErrorCode::Usage, "weeks must be between 1 and 520");
    }
    Deadline result;
    result.from = from;
    result.weeks = weeks;
    // lag (1930:173) 1 §: a period in weeks ends on the day with the same weekday as the first.
    result.nominal = from.addDays(7L * weeks);
    moveOffClosedDays(result);
    return result;
}

Deadline computeDayDeadline(const Date& from, int days)
{
    if (days < 1 || days > 365) {
        throw Error(ErrorCode::Usage, "days must be between 1 and 365");
    }
    Deadline result;
    result.from = from;
    result.nominal = from.addDays(days);
    moveOffClosedDays(result);
    return result;
}

} // namespace kansli::law
