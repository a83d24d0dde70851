#define BOOST_TEST_DYN_LINK
#include "core/Date.h"

#include <boost/test/unit_test.hpp>

using kansli::Date;
using kansli::Weekday;

BOOST_AUTO_TEST_SUITE(DateTest)

BOOST_AUTO_TEST_CASE(parses_only_real_dates)
{
    struct Row { const char* text; bool ok; };
    const Row rows[] = {
        {"2026-11-25", true},
        {"2024-02-29", true},  // leap year
        {"2025-02-29", false}, // not a leap year
        {"2100-02-29", false}, // century, not divisible by 400
        {"2000-02-29", true},  // divisible by 400
        {"2026-13-01", false},
        {"2026-04-31", false},
        {"2026-1-01", false},
        {"2026-01-01T", false},
        {"", false},
        {"abcd-ef-gh", false},
    };
    for (const auto& row : rows) {
        BOOST_TEST_CONTEXT(row.text) { BOOST_TEST(Date::parseIso(row.text).has_value() == row.ok); }
    }
}

BOOST_AUTO_TEST_CASE(weekday_and_day_numbers_round_trip)
{
    BOOST_TEST(static_cast<int>(Date(1970, 1, 1).weekday()) == static_cast<int>(Weekday::Thursday));
    BOOST_TEST(static_cast<int>(Date(2026, 11, 25).weekday()) == static_cast<int>(Weekday::Wednesday));
    BOOST_TEST(static_cast<int>(Date(1900, 1, 1).weekday()) == static_cast<int>(Weekday::Monday));
    for (long n = -30000; n < 60000; n += 37) {
        BOOST_TEST(Date::fromDayNumber(n).dayNumber() == n);
    }
}

BOOST_AUTO_TEST_CASE(add_months_clamps_to_month_end)
{
    BOOST_TEST(Date(2026, 1, 31).addMonths(1).iso() == "2026-02-28");
    BOOST_TEST(Date(2028, 1, 31).addMonths(1).iso() == "2028-02-29");
    BOOST_TEST(Date(2026, 12, 1).addMonths(6).iso() == "2027-06-01");
    BOOST_TEST(Date(2026, 8, 31).addMonths(-6).iso() == "2026-02-28");
}

BOOST_AUTO_TEST_SUITE_END()
