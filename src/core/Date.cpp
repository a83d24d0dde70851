#include "core/Date.h"

#include <cstdio>
#include <stdexcept>

namespace kansli {

namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, counting in 400-year eras.
long daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool digitsOnly(std::string_view s)
{
    for (char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

int toInt(std::string_view s)
{
    int v = 0;
    for (char c : s) {
        v = v * 10 + (c - '0');
    }
    return v;
}

} // namespace

Date::Date(int year, int month, int day)
    : _year(year), _month(month), _day(day)
{
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        throw std::invalid_argument("no such date");
    }
}

bool Date::isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int Date::daysInMonth(int year, int month)
{
    static constexpr int DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    return month == 2 && isLeapYear(year) ? 29 : DAYS[month - 1];
}

std::optional<Date> Date::parseIso(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!digitsOnly(y) || !digitsOnly(m) || !digitsOnly(d)) {
        return std::nullopt;
    }
    const int year = toInt(y), month = toInt(m), day = toInt(d);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return std::nullopt;
    }
    return Date(year, month, day);
}

Date Date::fromDayNumber(long z)
{
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return Date(y, m, d);
}

long Date::dayNumber() const noexcept
{
    return daysFromCivil(_year, _month, _day);
}

Weekday Date::weekday() const noexcept
{
    // 1970-01-01 was a Thursday.
    const long n = dayNumber();
    const long mondayBased = ((n % 7) + 7 + 3) % 7; // 0 = Monday
    return static_cast<Weekday>(mondayBased + 1);
}

Date Date::addDays(long days) const
{
    return fromDayNumber(dayNumber() + days);
}

Date Date::addMonths(int months) const
{
    const int total = _year * 12 + (_month - 1) + months;
    const int y = total / 12;
    const int m = total % 12 + 1;
    const int d = _day > daysInMonth(y, m) ? daysInMonth(y, m) : _day;
    return Date(y, m, d);
}

std::string Date::iso() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", _year, _month, _day);
    return buf;
}

} // namespace kansli
