#include "law/Preflight.h"

#include "law/Deadline.h"
#include "law/IdentityNumber.h"
#include "law/Period.h"

#include <algorithm>

namespace kansli::law {

namespace {

class Collector {
public:
    explicit Collector(Findings& out) : _out(out) {}

    /// `messageId`: the catalog key "finding.<messageId>" (locales/); its text is the legal
    /// department's, in Swedish and English. `args` carry codes, numbers and dates only.
    /// `source`: only where the legal department's tables give it (a target group's or an
    /// edition's document); otherwise the catalogs' "source.<messageId>" cites the rule
    /// (i18n::localize), so no citation is written in C++.
    void error(const char* code, const char* messageId, std::vector<FindingArg> args, const Where& where,
               std::string source = {})
    {
        add(Severity::Error, code, messageId, std::move(args), where, std::move(source));
    }
    void warning(const char* code, const char* messageId, std::vector<FindingArg> args, const Where& where,
                 std::string source = {})
    {
        add(Severity::Warning, code, messageId, std::move(args), where, std::move(source));
    }

private:
    void add(Severity severity, const char* code, const char* messageId, std::vector<FindingArg> args,
             const Where& where, std::string source)
    {
        Finding f;
        f.severity = severity;
        f.code = code;
        f.messageId = messageId;
        f.args = std::move(args);
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
        c.error("law.document-part-missing", "law.document-part-missing.1", {}, at("/case/decision"));
    }
    if (type == "utredning" && !facts.investigation) {
        c.error("law.document-part-missing", "law.document-part-missing.2", {}, at("/case/investigation"));
    }
    if (type == "jobbplan" && !facts.jobPlan) {
        c.error("law.document-part-missing", "law.document-part-missing.3", {}, at("/case/jobPlan"));
    }
    if (type == "kommunicering") {
        if (!facts.investigation) {
            c.error("law.document-part-missing", "law.document-part-missing.4", {}, at("/case/investigation"));
        }
        if (!facts.communication) {
            c.error("law.document-part-missing", "law.document-part-missing.5", {}, at("/case/communication"));
        }
    }
    if (type == "fortsatt") {
        if (!facts.decision) {
            c.error(
                "law.document-part-missing", "law.document-part-missing.6", {}, at("/case/decision"));
        }
        if (!facts.continuationOf) {
            c.error(
                "law.document-part-missing", "law.document-part-missing.7", {}, at("/case/continuationOf"));
        }
    }
    if (type == "yttrande") {
        for (const auto& [present, path] : {std::pair{facts.decision.has_value(), "/case/decision"},
                                            std::pair{facts.appeal.has_value(), "/case/appeal"},
                                            std::pair{facts.courtStatement.has_value(), "/case/courtStatement"}}) {
            if (!present) {
                c.error("law.document-part-missing", "law.document-part-missing.8", {}, at(path));
            }
        }
    }
    if ((type == "avslut" || type == "slutrapport") && !facts.ending) {
        c.error("law.document-part-missing", "law.document-part-missing.9", {FindingArg{"documentType", type, FindingArg::Kind::Text}}, at("/case/ending"));
    }
    if (type == "rattidsprovning") {
        if (!facts.decision) {
            c.error("law.document-part-missing", "law.document-part-missing.10", {}, at("/case/decision"));
        }
        if (!facts.appeal) {
            c.error("law.document-part-missing", "law.document-part-missing.11", {}, at("/case/appeal"));
        }
    }
}

// Returns the parsed number when it is valid.
std::optional<IdentityNumber> checkIdentity(const CaseFacts& facts, Collector& c)
{
    const auto parsed =
        IdentityNumber::parse(facts.identityNumber.value, facts.applicationReceived.value);
    const Where& where = facts.identityNumber.where;
    if (parsed.problem) {
        switch (*parsed.problem) {
        case IdentityNumber::Problem::Malformed:
            c.error("law.identity-number", "law.identity-number.1", {}, where);
            break;
        case IdentityNumber::Problem::CheckDigit:
            c.error("law.identity-number", "law.identity-number.2", {}, where);
            break;
        case IdentityNumber::Problem::ImpossibleDate:
            c.error("law.identity-number", "law.identity-number.3", {}, where);
            break;
        }
        return std::nullopt;
    }
    if (parsed.number->isSamordningsnummer() != facts.samordningsnummer) {
        if (facts.samordningsnummer) {
            c.error("law.identity-number", "law.identity-number.4", {}, where);
        } else {
            c.error("law.identity-number", "law.identity-number.5", {}, where);
        }
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
        c.error("law.age-out-of-range", "law.age-out-of-range",
            {{"group", std::string(group.code), FindingArg::Kind::Text}}, facts.identityNumber.where, group.ageSource);
    }
    if (group.legalSex == "female" && id->isMale()) {
        c.warning("law.target-group-sex", "law.target-group-sex",
            {{"group", std::string(group.code), FindingArg::Kind::Text}}, facts.identityNumber.where, group.sexSource);
    }
}

void checkCriteriaKnown(const TargetGroupRule& group, const InvestigationFacts& inv, Collector& c)
{
    for (const CriterionFact& fact : inv.criteria) {
        if (!group.hasCriterion(fact.id)) {
            c.error("law.criterion-unknown", "law.criterion-unknown",
                {{"criterion", std::string(fact.id), FindingArg::Kind::Text},
                    {"group", std::string(group.code), FindingArg::Kind::Text}},
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
            c.error("law.criterion-not-assessed", "law.criterion-not-assessed",
                {{"criterion", std::string(criterion.id), FindingArg::Kind::Text}}, inv.criteriaWhere, group.source);
        } else if (proposesGrant && !it->met) {
            c.error("law.proposal-criterion-not-met", "law.proposal-criterion-not-met",
                {{"criterion", std::string(criterion.id), FindingArg::Kind::Text}}, it->where, group.source);
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
            c.error("law.criterion-not-met", "law.criterion-not-met.1",
                {{"criterion", std::string(criterion.id), FindingArg::Kind::Text}}, where, group.source);
        } else if (!fact->met) {
            c.error("law.criterion-not-met", "law.criterion-not-met.2",
                {{"criterion", std::string(criterion.id), FindingArg::Kind::Text}}, fact->where, group.source);
        }
    }
}

// The period of the decision (specialReasons known) or of the proposal (specialReasons unknown).
void checkPeriod(const TargetGroupRule& group, const Located<Date>& from, const Located<Date>& to,
                 const Located<bool>* specialReasons, Collector& c)
{
    if (to.value < from.value) {
        c.error("law.date-order", "law.date-order.1", {}, to.where);
        return;
    }
    if (to.value <= periodEnd(from.value, group.standardMonths)) {
        return;
    }
    if (group.longer == LongerPeriod::Forbidden) {
        c.error("law.period-too-long", "law.period-too-long.1",
            {{"months", std::to_string(group.standardMonths), FindingArg::Kind::Number},
                {"group", std::string(group.code), FindingArg::Kind::Text}},
            to.where, group.periodSource);
        return;
    }
    if (group.maxMonths && to.value > periodEnd(from.value, *group.maxMonths)) {
        c.error("law.period-too-long", "law.period-too-long.2",
            {{"months", std::to_string(*group.maxMonths), FindingArg::Kind::Number}}, to.where, group.periodSource);
        return;
    }
    if (specialReasons != nullptr && !specialReasons->value) {
        c.error("law.special-reasons-missing", "law.special-reasons-missing",
            {{"months", std::to_string(group.standardMonths), FindingArg::Kind::Number}}, to.where, group.periodSource);
    }
}

void checkDecision(const TargetGroupRule* group, const CaseFacts& facts, const LawBook& book,
                   Collector& c)
{
    const DecisionFacts& d = *facts.decision;
    if (d.step1Outcome.value != "avslag") {
        c.error("law.step1-not-rejection", "law.step1-not-rejection", {}, d.step1Outcome.where);
    }
    if (d.step2Outcome.value == "avslag" && !d.step2HasMotivation.value) {
        c.error("law.motivation-missing", "law.motivation-missing.1", {}, d.step2HasMotivation.where);
    }
    if (d.date.value < facts.applicationReceived.value) {
        c.error("law.date-order", "law.date-order.2", {}, d.date.where);
    }
    if (d.deliveredOn && d.deliveredOn->value < d.date.value) {
        c.error("law.date-order", "law.date-order.3", {}, d.deliveredOn->where);
    }
    // The letter cannot state as done what has not happened when it is printed: the applicant
    // receives it after that day. (A notice date after it is printed as planned, not refused.)
    if (d.deliveredOn && facts.printDate.value < d.deliveredOn->value) {
        c.error("law.delivery-after-print", "law.delivery-after-print", {}, d.deliveredOn->where);
    }
    if (d.noticeAnnouncedOn && d.noticeAnnouncedOn->value < d.date.value) {
        c.error("law.date-order", "law.date-order.4", {}, d.noticeAnnouncedOn->where);
    }
    for (const std::string& key : decisionConcepts()) {
        if (book.statutes().find(key, d.date.value) == nullptr) {
            c.error("law.no-statute", "law.no-statute", {{"concept", std::string(key), FindingArg::Kind::Text}},
                d.date.where);
        }
    }
    if (group == nullptr) {
        return;
    }
    if (!group->mayDecide(d.makerRole.value, d.makerUnit.value)) {
        const std::string source = group->deciders.empty() ? group->source : group->deciders.front().source;
        c.error("law.decider-not-allowed", "law.decider-not-allowed.1",
            {{"group", std::string(group->code), FindingArg::Kind::Text}}, d.makerRole.where, source);
    }
    // A district handläggare decides for their own district's nämnd only: the letterhead's
    // nämnd must be the one of the förvaltning the decider belongs to.
    if (!book.groupsEdition().districts.empty()) {
        const auto& edition = book.groupsEdition();
        const District* district = edition.districtOf(d.makerUnit.value);
        if (group->unitBySuffix(d.makerUnit.value) && district == nullptr) {
            c.error("law.district-unknown", "law.district-unknown", {}, d.makerUnit.where, edition.districtsSource);
        } else if (district != nullptr && facts.authorityNamnd.value != district->namnd) {
            c.error("law.district-mismatch", "law.district-mismatch", {}, facts.authorityNamnd.where,
                edition.districtsSource);
        }
    }
    // FL 31 §: the decision records who presented it; a delegated decision without a
    // föredragande is allowed but worth a second look.
    if (!d.delegation.value.empty() && !d.hasPresenter.value) {
        c.warning("law.presenter-missing", "law.presenter-missing", {}, d.hasPresenter.where);
    }
    const bool granted = d.step2Outcome.value == "bifall";
    if (granted) {
        checkCriteriaMet(*group, facts, c);
        if (!d.periodFrom || !d.periodTo) {
            c.error("law.period-missing", "law.period-missing", {}, d.step2Outcome.where, group->periodSource);
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
            c.warning("law.proposal-differs", "law.proposal-differs", {}, inv.proposedOutcome.where);
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
        c.error("law.communication-answer-days", "law.communication-answer-days",
            {{"minDays", std::to_string(edition.communicationMinDays), FindingArg::Kind::Number},
                {"maxDays", std::to_string(edition.communicationMaxDays), FindingArg::Kind::Number}},
            com.answerDays->where, edition.communicationSource);
    }
    if (com.sent.value < facts.applicationReceived.value) {
        c.error("law.date-order", "law.date-order.5", {}, com.sent.where);
    }
    if (com.answered && com.answered->value < com.sent.value) {
        c.error("law.date-order", "law.date-order.6", {}, com.answered->where);
    }
    if (facts.documentType.value != "kommunicering") {
        return;
    }
    if (!com.hasFindings.value) {
        c.error("law.communication-findings-missing", "law.communication-findings-missing", {}, com.hasFindings.where);
    }
    if (!com.hasMaterial.value) {
        c.error("law.communication-material-missing", "law.communication-material-missing", {}, com.hasMaterial.where);
    }
    if (com.answered) {
        c.warning(
            "law.communication-already-answered", "law.communication-already-answered", {}, com.answered->where);
    }
    if (facts.investigation && facts.investigation->proposedOutcome.value == "bifall") {
        c.warning("law.communication-not-adverse", "law.communication-not-adverse", {},
            facts.investigation->proposedOutcome.where);
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
        c.error("law.communication-contradiction", "law.communication-contradiction", {}, notNeeded->where);
        return;
    }
    if (notNeeded) {
        if (!explained.value) {
            c.error("law.communication-ground-unexplained", "law.communication-ground-unexplained", {}, explained.where);
        }
        return;
    }
    if (!facts.communication) {
        c.error("law.communication-missing", "law.communication-missing",
            {{"path", std::string(notNeededPath), FindingArg::Kind::Text}}, adverse);
        return;
    }
    const CommunicationFacts& com = *facts.communication;
    if (decided.value < com.sent.value) {
        c.error("law.date-order", "law.date-order.7", {}, com.sent.where);
        return;
    }
    if (com.answered) {
        if (decided.value < com.answered->value) {
            c.error("law.date-order", "law.date-order.8", {}, com.answered->where);
        }
        return;
    }
    const Deadline last = answerDeadline(com, book);
    if (decided.value <= last.last) {
        c.error("law.communication-time-not-given", "law.communication-time-not-given",
            {{"lastDay", last.last.iso(), FindingArg::Kind::Date}}, decided.where);
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
                                                                                      : std::string();
    if (!facts.continuation) {
        c.error("law.continuation-not-applied", "law.continuation-not-applied", {}, facts.applicationReceived.where,
            source);
    }
    if (k.previousTo.value < k.previousFrom.value) {
        c.error("law.date-order", "law.date-order.9", {}, k.previousTo.where);
    }
    if (k.previousFrom.value < k.previousDecisionDate.value) {
        c.warning("law.date-order", "law.date-order.10", {}, k.previousFrom.where);
    }
    if (facts.decision) {
        const DecisionFacts& d = *facts.decision;
        if (d.date.value < k.previousDecisionDate.value) {
            c.error("law.date-order", "law.date-order.11", {}, k.previousDecisionDate.where);
        }
        if (d.date.value < k.assessmentDate.value) {
            c.error("law.date-order", "law.date-order.12", {}, k.assessmentDate.where, source);
        }
        if (d.step2Outcome.value == "bifall" && d.periodFrom) {
            const Date next = k.previousTo.value.addDays(1);
            if (d.periodFrom->value > next) {
                c.error("law.continuation-gap", "law.continuation-gap",
                    {{"days", std::to_string(d.periodFrom->value.dayNumber() - next.dayNumber()),
                        FindingArg::Kind::Number}},
                    d.periodFrom->where, source);
            } else if (d.periodFrom->value < next) {
                c.error("law.continuation-overlap", "law.continuation-overlap",
                    {{"days", std::to_string(next.dayNumber() - d.periodFrom->value.dayNumber()),
                        FindingArg::Kind::Number}},
                    d.periodFrom->where, source);
            }
        }
    }
    if (k.assessmentDate.value < k.previousDecisionDate.value) {
        c.error("law.date-order", "law.date-order.13", {}, k.assessmentDate.where, source);
    }
    if (!k.assessmentStated.value) {
        c.error("law.continuation-assessment-missing", "law.continuation-assessment-missing", {},
            k.assessmentStated.where, source);
    }
    if (group == nullptr) {
        return;
    }
    if (!group->continuationConsult.empty() && k.consulted.value != group->continuationConsult) {
        if (group->continuationConsult == "coach") {
            c.error("law.continuation-consultation", "law.continuation-consultation.1",
                {{"group", std::string(group->code), FindingArg::Kind::Text}}, k.consulted.where,
                group->continuationSource);
        } else {
            c.error("law.continuation-consultation", "law.continuation-consultation.2",
                {{"group", std::string(group->code), FindingArg::Kind::Text}}, k.consulted.where,
                group->continuationSource);
        }
    }
    if (group->continuationCountsWholeInsats && !k.insatsStarted) {
        c.error("law.continuation-start-missing", "law.continuation-start-missing",
            {{"group", std::string(group->code), FindingArg::Kind::Text}}, k.where, group->continuationSource);
    }
    if (k.insatsStarted && k.previousFrom.value < k.insatsStarted->value) {
        c.error("law.date-order", "law.date-order.14", {}, k.insatsStarted->where, source);
    }
}

/// Rättidsprövning (FL 45 §): is the appeal of step 1 tried here, and by whom.
void checkAppeal(const TargetGroupRule* group, const CaseFacts& facts, const LawBook& book, Collector& c)
{
    const AppealFacts& a = *facts.appeal;
    if (a.route.value == "laglighetsprovning") {
        c.error("law.appeal-laglighetsprovning", "law.appeal-laglighetsprovning", {}, a.route.where);
        return;
    }
    if (!facts.decision) {
        return;
    }
    const DecisionFacts& d = *facts.decision;
    if (!d.deliveredOn) {
        c.error("law.appeal-delivery-unknown", "law.appeal-delivery-unknown.1", {}, at("/case/decision"));
    }
    if (a.received.value < d.date.value) {
        c.error("law.date-order", "law.date-order.15", {}, a.received.where);
    }
    if (a.receivedByCourt && a.received.value < a.receivedByCourt->value) {
        c.error("law.date-order", "law.date-order.16", {}, a.receivedByCourt->where);
    }
    if (a.trialDate.value < a.received.value) {
        c.error("law.date-order", "law.date-order.17", {}, a.trialDate.where);
    }
    if (group != nullptr) {
        if (group->appealHandlers.empty()) {
            c.error("law.appeal-handler-unknown", "law.appeal-handler-unknown.1",
                {{"group", std::string(group->code), FindingArg::Kind::Text}}, a.makerRole.where, group->source);
        } else if (!group->mayHandleAppeals(a.makerRole.value, a.makerUnit.value)) {
            c.error("law.appeal-handler-not-allowed", "law.appeal-handler-not-allowed",
                {{"group", std::string(group->code), FindingArg::Kind::Text}}, a.makerRole.where,
                group->appealHandlers.front().source);
        }
    }
    if (!d.deliveredOn) {
        return;
    }
    const std::optional<AppealTiming> timing = appealTiming(facts, book);
    if (a.decisionDocumentLookedUp && !a.decisionDocument.value.empty() && !a.decisionPrintedBy) {
        c.error("law.appeal-decision-document-unknown", "law.appeal-decision-document-unknown", {},
            a.decisionDocument.where);
    }
    if (a.decisionPrintedBy) {
        const std::string& printed = *a.decisionPrintedBy;
        const std::string id = printed.substr(0, printed.find('@'));
        if (id != "beslut" && id != "fortsatt") {
            c.error("law.appeal-decision-document-not-decision", "law.appeal-decision-document-not-decision",
                {{"type", std::string(id), FindingArg::Kind::Text}}, a.decisionDocument.where);
        }
    }
    if (!timing || !timing->late) {
        return;
    }
    if (timing->reachedCourtInTime) {
        c.warning("law.appeal-late-court-in-time", "law.appeal-late-court-in-time",
            {{"lastDay", timing->lastDay.iso(), FindingArg::Kind::Date}}, a.receivedByCourt->where);
    } else if (timing->wrongInformation != nullptr) {
        c.warning("law.appeal-late-wrong-information", "law.appeal-late-wrong-information",
            {{"lastDay", timing->lastDay.iso(), FindingArg::Kind::Date},
                {"template", std::string(*a.decisionPrintedBy), FindingArg::Kind::Text},
                {"what", std::string(timing->wrongInformation->what), FindingArg::Kind::Text},
                {"review", std::string(timing->wrongInformation->source), FindingArg::Kind::Text}},
            a.decisionDocument.where);
    } else if (a.decisionDocument.value.empty()) {
        c.warning("law.appeal-information-unchecked", "law.appeal-information-unchecked",
            {{"lastDay", timing->lastDay.iso(), FindingArg::Kind::Date}}, a.where);
    }
}

/// Yttrande: the statement to the court in an appealed step-1 case.
void checkStatement(const TargetGroupRule* group, const CaseFacts& facts, const LawBook& book, Collector& c)
{
    const StatementFacts& st = *facts.courtStatement;
    // The court sets the time in its request (föreläggande); the paragraph is for the legal
    // department to confirm (docs/legal-department.md).
    if (facts.appeal && facts.appeal->route.value == "laglighetsprovning") {
        c.error("law.statement-route", "law.statement-route", {}, facts.appeal->route.where);
        return;
    }
    if (facts.decision && !facts.decision->deliveredOn) {
        c.error("law.appeal-delivery-unknown", "law.appeal-delivery-unknown.2", {}, at("/case/decision"));
    }
    if (const auto timing = appealTiming(facts, book); timing && timing->dismissed()) {
        c.error("law.statement-appeal-dismissed", "law.statement-appeal-dismissed",
            {{"lastDay", timing->lastDay.iso(), FindingArg::Kind::Date}}, facts.appeal->received.where);
    }
    if (!st.wantsStated.value) {
        c.error("law.statement-wants-missing", "law.statement-wants-missing", {}, st.wantsStated.where);
    }
    if (!st.reasonsStated.value) {
        c.error("law.statement-reasons-missing", "law.statement-reasons-missing", {}, st.reasonsStated.where);
    }
    if (st.answerBy.value < st.requestReceived.value) {
        c.error("law.date-order", "law.date-order.18", {}, st.answerBy.where);
    }
    if (st.signedDate.value < st.requestReceived.value) {
        c.error("law.date-order", "law.date-order.19", {}, st.signedDate.where);
    }
    if (facts.appeal && st.requestReceived.value < facts.appeal->received.value) {
        c.error("law.date-order", "law.date-order.20", {}, st.requestReceived.where);
    }
    if (st.answerBy.value < st.signedDate.value) {
        c.warning("law.statement-late", "law.statement-late", {}, st.signedDate.where);
    }
    if (st.position.value == "medger") {
        c.warning("law.statement-concedes", "law.statement-concedes", {}, st.position.where);
    }
    if (group != nullptr) {
        if (group->appealHandlers.empty()) {
            c.error("law.appeal-handler-unknown", "law.appeal-handler-unknown.2",
                {{"group", std::string(group->code), FindingArg::Kind::Text}}, st.signerRole.where, group->source);
        } else if (!group->mayHandleAppeals(st.signerRole.value, st.signerUnit.value)) {
            c.error("law.statement-signer-not-allowed", "law.statement-signer-not-allowed",
                {{"group", std::string(group->code), FindingArg::Kind::Text}}, st.signerRole.where);
        }
    }
}

/// Avslut and slutrapport: an insats ended before its period ends, and the report on it.
void checkEnding(const TargetGroupRule* group, const CaseFacts& facts, const LawBook& book, Collector& c)
{
    const EndingFacts& e = *facts.ending;
    const bool decision = facts.documentType.value == "avslut";
    const bool adverse = e.reason.value == "criteria-not-met";
    const std::string source = group != nullptr ? group->periodSource : std::string();
    if (e.grantedTo.value < e.grantedFrom.value) {
        c.error("law.date-order", "law.date-order.21", {}, e.grantedTo.where);
    }
    if (e.endsOn.value > e.grantedTo.value) {
        c.error("law.ending-after-period", "law.ending-after-period", {}, e.endsOn.where, source);
    } else if (e.endsOn.value < e.grantedFrom.value) {
        c.error("law.date-order", "law.date-order.22", {}, e.endsOn.where);
    }
    if (e.reason.value == "period-ended") {
        if (decision) {
            c.error("law.ending-not-early", "law.ending-not-early.1", {}, e.reason.where, source);
        } else if (e.endsOn.value != e.grantedTo.value) {
            c.error("law.ending-not-early", "law.ending-not-early.2", {}, e.endsOn.where, source);
        }
    } else if (decision && e.endsOn.value == e.grantedTo.value) {
        c.error("law.ending-not-early", "law.ending-not-early.3", {}, e.endsOn.where, source);
    }
    if (!decision) {
        if (!e.reportWritten) {
            c.error("law.document-part-missing", "law.document-part-missing.12", {}, e.where);
        } else if (e.reportWritten->value < e.endsOn.value) {
            c.warning("law.report-before-end", "law.report-before-end", {}, e.reportWritten->where);
        }
        return;
    }
    if (!e.date || !e.hasDecisionMaker) {
        c.error("law.document-part-missing", "law.document-part-missing.13", {}, e.where);
        return;
    }
    if (e.date->value < e.grantedDate.value) {
        c.error("law.date-order", "law.date-order.23", {}, e.date->where);
    }
    if (adverse && e.endsOn.value < e.date->value) {
        c.error("law.ending-retroactive", "law.ending-retroactive", {}, e.endsOn.where);
    }
    if (group != nullptr && !group->mayDecide(e.makerRole.value, e.makerUnit.value)) {
        const std::string deciders = group->deciders.empty() ? group->source : group->deciders.front().source;
        c.error("law.decider-not-allowed", "law.decider-not-allowed.2",
            {{"group", std::string(group->code), FindingArg::Kind::Text}}, e.makerRole.where, deciders);
    }
    if (!adverse) {
        return;
    }
    if (!e.hasMotivation.value) {
        c.error("law.motivation-missing", "law.motivation-missing.2", {}, e.hasMotivation.where);
    }
    if (e.revocationGround.value.empty()) {
        c.error("law.ending-revocation-ground-missing", "law.ending-revocation-ground-missing", {},
            e.revocationGround.where);
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
        c.error("law.jobplan-before-enrolment", "law.jobplan-before-enrolment", {}, plan.established.where,
            edition.jobPlanSource);
    }
    if (plan.established.value > plan.enrolled.value.addDays(edition.jobPlanDueDays)) {
        c.warning("law.jobplan-late", "law.jobplan-late",
            {{"days", std::to_string(edition.jobPlanDueDays), FindingArg::Kind::Number}}, plan.established.where,
            edition.jobPlanSource);
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
        c.error("law.unknown-target-group", "law.unknown-target-group", {}, facts.targetGroup.where);
    } else if (facts.programme.value != group->programme) {
        c.error("law.programme-mismatch", "law.programme-mismatch",
            {{"group", std::string(group->code), FindingArg::Kind::Text}}, facts.programme.where, group->source);
    }

    // The diarienummer is written to every log line and audit record of the document, where no
    // personal data may stand (OSL 26 kap. 1 §: everything about an individual in social services
    // is secret; the trail carries ids, codes and hashes only).
    if (IdentityNumber::appearsIn(facts.diarienummer.value)) {
        c.error("law.diarienummer-identity-number", "law.diarienummer-identity-number", {}, facts.diarienummer.where);
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
