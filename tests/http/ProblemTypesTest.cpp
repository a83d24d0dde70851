#define BOOST_TEST_DYN_LINK
// Every error code has a problem type of its own (RFC 9457): a type URI the service serves, a
// title no other type has, and the status the service answers it with.

#include "http/Problem.h"
#include "http/ProblemTypes.h"

#include <boost/test/unit_test.hpp>

#include <set>
#include <string>

using namespace kansli;
using namespace kansli::http;

BOOST_AUTO_TEST_SUITE(ProblemTypesTest)

BOOST_AUTO_TEST_CASE(every_code_has_its_own_type_title_and_status)
{
    std::set<std::string> titles;
    for (int i = static_cast<int>(ErrorCode::Usage); i <= static_cast<int>(ErrorCode::BatchNotFinished); ++i) {
        const auto code = static_cast<ErrorCode>(i);
        BOOST_TEST_CONTEXT(codeName(code))
        {
            const ProblemType& type = problemType(code);
            BOOST_TEST((type.code == code));
            BOOST_TEST(type.status == static_cast<int>(statusFor(code)));
            BOOST_TEST(titles.insert(type.title).second, "a title shared with another type");
            BOOST_TEST(problemTypeUri(code) == std::string("/problems/") + codeName(code));
            BOOST_TEST(problemTypeNamed(codeName(code)) == &type);
            const std::string page = problemPage(type);
            BOOST_TEST(page.find(std::string("<h1>") + type.title) != std::string::npos);
            const std::string json = problemJson(code, type.status, "detail", "rid");
            BOOST_TEST(json.find("\"type\":\"/problems/" + std::string(codeName(code)) + "\"") != std::string::npos, json);
            BOOST_TEST(json.find(std::string("\"title\":\"") + type.title + "\"") != std::string::npos, json);
        }
    }
    BOOST_TEST(problemTypeNamed("no-such-problem") == nullptr);
    BOOST_TEST(problemTypeNamed("") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
