#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "LawFixture.h"
#include "casefile/CaseLoader.h"
#include "law/AppealRoute.h"
#include "law/Preflight.h"

using namespace kansli;
using namespace kansli::law;

// The reference example, read by casefile, must pass the law, and its step-2 deadline follows
// from the protocol notice.
BOOST_AUTO_TEST_SUITE(ExampleCaseTest)

BOOST_AUTO_TEST_CASE(referenceExamplePasses)
{
    const casefile::CaseLoader loader(KANSLI_SOURCE_DIR "/templates/schema/case-1.xsd");
    const auto loaded = loader.loadFile(KANSLI_SOURCE_DIR "/examples/beslut-uvas.xml");
    BOOST_TEST_REQUIRE(loaded.ok());
    BOOST_TEST_REQUIRE(loaded.facts.has_value());
    const Findings findings = preflight(*loaded.facts, test::shippedLawBook());
    for (const Finding& f : findings) {
        BOOST_ERROR(f.format("examples/beslut-uvas.xml"));
    }
    const auto& decision = loaded.facts->decision;
    BOOST_TEST_REQUIRE(decision.has_value());
    const AppealRoute two = appealRoute(Step::Two, std::nullopt,
                                        decision->noticeAnnouncedOn
                                            ? std::optional<Date>(decision->noticeAnnouncedOn->value)
                                            : std::nullopt);
    BOOST_TEST_REQUIRE(two.deadline.has_value());
    BOOST_TEST(two.deadline->last.iso() == "2026-12-15"); // 2026-11-24 + 3 weeks, a Tuesday
}

BOOST_AUTO_TEST_SUITE_END()
