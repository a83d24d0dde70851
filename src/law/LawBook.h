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

struct TargetGroupsEdition {
    std::string version;
    Date validFrom;
    int jobPlanDueDays = 5;       ///< Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017): the first jobbplan within five days of enrolment
    std::string jobPlanSource;
    std::vector<TargetGroupRule> groups;
};

class LawBook {
public:
    LawBook() = default;
    /// Throws kansli::Error (config) when a group code repeats, a group has no criteria, an age
    /// range or standard period is impossible, or a criterion id does not start with "<group>.".
    LawBook(TargetGroupsEdition groups, StatuteTable statutes);

    /// nullptr for an unknown code.
    const TargetGroupRule* group(std::string_view code) const;
    const std::vector<TargetGroupRule>& groups() const noexcept { return _groups.groups; }
    const TargetGroupsEdition& groupsEdition() const noexcept { return _groups; }
    const StatuteTable& statutes() const noexcept { return _statutes; }

private:
    TargetGroupsEdition _groups;
    StatuteTable _statutes;
};

} // namespace kansli::law
