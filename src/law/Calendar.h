#pragma once
/// The Swedish holiday calendar of lag (1989:253) om allmänna helgdagar, with the three eves that
/// lag (1930:173) om beräkning av lagstadgad tid 2 § treats like holidays.
///
/// Supported years: 1900–2199. The rules of lag (1989:253) are applied to every supported year,
/// including its 2005 amendment (nationaldagen 6 June became a holiday and annandag pingst
/// stopped being one). Years before 1990 are therefore the act's rules projected backwards, not
/// the historical law of that year (see docs/law-rules.md); years after 2100 are projected
/// forwards only so that a deadline counted from a case date (the schema holds those to
/// 1900–2100) always has its last day: three weeks, a year to answer, ten years at most.

#include "core/Date.h"

#include <string>
#include <vector>

namespace kansli::law {

enum class DayKind {
    PublicHoliday, ///< allmän helgdag named in lag (1989:253) (Sundays are not listed here)
    Eve,           ///< midsommarafton, julafton or nyårsafton (lag 1930:173 2 §)
};

struct Holiday {
    Date date;
    std::string code; ///< stable kebab-case code, e.g. "juldagen", "annandag-pingst", "julafton"
    DayKind kind = DayKind::PublicHoliday;
};

class Calendar {
public:
    static constexpr int FIRST_YEAR = 1900;
    static constexpr int LAST_YEAR = 2199;

    /// Easter Sunday (Gregorian computus). Throws kansli::Error (usage) outside FIRST_YEAR..LAST_YEAR.
    static Date easterSunday(int year);

    /// Every named public holiday and eve of the year, in date order. Sundays that are not named
    /// holidays are not listed. Throws kansli::Error (usage) outside FIRST_YEAR..LAST_YEAR.
    static std::vector<Holiday> holidays(int year);

    // The functions below throw as holidays() does for a date outside the supported years.

    /// True for every Sunday and every named holiday of lag (1989:253).
    static bool isPublicHoliday(const Date& date);

    /// The code of the named holiday on this date ("juldagen"), "sunday" for a plain Sunday, or
    /// empty. Eves are not holidays: use eveCode. When two holidays share a day (1 May and Kristi
    /// himmelsfärdsdag in 2008) the one listed first in the act is returned; holidays() has both.
    static std::string holidayCode(const Date& date);

    /// "midsommarafton", "julafton", "nyarsafton" or empty.
    static std::string eveCode(const Date& date);

    /// Why the last day of a period may not be the last day to act (lag 1930:173 2 §): the named
    /// holiday or eve ("juldagen", "julafton"), else "saturday" or "sunday"; empty for a day on
    /// which the period may end. A named day wins over the weekday name.
    static std::string extensionReason(const Date& date);
};

} // namespace kansli::law
