#pragma once
/// The facts of a case that the law needs, read out of the case file by casefile/.
///
/// law/ never parses XML: casefile::CaseFactsReader fills this struct and records where each fact
/// stands (line and XPath) so that every legal finding can point at its field. Optional facts are
/// absent when the case file does not carry them.

#include "core/Date.h"

#include <optional>
#include <string>
#include <vector>

namespace kansli::law {

/// Where a fact stands in the case file.
struct Where {
    int line = 0;
    std::string xpath;
};

template <class T>
struct Located {
    T value{};
    Where where;
};

struct CriterionFact {
    std::string id;         ///< e.g. "uvas.folkbokford"
    bool met = false;
    bool hasEvidence = false; ///< at least one non-blank paragraph
    Where where;            ///< the <criterion> element
};

struct PersonFacts {
    bool present = false;
    bool hasName = false;
    Where where;
};

struct DecisionFacts {
    Located<Date> date;
    Located<std::string> makerRole;  ///< DecisionRole code, e.g. "bitradande-enhetschef"
    Located<std::string> makerUnit;  ///< as written, e.g. "Jobbtorg Kista"
    Located<std::string> makerName;  ///< only checked for presence, never put into a message
    Located<std::string> delegation;
    Located<bool> hasPresenter;      ///< a föredragande is named (FL 31 §)
    Located<std::string> step1Outcome;  ///< "bifall" | "avslag"
    Located<bool> step1HasMotivation;   ///< caller's own motivation paragraphs (optional in step 1)
    Located<std::string> step2Outcome;
    Located<bool> step2HasMotivation;   ///< at least one non-blank paragraph
    std::optional<Located<Date>> periodFrom;
    std::optional<Located<Date>> periodTo;
    Located<bool> hasSpecialReasons;    ///< särskilda skäl stated (non-blank)
    std::optional<Located<Date>> deliveredOn;      ///< /case/decision/delivery/@received
    std::optional<Located<Date>> noticeAnnouncedOn; ///< /case/decision/protocolNotice/@announced
    /// /case/decision/communicationNotNeeded/@ground (FL 25 § second paragraph), when given.
    std::optional<Located<std::string>> communicationNotNeeded;
    Located<bool> communicationNotNeededExplained; ///< its paragraphs say why (non-blank)
};

/// Kommunicering (FL 25 §): /case/communication.
struct CommunicationFacts {
    Located<Date> sent;                   ///< @sent: the letter's date
    std::optional<Located<int>> answerDays; ///< @answerDays, when the caseworker set it
    std::optional<Located<Date>> answered;  ///< answer/@received; absent: no answer
    Located<bool> hasFindings;            ///< findings with a non-blank paragraph
    Located<bool> hasMaterial;            ///< material with at least one item
    Where where;                          ///< the <communication> element
};

/// Fortsatt insats: /case/continuationOf.
struct ContinuationFacts {
    Located<Date> previousDecisionDate;
    Located<Date> previousFrom;
    Located<Date> previousTo;
    std::optional<Located<Date>> insatsStarted;
    Located<Date> assessmentDate;
    Located<std::string> consulted;       ///< "arbetsformedlingen" | "coach" | "" (not stated)
    Located<bool> assessmentStated;       ///< the assessment has a non-blank paragraph
    Where where;                          ///< the <continuationOf> element
};

/// An appeal that came in: /case/appeal.
struct AppealFacts {
    Located<Date> received;               ///< @received (FL 22 §)
    Located<std::string> route;           ///< "forvaltningsbesvar" | "laglighetsprovning"
    /// @receivedByCourt: the appeal was first filed with Förvaltningsrätten, which sent it on.
    std::optional<Located<Date>> receivedByCourt;
    Located<std::string> decisionDocument; ///< @decisionDocument, the audit id; empty when absent
    Located<Date> trialDate;              ///< trial/date
    Located<std::string> makerRole;       ///< trial/decisionMaker/role
    Located<std::string> makerUnit;       ///< trial/decisionMaker/unit
    Where where;                          ///< the <appeal> element
    /// Filled by the caller that has the audit trail (pipeline), never read from the file: the
    /// template "id@version" that printed the decision document, when it was found there.
    std::optional<std::string> decisionPrintedBy;
    bool decisionDocumentLookedUp = false; ///< the caller looked the id up (found or not)
};

struct InvestigationFacts {
    std::vector<CriterionFact> criteria;
    Where criteriaWhere;               ///< the <criteria> element
    Located<std::string> proposedOutcome;
    std::optional<Located<Date>> proposedFrom;
    std::optional<Located<Date>> proposedTo;
};

struct JobPlanFacts {
    Located<Date> enrolled;
    Located<Date> established;
    std::vector<Located<Date>> followUps;
};

/// The authority's statement to the court: /case/courtStatement.
struct StatementFacts {
    Located<std::string> position;   ///< "bestrider" | "medger"
    Located<Date> requestReceived;   ///< request/@received: the court's föreläggande
    Located<Date> answerBy;          ///< request/@answerBy: the court's last day
    Located<Date> signedDate;        ///< signed/date
    Located<std::string> signerRole; ///< signed/signer/role
    Located<std::string> signerUnit; ///< signed/signer/unit
    Located<bool> wantsStated;       ///< appellantWants has a non-blank paragraph
    Located<bool> reasonsStated;     ///< reasons has a non-blank paragraph
    Where where;                     ///< the <courtStatement> element
};

/// Ending an insats, and the final report: /case/ending.
struct EndingFacts {
    Located<std::string> reason;            ///< applicant-request | goal-reached | criteria-not-met | period-ended
    Located<std::string> revocationGround;  ///< FL 37 § second paragraph; empty when absent
    Located<Date> grantedDate;              ///< grantedBy/@date
    Located<Date> grantedFrom;              ///< grantedBy/period/@from
    Located<Date> grantedTo;                ///< grantedBy/period/@to
    std::optional<Located<Date>> date;      ///< the decision's date; absent for a report only
    Located<Date> endsOn;
    bool hasDecisionMaker = false;
    Located<std::string> makerRole;
    Located<std::string> makerUnit;
    Located<bool> hasMotivation;
    std::optional<Located<std::string>> communicationNotNeeded; ///< @ground
    Located<bool> communicationNotNeededExplained;
    std::optional<Located<Date>> noticeAnnouncedOn;
    std::optional<Located<Date>> reportWritten; ///< report/@written; absent without a report
    Where where;                            ///< the <ending> element
};

struct CaseFacts {
    Located<std::string> documentType;   ///< "beslut" | "utredning" | "jobbplan" | "kommunicering" | "fortsatt" | "rattidsprovning" | "yttrande" | "avslut" | "slutrapport"
    Located<std::string> targetGroup;    ///< TargetGroup code
    Located<std::string> programme;      ///< "alfa" | "iwork" | "jobbtorg"
    Located<std::string> identityNumber; ///< as written in the file; never put into a message
    Located<std::string> diarienummer;   ///< as written; it goes to logs and the audit trail
    Located<std::string> authorityNamnd; ///< the nämnd on the letterhead, e.g. "Skarpnäcks stadsdelsnämnd"
    /// The day the letter is printed: the date of /case/document/@generatedAt, else today (UTC).
    /// Nothing that happens later (the applicant's receipt) may be stated as done in it.
    Located<Date> printDate;
    bool samordningsnummer = false;
    Located<Date> applicationReceived;
    bool continuation = false;
    std::optional<InvestigationFacts> investigation;
    std::optional<DecisionFacts> decision;
    std::optional<JobPlanFacts> jobPlan;
    std::optional<CommunicationFacts> communication;
    std::optional<ContinuationFacts> continuationOf;
    std::optional<AppealFacts> appeal;
    std::optional<StatementFacts> courtStatement;
    std::optional<EndingFacts> ending;
};

} // namespace kansli::law
