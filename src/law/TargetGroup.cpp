#include "law/TargetGroup.h"

#include <algorithm>

namespace kansli::law {

namespace {

char lowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsFolded(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(),
                         [](char x, char y) { return lowerAscii(x) == lowerAscii(y); });
}

std::string_view trim(std::string_view s)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && blank(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && blank(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

bool endsWithAny(std::string_view unit, const std::vector<std::string>& suffixes)
{
    return std::any_of(suffixes.begin(), suffixes.end(), [&](const std::string& suffix) {
        return unit.size() > suffix.size() && equalsFolded(unit.substr(unit.size() - suffix.size()), suffix);
    });
}

} // namespace

bool TargetGroupRule::hasCriterion(std::string_view id) const
{
    return std::any_of(criteria.begin(), criteria.end(),
                       [&](const Criterion& c) { return c.id == id; });
}


bool admits(const std::vector<DeciderRule>& rules, std::string_view role, std::string_view unit)
{
    const std::string_view u = trim(unit);
    for (const DeciderRule& rule : rules) {
        const bool roleOk = std::any_of(rule.roles.begin(), rule.roles.end(),
                                        [&](const std::string& r) { return r == trim(role); });
        if (!roleOk) {
            continue;
        }
        const bool unitListed = std::any_of(rule.units.begin(), rule.units.end(),
                                            [&](const std::string& x) { return equalsFolded(x, u); });
        if (unitListed || endsWithAny(u, rule.unitSuffixes)) {
            return true;
        }
    }
    return false;
}

bool TargetGroupRule::mayDecide(std::string_view role, std::string_view unit) const
{
    return admits(deciders, role, unit);
}

bool TargetGroupRule::mayHandleAppeals(std::string_view role, std::string_view unit) const
{
    return admits(appealHandlers, role, unit);
}

bool TargetGroupRule::unitBySuffix(std::string_view unit) const
{
    const std::string_view u = trim(unit);
    return std::any_of(deciders.begin(), deciders.end(),
                       [&](const DeciderRule& rule) { return endsWithAny(u, rule.unitSuffixes); });
}

std::vector<std::string> TargetGroupRule::criterionIds() const
{
    std::vector<std::string> ids;
    ids.reserve(criteria.size());
    for (const Criterion& c : criteria) {
        ids.push_back(c.id);
    }
    return ids;
}

} // namespace kansli::law
