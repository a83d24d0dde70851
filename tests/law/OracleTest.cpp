#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "law/Calendar.h"
#include "law/IdentityNumber.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

// Cross-checks against independent implementations (npm date-holidays and personnummer), run by
// node from tests/law/oracle/oracle.js. The mapping of date-holidays to lag (1989:253) is
// documented at the top of oracle.js and in docs/law-rules.md.

using namespace kansli;
using namespace kansli::law;

namespace {

const std::string ORACLE_DIR = KANSLI_SOURCE_DIR "/tests/law/oracle";

std::string runOracle()
{
    if (!std::filesystem::exists(ORACLE_DIR + "/node_modules/date-holidays")
        || !std::filesystem::exists(ORACLE_DIR + "/node_modules/personnummer")) {
        BOOST_FAIL("tests/law/oracle/node_modules is missing: run `npm ci --prefix tests/law/oracle`");
    }
    const std::string command =
        "node '" + ORACLE_DIR + "/oracle.js' '" + ORACLE_DIR + "/identity-numbers.txt'";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        BOOST_FAIL("could not start node");
    }
    std::string out;
    char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
        out.append(buffer, n);
    }
    const int status = pclose(pipe);
    if (status != 0) {
        BOOST_FAIL("node tests/law/oracle/oracle.js failed (is nodejs installed?)");
    }
    return out;
}

const std::string& oracleOutput()
{
    static const std::string OUTPUT = runOracle();
    return OUTPUT;
}

// All codes of one kind on `date`, sorted and comma-separated; "sunday" for a plain Sunday; "-".
std::string codesOn(const Date& date, DayKind kind)
{
    std::vector<std::string> found;
    for (const Holiday& h : Calendar::holidays(date.year())) {
        if (h.date == date && h.kind == kind) {
            found.push_back(h.code);
        }
    }
    std::sort(found.begin(), found.end());
    std::string out;
    for (const std::string& code : found) {
        out += (out.empty() ? "" : ",") + code;
    }
    if (out.empty() && kind == DayKind::PublicHoliday && date.weekday() == Weekday::Sunday) {
        out = "sunday";
    }
    return out.empty() ? "-" : out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(OracleTest)

BOOST_AUTO_TEST_CASE(holidayCalendar1990To2100)
{
    std::istringstream in(oracleOutput());
    std::string kind, day, code, eve;
    int flag = 0;
    long days = 0;
    long mismatches = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("H ", 0) != 0) {
            continue;
        }
        std::istringstream fields(line);
        fields >> kind >> day >> flag >> code >> eve;
        const Date date = Date::parseIso(day).value();
        ++days;
        const bool same = Calendar::isPublicHoliday(date) == (flag == 1)
                          && codesOn(date, DayKind::PublicHoliday) == code
                          && codesOn(date, DayKind::Eve) == eve;
        if (!same) {
            ++mismatches;
            BOOST_TEST_CONTEXT(day) {
                BOOST_TEST(codesOn(date, DayKind::PublicHoliday) == code);
                BOOST_TEST(codesOn(date, DayKind::Eve) == eve);
            }
        }
    }
    // 1990-01-01 .. 2100-12-31
    BOOST_TEST(days == Date(2100, 12, 31).dayNumber() - Date(1990, 1, 1).dayNumber() + 1);
    BOOST_TEST(mismatches == 0);
}

BOOST_AUTO_TEST_CASE(identityNumbers)
{
    // The npm package decides the century of a 10-digit number from today's clock; the list
    // holds no 10-digit number whose validity depends on the century, and birth dates are only
    // compared for the 12-digit form.
    const Date reference(2026, 11, 25);
    std::istringstream in(oracleOutput());
    std::string line, kind, number, male, birth;
    int valid = 0;
    int compared = 0;
    while (std::getline(in, line)) {
        if (line.rfind("P ", 0) != 0) {
            continue;
        }
        std::istringstream fields(line);
        fields >> kind >> number >> valid >> male >> birth;
        const auto ours = IdentityNumber::parse(number, reference);
        ++compared;
        // The context names the row, not the number.
        BOOST_TEST_CONTEXT("identity-numbers.txt row " << compared) {
            BOOST_TEST(ours.number.has_value() == (valid == 1));
            if (ours.number && male != "-") {
                BOOST_TEST(ours.number->isMale() == (male == "1"));
                BOOST_TEST(ours.number->birthDate().iso() == birth);
            }
        }
    }
    BOOST_TEST(compared > 50);
}

BOOST_AUTO_TEST_SUITE_END()
