#pragma once
/// Everything the legal department maintains as data, loaded once: the target groups and the
/// statute table (templates/law/*.xml, read by casefile::LawBookReader).

#include "law/StatuteTable.h"
#include "law/TargetGroup.h"

#include "core/Date.h"

#include <string>
#include <string_view>
#include <vector>

namespace kansli::law {

/// One of the city's districts: its committee (on the letterhead) and its administration (the
/// unit a district handläggare decides from).
struct District {
    std::string namnd;       ///< "Skarpnäcks stadsdelsnämnd"
    std::string forvaltning; ///< "Skarpnäcks stadsdelsförvaltning"
};

struct TargetGroupsEdition {
    std::string version;
    Date validFrom;
    int jobPlanDueDays = 5;       ///< Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017): the first jobbplan within five days of enrolment
    std::string jobPlanSource;
    /// Kommunicering (FL 25 §): the days the applicant is given to answer by default, and the
    /// shortest and longest time a caseworker may set instead.
    int communicationAnswerDays = 14;
    int communicationMinDays = 7;
    int communicationMaxDays = 28;
    std::string communicationSource;
    std::vector<TargetGroupRule> groups;
    /// The districts; empty when the data lists none (then the district rule is not applied).
    std::vector<District> districts;
    std::string districtsSource;

    /// The district whose administration is `forvaltning` (case-insensitive for ASCII); nullptr if none.
    const District* districtOf(std::string_view forvaltning) const;
};

/// A template version the legal department found to print wrong appeal information. A late
/// appeal of a decision printed by it is not dismissed (förvaltningslagen (2017:900) 45 § second
/// paragraph). From templates/law/appeal-information.xml.
struct AppealInformationDefect {
    std::string templateId; ///< "beslut", "fortsatt"
    std::string version;    ///< "1.0.0"
    std::string what;       ///< what was wrong, for the caseworker (the legal department's words)
    std::string source;     ///< the decision that found it
};

class LawBook {
public:
    LawBook() = default;
    /// Throws kansli::Error (config) when a group code repeats, a group has no criteria, an age
    /// range or standard period is impossible, or a criterion id does not start with "<group>.".
    LawBook(TargetGroupsEdition groups, StatuteTable statutes, std::vector<AppealInformationDefect> defects = {});

    /// nullptr for an unknown code.
    const TargetGroupRule* group(std::string_view code) const;
    const std::vector<TargetGroupRule>& groups() const noexcept { return _groups.groups; }
    const TargetGroupsEdition& groupsEdition() const noexcept { return _groups; }
    const StatuteTable& statutes() const noexcept { return _statutes; }
    /// The listed defect of this template version, or nullptr.
    const AppealInformationDefect* appealInformationDefect(std::string_view templateId, std::string_view version) const;
    const std::vector<AppealInformationDefect>& appealInformationDefects() const noexcept { return _defects; }

private:
    TargetGroupsEdition _groups;
    StatuteTable _statutes;
    std::vector<AppealInformationDefect> _defects;
};

} // namespace kansli::law
