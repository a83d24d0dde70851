#pragma once
/// Statute references as data with validity dates (socialtjänstlag (2025:400) replaced socialtjänstlagen (2001:453) on 1 July 2025): which paragraph a letter cites
/// depends on the decision date. The rows come from templates/law/statutes.xml.

#include "core/Date.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::law {

/// Concept keys of the table. Decisions cite these; the rows say which paragraph they are.
namespace concepts {
inline constexpr const char* RATT_TILL_BISTAND = "ratt-till-bistand";     ///< step 1
inline constexpr const char* BISTAND_UTOVER = "bistand-utover";           ///< step 2
inline constexpr const char* OVERKLAGBARA_BESLUT = "overklagbara-beslut"; ///< appeal provision
inline constexpr const char* DOKUMENTATION = "dokumentation";
inline constexpr const char* FL_OVERKLAGANDE_FORM = "fl-overklagande-form"; ///< FL 43 §
inline constexpr const char* FL_OVERKLAGANDE_TID = "fl-overklagande-tid";   ///< FL 44 §
inline constexpr const char* KL_LAGLIGHETSPROVNING = "kl-laglighetsprovning"; ///< KL 13 kap.
} // namespace concepts

/// Every concept a decision letter needs on its decision date.
const std::vector<std::string>& decisionConcepts();

struct StatuteRow {
    std::string key;        ///< concept key, e.g. "ratt-till-bistand"
    Date validFrom;              ///< first decision date the row applies to
    std::optional<Date> validTo; ///< last decision date it applies to (inclusive); open when absent
    std::string reference;       ///< as printed, e.g. "11 kap. 1 § socialtjänstlagen (2025:400)"
    std::string sfs;             ///< e.g. "2025:400"
    int line = 0;                ///< line in the data file, for error messages

    bool validOn(const Date& date) const;
};

class StatuteTable {
public:
    StatuteTable() = default;
    /// Throws kansli::Error (config) when two rows of one concept overlap, a row ends before it
    /// starts, or a row has an empty concept or reference.
    StatuteTable(std::string version, Date validFrom, std::vector<StatuteRow> rows);

    const std::string& version() const noexcept { return _version; }
    Date validFrom() const noexcept { return _validFrom; }
    const std::vector<StatuteRow>& rows() const noexcept { return _rows; }

    /// The row of `key` valid on `date`; nullptr when there is none.
    const StatuteRow* find(std::string_view key, const Date& date) const;
    /// As find, but throws kansli::Error (legal-inconsistent) when there is no row.
    const StatuteRow& at(std::string_view key, const Date& date) const;
    /// The printed reference of `key` on `date` (what XSLT calls); throws as `at`.
    const std::string& reference(std::string_view key, const Date& date) const;

private:
    std::string _version;
    Date _validFrom;
    std::vector<StatuteRow> _rows;
};

} // namespace kansli::law
