#define BOOST_TEST_DYN_LINK
#include "core/Error.h"
#include "core/Finding.h"

#include <boost/test/unit_test.hpp>

BOOST_AUTO_TEST_SUITE(FindingTest)

BOOST_AUTO_TEST_CASE(formats_one_line_per_finding)
{
    kansli::Finding f{kansli::Severity::Error, "law.period-too-long", "the period is longer than 6 months",
                      42, "/case/decision/step2/period/@to", "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): UVAS",
                      "", {}, ""};
    BOOST_TEST(f.format("case.xml")
               == "case.xml:42: law.period-too-long: the period is longer than 6 months "
                  "(/case/decision/step2/period/@to) [Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): UVAS]");
    f.severity = kansli::Severity::Warning;
    f.source.clear();
    BOOST_TEST(f.format("x.xml")
               == "x.xml:42: warning: law.period-too-long: the period is longer than 6 months "
                  "(/case/decision/step2/period/@to)");
}

BOOST_AUTO_TEST_CASE(errors_are_counted_but_warnings_are_not)
{
    kansli::Findings findings;
    BOOST_TEST(!kansli::hasErrors(findings));
    findings.push_back({kansli::Severity::Warning, "w", "m", 0, "", "", "", {}, ""});
    BOOST_TEST(!kansli::hasErrors(findings));
    findings.push_back({kansli::Severity::Error, "e", "m", 0, "", "", "", {}, ""});
    BOOST_TEST(kansli::hasErrors(findings));
}

BOOST_AUTO_TEST_CASE(error_codes_have_stable_names)
{
    BOOST_TEST(std::string(kansli::codeName(kansli::ErrorCode::SchemaInvalid)) == "schema-invalid");
    BOOST_TEST(std::string(kansli::codeName(kansli::ErrorCode::Overloaded)) == "overloaded");
    kansli::Error e(kansli::ErrorCode::Io, "cannot read the case file", "open failed: ENOENT");
    BOOST_TEST(e.publicMessage() == "cannot read the case file");
    BOOST_TEST(e.internalDetail() == "open failed: ENOENT");
}

BOOST_AUTO_TEST_SUITE_END()
