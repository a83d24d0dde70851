#include "law/LawBook.h"

#include "core/Error.h"

#include <algorithm>
#include <set>

namespace kansli::law {

const District* TargetGroupsEdition::districtOf(std::string_view forvaltning) const
{
    auto trimmed = forvaltning;
    while (!trimmed.empty() && trimmed.front() == ' ')
        trimmed.remove_prefix(1);
    while (!trimmed.empty() && trimmed.back() == ' ')
        trimmed.remove_suffix(1);
    for (const District& district : districts) {
        if (district.forvaltning == trimmed) {
            return &district;
        }
    }
    return nullptr;
}

LawBook::LawBook(TargetGroupsEdition groups, StatuteTable statutes, std::vector<AppealInformationDefect> defects)
    : _groups(std::move(groups)), _statutes(std::move(statutes)), _defects(std::move(defects))
{
    const auto fail = [](const TargetGroupRule& g, const std::string& what) {
        throw Error(ErrorCode::Config, "target group " + g.code + ": " + what);
    };
    std::set<std::string> codes;
    for (const TargetGroupRule& g : _groups.groups) {
        if (g.code.empty() || !codes.insert(g.code).second) {
            fail(g, "code empty or repeated");
        }
        if (g.criteria.empty()) {
            fail(g, "no criteria");
        }
        std::set<std::string> ids;
        for (const Criterion& c : g.criteria) {
            if (c.id.rfind(g.code + ".", 0) != 0) {
                fail(g, "criterion id must start with the group code");
            }
            if (!ids.insert(c.id).second) {
                fail(g, "criterion listed twice");
            }
        }
        if (g.minAge < 0 || g.maxAge < g.minAge) {
            fail(g, "impossible age range");
        }
        if (g.standardMonths < 1 || (g.maxMonths && *g.maxMonths < g.standardMonths)) {
            fail(g, "impossible period");
        }
        if (g.deciders.empty()) {
            fail(g, "nobody may decide");
        }
    }
}

const TargetGroupRule* LawBook::group(std::string_view code) const
{
    const auto& gs = _groups.groups;
    const auto it = std::find_if(gs.begin(), gs.end(),
                                 [&](const TargetGroupRule& g) { return g.code == code; });
    return it == gs.end() ? nullptr : &*it;
}

const AppealInformationDefect* LawBook::appealInformationDefect(std::string_view templateId, std::string_view version) const
{
    for (const AppealInformationDefect& defect : _defects) {
        if (defect.templateId == templateId && defect.version == version) {
            return &defect;
        }
    }
    return nullptr;
}

} // namespace kansli::law
