#include "law/IdentityNumber.h"

#include <algorithm>

namespace kansli::law {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int number(std::string_view digits)
{
    int v = 0;
    for (char c : digits) {
        v = v * 10 + (c - '0');
    }
    return v;
}

} // namespace

bool IdentityNumber::appearsIn(std::string_view text)
{
    auto plausible = [](const std::string& ten) {
        const int month = (ten[2] - '0') * 10 + (ten[3] - '0');
        const int day = (ten[4] - '0') * 10 + (ten[5] - '0');
        const bool dayOk = (day >= 1 && day <= 31) || (day >= 61 && day <= 91);
        return month >= 1 && month <= 12 && dayOk && luhnValid(ten);
    };
    std::size_t i = 0;
    while (i < text.size()) {
        if (!isDigit(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && isDigit(text[end])) {
            ++end;
        }
        const std::string_view run = text.substr(i, end - i);
        if (run.size() == 10 || run.size() == 12) {
            if (plausible(std::string(run.substr(run.size() - 10)))) {
                return true;
            }
        }
        if ((run.size() == 6 || run.size() == 8) && end + 5 <= text.size()
            && (text[end] == '-' || text[end] == '+')) {
            const std::string_view tail = text.substr(end + 1, 4);
            const bool fourDigits = std::all_of(tail.begin(), tail.end(), isDigit)
                && (end + 5 == text.size() || !isDigit(text[end + 5]));
            if (fourDigits && plausible(std::string(run.substr(run.size() - 6)) + std::string(tail))) {
                return true;
            }
        }
        i = end;
    }
    return false;
}

bool IdentityNumber::luhnValid(std::string_view tenDigits)
{
    if (tenDigits.size() != 10) {
        return false;
    }
    int sum = 0;
    for (std::size_t i = 0; i < tenDigits.size(); ++i) {
        if (!isDigit(tenDigits[i])) {
            return false;
        }
        int d = tenDigits[i] - '0';
        if (i % 2 == 0) { // weights 2,1,2,1,... over YYMMDDNNN, then the check digit with 1
            d *= 2;
            if (d > 9) {
                d -= 9;
            }
        }
        sum += d;
    }
    return sum % 10 == 0;
}

const char* IdentityNumber::problemName(Problem problem)
{
    switch (problem) {
    case Problem::Malformed: return "malformed";
    case Problem::CheckDigit: return "check-digit";
    case Problem::ImpossibleDate: return "impossible-date";
    }
    return "malformed";
}

IdentityNumber::Result IdentityNumber::parse(std::string_view text, const Date& reference)
{
    Result result;
    std::string digits;
    char separator = 0;
    for (char c : text) {
        if (isDigit(c)) {
            digits += c;
        } else if ((c == '-' || c == '+') && separator == 0 && digits.size() >= 6) {
            separator = c;
        } else {
            result.problem = Problem::Malformed;
            return result;
        }
    }
    // The separator, when present, stands right before the last four digits.
    const bool separatorPlaced = separator == 0 || (text.size() >= 5 && text[text.size() - 5] == separator);
    int century = 0;
    std::string ten;
    if (digits.size() == 12 && separator != '+' && separatorPlaced) {
        century = number(std::string_view(digits).substr(0, 2));
        ten = digits.substr(2);
    } else if (digits.size() == 10 && separatorPlaced) {
        ten = digits;
    } else {
        result.problem = Problem::Malformed;
        return result;
    }
    if (!luhnValid(ten)) {
        result.problem = Problem::CheckDigit;
        return result;
    }
    const int yy = number(std::string_view(ten).substr(0, 2));
    const int month = number(std::string_view(ten).substr(2, 2));
    int day = number(std::string_view(ten).substr(4, 2));
    int year = 0;
    if (digits.size() == 12) {
        year = century * 100 + yy;
    } else {
        // "-": 0..99 years old in the reference year; "+": 100 or more (folkbokföringslagen 18 §).
        year = reference.year() - ((reference.year() - yy) % 100 + 100) % 100;
        if (separator == '+') {
            year -= 100;
        }
    }
    const bool samordning = day > 60;
    if (samordning) {
        day -= 60; // samordningsnummer: day + 60 (folkbokföringslagen 18 a §)
    }
    if (month < 1 || month > 12 || day < 1 || day > Date::daysInMonth(year, month)) {
        result.problem = Problem::ImpossibleDate;
        return result;
    }
    const bool male = (ten.at(8) - '0') % 2 == 1;
    result.number = IdentityNumber(Date(year, month, day), samordning, male);
    return result;
}

int IdentityNumber::ageOn(const Date& date) const
{
    int age = date.year() - _birthDate.year();
    if (date.month() < _birthDate.month()
        || (date.month() == _birthDate.month() && date.day() < _birthDate.day())) {
        --age;
    }
    return age < 0 ? 0 : age;
}

} // namespace kansli::law
