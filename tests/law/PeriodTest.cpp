#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "law/Period.h"

#include "core/Error.h"

using namespace kansli;
using namespace kansli::law;
using kansli::law::test::d;

BOOST_AUTO_TEST_SUITE(PeriodTest)

BOOST_AUTO_TEST_CASE(lastDays)
{
    struct Row { const char* from; int months; const char* last; const char* source; };
    const Row rows[] = {
        {"2026-12-01", 6, "2027-05-31", "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): six months (examples/beslut-uvas.xml)"},
        {"2026-12-01", 4, "2027-03-31", "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): Insteg four months"},
        {"2026-12-15", 6, "2027-06-14", "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): six months"},
        {"2026-03-01", 24, "2028-02-29", "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): two years across a leap day"},
        {"2026-01-31", 1, "2026-02-28", "1930:173 1 §: no 31 February, so the month's last day"},
        {"2028-01-31", 1, "2028-02-29", "1930:173 1 §: leap year"},
        {"2027-08-31", 6, "2028-02-29", "1930:173 1 §: leap year"},
        {"2024-02-29", 12, "2025-02-28", "1930:173 1 §: no 29 February in 2025"},
        {"2024-02-29", 48, "2028-02-28", "the day before 2028-02-29"},
        {"2026-12-31", 6, "2027-06-30", "no 31 June: the month's last day"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.from << " + " << r.months << " (" << r.source << ")") {
            BOOST_TEST(periodEnd(d(r.from), r.months).iso() == r.last);
        }
    }
    BOOST_CHECK_THROW(periodEnd(d("2026-12-01"), 0), kansli::Error);
}

BOOST_AUTO_TEST_SUITE_END()
