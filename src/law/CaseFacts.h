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

struct CaseFacts {
    Located<std::string> documentType;   ///< "beslut" | "utredning" | "jobbplan"
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
};

} // namespace kansli::law
