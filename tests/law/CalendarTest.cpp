#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "law/Calendar.h"

#include "core/Error.h"

using namespace kansli;
using namespace kansli::law;
using kansli::law::test::d;

BOOST_AUTO_TEST_SUITE(CalendarTest)

BOOST_AUTO_TEST_CASE(easterSundays)
{
    struct Row { int year; const char* easter; const char* source; };
    const Row rows[] = {
        {1900, "1900-04-15", "Gregorian computus"}, {1913, "1913-03-23", "Gregorian computus"},
        {1943, "1943-04-25", "latest possible"},    {2000, "2000-04-23", "Gregorian computus"},
        {2008, "2008-03-23", "Gregorian computus"}, {2024, "2024-03-31", "Gregorian computus"},
        {2025, "2025-04-20", "Gregorian computus"}, {2026, "2026-04-05", "Gregorian computus"},
        {2038, "2038-04-25", "latest possible"},    {2100, "2100-03-28", "Gregorian computus"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.year << " (" << r.source << ")") {
            BOOST_TEST(Calendar::easterSunday(r.year).iso() == r.easter);
        }
    }
}

BOOST_AUTO_TEST_CASE(namedDays)
{
    // holidayCode: lag (1989:253) 1 §; eveCode: lag (1930:173) 2 §.
    struct Row { const char* date; const char* holiday; const char* eve; const char* source; };
    const Row rows[] = {
        {"2026-01-01", "nyarsdagen", "", "1989:253 1 §"},
        {"2026-01-06", "trettondedag-jul", "", "1989:253 1 §"},
        {"2026-01-05", "", "", "trettondagsafton is an ordinary day"},
        {"2026-04-03", "langfredagen", "", "1989:253 1 §"},
        {"2026-04-04", "", "", "påskafton is not in 1989:253 (it is a Saturday)"},
        {"2026-04-05", "paskdagen", "", "1989:253 1 §"},
        {"2026-04-06", "annandag-pask", "", "1989:253 1 §"},
        {"2026-05-01", "forsta-maj", "", "1989:253 1 §"},
        {"2026-05-14", "kristi-himmelsfardsdag", "", "1989:253 1 §: Easter + 39"},
        {"2026-05-24", "pingstdagen", "", "1989:253 1 §: Easter + 49"},
        {"2026-05-25", "", "", "annandag pingst is an ordinary day from 2005"},
        {"2004-05-31", "annandag-pingst", "", "1989:253 1 § before the 2005 amendment"},
        {"2004-06-07", "", "", "2004: 6 June is a Sunday, 7 June nothing"},
        {"2003-06-06", "", "", "nationaldagen is no holiday before 2005"},
        {"2005-06-06", "nationaldagen", "", "1989:253 1 § from 2005"},
        {"2005-05-16", "", "", "annandag pingst 2005 is an ordinary Monday"},
        {"2026-06-19", "", "midsommarafton", "1930:173 2 §"},
        {"2026-06-20", "midsommardagen", "", "1989:253 1 §: the Saturday 20-26 June"},
        {"2027-06-26", "midsommardagen", "", "1989:253 1 §: the Saturday 20-26 June"},
        {"2027-06-25", "", "midsommarafton", "1930:173 2 §"},
        {"2026-10-30", "", "", "alla helgons afton is not in 1930:173 2 §"},
        {"2026-10-31", "alla-helgons-dag", "", "1989:253 1 §: the Saturday 31 Oct-6 Nov"},
        {"2027-11-06", "alla-helgons-dag", "", "1989:253 1 §: the Saturday 31 Oct-6 Nov"},
        {"2026-12-24", "", "julafton", "1930:173 2 §"},
        {"2026-12-25", "juldagen", "", "1989:253 1 §"},
        {"2026-12-26", "annandag-jul", "", "1989:253 1 §"},
        {"2026-12-27", "sunday", "", "1989:253 1 §: alla söndagar"},
        {"2026-12-31", "", "nyarsafton", "1930:173 2 §"},
        {"2026-11-25", "", "", "an ordinary Wednesday"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.date << " (" << r.source << ")") {
            BOOST_TEST(Calendar::holidayCode(d(r.date)) == r.holiday);
            BOOST_TEST(Calendar::eveCode(d(r.date)) == r.eve);
            BOOST_TEST(Calendar::isPublicHoliday(d(r.date)) == (std::string(r.holiday) != ""));
        }
    }
}

BOOST_AUTO_TEST_CASE(extensionReasons)
{
    // lag (1930:173) 2 §: a named day wins over the weekday name.
    struct Row { const char* date; const char* reason; const char* source; };
    const Row rows[] = {
        {"2026-04-04", "saturday", "påskafton moves only because it is a Saturday"},
        {"2026-10-30", "", "alla helgons afton is an ordinary Friday"},
        {"2026-10-31", "alla-helgons-dag", "a holiday on a Saturday is named as the holiday"},
        {"2026-11-28", "saturday", "1930:173 2 §"},
        {"2026-11-29", "sunday", "1930:173 2 §"},
        {"2026-12-24", "julafton", "1930:173 2 §"},
        {"2026-06-19", "midsommarafton", "1930:173 2 §"},
        {"2026-12-31", "nyarsafton", "1930:173 2 §"},
        {"2026-05-25", "", "annandag pingst 2026 is an ordinary day"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.date << " (" << r.source << ")") {
            BOOST_TEST(Calendar::extensionReason(d(r.date)) == r.reason);
        }
    }
}

BOOST_AUTO_TEST_CASE(supportedYears)
{
    BOOST_CHECK_NO_THROW(Calendar::holidays(1900));
    BOOST_CHECK_NO_THROW(Calendar::holidays(2100));
    BOOST_CHECK_NO_THROW(Calendar::holidays(2199));
    BOOST_CHECK_THROW(Calendar::holidays(1899), kansli::Error);
    BOOST_CHECK_THROW(Calendar::holidays(2200), kansli::Error);
    // 13 named holidays and 3 eves every year (annandag pingst or nationaldagen, never both).
    for (int year = Calendar::FIRST_YEAR; year <= Calendar::LAST_YEAR; ++year) {
        BOOST_TEST_CONTEXT(year) { BOOST_TEST(Calendar::holidays(year).size() == 16u); }
    }
}

BOOST_AUTO_TEST_SUITE_END()
