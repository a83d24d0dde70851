#include "law/Preflight.h"

#include "law/Deadline.h"
#include "law/IdentityNumber.h"
#include "law/Period.h"

#include <algorithm>

namespace kansli::law {

namespace {

/// Statute references by date: socialtjänstlagen (2001:453) until 2025-06-30, socialtjänstlag
/// (2025:400) from 2025-07-01 (its transitional provisions).
const char* const STATUTE_SOURCE = "socialtjänstlag (2025:400), övergångsbestämmelser; socialtjänstlagen (2001:453)";
const char* const FL25 = "förvaltningslagen (2017:900) 25 §";
const char* const FL45 = "förvaltningslagen (2017:900) 45 §";
const char* const STEP1_SOURCE = "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022); Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): step 1 is tried under the right and rejected";

class Collector {
public:
    explicit Collector(Findings& out) : _out(out) {}

    void error(const char* code, std::string message, const Where& where, std::string source)
    {
        add(Severity::Error, code, std::move(message), where, std::move(source));
    }
    void warning(const char* code, std::string message, const Where& where, std::string source)
    {
        add(Severity::Warning, code, std::move(message), where, std::move(source));
    }

private:
    void add(Severity severity, const char* code, std::string message, const Where& where,
             std::string source)
    {
        Finding f;
        f.severity = severity;
        f.code = code;
        f.message = std::move(message);
        f.line = where.line;
        f.xpath = where.xpath;
        f.source = std::move(source);
        _out.push_back(std::move(f));
    }

    Findings& _out;
};

Where at(const char* xpath)
{
    return Where{0, xpath};
}

void checkDocumentParts(const CaseFacts& facts, Collector& c)
{
    const std::string& type = facts.documentType.value;
    if (type == "beslut" && !facts.decision) {
        c.error("law.document-part-missing", "a decision letter needs the decision",
                at("/case/decision"), "FL 31-33 §§");
    }
    if (type == "utredning" && !facts.investigation) {
        c.error("law.document-part-missing", "an investigation summary needs the investigation",
                at("/case/investigation"), "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)");
    }
    if (type == "jobbplan" && !facts.jobPlan) {
        c.error("law.document-part-missing", "a job plan needs the jobPlan part", at("/case/jobPlan"),
                "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)");
    }
    if (type == "kommunicering") {
        if (!facts.investigation) {
            c.error("law.document-part-missing", "a kommunicering letter needs the investigation it sends",
                    at("/case/investigation"), FL25);
        }
        if (!facts.communication) {
            c.error("law.document-part-missing", "a kommunicering letter needs the communication part",
                    at("/case/communication"), FL25);
        }
    }
    if (type == "fortsatt") {
        if (!facts.decision) {
            c.error("law.document-part-missing", "a decision on a continued insats needs the decision",
                    at("/case/decision"), "FL 31-33 §§");
        }
        if (!facts.continuationOf) {
            c.error("law.document-part-missing",
                    "a decision on a continued insats needs continuationOf: the decision it continues and the new assessment",
                    at("/case/continuationOf"), "FL 32 §");
        }
    }
    if (type == "yttrande") {
        for (const auto& [present, path] : {std::pair{facts.decision.has_value(), "/case/decision"},
                                            std::pair{facts.appeal.has_value(), "/case/appeal"},
                                            std::pair{facts.courtStatement.has_value(), "/case/courtStatement"}}) {
            if (!present) {
                c.error("law.document-part-missing",
                        "a statement to the court needs the decision appealed, the appeal and courtStatement", at(path),
                        "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen), beslutspunkt 5");
            }
        }
    }
    if ((type == "avslut" || type == "slutrapport") && !facts.ending) {
        c.error("law.document-part-missing", "ending an insats, or reporting on it, needs the ending part",
                at("/case/ending"), type == "avslut" ? "FL 31-33 §§" : "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)");
    }
    if (type == "rattidsprovning") {
        if (!facts.decision) {
            c.error("law.document-part-missing", "a rättidsprövning needs the decision that was appealed",
                    at("/case/decision"), FL45);
        }
        if (!facts.appeal) {
            c.error("law.document-part-missing", "a rättidsprövning needs the appeal part", at("/case/appeal"), FL45);
        }
    }
}

// Returns the parsed number when it is valid.
std::optional<IdentityNumber> checkIdentity(const CaseFacts& facts, Collector& c)
{
    const auto parsed =
        IdentityNumber::parse(facts.identityNumber.value, facts.applicationReceived.value);
    const Where& where = facts.identityNumber.where;
    const char* source = "folkbokföringslagen 18 §, 18 a §";
    if (parsed.problem) {
        switch (*parsed.problem) {
        case IdentityNumber::Problem::Malformed:
            c.error("law.identity-number", "the identity number is malformed", where, source);
            break;
        case IdentityNumber::Problem::CheckDigit:
            c.error("law.identity-number", "the identity number has an invalid check digit", where,
                    source);
            break;
        case IdentityNumber::Problem::ImpossibleDate:
            c.error("law.identity-number", "the identity number carries an impossible date", where,
                    source);
            break;
        }
        return std::nullopt;
    }
    if (parsed.number->isSamordningsnummer() != facts.samordningsnummer) {
        c.error("law.identity-number",
                facts.samordningsnummer
                    ? "the samordningsnummer field holds a number without day + 60"
                    : "the personnummer field holds a samordningsnummer (day + 60)",
                where, source);
        return std::nullopt;
    }
    return parsed.number;
}

void checkPerson(const TargetGroupRule& group, const std::optional<IdentityNumber>& id,
                 const CaseFacts& facts, Collector& c)
{
    if (!id) {
        return;
    }
    const int age = id->ageOn(facts.applicationReceived.value);
    if (age < group.minAge || age > group.maxAge) {
        c.error("law.age-out-of-range",
                "the applicant's age on the application date is outside the range of target group "
                    + group.code,
                facts.identityNumber.where, group.ageSource);
    }
    if (group.legalSex == "female" && id->isMale()) {
        c.warning("law.target-group-sex",
                  "target group " + group.code
                      + " is for women and the identity number's sex digit is odd: check the group",
                  facts.identityNumber.where, group.sexSource);
    }
}

void checkCriteriaKnown(const TargetGroupRule& group, const InvestigationFacts& inv, Collector& c)
{
    for (const CriterionFact& fact : inv.criteria) {
        if (!group.hasCriterion(fact.id)) {
            c.error("law.criterion-unknown",
                    "criterion " + fact.id + " does not belong to target group " + group.code,
                    fact.where, group.source);
        }
    }
}

/// An investigation assesses every criterion of its group (they must all be met for a grant);
/// one left out is refused, naming it. A proposed grant needs every criterion met.
void checkCriteriaAssessed(const TargetGroupRule& group, const InvestigationFacts& inv, Collector& c)
{
    const bool proposesGrant = inv.proposedOutcome.value == "bifall";
    for (const Criterion& criterion : group.criteria) {
        const auto it = std::find_if(inv.criteria.begin(), inv.criteria.end(),
                                     [&](const CriterionFact& f) { return f.id == criterion.id; });
        if (it == inv.criteria.end()) {
            c.error("law.criterion-not-assessed",
                    "the investigation does not assess criterion " + criterion.id
                        + "; every criterion of the target group must be assessed",
                    inv.criteriaWhere, group.source);
        } else if (proposesGrant && !it->met) {
            c.error("law.proposal-criterion-not-met",
                    "the investigation proposes a grant but criterion " + criterion.id + " is not met",
                    it->where, group.source);
        }
    }
}

void checkCriteriaMet(const TargetGroupRule& group, const CaseFacts& facts, Collector& c)
{
    for (const Criterion& criterion : group.criteria) {
        const CriterionFact* fact = nullptr;
        if (facts.investigation) {
            const auto& list = facts.investigation->criteria;
            const auto it = std::find_if(list.begin(), list.end(),
                                         [&](const CriterionFact& f) { return f.id == criterion.id; });
            fact = it == list.end() ? nullptr : &*it;
        }
        if (fact == nullptr) {
            const Where where = facts.investigation ? facts.investigation->criteriaWhere
                                                    : at("/case/investigation");
            c.error("law.criterion-not-met",
                    "step 2 grants the insats but criterion " + criterion.id
                        + " is missing from the case file",
                    where, group.source);
        } else if (!fact->met) {
            c.error("law.criterion-not-met",
                    "step 2 grants the insats but criterion " + criterion.id + " is not met",
                    fact->where, group.source);
        }
    }
}

// The period of the decision (specialReasons known) or of the proposal (specialReasons unknown).
void checkPeriod(const TargetGroupRule& group, const Located<Date>& from, const Located<Date>& to,
                 const Located<bool>* specialReasons, Collector& c)
{
    if (to.value < from.value) {
        c.error("law.date-order", "the period ends before it starts", to.where, "FL 32 §");
        return;
    }
    if (to.value <= periodEnd(from.value, group.standardMonths)) {
        return;
    }
    const std::string standard = std::to_string(group.standardMonths) + " months";
    if (group.longer == LongerPeriod::Forbidden) {
        c.error("law.period-too-long",
                "the period is longer than the " + standard + " of target group " + group.code
                    + "; a continuation needs a new assessment",
                to.where, group.periodSource);
        return;
    }
    if (group.maxMonths && to.value > periodEnd(from.value, *group.maxMonths)) {
        c.error("law.period-too-long",
                "the period is longer than the " + std::to_string(*group.maxMonths)
                    + " months allowed even with särskilda skäl",
                to.where, group.periodSource);
        return;
    }
    if (specialReasons != nullptr && !specialReasons->value) {
        c.error("law.special-reasons-missing",
                "the period is longer than the standard " + standard
                    + " and no särskilda skäl are stated",
                to.where, group.periodSource);
    }
}

void checkDecision(const TargetGroupRule* group, const CaseFacts& facts, const LawBook& book,
                   Collector& c)
{
    const DecisionFacts& d = *facts.decision;
    if (d.step1Outcome.value != "avslag") {
        c.error("law.step1-not-rejection", "step 1 must be a rejection under the right to bistånd",
                d.step1Outcome.where, STEP1_SOURCE);
    }
    if (d.step2Outcome.value == "avslag" && !d.step2HasMotivation.value) {
        c.error("law.motivation-missing", "a rejection in step 2 needs a motivation",
                d.step2HasMotivation.where, "FL 32 §");
    }
    if (d.date.value < facts.applicationReceived.value) {
        c.error("law.date-order", "the decision is dated before the application was received",
                d.date.where, "FL 31 §");
    }
    if (d.deliveredOn && d.deliveredOn->value < d.date.value) {
        c.error("law.date-order", "the decision is received before it is dated", d.deliveredOn->where,
                "FL 44 §");
    }
    // The letter cannot state as done what has not happened when it is printed: the applicant
    // receives it after that day. (A notice date after it is printed as planned, not refused.)
    if (d.deliveredOn && facts.printDate.value < d.deliveredOn->value) {
        c.error("law.delivery-after-print",
            "the day the applicant received the decision is after the day the letter is printed "
            "(document/@generatedAt, else today); leave delivery out until the receipt is known",
            d.deliveredOn->where, "förvaltningslagen (2017:900) 44 §");
    }
    if (d.noticeAnnouncedOn && d.noticeAnnouncedOn->value < d.date.value) {
        c.error("law.date-order", "the protocol notice is announced before the decision is dated",
                d.noticeAnnouncedOn->where, "KL 13 kap. 5 §");
    }
    for (const std::string& key : decisionConcepts()) {
        if (book.statutes().find(key, d.date.value) == nullptr) {
            c.error("law.no-statute",
                    "the statute table has no row of concept " + key
                        + " valid on the decision date",
                    d.date.where, STATUTE_SOURCE);
        }
    }
    if (group == nullptr) {
        return;
    }
    if (!group->mayDecide(d.makerRole.value, d.makerUnit.value)) {
        const std::string source = group->deciders.empty() ? group->source : group->deciders.front().source;
        c.error("law.decider-not-allowed",
                "this role at this unit may not decide for target group " + group->code,
                d.makerRole.where, source);
    }
    // A district handläggare decides for their own district's nämnd only: the letterhead's
    // nämnd must be the one of the förvaltning the decider belongs to.
    if (!book.groupsEdition().districts.empty()) {
        const auto& edition = book.groupsEdition();
        const District* district = edition.districtOf(d.makerUnit.value);
        if (group->unitBySuffix(d.makerUnit.value) && district == nullptr) {
            c.error("law.district-unknown", "the decision-maker's unit is not one of the city's district administrations",
                    d.makerUnit.where, edition.districtsSource);
        } else if (district != nullptr && facts.authorityNamnd.value != district->namnd) {
            c.error("law.district-mismatch",
                    "a district handläggare decides only for their own district: the letterhead's nämnd is not the "
                    "nämnd of the decision-maker's förvaltning",
                    facts.authorityNamnd.where, edition.districtsSource);
        }
    }
    // FL 31 §: the decision records who presented it; a delegated decision without a
    // föredragande is allowed but worth a second look.
    if (!d.delegation.value.empty() && !d.hasPresenter.value) {
        c.warning("law.presenter-missing", "the decision is made under delegation and names no presenter (föredragande)",
                  d.hasPresenter.where, "förvaltningslagen (2017:900) 31 §");
    }
    const bool granted = d.step2Outcome.value == "bifall";
    if (granted) {
        checkCriteriaMet(*group, facts, c);
        if (!d.periodFrom || !d.periodTo) {
            c.error("law.period-missing", "a grant in step 2 needs its period (from and to)",
                    d.step2Outcome.where, group->periodSource);
        }
    }
    if (d.periodFrom && d.periodTo) {
        // A continuation of a group whose standard time counts over the whole insats is measured
        // from the insats's first day: beyond the standard, särskilda skäl.
        const bool wholeInsats = facts.documentType.value == "fortsatt" && facts.continuationOf
                                 && facts.continuationOf->insatsStarted && group->continuationCountsWholeInsats;
        checkPeriod(*group, wholeInsats ? *facts.continuationOf->insatsStarted : *d.periodFrom, *d.periodTo,
                    &d.hasSpecialReasons, c);
    }
    if (facts.investigation && !facts.investigation->proposedOutcome.value.empty()) {
        const InvestigationFacts& inv = *facts.investigation;
        const bool outcomeDiffers = inv.proposedOutcome.value != d.step2Outcome.value;
        const auto dateDiffers = [](const std::optional<Located<Date>>& a,
                                    const std::optional<Located<Date>>& b) {
            return a.has_value() && b.has_value() && a->value != b->value;
        };
        if (outcomeDiffers || dateDiffers(inv.proposedFrom, d.periodFrom)
            || dateDiffers(inv.proposedTo, d.periodTo)) {
            c.warning("law.proposal-differs",
                      "the decision differs from the investigation's proposed decision",
                      inv.proposedOutcome.where, "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)");
        }
    }
}

/// The last day to answer a kommunicering: the caseworker's days, else the legal department's.
Deadline answerDeadline(const CommunicationFacts& communication, const LawBook& book)
{
    const int days = communication.answerDays ? communication.answerDays->value
                                              : book.groupsEdition().communicationAnswerDays;
    return computeDayDeadline(communication.sent.value, std::clamp(days, 1, 365));
}

/// Kommunicering (FL 25 §): the letter itself and the dates it carries.
void checkCommunication(const CaseFacts& facts, const LawBook& book, Collector& c)
{
    const CommunicationFacts& com = *facts.communication;
    const TargetGroupsEdition& edition = book.groupsEdition();
    if (com.answerDays && (com.answerDays->value < edition.communicationMinDays
                           || com.answerDays->value > edition.communicationMaxDays)) {
        c.error("law.communication-answer-days",
                "the time to answer is outside the legal department's range of "
                    + std::to_string(edition.communicationMinDays) + " to "
                    + std::to_string(edition.communicationMaxDays) + " days",
                com.answerDays->where, edition.communicationSource);
    }
    if (com.sent.value < facts.applicationReceived.value) {
        c.error("law.date-order", "the material is sent before the application was received", com.sent.where, FL25);
    }
    if (com.answered && com.answered->value < com.sent.value) {
        c.error("law.date-order", "the answer came in before the material was sent", com.answered->where, FL25);
    }
    if (facts.documentType.value != "kommunicering") {
        return;
    }
    if (!com.hasFindings.value) {
        c.error("law.communication-findings-missing",
                "a kommunicering letter says what the authority has found: communication/findings needs a paragraph",
                com.hasFindings.where, FL25);
    }
    if (!com.hasMaterial.value) {
        c.error("law.communication-material-missing",
                "a kommunicering letter lists the material the decision will rest on: communication/material needs an item",
                com.hasMaterial.where, FL25);
    }
    if (com.answered) {
        c.warning("law.communication-already-answered",
                  "the applicant has already answered: a new kommunicering letter is only needed for new material",
                  com.answered->where, FL25);
    }
    if (facts.investigation && facts.investigation->proposedOutcome.value == "bifall") {
        c.warning("law.communication-not-adverse",
                  "the investigation proposes a grant: communication before a decision that does not go against the "
                  "applicant is not needed (FL 25 § second paragraph, point 1)",
                  facts.investigation->proposedOutcome.where, FL25);
    }
}

/// A decision that goes against the applicant records that the applicant had the material and
/// the time to answer, or why that was not needed (FL 25 §). `decided`: the decision's date;
/// `adverse`: where the outcome that goes against the applicant stands.
void checkCommunicatedBefore(const CaseFacts& facts, const LawBook& book, const Located<Date>& decided,
                             const std::optional<Located<std::string>>& notNeeded, const Located<bool>& explained,
                             const Where& adverse, const char* notNeededPath, Collector& c)
{
    if (notNeeded && facts.communication) {
        c.error("law.communication-contradiction",
                "the decision says communication was not needed, and the case file records a communication: keep the one that happened",
                notNeeded->where, FL25);
        return;
    }
    if (notNeeded) {
        if (!explained.value) {
            c.error("law.communication-ground-unexplained",
                    "communicationNotNeeded names its ground; its paragraphs must say why it applies in this case",
                    explained.where, FL25);
        }
        return;
    }
    if (!facts.communication) {
        c.error("law.communication-missing",
                std::string("the decision goes against the applicant: record the communication before it (/case/communication: "
                            "the day sent and the answer, if any) or why it was not needed (")
                    + notNeededPath + ")",
                adverse, FL25);
        return;
    }
    const CommunicationFacts& com = *facts.communication;
    if (decided.value < com.sent.value) {
        c.error("law.date-order", "the material is sent after the decision is dated", com.sent.where, FL25);
        return;
    }
    if (com.answered) {
        if (decided.value < com.answered->value) {
            c.error("law.date-order", "the answer is recorded after the decision is dated", com.answered->where, FL25);
        }
        return;
    }
    const Deadline last = answerDeadline(com, book);
    if (decided.value <= last.last) {
        c.error("law.communication-time-not-given",
                "the decision is dated on or before the last day the applicant had to answer (" + last.last.iso()
                    + ") and no answer is recorded: decide after the time has run out, or record the answer",
                decided.where, FL25);
    }
}

void checkDecisionCommunicated(const CaseFacts& facts, const LawBook& book, Collector& c)
{
    const DecisionFacts& d = *facts.decision;
    if (d.step2Outcome.value == "avslag") {
        checkCommunicatedBefore(facts, book, d.date, d.communicationNotNeeded, d.communicationNotNeededExplained,
                                d.step2Outcome.where, "/case/decision/communicationNotNeeded", c);
    }
}

/// Fortsatt insats: the decision it continues, the new assessment and the new period.
void checkContinuation(const TargetGroupRule* group, const CaseFacts& facts, Collector& c)
{
    const ContinuationFacts& k = *facts.continuationOf;
    const std::string source = group != nullptr && !group->continuationSource.empty() ? group->continuationSource
                                                                                      : "FL 32 §";
    if (!facts.continuation) {
        c.error("law.continuation-not-applied",
                "a decision on a continued insats answers an application to continue: application/continuation must be true",
                facts.applicationReceived.where, source);
    }
    if (k.previousTo.value < k.previousFrom.value) {
        c.error("law.date-order", "the previous period ends before it starts", k.previousTo.where, "FL 32 §");
    }
    if (k.previousFrom.value < k.previousDecisionDate.value) {
        c.warning("law.date-order", "the previous period starts before the previous decision is dated",
                  k.previousFrom.where, "FL 32 §");
    }
    if (facts.decision) {
        const DecisionFacts& d = *facts.decision;
        if (d.date.value < k.previousDecisionDate.value) {
            c.error("law.date-order", "the decision is dated before the decision it continues",
                    k.previousDecisionDate.where, "FL 32 §");
        }
        if (d.date.value < k.assessmentDate.value) {
            c.error("law.date-order", "the new assessment is dated after the decision", k.assessmentDate.where,
                    source);
        }
        if (d.step2Outcome.value == "bifall" && d.periodFrom) {
            const Date next = k.previousTo.value.addDays(1);
            if (d.periodFrom->value > next) {
                c.error("law.continuation-gap",
                        std::to_string(d.periodFrom->value.dayNumber() - next.dayNumber())
                            + " days lie between the previous period and the new one: a continuation starts the day after the previous period ends",
                        d.periodFrom->where, source);
            } else if (d.periodFrom->value < next) {
                c.error("law.continuation-overlap",
                        "the new period overlaps the previous one by " + std::to_string(next.dayNumber() - d.periodFrom->value.dayNumber())
                            + " days: a continuation starts the day after the previous period ends",
                        d.periodFrom->where, source);
            }
        }
    }
    if (k.assessmentDate.value < k.previousDecisionDate.value) {
        c.error("law.date-order", "the new assessment is dated before the decision it continues",
                k.assessmentDate.where, source);
    }
    if (!k.assessmentStated.value) {
        c.error("law.continuation-assessment-missing",
                "a continued insats needs a new assessment of the need: continuationOf/assessment needs a paragraph",
                k.assessmentStated.where, source);
    }
    if (group == nullptr) {
        return;
    }
    if (!group->continuationConsult.empty() && k.consulted.value != group->continuationConsult) {
        c.error("law.continuation-consultation",
                "target group " + group->code + " assesses a continuation with "
                    + (group->continuationConsult == "coach" ? std::string("the Jobbtorg coach") : std::string("Arbetsförmedlingen"))
                    + ": continuationOf/assessment/@consulted must be " + group->continuationConsult,
                k.consulted.where, group->continuationSource);
    }
    if (group->continuationCountsWholeInsats && !k.insatsStarted) {
        c.error("law.continuation-start-missing",
                "target group " + group->code
                    + " counts its standard time over the whole insats: continuationOf/insatsStarted is needed",
                k.where, group->continuationSource);
    }
    if (k.insatsStarted && k.previousFrom.value < k.insatsStarted->value) {
        c.error("law.date-order", "the previous period starts before the insats started", k.insatsStarted->where,
                source);
    }
}

/// Rättidsprövning (FL 45 §): is the appeal of step 1 tried here, and by whom.
void checkAppeal(const TargetGroupRule* group, const CaseFacts& facts, const LawBook& book, Collector& c)
{
    const AppealFacts& a = *facts.appeal;
    if (a.route.value == "laglighetsprovning") {
        c.error("law.appeal-laglighetsprovning",
                "an appeal of step 2 is a laglighetsprövning: it is filed with Förvaltningsrätten, which alone tries "
                "whether it came in on time (counted from the notice on the anslagstavla). The authority makes no "
                "rättidsprövning of it and writes no dismissal: send it on to the court the day it came in",
                a.route.where, "kommunallagen (2017:725) 13 kap. 4 och 5 §§");
        return;
    }
    if (!facts.decision) {
        return;
    }
    const DecisionFacts& d = *facts.decision;
    if (!d.deliveredOn) {
        c.error("law.appeal-delivery-unknown",
                "whether an appeal came in on time counts from the day the applicant received the decision: "
                "decision/delivery/@received is needed",
                at("/case/decision"), "förvaltningslagen (2017:900) 44 §");
    }
    if (a.received.value < d.date.value) {
        c.error("law.date-order", "the appeal came in before the decision is dated", a.received.where, FL45);
    }
    if (a.receivedByCourt && a.received.value < a.receivedByCourt->value) {
        c.error("law.date-order", "the court sent the appeal on after it had come in to the authority",
                a.receivedByCourt->where, FL45);
    }
    if (a.trialDate.value < a.received.value) {
        c.error("law.date-order", "the appeal is tried before it came in", a.trialDate.where, FL45);
    }
    if (group != nullptr) {
        if (group->appealHandlers.empty()) {
            c.error("law.appeal-handler-unknown",
                    "the law book holds no delegation for trying appeals in target group " + group->code
                        + ": the deciding nämnd's own delegation order applies, which kansli cannot check",
                    a.makerRole.where, group->source);
        } else if (!group->mayHandleAppeals(a.makerRole.value, a.makerUnit.value)) {
            c.error("law.appeal-handler-not-allowed",
                    "this role at this unit may not try whether an appeal came in on time for target group " + group->code,
                    a.makerRole.where, group->appealHandlers.front().source);
        }
    }
    if (!d.deliveredOn) {
        return;
    }
    const std::optional<AppealTiming> timing = appealTiming(facts, book);
    if (a.decisionDocumentLookedUp && !a.decisionDocument.value.empty() && !a.decisionPrintedBy) {
        c.error("law.appeal-decision-document-unknown",
                "the decision document id is not in kansli's audit trail: give the id of the decision letter the "
                "applicant received, or leave it out and check its appeal information by hand",
                a.decisionDocument.where, FL45);
    }
    if (a.decisionPrintedBy) {
        const std::string& printed = *a.decisionPrintedBy;
        const std::string id = printed.substr(0, printed.find('@'));
        if (id != "beslut" && id != "fortsatt") {
            c.error("law.appeal-decision-document-not-decision",
                    "the decision document id names a " + id + " letter, not a decision", a.decisionDocument.where, FL45);
        }
    }
    if (!timing || !timing->late) {
        return;
    }
    if (timing->reachedCourtInTime) {
        c.warning("law.appeal-late-court-in-time",
                  "the appeal came in to the authority after the last day (" + timing->lastDay.iso()
                      + ") but reached Förvaltningsrätten within the time: it is not dismissed and goes to the court",
                  a.receivedByCourt->where, std::string(FL45) + " andra stycket");
    } else if (timing->wrongInformation != nullptr) {
        c.warning("law.appeal-late-wrong-information",
                  "the appeal came in after the last day (" + timing->lastDay.iso() + "), but the decision letter was printed by "
                      + *a.decisionPrintedBy + ", which gave wrong appeal information (" + timing->wrongInformation->what
                      + "): the appeal is not dismissed and goes to the court",
                  a.decisionDocument.where, std::string(FL45) + " andra stycket; " + timing->wrongInformation->source);
    } else if (a.decisionDocument.value.empty()) {
        c.warning("law.appeal-information-unchecked",
                  "the appeal came in after the last day (" + timing->lastDay.iso()
                      + ") and the decision letter's document id is not given: kansli cannot check whether the letter's "
                        "appeal information was right; check it before the appeal is dismissed",
                  a.where, std::string(FL45) + " andra stycket");
    }
}

/// Yttrande: the statement to the court in an appealed step-1 case.
void checkStatement(const TargetGroupRule* group, const CaseFacts& facts, const LawBook& book, Collector& c)
{
    const StatementFacts& st = *facts.courtStatement;
    const char* const FIVE = "Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen), beslutspunkt 5";
    // The court sets the time in its request (föreläggande); the paragraph is for the legal
    // department to confirm (docs/legal-department.md).
    const char* const FPL = "förvaltningsprocesslagen (1971:291), the court's föreläggande";
    if (facts.appeal && facts.appeal->route.value == "laglighetsprovning") {
        c.error("law.statement-route",
                "kansli writes the statement in an appeal of step 1 (förvaltningsbesvär); a laglighetsprövning of step 2 "
                "is answered on the municipality's own terms, which this template does not cover",
                facts.appeal->route.where, "kommunallagen (2017:725) 13 kap.");
        return;
    }
    if (facts.decision && !facts.decision->deliveredOn) {
        c.error("law.appeal-delivery-unknown",
                "the statement says whether the appeal came in on time, counted from the day the applicant received "
                "the decision: decision/delivery/@received is needed",
                at("/case/decision"), "förvaltningslagen (2017:900) 44 §");
    }
    if (const auto timing = appealTiming(facts, book);
        timing && timing->late && timing->wrongInformation == nullptr && !timing->reachedCourtInTime) {
        c.error("law.statement-appeal-dismissed",
                "the appeal came in after the last day (" + timing->lastDay.iso()
                    + ") and is to be dismissed by the authority (rättidsprövning), not answered before the court",
                facts.appeal->received.where, FL45);
    }
    if (!st.wantsStated.value) {
        c.error("law.statement-wants-missing", "the statement says what the appellant asks for: appellantWants needs a paragraph",
                st.wantsStated.where, FIVE);
    }
    if (!st.reasonsStated.value) {
        c.error("law.statement-reasons-missing", "the statement gives the authority's reasons: reasons needs a paragraph",
                st.reasonsStated.where, FIVE);
    }
    if (st.answerBy.value < st.requestReceived.value) {
        c.error("law.date-order", "the court's last day is before its request came", st.answerBy.where,
                FPL);
    }
    if (st.signedDate.value < st.requestReceived.value) {
        c.error("law.date-order", "the statement is signed before the court asked for it", st.signedDate.where,
                FPL);
    }
    if (facts.appeal && st.requestReceived.value < facts.appeal->received.value) {
        c.error("law.date-order", "the court's request came before the appeal came in", st.requestReceived.where, FL45);
    }
    if (st.answerBy.value < st.signedDate.value) {
        c.warning("law.statement-late",
                  "the statement is signed after the court's last day: ask the court for more time before it is sent",
                  st.signedDate.where, FPL);
    }
    if (st.position.value == "medger") {
        c.warning("law.statement-concedes",
                  "the authority agrees with the appellant: it can change its own decision (omprövning), which the court "
                  "then need not try",
                  st.position.where, "förvaltningslagen (2017:900) 37-39 §§");
    }
    if (group != nullptr) {
        if (group->appealHandlers.empty()) {
            c.error("law.appeal-handler-unknown",
                    "the law book holds no delegation for statements in appeals in target group " + group->code
                        + ": the deciding nämnd's own delegation order applies, which kansli cannot check",
                    st.signerRole.where, group->source);
        } else if (!group->mayHandleAppeals(st.signerRole.value, st.signerUnit.value)) {
            c.error("law.statement-signer-not-allowed",
                    "this role at this unit may not make statements in appeals for target group " + group->code,
                    st.signerRole.where, FIVE);
        }
    }
}

/// Avslut and slutrapport: an insats ended before its period ends, and the report on it.
void checkEnding(const TargetGroupRule* group, const CaseFacts& facts, const LawBook& book, Collector& c)
{
    const EndingFacts& e = *facts.ending;
    const bool decision = facts.documentType.value == "avslut";
    const bool adverse = e.reason.value == "criteria-not-met";
    const std::string source = group != nullptr ? group->periodSource : std::string("FL 32 §");
    if (e.grantedTo.value < e.grantedFrom.value) {
        c.error("law.date-order", "the period granted ends before it starts", e.grantedTo.where, "FL 32 §");
    }
    if (e.endsOn.value > e.grantedTo.value) {
        c.error("law.ending-after-period",
                "the insats ends after the period granted: it ends with its period, or a continuation is decided",
                e.endsOn.where, source);
    } else if (e.endsOn.value < e.grantedFrom.value) {
        c.error("law.date-order", "the insats ends before the period granted starts", e.endsOn.where, "FL 32 §");
    }
    if (e.reason.value == "period-ended") {
        if (decision) {
            c.error("law.ending-not-early",
                    "an insats that runs to the end of its period ends without a decision: write the slutrapport only",
                    e.reason.where, source);
        } else if (e.endsOn.value != e.grantedTo.value) {
            c.error("law.ending-not-early",
                    "reason period-ended, but the insats ends before the last day of the period: give the reason it ended early",
                    e.endsOn.where, source);
        }
    } else if (decision && e.endsOn.value == e.grantedTo.value) {
        c.error("law.ending-not-early",
                "the insats ends on the last day of its period, when it ends without a decision: write the slutrapport only",
                e.endsOn.where, source);
    }
    if (!decision) {
        if (!e.reportWritten) {
            c.error("law.document-part-missing", "a slutrapport needs ending/report", e.where,
                    "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)");
        } else if (e.reportWritten->value < e.endsOn.value) {
            c.warning("law.report-before-end", "the final report is dated before the insats ends",
                      e.reportWritten->where, "Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)");
        }
        return;
    }
    if (!e.date || !e.hasDecisionMaker) {
        c.error("law.document-part-missing", "a decision to end an insats needs its date and decisionMaker", e.where,
                "FL 31 §");
        return;
    }
    if (e.date->value < e.grantedDate.value) {
        c.error("law.date-order", "the insats is ended before the decision granting it", e.date->where, "FL 31 §");
    }
    if (adverse && e.endsOn.value < e.date->value) {
        c.error("law.ending-retroactive",
                "an insats cannot be ended against the applicant's will from a day before the decision to end it",
                e.endsOn.where, "förvaltningslagen (2017:900) 37 §");
    }
    if (group != nullptr && !group->mayDecide(e.makerRole.value, e.makerUnit.value)) {
        const std::string deciders = group->deciders.empty() ? group->source : group->deciders.front().source;
        c.error("law.decider-not-allowed", "this role at this unit may not decide for target group " + group->code,
                e.makerRole.where, deciders);
    }
    if (!adverse) {
        return;
    }
    if (!e.hasMotivation.value) {
        c.error("law.motivation-missing", "ending an insats against the applicant's will needs a motivation",
                e.hasMotivation.where, "FL 32 §");
    }
    if (e.revocationGround.value.empty()) {
        c.error("law.ending-revocation-ground-missing",
                "ending a granted insats against the applicant's will before its period ends revokes a favourable "
                "decision, which is allowed only when the decision reserved it, for compelling safety reasons, or when "
                "it rests on wrong information from the applicant: state which in ending/@revocationGround, or let the "
                "insats run to the end of its period",
                e.revocationGround.where, "förvaltningslagen (2017:900) 37 § andra stycket");
    }
    checkCommunicatedBefore(facts, book, *e.date, e.communicationNotNeeded, e.communicationNotNeededExplained,
                            e.reason.where, "/case/ending/communicationNotNeeded", c);
}

void checkJobPlan(const JobPlanFacts& plan, const LawBook& book, Collector& c)
{
    const TargetGroupsEdition& edition = book.groupsEdition();
    // The plan is made with the participant once enrolled: the review's "första jobbplan inom
    // fem dagar" counts from enrolment, so a plan dated before it is a wrong date.
    if (plan.established.value < plan.enrolled.value) {
        c.error("law.jobplan-before-enrolment", "the job plan is established before the participant was enrolled",
                plan.established.where, edition.jobPlanSource);
    }
    if (plan.established.value > plan.enrolled.value.addDays(edition.jobPlanDueDays)) {
        c.warning("law.jobplan-late",
                  "the job plan was established more than " + std::to_string(edition.jobPlanDueDays)
                      + " days after enrolment",
                  plan.established.where, edition.jobPlanSource);
    }
}

} // namespace

Findings preflight(const CaseFacts& facts, const LawBook& book)
{
    Findings findings;
    Collector c(findings);
    checkDocumentParts(facts, c);

    const TargetGroupRule* group = book.group(facts.targetGroup.value);
    if (group == nullptr) {
        c.error("law.unknown-target-group", "the target group is not in the law book",
                facts.targetGroup.where,
                "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022); Riktlinjer för särskilt "
                "individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)");
    } else if (facts.programme.value != group->programme) {
        c.error("law.programme-mismatch",
                "the programme does not belong to target group " + group->code,
                facts.programme.where, group->source);
    }

    // The diarienummer is written to every log line and audit record of the document, where no
    // personal data may stand (OSL 26 kap. 1 §: everything about an individual in social services
    // is secret; the trail carries ids, codes and hashes only).
    if (IdentityNumber::appearsIn(facts.diarienummer.value)) {
        c.error("law.diarienummer-identity-number",
            "the diarienummer contains a personnummer or samordningsnummer; a diarienummer is written to logs "
            "and the audit trail and must not identify the person: use the case system's own number",
            facts.diarienummer.where, "offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §");
    }

    const auto id = checkIdentity(facts, c);
    if (group != nullptr) {
        checkPerson(*group, id, facts, c);
        if (facts.investigation) {
            checkCriteriaKnown(*group, *facts.investigation, c);
            const InvestigationFacts& inv = *facts.investigation;
            if (facts.documentType.value == "utredning") {
                checkCriteriaAssessed(*group, inv, c);
            }
            // With a decision, the decided period is checked and a different proposal only warned of.
            if (!facts.decision && inv.proposedFrom && inv.proposedTo) {
                checkPeriod(*group, *inv.proposedFrom, *inv.proposedTo, nullptr, c);
            }
        }
    }
    if (facts.decision) {
        checkDecision(group, facts, book, c);
        checkDecisionCommunicated(facts, book, c);
    }
    if (facts.jobPlan) {
        checkJobPlan(*facts.jobPlan, book, c);
    }
    if (facts.communication) {
        checkCommunication(facts, book, c);
    }
    if (facts.continuationOf && facts.documentType.value == "fortsatt") {
        checkContinuation(group, facts, c);
    }
    if (facts.appeal && facts.documentType.value == "rattidsprovning") {
        checkAppeal(group, facts, book, c);
    }
    if (facts.courtStatement && facts.documentType.value == "yttrande") {
        checkStatement(group, facts, book, c);
    }
    if (facts.ending && (facts.documentType.value == "avslut" || facts.documentType.value == "slutrapport")) {
        checkEnding(group, facts, book, c);
    }
    return findings;
}

std::optional<AppealTiming> appealTiming(const CaseFacts& facts, const LawBook& book)
{
    if (!facts.appeal || facts.appeal->route.value != "forvaltningsbesvar" || !facts.decision
        || !facts.decision->deliveredOn) {
        return std::nullopt;
    }
    const AppealFacts& a = *facts.appeal;
    AppealTiming timing;
    timing.lastDay = computeDeadline(facts.decision->deliveredOn->value, 3).last;
    timing.late = timing.lastDay < a.received.value;
    timing.reachedCourtInTime = a.receivedByCourt && a.receivedByCourt->value <= timing.lastDay;
    if (timing.late && a.decisionPrintedBy) {
        const std::string& printed = *a.decisionPrintedBy;
        const auto at = printed.find('@');
        if (at != std::string::npos) {
            timing.wrongInformation = book.appealInformationDefect(printed.substr(0, at), printed.substr(at + 1));
        }
    }
    return timing;
}

} // namespace kansli::law
