#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "law/IdentityNumber.h"

using namespace kansli;
using namespace kansli::law;
using kansli::law::test::d;

// All numbers are synthetic (tests/law/oracle/identity-numbers.txt); rows are named by case,
// never by the number.
BOOST_AUTO_TEST_SUITE(IdentityNumberTest)

BOOST_AUTO_TEST_CASE(validNumbers)
{
    struct Row {
        const char* name;
        const char* number;
        const char* reference;
        const char* birth;
        bool samordning;
        bool male;
        const char* source;
    };
    const Row rows[] = {
        {"12 digits with dash", "19990417-2385", "2026-11-25", "1999-04-17", false, false, "SKV 704"},
        {"12 digits plain", "199904172385", "2026-11-25", "1999-04-17", false, false, "SKV 704"},
        {"10 digits, century from reference", "990417-2385", "2026-11-25", "1999-04-17", false, false,
         "FOL 18 §: '-' under 100"},
        {"10 digits, this century", "121212-1212", "2026-11-25", "2012-12-12", false, true,
         "FOL 18 §: '-' under 100"},
        {"10 digits plus, turned 100", "121212+1212", "2026-11-25", "1912-12-12", false, true,
         "FOL 18 §: '+' from the year one turns 100"},
        {"10 digits, reference changes century", "121212-1212", "2011-06-01", "1912-12-12", false,
         true, "century relative to the reference, not the clock"},
        {"leap day 2000, 10 digits", "000229-1235", "2026-11-25", "2000-02-29", false, true, "SKV 704"},
        {"samordningsnummer 12 digits", "19900161-2341", "2026-11-25", "1990-01-01", true, false,
         "FOL 18 a §: day + 60"},
        {"samordningsnummer 10 digits", "851190-5674", "2026-11-25", "1985-11-30", true, true,
         "FOL 18 a §: day + 60"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.name << " (" << r.source << ")") {
            const auto result = IdentityNumber::parse(r.number, d(r.reference));
            BOOST_TEST_REQUIRE(result.number.has_value());
            BOOST_TEST(!result.problem.has_value());
            BOOST_TEST(result.number->birthDate().iso() == r.birth);
            BOOST_TEST(result.number->isSamordningsnummer() == r.samordning);
            BOOST_TEST(result.number->isMale() == r.male);
        }
    }
}

BOOST_AUTO_TEST_CASE(invalidNumbers)
{
    struct Row { const char* name; const char* number; IdentityProblem problem; const char* source; };
    const Row rows[] = {
        {"wrong check digit", "19990417-2386", IdentityProblem::CheckDigit, "SKV 704: Luhn"},
        {"wrong check digit, 10 digits", "990417-2386", IdentityProblem::CheckDigit, "SKV 704: Luhn"},
        {"30 February", "19990230-1234", IdentityProblem::ImpossibleDate, "SKV 704"},
        {"month 13", "19991301-1111", IdentityProblem::ImpossibleDate, "SKV 704"},
        {"day 00", "19990100-2221", IdentityProblem::ImpossibleDate, "SKV 704"},
        {"samordning day 92", "19990192-3335", IdentityProblem::ImpossibleDate, "FOL 18 a §"},
        {"29 February 1901", "19010229-4444", IdentityProblem::ImpossibleDate, "no leap year"},
        {"nine digits", "1999041-2385", IdentityProblem::Malformed, "SKV 704"},
        {"letters", "abcdefgh-1234", IdentityProblem::Malformed, "SKV 704"},
        {"two separators", "19990417--2385", IdentityProblem::Malformed, "SKV 704"},
        {"separator misplaced", "199904-172385", IdentityProblem::Malformed, "SKV 704"},
        {"plus on 12 digits", "19121212+1212", IdentityProblem::Malformed, "'+' only in the 10-digit form"},
        {"empty", "", IdentityProblem::Malformed, "SKV 704"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.name << " (" << r.source << ")") {
            const auto result = IdentityNumber::parse(r.number, d("2026-11-25"));
            BOOST_TEST(!result.number.has_value());
            BOOST_TEST_REQUIRE(result.problem.has_value());
            BOOST_TEST(IdentityNumber::problemName(*result.problem)
                       == IdentityNumber::problemName(r.problem));
        }
    }
}

BOOST_AUTO_TEST_CASE(ages)
{
    struct Row { const char* number; const char* on; int age; const char* source; };
    const Row rows[] = {
        {"19990417-2385", "2026-04-16", 26, "the day before the birthday"},
        {"19990417-2385", "2026-04-17", 27, "on the birthday"},
        {"19990417-2385", "2026-10-28", 27, "examples/beslut-uvas.xml application date"},
        {"20000229-1235", "2029-02-28", 28, "leap-day birth: a year older from 1 March"},
        {"20000229-1235", "2029-03-01", 29, "leap-day birth"},
        {"19990417-2385", "1990-01-01", 0, "before birth"},
    };
    for (const Row& r : rows) {
        BOOST_TEST_CONTEXT(r.on << " (" << r.source << ")") {
            const auto result = IdentityNumber::parse(r.number, d("2026-11-25"));
            BOOST_TEST_REQUIRE(result.number.has_value());
            BOOST_TEST(result.number->ageOn(d(r.on)) == r.age);
        }
    }
}

// Free text that is logged or stored (a diarienummer) must not hold an identity number
// (offentlighets- och sekretesslagen (2009:400) 26 kap. 1 §; kansli logs ids, never persons).
BOOST_AUTO_TEST_CASE(identityNumbersInFreeText)
{
    struct Row {
        const char* name;
        const char* text;
        bool found;
    };
    const Row rows[] = {
        {"a case system's number", "JT-KISTA-2026-0417", false},
        {"a district number with a year", "RK-2026-0112-SP", false},
        {"12 digits with dash inside", "JT-19990417-2385", true},
        {"12 digits plain, then words", "JT 199904172385 x", true},
        {"10 digits with dash at the start", "990417-2385/2026", true},
        {"10 digits with plus", "AB121212+1212", true},
        {"samordningsnummer", "X-19900161-2341", true},
        {"wrong check digit", "JT-19990417-2386", false},
        {"no such month", "JT-19991317-2385", false},
        {"8 digits then 5 digits", "JT-19990417-23850", false},
        {"11 digits", "JT-19990417238", false},
        {"13 digits", "JT-1199904172385", false},
        {"empty", "", false},
    };
    for (const Row& row : rows) {
        BOOST_TEST_CONTEXT(row.name)
        {
            BOOST_TEST(IdentityNumber::appearsIn(row.text) == row.found);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
