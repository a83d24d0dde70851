#define BOOST_TEST_DYN_LINK
// The HTTP API as a case system uses it, against the real server started as a process.

#include "Run.h"
#include "Service.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <memory>
#include <thread>

using namespace kansli::test;
using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;
} // namespace

BOOST_AUTO_TEST_SUITE(HttpTest)

BOOST_AUTO_TEST_CASE(the_api_answers_every_case_system_request)
{
    const Server server;
    const std::string example = readFile(SOURCE + "/examples/beslut-uvas.xml");

    // A decision as PDF, with its hash in a header.
    const Reply pdf = server.request("POST", "/v1/documents", example);
    BOOST_TEST_REQUIRE(pdf.status == 200, pdf.body.substr(0, 400));
    BOOST_TEST(pdf.contentType == "application/pdf");
    BOOST_TEST(pdf.body.rfind("%PDF-", 0) == 0);
    BOOST_TEST(pdf.response.get("X-Kansli-Sha256", "").size() == 64u);

    // The same as XHTML.
    const Reply html = server.request("POST", "/v1/documents?format=html", example);
    BOOST_TEST(html.status == 200);
    BOOST_TEST(html.contentType == "application/xhtml+xml");

    // Malformed XML: 400 with the line.
    const Reply malformed = server.request("POST", "/v1/documents", "<case>\n<oops></case>");
    BOOST_TEST(malformed.status == 400);
    BOOST_TEST(malformed.contentType == "application/problem+json");
    const auto problem = json(malformed.body);
    BOOST_TEST(problem->getValue<int>("status") == 400);
    BOOST_TEST(problem->getArray("findings")->size() >= 1u);
    BOOST_TEST(problem->getArray("findings")->getObject(0)->getValue<int>("line") >= 1);

    // Schema and law: 422 listing every finding with its XPath.
    std::string twoProblems = example;
    twoProblems.replace(twoProblems.find("<step1 outcome=\"avslag\""), 23, "<step1 outcome=\"bifall\"");
    twoProblems.replace(twoProblems.find("<received>2026-10-28"), 20, "<received>2026-13-28");
    const Reply refused = server.request("POST", "/v1/documents", twoProblems);
    BOOST_TEST(refused.status == 422);
    const auto findings = json(refused.body)->getArray("findings");
    BOOST_TEST_REQUIRE(findings->size() >= 1u);
    BOOST_TEST(findings->getObject(0)->getValue<std::string>("xpath").rfind("/case/", 0) == 0);

    // Validation as JSON, 200 either way.
    const Reply validated = server.request("POST", "/v1/validate", twoProblems);
    BOOST_TEST(validated.status == 200);
    BOOST_TEST(json(validated.body)->getValue<bool>("valid") == false);
    const Reply validOne = server.request("POST", "/v1/validate", example);
    BOOST_TEST(json(validOne.body)->getValue<bool>("valid") == true);

    // Empty body, wrong format, too large, unknown path, wrong method.
    BOOST_TEST(server.request("POST", "/v1/documents", "").status == 400);
    BOOST_TEST(server.request("POST", "/v1/documents?format=docx", example).status == 400);
    BOOST_TEST(server.declaredTooLarge("/v1/documents") == 413);
    const Reply unknown = server.request("GET", "/v1/nothing");
    BOOST_TEST(unknown.status == 404);
    BOOST_TEST(unknown.contentType == "application/problem+json");
    BOOST_TEST(server.request("GET", "/v1/documents").status == 405);

    // The schema for integrators, and health.
    const Reply xsd = server.request("GET", "/v1/schemas/case-1.xsd");
    BOOST_TEST(xsd.status == 200);
    BOOST_TEST(xsd.body.find("urn:se:stockholm:kansli:case:1") != std::string::npos);
    BOOST_TEST(server.request("GET", "/healthz").status == 200);
    BOOST_TEST(server.request("GET", "/readyz").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
