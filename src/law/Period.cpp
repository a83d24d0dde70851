#include "law/Period.h"

#include "core/Error.h"

namespace kansli::law {

Date periodEnd(const Date& from, int months)
{
    if (months < 1) {
        throw Error(ErrorCode::Usage, "a period must be at least one month");
    }
    const Date same = from.addMonths(months);
    if (same.day() != from.day()) {
        // lag (1930:173) 1 §: no day with that number in the month, so the month's last day.
        return same;
    }
    return same.addDays(-1);
}

} // namespace kansli::law
