#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "i18n/Catalog.h"
#include "i18n/FindingText.h"
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

// A rejection in step 2 of the UVAS case, after communication (sent 5 November, answered 12 November).
CaseFacts uvasRejection()
{
    CaseFacts f = uvasCase();
    f.investigation->criteria.at(2).met = false;
    f.investigation->proposedOutcome.value = "avslag";
    f.investigation->proposedFrom.reset();
    f.investigation->proposedTo.reset();
    f.decision->step2Outcome.value = "avslag";
    f.decision->periodFrom.reset();
    f.decision->periodTo.reset();
    CommunicationFacts com;
    com.where = Where{90, "/case/communication"};
    com.sent = at(d("2026-11-05"), "/case/communication/@sent");
    com.answered = at(d("2026-11-12"), "/case/communication/answer/@received");
    com.hasFindings = at(true, "/case/communication/findings");
    com.hasMaterial = at(true, "/case/communication/material");
    f.communication = com;
    return f;
}

// The kommunicering letter of that rejection, before the decision.
CaseFacts uvasKommunicering()
{
    CaseFacts f = uvasRejection();
    f.documentType.value = "kommunicering";
    f.decision.reset();
    f.communication->answered.reset();
    f.printDate.value = d("2026-11-05");
    return f;
}

// The continuation of the UVAS grant: six months more, from the day after the first period.
CaseFacts uvasContinuation()
{
    CaseFacts f = uvasCase();
    f.documentType.value = "fortsatt";
    f.continuation = true;
    f.applicationReceived.value = d("2027-05-03");
    f.printDate.value = d("2027-05-27");
    f.investigation->proposedFrom.reset();
    f.investigation->proposedTo.reset();
    f.decision->date.value = d("2027-05-20");
    f.decision->periodFrom->value = d("2027-06-01");
    f.decision->periodTo->value = d("2027-11-30");
    f.decision->noticeAnnouncedOn->value = d("2027-05-25");
    ContinuationFacts k;
    k.where = Where{120, "/case/continuationOf"};
    k.previousDecisionDate = at(d("2026-11-20"), "/case/continuationOf/previousDecision/@date");
    k.previousFrom = at(d("2026-12-01"), "/case/continuationOf/previousDecision/period/@from");
    k.previousTo = at(d("2027-05-31"), "/case/continuationOf/previousDecision/period/@to");
    k.assessmentDate = at(d("2027-05-17"), "/case/continuationOf/assessment/@date");
    k.consulted = at<std::string>("arbetsformedlingen", "/case/continuationOf/assessment/@consulted");
    k.assessmentStated = at(true, "/case/continuationOf/assessment");
    f.continuationOf = k;
    return f;
}

// A socialpsykiatri insats started 1 June 2025, continued from 1 June 2027: beyond two years.
CaseFacts socialpsykiatriContinuation()
{
    CaseFacts f = uvasContinuation();
    const CaseFacts s = socialpsykiatriCase();
    f.targetGroup = s.targetGroup;
    f.programme = s.programme;
    f.identityNumber = s.identityNumber;
    f.authorityNamnd = s.authorityNamnd;
    f.investigation = investigationOf(*shippedLawBook().group("socialpsykiatri"), "2027-06-01", "2027-11-30");
    f.investigation->proposedFrom.reset();
    f.investigation->proposedTo.reset();
    f.decision->makerRole = s.decision->makerRole;
    f.decision->makerUnit = s.decision->makerUnit;
    f.continuationOf->previousDecisionDate.value = d("2025-05-20");
    f.continuationOf->previousFrom.value = d("2025-06-01");
    f.continuationOf->consulted.value.clear();
    f.continuationOf->insatsStarted = at(d("2025-06-01"), "/case/continuationOf/insatsStarted");
    f.decision->hasSpecialReasons.value = true;
    return f;
}

// An appeal of step 1 of the UVAS decision (received 23 November, last day 14 December), on time.
CaseFacts uvasAppeal()
{
    CaseFacts f = uvasCase();
    f.documentType.value = "rattidsprovning";
    f.printDate.value = d("2026-12-11");
    f.decision->deliveredOn = at(d("2026-11-23"), "/case/decision/delivery/@received");
    AppealFacts a;
    a.where = Where{130, "/case/appeal"};
    a.received = at(d("2026-12-10"), "/case/appeal/@received");
    a.route = at<std::string>("forvaltningsbesvar", "/case/appeal/@route");
    a.decisionDocument = at<std::string>("", "/case/appeal");
    a.trialDate = at(d("2026-12-11"), "/case/appeal/trial/date");
    a.makerRole = at<std::string>("enhetschef", "/case/appeal/trial/decisionMaker/role");
    a.makerUnit = at<std::string>("Jobbtorg Kista unga", "/case/appeal/trial/decisionMaker/unit");
    f.appeal = a;
    return f;
}

// The statement to the court on that appeal (the court asked on 21 December, by 11 January).
CaseFacts uvasStatement()
{
    CaseFacts f = uvasAppeal();
    f.documentType.value = "yttrande";
    f.printDate.value = d("2027-01-05");
    StatementFacts st;
    st.where = Where{140, "/case/courtStatement"};
    st.position = at<std::string>("bestrider", "/case/courtStatement/@position");
    st.requestReceived = at(d("2026-12-21"), "/case/courtStatement/request/@received");
    st.answerBy = at(d("2027-01-11"), "/case/courtStatement/request/@answerBy");
    st.signedDate = at(d("2027-01-05"), "/case/courtStatement/signed/date");
    st.signerRole = at<std::string>("enhetschef", "/case/courtStatement/signed/signer/role");
    st.signerUnit = at<std::string>("Jobbtorg Kista unga", "/case/courtStatement/signed/signer/unit");
    st.wantsStated = at(true, "/case/courtStatement/appellantWants");
    st.reasonsStated = at(true, "/case/courtStatement/reasons");
    f.courtStatement = st;
    return f;
}

// The UVAS insats ended on 28 February 2027 at the applicant's request, by a decision of 15 February.
CaseFacts uvasEnding()
{
    CaseFacts f = uvasCase();
    f.documentType.value = "avslut";
    f.printDate.value = d("2027-02-15");
    EndingFacts e;
    e.where = Where{150, "/case/ending"};
    e.reason = at<std::string>("applicant-request", "/case/ending/@reason");
    e.revocationGround = at<std::string>("", "/case/ending");
    e.grantedDate = at(d("2026-11-20"), "/case/ending/grantedBy/@date");
    e.grantedFrom = at(d("2026-12-01"), "/case/ending/grantedBy/period/@from");
    e.grantedTo = at(d("2027-05-31"), "/case/ending/grantedBy/period/@to");
    e.date = at(d("2027-02-15"), "/case/ending/date");
    e.endsOn = at(d("2027-02-28"), "/case/ending/endsOn");
    e.hasDecisionMaker = true;
    e.makerRole = at<std::string>("bitradande-enhetschef", "/case/ending/decisionMaker/role");
    e.makerUnit = at<std::string>("Jobbtorg Kista unga", "/case/ending/decisionMaker/unit");
    e.hasMotivation = at(false, "/case/ending/motivation");
    f.ending = e;
    return f;
}

// The same ending against the applicant's will: criteria no longer met, granted on wrong information,
// communicated on 1 February and answered on 8 February.
CaseFacts uvasRevocation()
{
    CaseFacts f = uvasEnding();
    f.ending->reason.value = "criteria-not-met";
    f.ending->revocationGround.value = "oriktiga-uppgifter";
    f.ending->hasMotivation.value = true;
    CommunicationFacts com;
    com.where = Where{145, "/case/communication"};
    com.sent = at(d("2027-02-01"), "/case/communication/@sent");
    com.answered = at(d("2027-02-08"), "/case/communication/answer/@received");
    f.communication = com;
    return f;
}

// The final report when the UVAS insats ended because the participant got a job.
CaseFacts uvasReport()
{
    CaseFacts f = uvasEnding();
    f.documentType.value = "slutrapport";
    f.ending->reason.value = "goal-reached";
    f.ending->date.reset();
    f.ending->hasDecisionMaker = false;
    f.ending->reportWritten = at(d("2027-03-03"), "/case/ending/report/@written");
    return f;
}

/// Every finding reads as the legal department wrote it, in Swedish and in English: a message
/// from the catalogs with every argument filled, and no digits of an identity number; and it
/// cites its source — a statute or a city document from the catalogs ("source.<messageId>") or
/// the target group's tables — never a file of ours.
void checkWording(const Findings& findings)
{
    static const i18n::Catalogs catalogs(std::string(KANSLI_BINARY_DIR) + "/locales");
    for (const std::string& language : i18n::Catalogs::supportedLanguages()) {
        Findings localized = findings;
        i18n::localize(localized, catalogs.forLanguage(language));
        for (const Finding& f : localized) {
            BOOST_TEST(!f.messageId.empty(), f.code);
            BOOST_TEST(f.message != f.code, language << ": " << f.messageId << " has no text");
            BOOST_TEST(f.message.find('{') == std::string::npos, language << ": " << f.message);
            for (const char* number : {"19990417", "19800101", "19790606", "2385", "0019"}) {
                BOOST_TEST(f.message.find(number) == std::string::npos);
            }
            BOOST_TEST(!f.source.empty(), language << ": " << f.messageId << " cites no source");
            BOOST_TEST(f.source.find('{') == std::string::npos, language << ": " << f.source);
            for (const char* fileName : {"seed", ".xml", ".md", "templates/"}) {
                BOOST_TEST(f.source.find(fileName) == std::string::npos, f.source);
            }
        }
    }
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
             CommunicationFacts com;
             com.sent = at(d("2026-11-05"), "/case/communication/@sent");
             com.answered = at(d("2026-11-12"), "/case/communication/answer/@received");
             f.communication = com;
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
            checkWording(findings);
            BOOST_TEST(codes(findings, Severity::Error) == r.errors, boost::test_tools::per_element());
            BOOST_TEST(codes(findings, Severity::Warning) == r.warnings, boost::test_tools::per_element());
            for (const Finding& f : findings) {
                BOOST_TEST(!f.xpath.empty());
                // Its source: checkWording (from the catalogs, in each language).
                // No personal data: never a digit sequence of the identity numbers.
                for (const char* number : {WOMAN_1999, MAN_1980, WOMAN_1979, "2385", "0019"}) {
                    BOOST_TEST(f.message.find(number) == std::string::npos);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(theCaseworkersProcess)
{
    using V = std::vector<std::string>;
    const char* const FL25 = "förvaltningslagen (2017:900) 25 §";
    const char* const FL45 = "förvaltningslagen (2017:900) 45 §";
    const char* const CONTINUATION = "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): fortsatt insats efter sex månader";
    const Row rows[] = {
        // ---- kommunicering before a step-2 rejection
        {"a rejection after communication and an answer passes", uvasRejection, {}, {}, FL25},
        {"a rejection without communication is refused",
         [] { auto f = uvasRejection(); f.communication.reset(); return f; },
         V{"law.communication-missing"}, {}, FL25},
        {"a grant needs no communication", uvasCase, {}, {}, FL25},
        {"decided before the time to answer ran out, no answer",
         [] { auto f = uvasRejection(); f.communication->sent.value = d("2026-11-10"); f.communication->answered.reset(); return f; },
         V{"law.communication-time-not-given"}, {}, FL25},
        {"the last day to answer, a Saturday, moves to Monday: deciding that Monday is too early",
         [] {
             auto f = uvasRejection();
             f.communication->sent.value = d("2026-11-07");
             f.communication->answered.reset();
             f.decision->date.value = d("2026-11-23");
             f.decision->noticeAnnouncedOn->value = d("2026-11-30");
             return f;
         },
         V{"law.communication-time-not-given"}, {}, "lag (1930:173) 2 §"},
        {"deciding the day after the moved last day passes",
         [] {
             auto f = uvasRejection();
             f.communication->sent.value = d("2026-11-07");
             f.communication->answered.reset();
             f.decision->date.value = d("2026-11-24");
             f.decision->noticeAnnouncedOn->value = d("2026-11-30");
             return f;
         },
         {}, {}, "lag (1930:173) 2 §"},
        {"communication not needed, with its reasons, passes",
         [] {
             auto f = uvasRejection();
             f.communication.reset();
             f.decision->communicationNotNeeded = at<std::string>("kan-inte-skjutas-upp", "/case/decision/communicationNotNeeded/@ground");
             f.decision->communicationNotNeededExplained = at(true, "/case/decision/communicationNotNeeded");
             return f;
         },
         {}, {}, "förvaltningslagen (2017:900) 25 § andra stycket"},
        {"communication not needed, without reasons",
         [] {
             auto f = uvasRejection();
             f.communication.reset();
             f.decision->communicationNotNeeded = at<std::string>("uppenbart-obehovligt", "/case/decision/communicationNotNeeded/@ground");
             f.decision->communicationNotNeededExplained = at(false, "/case/decision/communicationNotNeeded");
             return f;
         },
         V{"law.communication-ground-unexplained"}, {}, FL25},
        {"not needed and communicated at once",
         [] {
             auto f = uvasRejection();
             f.decision->communicationNotNeeded = at<std::string>("uppenbart-obehovligt", "/case/decision/communicationNotNeeded/@ground");
             f.decision->communicationNotNeededExplained = at(true, "/case/decision/communicationNotNeeded");
             return f;
         },
         V{"law.communication-contradiction"}, {}, FL25},
        {"answer before the material was sent",
         [] { auto f = uvasRejection(); f.communication->answered->value = d("2026-11-04"); return f; },
         V{"law.date-order"}, {}, FL25},
        {"answer after the decision",
         [] { auto f = uvasRejection(); f.communication->answered->value = d("2026-11-21"); return f; },
         V{"law.date-order"}, {}, FL25},
        {"material sent after the decision",
         [] { auto f = uvasRejection(); f.communication->sent.value = d("2026-11-21"); f.communication->answered.reset(); return f; },
         V{"law.date-order"}, {}, FL25},
        {"a time to answer shorter than the legal department allows",
         [] { auto f = uvasRejection(); f.communication->answerDays = at(5, "/case/communication/@answerDays"); return f; },
         V{"law.communication-answer-days"}, {}, FL25},
        {"a time to answer longer than the legal department allows",
         [] { auto f = uvasRejection(); f.communication->answerDays = at(60, "/case/communication/@answerDays"); return f; },
         V{"law.communication-answer-days"}, {}, FL25},
        {"the kommunicering letter passes", uvasKommunicering, {}, {}, FL25},
        {"a kommunicering letter without findings or material",
         [] {
             auto f = uvasKommunicering();
             f.communication->hasFindings.value = false;
             f.communication->hasMaterial.value = false;
             return f;
         },
         V{"law.communication-findings-missing", "law.communication-material-missing"}, {}, FL25},
        {"a kommunicering letter without its parts",
         [] { auto f = uvasKommunicering(); f.communication.reset(); f.investigation.reset(); return f; },
         V{"law.document-part-missing", "law.document-part-missing"}, {}, FL25},
        {"a kommunicering letter before a proposed grant",
         [] { auto f = uvasKommunicering(); f.investigation->proposedOutcome.value = "bifall"; return f; },
         {}, V{"law.communication-not-adverse"}, "förvaltningslagen (2017:900) 25 § andra stycket 1"},
        {"a kommunicering letter after the answer",
         [] { auto f = uvasKommunicering(); f.communication->answered = at(d("2026-11-12"), "/a"); return f; },
         {}, V{"law.communication-already-answered"}, FL25},
        // ---- fortsatt insats
        {"the UVAS continuation passes", uvasContinuation, {}, {}, CONTINUATION},
        {"a gap of two days between the periods",
         [] { auto f = uvasContinuation(); f.decision->periodFrom->value = d("2027-06-03"); return f; },
         V{"law.continuation-gap"}, {}, CONTINUATION},
        {"an overlap of two days",
         [] {
             auto f = uvasContinuation();
             f.decision->periodFrom->value = d("2027-05-30");
             f.decision->periodTo->value = d("2027-11-29");
             return f;
         },
         V{"law.continuation-overlap"}, {}, CONTINUATION},
        {"an outreach continuation assessed with the coach, not Arbetsförmedlingen",
         [] { auto f = uvasContinuation(); f.continuationOf->consulted.value = "coach"; return f; },
         V{"law.continuation-consultation"}, {}, CONTINUATION},
        {"an outreach continuation assessed with no one",
         [] { auto f = uvasContinuation(); f.continuationOf->consulted.value.clear(); return f; },
         V{"law.continuation-consultation"}, {}, CONTINUATION},
        {"a continuation nobody applied for",
         [] { auto f = uvasContinuation(); f.continuation = false; return f; },
         V{"law.continuation-not-applied"}, {}, CONTINUATION},
        {"a continuation without a new assessment",
         [] { auto f = uvasContinuation(); f.continuationOf->assessmentStated.value = false; return f; },
         V{"law.continuation-assessment-missing"}, {}, CONTINUATION},
        {"an assessment after the decision",
         [] { auto f = uvasContinuation(); f.continuationOf->assessmentDate.value = d("2027-05-21"); return f; },
         V{"law.date-order"}, {}, CONTINUATION},
        {"a continuation of more than six months",
         [] { auto f = uvasContinuation(); f.decision->periodTo->value = d("2027-12-31"); return f; },
         V{"law.period-too-long"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): Tidsbegränsning av beslutet"},
        {"without its parts",
         [] { auto f = uvasContinuation(); f.continuationOf.reset(); return f; },
         V{"law.document-part-missing"}, {}, "FL 32 §"},
        {"Insteg continued after consultation with the coach passes",
         [] {
             auto f = uvasContinuation();
             const CaseFacts s = socialpsykiatriContinuation();
             f.targetGroup.value = "lss-insteg";
             f.programme.value = "iwork";
             f.identityNumber = s.identityNumber;
             f.authorityNamnd = s.authorityNamnd;
             f.decision->makerRole = s.decision->makerRole;
             f.decision->makerUnit = s.decision->makerUnit;
             f.investigation = investigationOf(*shippedLawBook().group("lss-insteg"), "2027-06-01", "2027-09-30");
             f.investigation->proposedFrom.reset();
             f.investigation->proposedTo.reset();
             f.continuationOf->previousFrom.value = d("2027-02-01");
             f.continuationOf->consulted.value = "coach";
             f.decision->periodTo->value = d("2027-09-30");
             return f;
         },
         {}, {}, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): fortsatt insats efter fyra månader"},
        {"socialpsykiatri beyond two years of the whole insats, with särskilda skäl, passes", socialpsykiatriContinuation, {}, {},
         "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): Tidsbegränsning av beslutet"},
        {"socialpsykiatri beyond two years of the whole insats, without särskilda skäl",
         [] { auto f = socialpsykiatriContinuation(); f.decision->hasSpecialReasons.value = false; return f; },
         V{"law.special-reasons-missing"}, {}, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): Tidsbegränsning av beslutet"},
        {"socialpsykiatri continuation without the insats's first day",
         [] { auto f = socialpsykiatriContinuation(); f.continuationOf->insatsStarted.reset(); return f; },
         V{"law.continuation-start-missing"}, {}, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): Tidsbegränsning av beslutet"},
        // ---- rättidsprövning
        {"an appeal on time passes", uvasAppeal, {}, {}, FL45},
        {"an appeal on the last day passes",
         [] { auto f = uvasAppeal(); f.appeal->received.value = d("2026-12-14"); f.appeal->trialDate.value = d("2026-12-15"); return f; },
         {}, {}, FL45},
        {"an appeal the day after the last day, without the decision's document id",
         [] { auto f = uvasAppeal(); f.appeal->received.value = d("2026-12-15"); f.appeal->trialDate.value = d("2026-12-15"); return f; },
         {}, V{"law.appeal-information-unchecked"}, "förvaltningslagen (2017:900) 45 § andra stycket"},
        {"late at the authority, in time at the court",
         [] {
             auto f = uvasAppeal();
             f.appeal->received.value = d("2026-12-17");
             f.appeal->trialDate.value = d("2026-12-17");
             f.appeal->receivedByCourt = at(d("2026-12-14"), "/case/appeal/@receivedByCourt");
             return f;
         },
         {}, V{"law.appeal-late-court-in-time"}, "förvaltningslagen (2017:900) 45 § andra stycket"},
        {"late, and the decision letter's version is not listed as wrong",
         [] {
             auto f = uvasAppeal();
             f.appeal->received.value = d("2026-12-17");
             f.appeal->trialDate.value = d("2026-12-17");
             f.appeal->decisionDocument.value = "0b7e2f0c-1f4e-4b7a-9d55-2c3b8e1f0a11";
             f.appeal->decisionDocumentLookedUp = true;
             f.appeal->decisionPrintedBy = "beslut@1.2.0";
             return f;
         },
         {}, {}, FL45},
        {"a laglighetsprövning is never tried by the authority",
         [] { auto f = uvasAppeal(); f.appeal->route.value = "laglighetsprovning"; return f; },
         V{"law.appeal-laglighetsprovning"}, {}, "kommunallagen (2017:725) 13 kap. 4 och 5 §§"},
        {"no delivery date to count from",
         [] { auto f = uvasAppeal(); f.decision->deliveredOn.reset(); return f; },
         V{"law.appeal-delivery-unknown"}, {}, "förvaltningslagen (2017:900) 44 §"},
        {"tried by a role without the delegation",
         [] { auto f = uvasAppeal(); f.appeal->makerRole.value = "coach"; return f; },
         V{"law.appeal-handler-not-allowed"}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen), beslutspunkterna 5 och 6"},
        {"tried by the förvaltningschef passes",
         [] {
             auto f = uvasAppeal();
             f.appeal->makerRole.value = "forvaltningschef";
             f.appeal->makerUnit.value = "Arbetsmarknadsförvaltningen";
             return f;
         },
         {}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen), beslutspunkt 6"},
        {"a group whose delegation for appeals the law book does not hold",
         [] {
             auto f = uvasAppeal();
             const CaseFacts s = socialpsykiatriCase();
             f.targetGroup = s.targetGroup;
             f.programme = s.programme;
             f.identityNumber = s.identityNumber;
             f.authorityNamnd = s.authorityNamnd;
             f.investigation = s.investigation;
             f.decision->makerRole = s.decision->makerRole;
             f.decision->makerUnit = s.decision->makerUnit;
             f.decision->periodTo = s.decision->periodTo;
             return f;
         },
         V{"law.appeal-handler-unknown"}, {}, "Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)"},
        {"a document id that is not in the audit trail",
         [] {
             auto f = uvasAppeal();
             f.appeal->decisionDocument.value = "0b7e2f0c-1f4e-4b7a-9d55-2c3b8e1f0a11";
             f.appeal->decisionDocumentLookedUp = true;
             return f;
         },
         V{"law.appeal-decision-document-unknown"}, {}, FL45},
        {"a document id of a letter that is not a decision",
         [] {
             auto f = uvasAppeal();
             f.appeal->decisionDocument.value = "0b7e2f0c-1f4e-4b7a-9d55-2c3b8e1f0a11";
             f.appeal->decisionDocumentLookedUp = true;
             f.appeal->decisionPrintedBy = "kommunicering@1.0.0";
             return f;
         },
         V{"law.appeal-decision-document-not-decision"}, {}, FL45},
        {"an appeal before the decision",
         [] { auto f = uvasAppeal(); f.appeal->received.value = d("2026-11-19"); return f; },
         V{"law.date-order"}, {}, FL45},
        {"tried before it came in",
         [] { auto f = uvasAppeal(); f.appeal->trialDate.value = d("2026-12-09"); return f; },
         V{"law.date-order"}, {}, FL45},
        {"without its parts",
         [] { auto f = uvasAppeal(); f.appeal.reset(); return f; },
         V{"law.document-part-missing"}, {}, FL45},
        // ---- yttrande
        {"the statement to the court passes", uvasStatement, {}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen), beslutspunkt 5"},
        {"a statement on an appeal to be dismissed",
         [] { auto f = uvasStatement(); f.appeal->received.value = d("2026-12-17"); f.appeal->trialDate.value = d("2026-12-17"); return f; },
         V{"law.statement-appeal-dismissed"}, {}, FL45},
        {"a statement on a late appeal that reached the court in time passes",
         [] {
             auto f = uvasStatement();
             f.appeal->received.value = d("2026-12-17");
             f.appeal->trialDate.value = d("2026-12-17");
             f.appeal->receivedByCourt = at(d("2026-12-14"), "/case/appeal/@receivedByCourt");
             return f;
         },
         {}, {}, "förvaltningslagen (2017:900) 45 § andra stycket"},
        {"a statement in a laglighetsprövning",
         [] { auto f = uvasStatement(); f.appeal->route.value = "laglighetsprovning"; return f; },
         V{"law.statement-route"}, {}, "kommunallagen (2017:725) 13 kap."},
        {"a statement without reasons or what the appellant wants",
         [] {
             auto f = uvasStatement();
             f.courtStatement->reasonsStated.value = false;
             f.courtStatement->wantsStated.value = false;
             return f;
         },
         V{"law.statement-wants-missing", "law.statement-reasons-missing"}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen), beslutspunkt 5"},
        {"signed by a coach",
         [] { auto f = uvasStatement(); f.courtStatement->signerRole.value = "coach"; return f; },
         V{"law.statement-signer-not-allowed"}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen), beslutspunkt 5"},
        {"signed after the court's last day",
         [] { auto f = uvasStatement(); f.courtStatement->signedDate.value = d("2027-01-12"); return f; },
         {}, V{"law.statement-late"}, "förvaltningsprocesslagen (1971:291)"},
        {"signed before the court asked",
         [] { auto f = uvasStatement(); f.courtStatement->signedDate.value = d("2026-12-20"); return f; },
         V{"law.date-order"}, {}, "förvaltningsprocesslagen (1971:291)"},
        {"the authority agrees with the appellant",
         [] { auto f = uvasStatement(); f.courtStatement->position.value = "medger"; return f; },
         {}, V{"law.statement-concedes"}, "förvaltningslagen (2017:900) 37-39 §§"},
        {"a statement without a delivery date",
         [] { auto f = uvasStatement(); f.decision->deliveredOn.reset(); return f; },
         V{"law.appeal-delivery-unknown"}, {}, "förvaltningslagen (2017:900) 44 §"},
        {"a statement without its parts",
         [] { auto f = uvasStatement(); f.courtStatement.reset(); f.appeal.reset(); return f; },
         V{"law.document-part-missing", "law.document-part-missing"}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen), beslutspunkt 5"},
        // ---- avslut and slutrapport
        {"ending at the applicant's request passes", uvasEnding, {}, {}, "FL 31 §"},
        {"ending against the applicant's will, on a FL 37 § ground, communicated, passes", uvasRevocation, {}, {},
         "förvaltningslagen (2017:900) 37 §"},
        {"ending against the applicant's will without a revocation ground",
         [] { auto f = uvasRevocation(); f.ending->revocationGround.value.clear(); return f; },
         V{"law.ending-revocation-ground-missing"}, {}, "förvaltningslagen (2017:900) 37 § andra stycket"},
        {"ending against the applicant's will without communication",
         [] { auto f = uvasRevocation(); f.communication.reset(); return f; },
         V{"law.communication-missing"}, {}, FL25},
        {"ending against the applicant's will without a motivation",
         [] { auto f = uvasRevocation(); f.ending->hasMotivation.value = false; return f; },
         V{"law.motivation-missing"}, {}, "FL 32 §"},
        {"ending against the applicant's will from a day before the decision",
         [] { auto f = uvasRevocation(); f.ending->endsOn.value = d("2027-02-10"); return f; },
         V{"law.ending-retroactive"}, {}, "förvaltningslagen (2017:900) 37 §"},
        {"ending after the period granted",
         [] { auto f = uvasEnding(); f.ending->endsOn.value = d("2027-06-30"); return f; },
         V{"law.ending-after-period"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): Tidsbegränsning av beslutet"},
        {"a decision to end on the period's own last day",
         [] { auto f = uvasEnding(); f.ending->endsOn.value = d("2027-05-31"); return f; },
         V{"law.ending-not-early"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): Tidsbegränsning av beslutet"},
        {"ended by a role that may not decide",
         [] { auto f = uvasEnding(); f.ending->makerRole.value = "coach"; return f; },
         V{"law.decider-not-allowed"}, {}, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)"},
        {"a decision to end without its date and decision-maker",
         [] { auto f = uvasEnding(); f.ending->date.reset(); f.ending->hasDecisionMaker = false; return f; },
         V{"law.document-part-missing"}, {}, "FL 31 §"},
        {"the final report passes", uvasReport, {}, {}, "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)"},
        {"the final report after the period ran out passes",
         [] { auto f = uvasReport(); f.ending->reason.value = "period-ended"; f.ending->endsOn.value = d("2027-05-31"); f.ending->reportWritten->value = d("2027-06-03"); return f; },
         {}, {}, "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)"},
        {"period-ended, but it ended early",
         [] { auto f = uvasReport(); f.ending->reason.value = "period-ended"; return f; },
         V{"law.ending-not-early"}, {}, "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): Tidsbegränsning av beslutet"},
        {"a final report dated before the insats ends",
         [] { auto f = uvasReport(); f.ending->reportWritten->value = d("2027-02-20"); return f; },
         {}, V{"law.report-before-end"}, "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)"},
        {"a final report without the report",
         [] { auto f = uvasReport(); f.ending->reportWritten.reset(); return f; },
         V{"law.document-part-missing"}, {}, "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.name << " (" << r.source << ")") {
            const Findings findings = preflight(r.facts(), shippedLawBook());
            checkWording(findings);
            BOOST_TEST(codes(findings, Severity::Error) == r.errors, boost::test_tools::per_element());
            BOOST_TEST(codes(findings, Severity::Warning) == r.warnings, boost::test_tools::per_element());
            for (const Finding& f : findings) {
                BOOST_TEST(!f.xpath.empty());
                for (const char* number : {WOMAN_1999, MAN_1980, "2385", "0019"}) {
                    BOOST_TEST(f.message.find(number) == std::string::npos);
                }
            }
        }
    }
}

// FL 45 § second paragraph: a late appeal of a letter printed by a template version the legal
// department lists as giving wrong appeal information is forwarded, not dismissed.
BOOST_AUTO_TEST_CASE(aLateAppealOfAWronglyInformedDecisionIsNotDismissed)
{
    const LawBook& shipped = shippedLawBook();
    const LawBook book(shipped.groupsEdition(), shipped.statutes(),
                       {AppealInformationDefect{"beslut", "1.2.0", "the deadline of step 1 counted from the decision date",
                                                "Juridiska avdelningens granskning (test)"}});
    CaseFacts f = uvasAppeal();
    f.appeal->received.value = d("2026-12-17");
    f.appeal->trialDate.value = d("2026-12-17");
    f.appeal->decisionDocument.value = "0b7e2f0c-1f4e-4b7a-9d55-2c3b8e1f0a11";
    f.appeal->decisionDocumentLookedUp = true;
    f.appeal->decisionPrintedBy = "beslut@1.2.0";
    const Findings findings = preflight(f, book);
    checkWording(findings);
    BOOST_TEST(codes(findings, Severity::Error).empty());
    BOOST_TEST(codes(findings, Severity::Warning) == std::vector<std::string>{"law.appeal-late-wrong-information"},
               boost::test_tools::per_element());
    const auto timing = appealTiming(f, book);
    BOOST_REQUIRE(timing.has_value());
    BOOST_TEST(timing->late);
    BOOST_TEST(timing->wrongInformation != nullptr);
    BOOST_TEST(timing->lastDay.iso() == "2026-12-14");
    // Another version of the same template is not excused.
    f.appeal->decisionPrintedBy = "beslut@1.1.0";
    BOOST_TEST(appealTiming(f, book)->wrongInformation == nullptr);
}

// The last day to appeal, as rättidsprövning counts it: three weeks from receipt, moved off
// Saturdays, Sundays, holidays and eves (lag (1930:173) 1-2 §§).
BOOST_AUTO_TEST_CASE(appealLastDays)
{
    const struct {
        const char* received;
        const char* lastDay;
        const char* why;
    } rows[] = {
        {"2026-11-23", "2026-12-14", "a Monday to a Monday"},
        {"2026-12-04", "2026-12-28", "juldagen, annandag jul, then a Sunday"},
        {"2026-05-29", "2026-06-22", "midsommarafton 19 June, midsommardagen, a Sunday"},
        {"2026-12-10", "2027-01-04", "nyårsafton, nyårsdagen, then a weekend"},
        {"2100-12-31", "2101-01-21", "the last day a case file may carry: its deadline is still counted"},
    };
    for (const auto& row : rows) {
        BOOST_TEST_CONTEXT(row.received << ": " << row.why) {
            CaseFacts f = uvasAppeal();
            f.decision->deliveredOn->value = d(row.received);
            const auto timing = appealTiming(f, shippedLawBook());
            BOOST_REQUIRE(timing.has_value());
            BOOST_TEST(timing->lastDay.iso() == row.lastDay);
        }
    }
}

BOOST_AUTO_TEST_CASE(noStatuteOnTheDecisionDate)
{
    const LawBook empty(shippedLawBook().groupsEdition(), StatuteTable("empty", d("2020-01-01"), {}));
    const Findings findings = preflight(uvasCase(), empty);
    checkWording(findings);
    const auto errors = codes(findings, Severity::Error);
    BOOST_TEST(errors == std::vector<std::string>(decisionConcepts().size(), "law.no-statute"),
               boost::test_tools::per_element());
    BOOST_TEST(findings.front().xpath == "/case/decision/date");
}

BOOST_AUTO_TEST_SUITE_END()
