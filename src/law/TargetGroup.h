#pragma once
/// A target group (målgrupp) and its rules: criteria, age range, who may decide, period length.
/// The values come from templates/law/target-groups.xml (Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022); Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)); this is the shape.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::law {

struct Criterion {
    std::string id;          ///< e.g. "uvas.alder"; the Swedish wording lives in locales/
    bool ageCriterion = false; ///< checked against the age range as well as against the case file
};

/// One rule of who may decide: any of `roles` at a unit that is one of `units` (exact, case-
/// insensitive for ASCII) or whose name ends with one of `unitSuffixes` ("stadsdelsförvaltning").
struct DeciderRule {
    std::vector<std::string> roles;
    std::vector<std::string> units;
    std::vector<std::string> unitSuffixes;
    std::string source;
};

/// What happens when the decided period is longer than the standard.
enum class LongerPeriod {
    Forbidden,            ///< continuation needs a new assessment (Insteg, outreach groups)
    WithSpecialReasons,   ///< allowed when särskilda skäl are stated (socialpsykiatri, LSS insats)
};

/// True when some rule admits this role at this unit.
bool admits(const std::vector<DeciderRule>& rules, std::string_view role, std::string_view unit);

struct TargetGroupRule {
    std::string code;       ///< "socialpsykiatri", "lss-insteg", "lss-insats", "uvas", "kvinnor-30-64"
    std::string programme;  ///< "alfa", "iwork", "jobbtorg"
    std::string source;     ///< e.g. "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): UVAS"
    std::vector<Criterion> criteria; ///< in the order the letter lists them
    int minAge = 0;         ///< inclusive, on the application date
    int maxAge = 0;         ///< inclusive
    std::string ageSource;
    std::string legalSex;   ///< "female" when the group is for women only (a warning, not a refusal); else empty
    std::string sexSource;
    int standardMonths = 0;
    LongerPeriod longer = LongerPeriod::Forbidden;
    std::optional<int> maxMonths; ///< absolute cap even with särskilda skäl; none when absent
    std::string periodSource;
    std::vector<DeciderRule> deciders;
    /// Who may try whether an appeal came in on time (FL 45 §) and sign the statement to the
    /// court; empty when the law book holds no delegation for the group.
    std::vector<DeciderRule> appealHandlers;
    /// Fortsatt insats: the new assessment is made with "arbetsformedlingen" or "coach"; empty
    /// when the group's guideline names no one.
    std::string continuationConsult;
    /// The standard period counts over the whole insats (its first day to the end of the new
    /// period), so a continuation beyond it needs särskilda skäl (socialpsykiatri, LSS insats).
    bool continuationCountsWholeInsats = false;
    std::string continuationSource;

    bool hasCriterion(std::string_view id) const;
    /// True when some DeciderRule admits this role at this unit.
    bool mayDecide(std::string_view role, std::string_view unit) const;
    /// As mayDecide, for the appeal handlers.
    bool mayHandleAppeals(std::string_view role, std::string_view unit) const;
    /// True when `unit` is admitted by a decider rule's suffix ("… stadsdelsförvaltning"): a
    /// district's administration rather than a named unit.
    bool unitBySuffix(std::string_view unit) const;
    /// The ids in order (what XSLT calls).
    std::vector<std::string> criterionIds() const;
};

} // namespace kansli::law
