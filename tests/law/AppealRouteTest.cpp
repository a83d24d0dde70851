#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "law/AppealRoute.h"

#include "core/Error.h"

using namespace kansli;
using namespace kansli::law;
using kansli::law::test::d;

BOOST_AUTO_TEST_SUITE(AppealRouteTest)

BOOST_AUTO_TEST_CASE(routesFollowTheLegalBasis)
{
    const AppealRoute one = appealRoute(Step::One, std::nullopt, std::nullopt);
    BOOST_TEST(one.code == "forvaltningsbesvar");       // SoL 16:3 / 35:1
    BOOST_TEST(one.legalBasis == "ratt-till-bistand");
    BOOST_TEST(one.whoMayAppeal == "part");
    BOOST_TEST(one.fileWith == "beslutande-myndighet");   // FL 43 §
    BOOST_TEST(one.deadlineStartsAt == "delivery");       // FL 44 §
    BOOST_TEST(one.weeks == 3);
    BOOST_TEST(one.courtMayChange);
    BOOST_TEST(!one.deadline.has_value());

    const AppealRoute two = appealRoute(Step::Two, std::nullopt, std::nullopt);
    BOOST_TEST(two.code == "laglighetsprovning");        // KL 13 kap.
    BOOST_TEST(two.legalBasis == "bistand-utover");
    BOOST_TEST(two.whoMayAppeal == "kommunmedlem");       // KL 13 kap. 1 §
    BOOST_TEST(two.fileWith == "forvaltningsratten-i-stockholm"); // KL 13 kap. 4 §
    BOOST_TEST(two.deadlineStartsAt == "notice");         // KL 13 kap. 5 §
    BOOST_TEST(!two.courtMayChange);                      // KL 13 kap. 8 §
    BOOST_TEST(two.legalityGroundsOnly);

    BOOST_CHECK_THROW(appealRouteFor("dokumentation"), kansli::Error);
}

BOOST_AUTO_TEST_CASE(deadlinesFromTheRightDay)
{
    struct Row {
        Step step;
        std::optional<Date> delivered;
        std::optional<Date> notice;
        const char* last; // empty: no deadline, the rule is stated in words
        const char* source;
    };
    const Row rows[] = {
        {Step::One, d("2026-11-23"), d("2026-11-24"), "2026-12-14", "FL 44 §: from receipt"},
        {Step::Two, d("2026-11-23"), d("2026-11-24"), "2026-12-15", "KL 13 kap. 5 §: from the notice"},
        {Step::Two, d("2026-11-23"), std::nullopt, "", "KL: receipt does not start step 2's time"},
        {Step::One, std::nullopt, d("2026-11-24"), "", "FL: the notice does not start step 1's time"},
        {Step::Two, std::nullopt, d("2026-12-04"), "2026-12-28", "1930:173 2 §: juldagen"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.source) {
            const AppealRoute route = appealRoute(r.step, r.delivered, r.notice);
            if (std::string(r.last).empty()) {
                BOOST_TEST(!route.deadline.has_value());
            } else {
                BOOST_TEST_REQUIRE(route.deadline.has_value());
                BOOST_TEST(route.deadline->last.iso() == r.last);
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
