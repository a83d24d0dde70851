#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "law/Deadline.h"

#include "core/Error.h"

using namespace kansli;
using namespace kansli::law;
using kansli::law::test::d;

BOOST_AUTO_TEST_SUITE(DeadlineTest)

BOOST_AUTO_TEST_CASE(threeWeeks)
{
    struct Row {
        const char* from;
        const char* nominal;
        const char* last;
        const char* reasons; // the chain, comma-separated
        const char* source;
    };
    const Row rows[] = {
        {"2026-11-19", "2026-12-10", "2026-12-10", "", "1930:173 1 §: Thursday to Thursday"},
        {"2026-11-24", "2026-12-15", "2026-12-15", "", "1930:173 1 §: the example's notice day"},
        {"2026-12-04", "2026-12-25", "2026-12-28", "juldagen,annandag-jul,sunday", "1930:173 2 §"},
        {"2025-12-03", "2025-12-24", "2025-12-29", "julafton,juldagen,annandag-jul,saturday,sunday",
         "1930:173 2 §: julafton"},
        {"2026-12-10", "2026-12-31", "2027-01-04", "nyarsafton,nyarsdagen,saturday,sunday",
         "1930:173 2 §: nyårsafton"},
        {"2026-05-29", "2026-06-19", "2026-06-22", "midsommarafton,midsommardagen,sunday",
         "1930:173 2 §: midsommarafton"},
        {"2026-03-13", "2026-04-03", "2026-04-07",
         "langfredagen,saturday,paskdagen,annandag-pask", "1989:253: Easter; påskafton is a Saturday"},
        {"2026-10-09", "2026-10-30", "2026-10-30", "", "alla helgons afton is not in 1930:173 2 §"},
        {"2026-05-04", "2026-05-25", "2026-05-25", "", "annandag pingst is ordinary after 2005"},
        {"2004-05-10", "2004-05-31", "2004-06-01", "annandag-pingst", "1989:253 before 2005"},
        {"2025-05-16", "2025-06-06", "2025-06-09", "nationaldagen,saturday,pingstdagen",
         "1989:253 from 2005; 2025-06-09 (annandag pingst) is ordinary"},
        {"2003-05-16", "2003-06-06", "2003-06-06", "", "nationaldagen no holiday before 2005"},
        {"2026-04-23", "2026-05-14", "2026-05-15", "kristi-himmelsfardsdag", "1989:253: Easter + 39"},
        {"2026-11-07", "2026-11-28", "2026-11-30", "saturday,sunday", "1930:173 2 §"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.from << " (" << r.source << ")") {
            const Deadline dl = computeDeadline(d(r.from), 3);
            BOOST_TEST(dl.nominal.iso() == r.nominal);
            BOOST_TEST(dl.last.iso() == r.last);
            BOOST_TEST(dl.nominal.weekday() == d(r.from).weekday());
            std::string chain;
            for (const DeadlineMove& m : dl.moves) {
                chain += (chain.empty() ? "" : ",") + m.reason;
            }
            BOOST_TEST(chain == r.reasons);
            if (!dl.moves.empty()) {
                BOOST_TEST(dl.moves.front().day == dl.nominal);
                BOOST_TEST(dl.moves.back().day.addDays(1) == dl.last);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(otherLengths)
{
    BOOST_TEST(computeDeadline(d("2026-11-19"), 1).nominal.iso() == "2026-11-26");
    BOOST_TEST(computeDeadline(d("2026-11-19"), 2).last.iso() == "2026-12-03");
    BOOST_CHECK_THROW(computeDeadline(d("2026-11-19"), 0), kansli::Error);
    // The last case date the schema allows still has its deadline; the calendar ends in 2199.
    BOOST_TEST(computeDeadline(d("2100-12-20"), 3).last.iso() == "2101-01-10");
    BOOST_TEST(computeDayDeadline(d("2100-12-31"), 365).last.iso() == "2102-01-02");
    BOOST_CHECK_THROW(computeDeadline(d("2199-12-20"), 3), kansli::Error); // leaves the calendar
}

BOOST_AUTO_TEST_SUITE_END()
