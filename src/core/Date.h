#pragma once
/// A civil (proleptic Gregorian) calendar date without time zone: what Swedish law counts in.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace kansli {

enum class Weekday { Monday = 1, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday };

class Date {
public:
    Date() = default;
    /// Throws std::invalid_argument when the date does not exist (e.g. 2025-02-29).
    Date(int year, int month, int day);

    /// Parses exactly `YYYY-MM-DD`; nullopt when malformed or impossible.
    static std::optional<Date> parseIso(std::string_view text);
    static bool isLeapYear(int year);
    static int daysInMonth(int year, int month);
    static Date fromDayNumber(long dayNumber);

    int year() const noexcept { return _year; }
    int month() const noexcept { return _month; }
    int day() const noexcept { return _day; }

    /// Days since 1970-01-01 (negative before).
    long dayNumber() const noexcept;
    Weekday weekday() const noexcept;
    Date addDays(long days) const;
    /// Same day N months later, clamped to the month's last day (2026-01-31 + 1 = 2026-02-28).
    Date addMonths(int months) const;

    /// `YYYY-MM-DD`, classic locale.
    std::string iso() const;

    auto operator<=>(const Date&) const = default;

private:
    int _year = 1970;
    int _month = 1;
    int _day = 1;
};

} // namespace kansli
