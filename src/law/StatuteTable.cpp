#include "law/StatuteTable.h"

#include "core/Error.h"

#include <algorithm>

namespace kansli::law {

const std::vector<std::string>& decisionConcepts()
{
    static const std::vector<std::string> CONCEPTS = {
        concepts::RATT_TILL_BISTAND,   concepts::BISTAND_UTOVER,      concepts::OVERKLAGBARA_BESLUT,
        concepts::DOKUMENTATION,       concepts::FL_OVERKLAGANDE_FORM, concepts::FL_OVERKLAGANDE_TID,
        concepts::KL_LAGLIGHETSPROVNING,
    };
    return CONCEPTS;
}

bool StatuteRow::validOn(const Date& date) const
{
    return validFrom <= date && (!validTo || date <= *validTo);
}

StatuteTable::StatuteTable(std::string version, Date validFrom, std::vector<StatuteRow> rows)
    : _version(std::move(version)), _validFrom(validFrom), _rows(std::move(rows))
{
    const auto fail = [](const StatuteRow& row, const std::string& what) {
        Location where;
        where.line = row.line;
        throw Error(ErrorCode::Config, "statute table: " + what, "concept " + row.key, where);
    };
    for (const StatuteRow& row : _rows) {
        if (row.key.empty() || row.reference.empty()) {
            fail(row, "a row lacks its concept or its reference text");
        }
        if (row.validTo && *row.validTo < row.validFrom) {
            fail(row, "a row ends before it starts");
        }
    }
    for (std::size_t i = 0; i < _rows.size(); ++i) {
        for (std::size_t j = i + 1; j < _rows.size(); ++j) {
            const StatuteRow& a = _rows[i];
            const StatuteRow& b = _rows[j];
            if (a.key != b.key) {
                continue;
            }
            const bool aBeforeB = a.validTo && *a.validTo < b.validFrom;
            const bool bBeforeA = b.validTo && *b.validTo < a.validFrom;
            if (!aBeforeB && !bBeforeA) {
                fail(b, "two rows of one concept are valid on the same day");
            }
        }
    }
}

const StatuteRow* StatuteTable::find(std::string_view key, const Date& date) const
{
    const auto it = std::find_if(_rows.begin(), _rows.end(), [&](const StatuteRow& row) {
        return row.key == key && row.validOn(date);
    });
    return it == _rows.end() ? nullptr : &*it;
}

const StatuteRow& StatuteTable::at(std::string_view key, const Date& date) const
{
    const StatuteRow* row = find(key, date);
    if (row == nullptr) {
        throw Error(ErrorCode::LegalInconsistent,
                    "no statute row of concept " + std::string(key) + " is valid on "
                        + date.iso(),
                    "statute table version " + _version);
    }
    return *row;
}

const std::string& StatuteTable::reference(std::string_view key, const Date& date) const
{
    return at(key, date).reference;
}

} // namespace kansli::law
