#include "law/Calendar.h"

#include "core/Error.h"

#include <algorithm>

namespace kansli::law {

namespace {

void requireSupported(int year)
{
    if (year < Calendar::FIRST_YEAR || year > Calendar::LAST_YEAR) {
        throw Error(ErrorCode::Usage, "date outside the supported years 1900-2199");
    }
}

// The Saturday in [month-firstDay .. +6]: midsommardagen (20–26 June), alla helgons dag (31 Oct–6 Nov).
Date saturdayFrom(int year, int month, int firstDay)
{
    Date d(year, month, firstDay);
    while (d.weekday() != Weekday::Saturday) {
        d = d.addDays(1);
    }
    return d;
}

} // namespace

Date Calendar::easterSunday(int year)
{
    requireSupported(year);
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return Date(year, month, day);
}

std::vector<Holiday> Calendar::holidays(int year)
{
    requireSupported(year);
    const Date easter = easterSunday(year);
    const Date midsommardagen = saturdayFrom(year, 6, 20);
    std::vector<Holiday> out;
    const auto add = [&out](Date date, const char* code, DayKind kind = DayKind::PublicHoliday) {
        out.push_back(Holiday{date, code, kind});
    };
    // lag (1989:253) 1 §
    add(Date(year, 1, 1), "nyarsdagen");
    add(Date(year, 1, 6), "trettondedag-jul");
    add(easter.addDays(-2), "langfredagen");
    add(easter, "paskdagen");
    add(easter.addDays(1), "annandag-pask");
    add(Date(year, 5, 1), "forsta-maj");
    add(easter.addDays(39), "kristi-himmelsfardsdag");
    add(easter.addDays(49), "pingstdagen");
    if (year < 2005) {
        // Annandag pingst was replaced by nationaldagen by the amendment in force from 2005.
        add(easter.addDays(50), "annandag-pingst");
    } else {
        add(Date(year, 6, 6), "nationaldagen");
    }
    add(midsommardagen, "midsommardagen");
    add(saturdayFrom(year, 10, 31), "alla-helgons-dag");
    add(Date(year, 12, 25), "juldagen");
    add(Date(year, 12, 26), "annandag-jul");
    // lag (1930:173) 2 §: not holidays, but a period ending on them is extended like one.
    add(midsommardagen.addDays(-1), "midsommarafton", DayKind::Eve);
    add(Date(year, 12, 24), "julafton", DayKind::Eve);
    add(Date(year, 12, 31), "nyarsafton", DayKind::Eve);
    std::stable_sort(out.begin(), out.end(),
                     [](const Holiday& x, const Holiday& y) { return x.date < y.date; });
    return out;
}

namespace {

std::string namedDay(const Date& date, DayKind kind)
{
    for (const Holiday& h : Calendar::holidays(date.year())) {
        if (h.date == date && h.kind == kind) {
            return h.code;
        }
    }
    return {};
}

} // namespace

bool Calendar::isPublicHoliday(const Date& date)
{
    return !holidayCode(date).empty();
}

std::string Calendar::holidayCode(const Date& date)
{
    std::string code = namedDay(date, DayKind::PublicHoliday);
    if (code.empty() && date.weekday() == Weekday::Sunday) {
        code = "sunday"; // lag (1989:253) 1 §: alla söndagar
    }
    return code;
}

std::string Calendar::eveCode(const Date& date)
{
    return namedDay(date, DayKind::Eve);
}

std::string Calendar::extensionReason(const Date& date)
{
    // lag (1930:173) 2 §: lördag, söndag eller annan allmän helgdag, midsommarafton, julafton, nyårsafton
    std::string reason = namedDay(date, DayKind::PublicHoliday);
    if (reason.empty()) {
        reason = namedDay(date, DayKind::Eve);
    }
    if (reason.empty() && date.weekday() == Weekday::Saturday) {
        reason = "saturday";
    }
    if (reason.empty() && date.weekday() == Weekday::Sunday) {
        reason = "sunday";
    }
    return reason;
}

} // namespace kansli::law
