#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "law/TargetGroup.h"

using namespace kansli;
using namespace kansli::law;
using kansli::law::test::shippedLawBook;

BOOST_AUTO_TEST_SUITE(TargetGroupTest)

BOOST_AUTO_TEST_CASE(groupsAsShipped)
{
    struct Row {
        const char* code;
        const char* programme;
        int minAge;
        int maxAge;
        int months;
        LongerPeriod longer;
        std::vector<std::string> criteria;
        const char* source;
    };
    const Row rows[] = {
        {"socialpsykiatri", "alfa", 18, 64, 24, LongerPeriod::WithSpecialReasons,
         {"socialpsykiatri.yrkesverksam-alder", "socialpsykiatri.specialistpsykiatri",
          "socialpsykiatri.mal-arbete-studier", "socialpsykiatri.stodbehov",
          "socialpsykiatri.inforstadd", "socialpsykiatri.kan-borja", "socialpsykiatri.af-ingen-atgard"},
         "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)"},
        {"lss-insteg", "iwork", 18, 64, 4, LongerPeriod::Forbidden,
         {"lss-insteg.yrkesverksam-alder", "lss-insteg.personkrets", "lss-insteg.onskan",
          "lss-insteg.forutsattningar", "lss-insteg.stodbehov"},
         "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)"},
        {"lss-insats", "iwork", 18, 64, 24, LongerPeriod::WithSpecialReasons,
         {"lss-insats.yrkesverksam-alder", "lss-insats.personkrets", "lss-insats.stodbehov",
          "lss-insats.onskan", "lss-insats.inforstadd", "lss-insats.klara-arbete",
          "lss-insats.overgangsperiod", "lss-insats.af-ingen-atgard"},
         "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)"},
        {"uvas", "jobbtorg", 19, 29, 6, LongerPeriod::Forbidden,
         {"uvas.folkbokford", "uvas.alder", "uvas.saknar-arbete", "uvas.behov-coachning",
          "uvas.ingen-forsorjningsstod", "uvas.af-ingen-atgard"},
         "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022)"},
        {"kvinnor-30-64", "jobbtorg", 30, 64, 6, LongerPeriod::Forbidden,
         {"kvinnor-30-64.folkbokford", "kvinnor-30-64.alder", "kvinnor-30-64.ingen-forsorjningsstod",
          "kvinnor-30-64.utbildning-svenska", "kvinnor-30-64.etablering",
          "kvinnor-30-64.behov-coachning", "kvinnor-30-64.af-ingen-atgard"},
         "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022)"},
    };
    BOOST_TEST(shippedLawBook().groups().size() == std::size(rows));
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.code << " (" << r.source << ")") {
            const TargetGroupRule* g = shippedLawBook().group(r.code);
            BOOST_TEST_REQUIRE(g != nullptr);
            BOOST_TEST(g->programme == r.programme);
            BOOST_TEST(g->minAge == r.minAge);
            BOOST_TEST(g->maxAge == r.maxAge);
            BOOST_TEST(g->standardMonths == r.months);
            BOOST_TEST((g->longer == r.longer));
            BOOST_TEST(g->criterionIds() == r.criteria, boost::test_tools::per_element());
            int ageCriteria = 0;
            for (const Criterion& c : g->criteria) {
                ageCriteria += c.ageCriterion ? 1 : 0;
            }
            BOOST_TEST(ageCriteria == 1);
        }
    }
    BOOST_TEST(shippedLawBook().group("no-such-group") == nullptr);
    BOOST_TEST(shippedLawBook().group("kvinnor-30-64")->legalSex == "female");
    BOOST_TEST(shippedLawBook().groupsEdition().jobPlanDueDays == 5);
}

BOOST_AUTO_TEST_CASE(whoMayDecide)
{
    struct Row { const char* group; const char* role; const char* unit; bool allowed; const char* source; };
    const Row rows[] = {
        {"uvas", "enhetschef", "Jobbtorg Kista", true, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen): delegation"},
        {"uvas", "bitradande-enhetschef", "Jobbtorg Kista unga", true, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)"},
        {"uvas", "bitradande-enhetschef", "Jobbtorg Vällingby", true, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)"},
        {"uvas", "enhetschef", "Jobbtorg City", true, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)"},
        {"uvas", "enhetschef", "Jobbtorg Farsta", true, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)"},
        {"uvas", "enhetschef", "Jobbtorg Skärholmen", true, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)"},
        {"kvinnor-30-64", "enhetschef", "Jobbtorg unga Globen", true, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)"},
        {"kvinnor-30-64", "enhetschef", "jobbtorg kista", true, "unit names compare without ASCII case"},
        {"uvas", "enhetschef", "Jobbtorg Sundbyberg", false, "not one of the seven units"},
        {"uvas", "coach", "Jobbtorg Kista", false, "a coach investigates, never decides"},
        {"uvas", "handlaggare", "Rinkeby-Kista stadsdelsförvaltning", false, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): Jobbtorg decides"},
        {"socialpsykiatri", "handlaggare", "Rinkeby-Kista stadsdelsförvaltning", true, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)"},
        {"lss-insats", "handlaggare", "Södermalms stadsdelsförvaltning", true, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)"},
        {"lss-insteg", "handlaggare", "Jobbtorg Kista", false, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): the district decides"},
        {"lss-insteg", "enhetschef", "Södermalms stadsdelsförvaltning", false, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): handläggare"},
        {"socialpsykiatri", "handlaggare", "stadsdelsförvaltning", false, "a suffix alone is no unit"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.group << " " << r.role << " (" << r.source << ")") {
            BOOST_TEST(shippedLawBook().group(r.group)->mayDecide(r.role, r.unit) == r.allowed);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
