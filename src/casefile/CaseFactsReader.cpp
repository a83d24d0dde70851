#include "casefile/CaseFactsReader.h"

#include "casefile/XmlNode.h"
#include "core/Clock.h"
#include "i18n/UnicodeText.h"

#include <algorithm>
#include <charconv>

namespace kansli::casefile {

namespace {

using law::Located;
using law::Where;

Where whereOf(const xmlNode* node)
{
    return Where{xml::lineOf(node), xml::xpathOf(node)};
}

class Reader {
public:
    explicit Reader(Findings& findings) : _findings(findings) {}

    Located<std::string> token(const xmlNode* element) const
    {
        Located<std::string> fact;
        if (element != nullptr) {
            fact.value = visibleOrEmpty(xml::collapse(xml::text(element)));
            fact.where = whereOf(element);
        }
        return fact;
    }

    /// Text with no visible character (i18n::isBlank: no-break, zero-width, ideographic spaces,
    /// format characters, …) is read as absent, so every "must not be blank" rule sees it so.
    static std::string visibleOrEmpty(std::string text)
    {
        return i18n::isBlank(text) ? std::string() : text;
    }

    Located<std::string> line(const xmlNode* element) const
    {
        Located<std::string> fact;
        if (element != nullptr) {
            fact.value = visibleOrEmpty(xml::trim(xml::text(element)));
            fact.where = whereOf(element);
        }
        return fact;
    }

    Located<std::string> tokenAttribute(const xmlNode* element, const char* name) const
    {
        const xmlAttr* attr = xml::attributeNode(element, name);
        Located<std::string> fact;
        if (attr != nullptr) {
            const auto* node = reinterpret_cast<const xmlNode*>(attr);
            fact.value = xml::collapse(xml::text(node));
            fact.where = whereOf(node);
        }
        return fact;
    }

    /// Absent when the node is absent.
    std::optional<Located<Date>> date(const xmlNode* node) const
    {
        if (node == nullptr) {
            return std::nullopt;
        }
        const std::string text = xml::collapse(xml::text(node));
        auto parsed = Date::parseIso(text);
        if (!parsed) {
            Finding finding;
            finding.code = CODE_FACTS;
            finding.messageId = "facts.date";
            finding.line = xml::lineOf(node);
            finding.xpath = xml::xpathOf(node);
            _findings.push_back(std::move(finding));
            return std::nullopt;
        }
        return Located<Date>{*parsed, whereOf(node)};
    }

    std::optional<Located<Date>> dateAttribute(const xmlNode* element, const char* name) const
    {
        return date(reinterpret_cast<const xmlNode*>(xml::attributeNode(element, name)));
    }

    /// A required date: left at its default (with the place of the missing element's parent)
    /// when absent or unreadable.
    Located<Date> requiredDate(const xmlNode* node, const xmlNode* parent) const
    {
        if (auto fact = date(node)) {
            return *fact;
        }
        Located<Date> fact;
        fact.where = whereOf(node != nullptr ? node : parent);
        return fact;
    }

    /// A required attribute date, as requiredDate: with the element's place when absent.
    Located<Date> requiredDateAttribute(const xmlNode* element, const char* name) const
    {
        return requiredDate(reinterpret_cast<const xmlNode*>(xml::attributeNode(element, name)), element);
    }

    static bool boolean(const std::string& text) { return text == "true" || text == "1"; }

    /// A Text element with at least one paragraph that is not blank.
    static bool hasParagraph(const xmlNode* text)
    {
        for (const xmlNode* p : xml::children(text, "p")) {
            if (!i18n::isBlank(xml::text(p))) {
                return true;
            }
        }
        return false;
    }

    /// Where the Text element stands, or its parent when it is absent.
    static Located<bool> paragraphFact(const xmlNode* text, const xmlNode* parent)
    {
        return Located<bool>{hasParagraph(text), whereOf(text != nullptr ? text : parent)};
    }

private:
    Findings& _findings;
};

law::InvestigationFacts readInvestigation(const Reader& reader, const xmlNode* investigation)
{
    law::InvestigationFacts facts;
    const xmlNode* criteria = xml::child(investigation, "criteria");
    facts.criteriaWhere = whereOf(criteria != nullptr ? criteria : investigation);
    for (const xmlNode* criterion : xml::children(criteria, "criterion")) {
        law::CriterionFact fact;
        fact.id = xml::collapse(xml::attribute(criterion, "id").value_or(""));
        fact.met = Reader::boolean(xml::collapse(xml::attribute(criterion, "met").value_or("")));
        fact.hasEvidence = Reader::hasParagraph(xml::child(criterion, "evidence"));
        fact.where = whereOf(criterion);
        facts.criteria.push_back(std::move(fact));
    }
    const xmlNode* proposed = xml::child(investigation, "proposedDecision");
    facts.proposedOutcome = reader.tokenAttribute(proposed, "outcome");
    if (facts.proposedOutcome.where.xpath.empty()) {
        facts.proposedOutcome.where = whereOf(proposed != nullptr ? proposed : investigation);
    }
    const xmlNode* period = xml::child(proposed, "period");
    facts.proposedFrom = reader.dateAttribute(period, "from");
    facts.proposedTo = reader.dateAttribute(period, "to");
    return facts;
}

law::DecisionFacts readDecision(const Reader& reader, const xmlNode* decision)
{
    law::DecisionFacts facts;
    facts.date = reader.requiredDate(xml::child(decision, "date"), decision);

    const xmlNode* maker = xml::child(decision, "decisionMaker");
    facts.makerRole = reader.token(xml::child(maker, "role"));
    facts.makerUnit = reader.line(xml::child(maker, "unit"));
    facts.makerName = reader.line(xml::child(maker, "name"));
    facts.delegation = reader.line(xml::child(maker, "delegation"));
    {
        const xmlNode* presenter = xml::child(decision, "presenter");
        facts.hasPresenter = Located<bool>{presenter != nullptr && !reader.line(xml::child(presenter, "name")).value.empty(),
            whereOf(presenter != nullptr ? presenter : maker)};
    }

    const xmlNode* step1 = xml::child(decision, "step1");
    facts.step1Outcome = reader.tokenAttribute(step1, "outcome");
    facts.step1HasMotivation = Reader::paragraphFact(xml::child(step1, "motivation"), step1);

    const xmlNode* step2 = xml::child(decision, "step2");
    facts.step2Outcome = reader.tokenAttribute(step2, "outcome");
    facts.step2HasMotivation = Reader::paragraphFact(xml::child(step2, "motivation"), step2);
    const xmlNode* period = xml::child(step2, "period");
    facts.periodFrom = reader.dateAttribute(period, "from");
    facts.periodTo = reader.dateAttribute(period, "to");
    facts.hasSpecialReasons = Reader::paragraphFact(xml::child(step2, "specialReasons"), step2);

    facts.deliveredOn = reader.dateAttribute(xml::child(decision, "delivery"), "received");
    facts.noticeAnnouncedOn =
        reader.dateAttribute(xml::child(decision, "protocolNotice"), "announced");
    if (const xmlNode* notNeeded = xml::child(decision, "communicationNotNeeded")) {
        facts.communicationNotNeeded = reader.tokenAttribute(notNeeded, "ground");
        facts.communicationNotNeededExplained = Reader::paragraphFact(notNeeded, notNeeded);
    }
    return facts;
}

law::CommunicationFacts readCommunication(const Reader& reader, const xmlNode* communication)
{
    law::CommunicationFacts facts;
    facts.where = whereOf(communication);
    facts.sent = reader.requiredDateAttribute(communication, "sent");
    const Located<std::string> days = reader.tokenAttribute(communication, "answerDays");
    if (!days.value.empty()) {
        // The schema holds it to 1..365; xs:integer also allows a leading "+" and zeros.
        const std::string digits = days.value.substr(days.value[0] == '+' ? 1 : 0);
        int value = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec == std::errc() && end == digits.data() + digits.size()) {
            facts.answerDays = Located<int>{value, days.where};
        }
    }
    facts.answered = reader.dateAttribute(xml::child(communication, "answer"), "received");
    facts.hasFindings = Reader::paragraphFact(xml::child(communication, "findings"), communication);
    const xmlNode* material = xml::child(communication, "material");
    facts.hasMaterial = Located<bool>{!xml::children(material, "item").empty(),
                                      whereOf(material != nullptr ? material : communication)};
    return facts;
}

law::ContinuationFacts readContinuation(const Reader& reader, const xmlNode* continuation)
{
    law::ContinuationFacts facts;
    facts.where = whereOf(continuation);
    const xmlNode* previous = xml::child(continuation, "previousDecision");
    facts.previousDecisionDate =
        reader.requiredDateAttribute(previous, "date");
    const xmlNode* period = xml::child(previous, "period");
    facts.previousFrom =
        reader.requiredDateAttribute(period, "from");
    facts.previousTo =
        reader.requiredDateAttribute(period, "to");
    facts.insatsStarted = reader.date(xml::child(continuation, "insatsStarted"));
    const xmlNode* assessment = xml::child(continuation, "assessment");
    facts.assessmentDate =
        reader.requiredDateAttribute(assessment, "date");
    facts.consulted = reader.tokenAttribute(assessment, "consulted");
    if (facts.consulted.where.xpath.empty()) {
        facts.consulted.where = whereOf(assessment != nullptr ? assessment : continuation);
    }
    facts.assessmentStated = Reader::paragraphFact(assessment, continuation);
    return facts;
}

law::StatementFacts readStatement(const Reader& reader, const xmlNode* statement)
{
    law::StatementFacts facts;
    facts.where = whereOf(statement);
    facts.position = reader.tokenAttribute(statement, "position");
    const xmlNode* request = xml::child(statement, "request");
    facts.requestReceived =
        reader.requiredDateAttribute(request, "received");
    facts.answerBy = reader.requiredDateAttribute(request, "answerBy");
    const xmlNode* signed_ = xml::child(statement, "signed");
    facts.signedDate = reader.requiredDate(xml::child(signed_, "date"), signed_);
    const xmlNode* signer = xml::child(signed_, "signer");
    facts.signerRole = reader.token(xml::child(signer, "role"));
    facts.signerUnit = reader.line(xml::child(signer, "unit"));
    facts.wantsStated = Reader::paragraphFact(xml::child(statement, "appellantWants"), statement);
    facts.reasonsStated = Reader::paragraphFact(xml::child(statement, "reasons"), statement);
    return facts;
}

law::EndingFacts readEnding(const Reader& reader, const xmlNode* ending)
{
    law::EndingFacts facts;
    facts.where = whereOf(ending);
    facts.reason = reader.tokenAttribute(ending, "reason");
    facts.revocationGround = reader.tokenAttribute(ending, "revocationGround");
    if (facts.revocationGround.where.xpath.empty()) {
        facts.revocationGround.where = facts.where;
    }
    const xmlNode* granted = xml::child(ending, "grantedBy");
    facts.grantedDate = reader.requiredDateAttribute(granted, "date");
    const xmlNode* period = xml::child(granted, "period");
    facts.grantedFrom = reader.requiredDateAttribute(period, "from");
    facts.grantedTo = reader.requiredDateAttribute(period, "to");
    facts.date = reader.date(xml::child(ending, "date"));
    facts.endsOn = reader.requiredDate(xml::child(ending, "endsOn"), ending);
    const xmlNode* maker = xml::child(ending, "decisionMaker");
    facts.hasDecisionMaker = maker != nullptr;
    facts.makerRole = reader.token(xml::child(maker, "role"));
    facts.makerUnit = reader.line(xml::child(maker, "unit"));
    if (maker == nullptr) {
        facts.makerRole.where = facts.where;
    }
    facts.hasMotivation = Reader::paragraphFact(xml::child(ending, "motivation"), ending);
    if (const xmlNode* notNeeded = xml::child(ending, "communicationNotNeeded")) {
        facts.communicationNotNeeded = reader.tokenAttribute(notNeeded, "ground");
        facts.communicationNotNeededExplained = Reader::paragraphFact(notNeeded, notNeeded);
    }
    facts.noticeAnnouncedOn = reader.dateAttribute(xml::child(ending, "protocolNotice"), "announced");
    facts.reportWritten = reader.dateAttribute(xml::child(ending, "report"), "written");
    return facts;
}

law::AppealFacts readAppeal(const Reader& reader, const xmlNode* appeal)
{
    law::AppealFacts facts;
    facts.where = whereOf(appeal);
    facts.received = reader.requiredDateAttribute(appeal, "received");
    facts.route = reader.tokenAttribute(appeal, "route");
    facts.receivedByCourt = reader.dateAttribute(appeal, "receivedByCourt");
    facts.decisionDocument = reader.tokenAttribute(appeal, "decisionDocument");
    if (facts.decisionDocument.where.xpath.empty()) {
        facts.decisionDocument.where = facts.where;
    }
    const xmlNode* trial = xml::child(appeal, "trial");
    facts.trialDate = reader.requiredDate(xml::child(trial, "date"), trial);
    const xmlNode* maker = xml::child(trial, "decisionMaker");
    facts.makerRole = reader.token(xml::child(maker, "role"));
    facts.makerUnit = reader.line(xml::child(maker, "unit"));
    return facts;
}

law::JobPlanFacts readJobPlan(const Reader& reader, const xmlNode* jobPlan)
{
    law::JobPlanFacts facts;
    facts.enrolled = reader.requiredDate(xml::child(jobPlan, "enrolled"), jobPlan);
    facts.established = reader.requiredDate(xml::child(jobPlan, "established"), jobPlan);
    for (const xmlNode* date : xml::children(xml::child(jobPlan, "followUp"), "date")) {
        if (auto fact = reader.date(date)) {
            facts.followUps.push_back(std::move(*fact));
        }
    }
    return facts;
}

} // namespace

law::CaseFacts CaseFactsReader::read(const CaseDocument& document, Findings& findings)
{
    law::CaseFacts facts;
    const xmlNode* root = document.root();
    if (root == nullptr) {
        return facts;
    }
    const Reader reader(findings);

    facts.documentType = reader.tokenAttribute(xml::child(root, "document"), "type");
    facts.diarienummer = reader.token(xml::child(root, "diarienummer"));
    facts.authorityNamnd = reader.line(xml::child(xml::child(root, "authority"), "namnd"));
    {
        const xmlNode* documentElement = xml::child(root, "document");
        const auto* generated = reinterpret_cast<const xmlNode*>(xml::attributeNode(documentElement, "generatedAt"));
        const std::string stamp = generated != nullptr ? xml::collapse(xml::text(generated)) : std::string();
        const auto day = Date::parseIso(stamp.substr(0, std::min<std::size_t>(stamp.size(), 10)));
        facts.printDate.value = day ? *day : Date::parseIso(utcDateToday()).value_or(Date{});
        facts.printDate.where = whereOf(generated != nullptr ? generated : documentElement);
    }

    const xmlNode* applicant = xml::child(root, "applicant");
    const xmlNode* personnummer = xml::child(applicant, "personnummer");
    const xmlNode* samordningsnummer = xml::child(applicant, "samordningsnummer");
    facts.samordningsnummer = personnummer == nullptr && samordningsnummer != nullptr;
    facts.identityNumber =
        reader.token(personnummer != nullptr ? personnummer : samordningsnummer);

    const xmlNode* application = xml::child(root, "application");
    facts.applicationReceived =
        reader.requiredDate(xml::child(application, "received"), application);
    facts.targetGroup = reader.token(xml::child(application, "targetGroup"));
    facts.programme = reader.token(xml::child(application, "programme"));
    const xmlNode* continuation = xml::child(application, "continuation");
    facts.continuation =
        continuation != nullptr && Reader::boolean(xml::collapse(xml::text(continuation)));

    if (const xmlNode* investigation = xml::child(root, "investigation")) {
        facts.investigation = readInvestigation(reader, investigation);
    }
    if (const xmlNode* decision = xml::child(root, "decision")) {
        facts.decision = readDecision(reader, decision);
    }
    if (const xmlNode* jobPlan = xml::child(root, "jobPlan")) {
        facts.jobPlan = readJobPlan(reader, jobPlan);
    }
    if (const xmlNode* communication = xml::child(root, "communication")) {
        facts.communication = readCommunication(reader, communication);
    }
    if (const xmlNode* continuationOf = xml::child(root, "continuationOf")) {
        facts.continuationOf = readContinuation(reader, continuationOf);
    }
    if (const xmlNode* appeal = xml::child(root, "appeal")) {
        facts.appeal = readAppeal(reader, appeal);
    }
    if (const xmlNode* statement = xml::child(root, "courtStatement")) {
        facts.courtStatement = readStatement(reader, statement);
    }
    if (const xmlNode* ending = xml::child(root, "ending")) {
        facts.ending = readEnding(reader, ending);
    }
    return facts;
}

} // namespace kansli::casefile
