#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "law/StatuteTable.h"

#include "core/Error.h"

using namespace kansli;
using namespace kansli::law;
using kansli::law::test::d;
using kansli::law::test::shippedLawBook;

BOOST_AUTO_TEST_SUITE(StatuteTableTest)

BOOST_AUTO_TEST_CASE(referencesByDecisionDate)
{
    struct Row { const char* key; const char* date; const char* reference; const char* source; };
    const Row rows[] = {
        {"ratt-till-bistand", "2025-06-30", "4 kap. 1 § socialtjänstlagen (2001:453)", "socialtjänstlag (2025:400), övergångsbestämmelser: last day of the old law"},
        {"ratt-till-bistand", "2025-07-01", "11 kap. 1 § socialtjänstlagen (2025:400)", "socialtjänstlag (2025:400), övergångsbestämmelser: first day of the new law"},
        {"bistand-utover", "2025-06-30", "4 kap. 2 § socialtjänstlagen (2001:453)", "socialtjänstlag (2025:400), övergångsbestämmelser"},
        {"bistand-utover", "2025-07-01", "11 kap. 4 § socialtjänstlagen (2025:400)", "socialtjänstlag (2025:400), övergångsbestämmelser"},
        {"overklagbara-beslut", "2023-03-01", "16 kap. 3 § socialtjänstlagen (2001:453)", "socialtjänstlag (2025:400), övergångsbestämmelser"},
        {"overklagbara-beslut", "2026-11-20", "35 kap. 1 § socialtjänstlagen (2025:400)", "socialtjänstlag (2025:400), övergångsbestämmelser"},
        {"dokumentation", "2022-05-24", "11 kap. 5 § socialtjänstlagen (2001:453)", "socialtjänstlag (2025:400), övergångsbestämmelser"},
        {"dokumentation", "2026-11-20", "14 kap. 3 § socialtjänstlagen (2025:400)", "socialtjänstlag (2025:400), övergångsbestämmelser"},
        {"fl-overklagande-form", "2026-11-20", "43 § förvaltningslagen (2017:900)", "FL 43 §"},
        {"fl-overklagande-tid", "2026-11-20", "44 § förvaltningslagen (2017:900)", "FL 44 §"},
        {"kl-laglighetsprovning", "2026-11-20", "13 kap. kommunallagen (2017:725)", "KL 13 kap."},
    };
    const StatuteTable& table = shippedLawBook().statutes();
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.key << " on " << r.date << " (" << r.source << ")") {
            BOOST_TEST(table.reference(r.key, d(r.date)) == r.reference);
        }
    }
}

BOOST_AUTO_TEST_CASE(no2026DecisionCitesTheOldLaw)
{
    // socialtjänstlag (2025:400), övergångsbestämmelser: a decision dated 2026 must never cite 2001:453.
    const StatuteTable& table = shippedLawBook().statutes();
    for (Date day = d("2025-07-01"); day <= d("2027-12-31"); day = day.addDays(1)) {
        for (const std::string& key : decisionConcepts()) {
            const StatuteRow* row = table.find(key, day);
            BOOST_TEST_CONTEXT(key << " on " << day.iso()) {
                BOOST_TEST_REQUIRE(row != nullptr);
                BOOST_TEST(row->sfs != "2001:453");
                BOOST_TEST(row->reference.find("2001:453") == std::string::npos);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(gapsAndOverlaps)
{
    const StatuteTable& table = shippedLawBook().statutes();
    BOOST_TEST(table.find("ratt-till-bistand", d("2001-12-31")) == nullptr);
    BOOST_CHECK_THROW(table.at("ratt-till-bistand", d("2001-12-31")), kansli::Error);
    BOOST_TEST(table.find("no-such-concept", d("2026-01-01")) == nullptr);

    StatuteRow a{"x", d("2020-01-01"), d("2025-06-30"), "old", "1", 1};
    StatuteRow b{"x", d("2025-06-30"), std::nullopt, "new", "2", 2};
    BOOST_CHECK_THROW(StatuteTable("t", d("2020-01-01"), {a, b}), kansli::Error);
    b.validFrom = d("2025-07-01");
    BOOST_CHECK_NO_THROW(StatuteTable("t", d("2020-01-01"), {a, b}));
    StatuteRow backwards{"y", d("2025-01-01"), d("2024-01-01"), "r", "3", 3};
    BOOST_CHECK_THROW(StatuteTable("t", d("2020-01-01"), {backwards}), kansli::Error);
}

BOOST_AUTO_TEST_SUITE_END()
