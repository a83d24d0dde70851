#pragma once
/// Swedish personnummer and samordningsnummer (folkbokföringslagen 18 §, SKV 704).
///
/// Never log or put the number itself into a message: it is personal data.

#include "core/Date.h"

#include <optional>
#include <string>
#include <string_view>

namespace kansli::law {

enum class IdentityProblem {
    Malformed,      ///< not YYMMDD[-+]NNNC or YYYYMMDD[-]NNNC
    CheckDigit,     ///< the Luhn digit does not match
    ImpossibleDate, ///< no such birth date (after removing the +60 of a samordningsnummer)
};

struct IdentityParseResult;

class IdentityNumber {
public:
    using Problem = IdentityProblem;
    using Result = IdentityParseResult;

    /// Parses the 12-digit form (YYYYMMDDNNNC, optional "-") or the 10-digit form (YYMMDD-NNNC,
    /// YYMMDD+NNNC or no separator, read as "-"). For the 10-digit form the century is chosen
    /// relative to `reference` (typically the application date, never the system clock): with
    /// "-" the person turns 0..99 in the reference year, with "+" 100..199.
    /// A day of 61..91 marks a samordningsnummer (day + 60).
    static Result parse(std::string_view text, const Date& reference);

    /// Luhn (mod 10) check over exactly ten digits YYMMDDNNNC.
    static bool luhnValid(std::string_view tenDigits);
    /// True when `text` contains something that reads as a personnummer or samordningsnummer:
    /// 10 or 12 digits in a row, or 6 or 8 digits, '-' or '+', and 4 digits, with a month
    /// 01-12, a day 01-31 (61-91 for a samordningsnummer) and a valid check digit. For free
    /// text that is logged or stored (a diarienummer), where no identity number may stand.
    static bool appearsIn(std::string_view text);

    static const char* problemName(Problem problem);

    Date birthDate() const { return _birthDate; }
    bool isSamordningsnummer() const { return _samordningsnummer; }
    /// The legal sex: the ninth digit of the 10-digit form is odd for a man.
    bool isMale() const { return _male; }
    /// Completed years on `date` (0 when `date` is before the birth date).
    int ageOn(const Date& date) const;

private:
    IdentityNumber(Date birthDate, bool samordningsnummer, bool male)
        : _birthDate(birthDate), _samordningsnummer(samordningsnummer), _male(male)
    {
    }

    Date _birthDate;
    bool _samordningsnummer = false;
    bool _male = false;
};

struct IdentityParseResult {
    std::optional<IdentityNumber> number; ///< set when valid
    std::optional<IdentityProblem> problem; ///< set when invalid
};

} // namespace kansli::law
