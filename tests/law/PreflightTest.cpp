#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "law/Preflight.h"

#include <functional>

using namespace kansli;
using namespace kansli::law;
using kansli::law::test::d;
using kansli::law::test::shippedLawBook;

namespace {

// Synthetic numbers (tests/law/oracle/identity-numbers.txt).
const char* const WOMAN_1999 = "19990417-2385";
const char* const MAN_1980 = "19800101-0019";
const char* const WOMAN_1979 = "19790606-4428";

template <class T>
Located<T> at(T value, const char* xpath, int line = 1)
{
    return Located<T>{std::move(value), Where{line, xpath}};
}

InvestigationFacts investigationOf(const TargetGroupRule& group, const char* from, const char* to)
{
    InvestigationFacts inv;
    int line = 40;
    for (const std::string& id : group.criterionIds()) {
        inv.criteria.push_back(CriterionFact{id, true, true,
                                             Where{line++, "/case/investigation/criteria/criterion[@id='" + id + "']"}});
    }
    inv.criteriaWhere = Where{39, "/case/investigation/criteria"};
    inv.proposedOutcome = at<std::string>("bifall", "/case/investigation/proposedDecision/@outcome");
    inv.proposedFrom = at(d(from), "/case/investigation/proposedDecision/period/@from");
    inv.proposedTo = at(d(to), "/case/investigation/proposedDecision/period/@to");
    return inv;
}

// The UVAS case of examples/beslut-uvas.xml, which the law accepts.
CaseFacts uvasCase()
{
    const TargetGroupRule& group = *shippedLawBook().group("uvas");
    CaseFacts f;
    f.documentType = at<std::string>("beslut", "/case/document/@type");
    f.targetGroup = at<std::string>("uvas", "/case/application/targetGroup");
    f.programme = at<std::string>("jobbtorg", "/case/application/programme");
    f.identityNumber = at<std::string>(WOMAN_1999, "/case/applicant/personnummer");
    f.applicationReceived = at(d("2026-10-28"), "/case/application/received");
    // Printed a week after the decision: a receipt before then may be stated.
    f.printDate = at(d("2026-11-27"), "/case/document/@generatedAt");
    f.investigation = investigationOf(group, "2026-12-01", "2027-05-31");
    DecisionFacts dec;
    dec.date = at(d("2026-11-20"), "/case/decision/date");
    dec.makerRole = at<std::string>("bitradande-enhetschef", "/case/decision/decisionMaker/role");
    dec.makerUnit = at<std::string>("Jobbtorg Kista unga", "/case/decision/decisionMaker/unit");
    dec.makerName = at<std::string>("x", "/case/decision/decisionMaker/name");
    dec.delegation = at<std::string>("x", "/case/decision/decisionMaker/delegation");
    dec.hasPresenter = at(true, "/case/decision/presenter");
    dec.step1Outcome = at<std::string>("avslag", "/case/decision/step1/@outcome");
    dec.step1HasMotivation = at(false, "/case/decision/step1/motivation");
    dec.step2Outcome = at<std::string>("bifall", "/case/decision/step2/@outcome");
    dec.step2HasMotivation = at(true, "/case/decision/step2/motivation");
    dec.periodFrom = at(d("2026-12-01"), "/case/decision/step2/period/@from");
    dec.periodTo = at(d("2027-05-31"), "/case/decision/step2/period/@to");
    dec.hasSpecialReasons = at(false, "/case/decision/step2/specialReasons");
    dec.noticeAnnouncedOn = at(d("2026-11-24"), "/case/decision/protocolNotice/@announced");
    f.decision = dec;
    return f;
}

// A socialpsykiatri case decided by a district handläggare, two years.
CaseFacts socialpsykiatriCase()
{
    const TargetGroupRule& group = *shippedLawBook().group("socialpsykiatri");
    CaseFacts f = uvasCase();
    f.targetGroup.value = "socialpsykiatri";
    f.programme.value = "alfa";
    f.identityNumber.value = MAN_1980;
    f.investigation = investigationOf(group, "2026-12-01", "2028-11-30");
    f.decision->makerRole.value = "handlaggare";
    f.decision->makerUnit.value = "Rinkeby-Kista stadsdelsförvaltning";
    f.authorityNamnd = at<std::string>("Rinkeby-Kista stadsdelsnämnd", "/case/authority/namnd");
    f.decision->periodTo->value = d("2028-11-30");
    return f;
}

std::vector<std::string> codes(const Findings& findings, Severity severity)
{
    std::vector<std::string> out;
    for (const Finding& f : findings) {
        if (f.severity == severity) {
            out.push_back(f.code);
        }
    }
    return out;
}

struct Row {
    const char* name;
    std::function<CaseFacts()> facts;
    std::vector<std::string> errors;   // exactly these error codes, in order
    std::vector<std::string> warnings; // exactly these warning codes
    const char* source;
};

} // namespace

BOOST_AUTO_TEST_SUITE(PreflightTest)

BOOST_AUTO_TEST_CASE(refusalsAndWarnings)
{
    using V = std::vector<std::string>;
    const Row rows[] = {
        {"the UVAS example passes", uvasCase, {}, {}, "examples/beslut-uvas.xml"},
        {"socialpsykiatri two years passes", socialpsykiatriCase, {}, {}, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)"},
        {"criterion not met",
         [] { auto f = uvasCase(); f.investigation->criteria.at(2).met = false; return f; },
         V{"law.criterion-not-met"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): UVAS"},
        {"criterion missing from the case file",
         [] { auto f = uvasCase(); f.investigation->criteria.pop_back(); return f; },
         V{"law.criterion-not-met"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): UVAS"},
        {"no investigation for a grant",
         [] { auto f = uvasCase(); f.investigation.reset(); return f; },
         V(6, "law.criterion-not-met"), {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): UVAS"},
        {"unknown criterion for the group",
         [] {
             auto f = uvasCase();
             f.investigation->criteria.push_back(CriterionFact{"kvinnor-30-64.etablering", true, true, Where{60, "/x"}});
             return f;
         },
         V{"law.criterion-unknown"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): UVAS"},
        {"age above the range",
         [] { auto f = uvasCase(); f.identityNumber.value = MAN_1980; return f; },
         V{"law.age-out-of-range"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): 19-29 år"},
        {"period longer than six months",
         [] {
             auto f = uvasCase();
             f.decision->periodTo->value = d("2027-06-01");
             f.investigation->proposedTo->value = d("2027-06-01");
             return f;
         },
         V{"law.period-too-long"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): sex månader"},
        {"Insteg longer than four months",
         [] {
             auto f = socialpsykiatriCase();
             f.targetGroup.value = "lss-insteg";
             f.programme.value = "iwork";
             f.investigation = investigationOf(*shippedLawBook().group("lss-insteg"), "2026-12-01", "2027-04-01");
             f.decision->periodTo->value = d("2027-04-01");
             return f;
         },
         V{"law.period-too-long"}, {}, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): fyra månader"},
        {"longer than two years without särskilda skäl",
         [] {
             auto f = socialpsykiatriCase();
             f.decision->periodTo->value = d("2028-12-31");
             f.investigation->proposedTo->value = d("2028-12-31");
             return f;
         },
         V{"law.special-reasons-missing"}, {}, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): särskilda skäl"},
        {"longer than two years with särskilda skäl passes",
         [] {
             auto f = socialpsykiatriCase();
             f.decision->periodTo->value = d("2028-12-31");
             f.investigation->proposedTo->value = d("2028-12-31");
             f.decision->hasSpecialReasons.value = true;
             return f;
         },
         V{}, {}, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): särskilda skäl"},
        {"period ends before it starts",
         [] {
             auto f = uvasCase();
             f.decision->periodTo->value = d("2026-11-30");
             f.investigation->proposedTo->value = d("2026-11-30");
             return f;
         },
         V{"law.date-order"}, {}, "FL 32 §"},
        {"grant without a period",
         [] { auto f = uvasCase(); f.decision->periodTo.reset(); return f; },
         V{"law.period-missing"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022)"},
        {"a coach may not decide",
         [] { auto f = uvasCase(); f.decision->makerRole.value = "coach"; return f; },
         V{"law.decider-not-allowed"}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen): delegation"},
        {"a unit outside the delegation",
         [] { auto f = uvasCase(); f.decision->makerUnit.value = "Jobbtorg Sundbyberg"; return f; },
         V{"law.decider-not-allowed"}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen): delegation"},
        {"Jobbtorg may not decide for socialpsykiatri",
         [] {
             auto f = socialpsykiatriCase();
             f.decision->makerRole.value = "enhetschef";
             f.decision->makerUnit.value = "Jobbtorg Kista";
             return f;
         },
         V{"law.decider-not-allowed"}, {}, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)"},
        {"rejection without motivation",
         [] {
             auto f = uvasCase();
             f.decision->step2Outcome.value = "avslag";
             f.decision->step2HasMotivation.value = false;
             f.investigation->proposedOutcome.value = "avslag";
             return f;
         },
         V{"law.motivation-missing"}, {}, "FL 32 §"},
        {"step 1 granted",
         [] { auto f = uvasCase(); f.decision->step1Outcome.value = "bifall"; return f; },
         V{"law.step1-not-rejection"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022); Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)"},
        {"decided before the application",
         [] { auto f = uvasCase(); f.decision->date.value = d("2026-10-27"); return f; },
         V{"law.date-order"}, {}, "FL 31 §"},
        {"received before the decision",
         [] { auto f = uvasCase(); f.decision->deliveredOn = at(d("2026-11-19"), "/d"); return f; },
         V{"law.date-order"}, {}, "FL 44 §"},
        {"notice before the decision",
         [] { auto f = uvasCase(); f.decision->noticeAnnouncedOn->value = d("2026-11-19"); return f; },
         V{"law.date-order"}, {}, "KL 13 kap. 5 §"},
        {"invalid check digit",
         [] { auto f = uvasCase(); f.identityNumber.value = "19990417-2386"; return f; },
         V{"law.identity-number"}, {}, "SKV 704"},
        {"impossible date",
         [] { auto f = uvasCase(); f.identityNumber.value = "19990230-1234"; return f; },
         V{"law.identity-number"}, {}, "SKV 704"},
        {"received after the letter is printed",
         [] {
             auto f = uvasCase();
             f.decision->deliveredOn = at(d("2026-11-30"), "/case/decision/delivery/@received");
             return f;
         },
         V{"law.delivery-after-print"}, {}, "FL 44 §"},
        {"received on the day the letter is printed",
         [] {
             auto f = uvasCase();
             f.decision->deliveredOn = at(d("2026-11-27"), "/case/decision/delivery/@received");
             return f;
         },
         V{}, {}, "FL 44 §"},
        {"notice announced after the letter is printed: a planned date, accepted",
         [] {
             auto f = uvasCase();
             f.decision->noticeAnnouncedOn = at(d("2026-12-03"), "/case/decision/protocolNotice/@announced");
             return f;
         },
         V{}, {}, "KL 13 kap. 5 §"},
        {"diarienummer holding the applicant's personnummer",
         [] {
             auto f = uvasCase();
             f.diarienummer = {"JT-" + f.identityNumber.value, {5, "/case/diarienummer"}};
             return f;
         },
         V{"law.diarienummer-identity-number"}, {}, "OSL 26 kap. 1 §"},
        {"samordningsnummer field without day + 60",
         [] { auto f = uvasCase(); f.samordningsnummer = true; return f; },
         V{"law.identity-number"}, {}, "FOL 18 a §"},
        {"beslut without decision",
         [] { auto f = uvasCase(); f.decision.reset(); return f; },
         V{"law.document-part-missing"}, {}, "FL 31-33 §§"},
        {"utredning without investigation",
         [] {
             auto f = uvasCase();
             f.documentType.value = "utredning";
             f.investigation.reset();
             f.decision.reset();
             return f;
         },
         V{"law.document-part-missing"}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)"},
        {"jobbplan without jobPlan",
         [] { auto f = uvasCase(); f.documentType.value = "jobbplan"; return f; },
         V{"law.document-part-missing"}, {}, "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)"},
        {"unknown target group",
         [] { auto f = uvasCase(); f.targetGroup.value = "pensionarer"; return f; },
         V{"law.unknown-target-group"}, {}, "the legal department's target groups"},
        {"programme of another group",
         [] { auto f = uvasCase(); f.programme.value = "alfa"; return f; },
         V{"law.programme-mismatch"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022)"},
        {"job plan after six days",
         [] {
             auto f = uvasCase();
             f.jobPlan = JobPlanFacts{at(d("2026-12-01"), "/case/jobPlan/enrolled"),
                                      at(d("2026-12-07"), "/case/jobPlan/established"), {}};
             return f;
         },
         V{}, V{"law.jobplan-late"}, "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017): inom fem dagar"},
        {"job plan on day five",
         [] {
             auto f = uvasCase();
             f.jobPlan = JobPlanFacts{at(d("2026-12-01"), "/case/jobPlan/enrolled"),
                                      at(d("2026-12-06"), "/case/jobPlan/established"), {}};
             return f;
         },
         V{}, V{}, "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017): inom fem dagar"},
        {"district handläggare deciding for another district's nämnd",
         [] {
             auto f = socialpsykiatriCase();
             f.authorityNamnd.value = "Skarpnäcks stadsdelsnämnd";
             return f;
         },
         V{"law.district-mismatch"}, {}, "Stockholms stads stadsdelsnämnder"},
        {"a stadsdelsförvaltning that is not one of the city's districts",
         [] {
             auto f = socialpsykiatriCase();
             f.decision->makerUnit.value = "Sundbybergs stadsdelsförvaltning";
             return f;
         },
         V{"law.district-unknown"}, {}, "Stockholms stads stadsdelsnämnder"},
        {"förvaltningschef decides for an outreach group (own delegation)",
         [] {
             auto f = uvasCase();
             f.decision->makerRole.value = "forvaltningschef";
             f.decision->makerUnit.value = "Arbetsmarknadsförvaltningen";
             return f;
         },
         V{}, {}, "Tjänsteutlåtande om delegation 30 maj 2023, beslutspunkt 3"},
        {"förvaltningschef at a Jobbtorg unit is not the delegation",
         [] {
             auto f = uvasCase();
             f.decision->makerRole.value = "forvaltningschef";
             return f;
         },
         V{"law.decider-not-allowed"}, {}, "Tjänsteutlåtande om delegation 30 maj 2023, beslutspunkt 3"},
        {"delegated decision without a presenter",
         [] {
             auto f = uvasCase();
             f.decision->hasPresenter.value = false;
             return f;
         },
         V{}, V{"law.presenter-missing"}, "FL 31 §"},
        {"job plan established before enrolment",
         [] {
             auto f = uvasCase();
             f.jobPlan = JobPlanFacts{at(d("2026-12-01"), "/case/jobPlan/enrolled"),
                                      at(d("2026-11-30"), "/case/jobPlan/established"), {}};
             return f;
         },
         V{"law.jobplan-before-enrolment"}, V{}, "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)"},
        {"investigation leaves a criterion out",
         [] {
             auto f = uvasCase();
             f.documentType.value = "utredning";
             f.decision.reset();
             f.investigation->criteria.erase(f.investigation->criteria.begin() + 1);
             return f;
         },
         V{"law.criterion-not-assessed"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022)"},
        {"investigation proposes a grant with a criterion not met",
         [] {
             auto f = uvasCase();
             f.documentType.value = "utredning";
             f.decision.reset();
             f.investigation->criteria.at(3).met = false;
             return f;
         },
         V{"law.proposal-criterion-not-met"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022)"},
        {"investigation proposes a rejection with a criterion not met: accepted",
         [] {
             auto f = uvasCase();
             f.documentType.value = "utredning";
             f.decision.reset();
             f.investigation->criteria.at(3).met = false;
             f.investigation->proposedOutcome.value = "avslag";
             return f;
         },
         V{}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022)"},
        {"women's group, sex digit odd",
         [] {
             auto f = uvasCase();
             f.targetGroup.value = "kvinnor-30-64";
             f.identityNumber.value = MAN_1980;
             f.investigation = investigationOf(*shippedLawBook().group("kvinnor-30-64"), "2026-12-01", "2027-05-31");
             return f;
         },
         V{}, V{"law.target-group-sex"}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022)"},
        {"women's group, sex digit even",
         [] {
             auto f = uvasCase();
             f.targetGroup.value = "kvinnor-30-64";
             f.identityNumber.value = WOMAN_1979;
             f.investigation = investigationOf(*shippedLawBook().group("kvinnor-30-64"), "2026-12-01", "2027-05-31");
             return f;
         },
         V{}, V{}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022)"},
        {"decision differs from the proposal",
         [] { auto f = uvasCase(); f.investigation->proposedTo->value = d("2027-04-30"); return f; },
         V{}, V{"law.proposal-differs"}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.name << " (" << r.source << ")") {
            const Findings findings = preflight(r.facts(), shippedLawBook());
            BOOST_TEST(codes(findings, Severity::Error) == r.errors, boost::test_tools::per_element());
            BOOST_TEST(codes(findings, Severity::Warning) == r.warnings, boost::test_tools::per_element());
            for (const Finding& f : findings) {
                BOOST_TEST(!f.xpath.empty());
                BOOST_TEST(!f.source.empty());
                // A source a lawyer can find: a statute or a city document, never a file of ours.
                for (const char* fileName : {"seed", ".xml", ".md", "templates/"}) {
                    BOOST_TEST(f.source.find(fileName) == std::string::npos, f.source);
                }
                // No personal data: never a digit sequence of the identity numbers.
                for (const char* number : {WOMAN_1999, MAN_1980, WOMAN_1979, "2385", "0019"}) {
                    BOOST_TEST(f.message.find(number) == std::string::npos);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(noStatuteOnTheDecisionDate)
{
    const LawBook empty(shippedLawBook().groupsEdition(), StatuteTable("empty", d("2020-01-01"), {}));
    const Findings findings = preflight(uvasCase(), empty);
    const auto errors = codes(findings, Severity::Error);
    BOOST_TEST(errors == std::vector<std::string>(decisionConcepts().size(), "law.no-statute"),
               boost::test_tools::per_element());
    BOOST_TEST(findings.front().xpath == "/case/decision/date");
}

BOOST_AUTO_TEST_SUITE_END()
