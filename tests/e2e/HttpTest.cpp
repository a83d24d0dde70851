#define BOOST_TEST_DYN_LINK
// The HTTP API as a case system uses it, against the real server started as a process.

#include "Run.h"

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
const std::string KANSLI = KANSLI_BINARY;
/// The case system's token; the server gets it through KANSLI_TOKENS (see docs/configuration.md).
const std::string TOKEN = "e2e-case-system-token-00000001";

struct Reply {
    int status = 0;
    std::string contentType;
    std::string body;
    HTTPResponse response;
};

/// The service, started once for this suite and stopped at its end.
struct Server {
    unsigned short port = freePort();
    std::unique_ptr<Poco::ProcessHandle> handle;

    Server()
    {
        handle = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(
            KANSLI, {"serve", "--port", std::to_string(port)}, std::string(), nullptr, nullptr, nullptr,
            Poco::Process::Env{{"KANSLI_TOKENS", "e2e-system:case-system:" + TOKEN}}));
        for (int i = 0; i < 150; ++i) {
            try {
                if (request("GET", "/healthz").status == 200) {
                    return;
                }
            } catch (const Poco::Exception&) {
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        throw std::runtime_error("the service did not start");
    }

    ~Server()
    {
        Poco::Process::requestTermination(handle->id());
        handle->wait();
    }

    /// Declares a 3 MB body but sends none: the service must refuse it from the header alone.
    int declaredTooLarge(const std::string& path) const
    {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(30, 0));
        HTTPRequest req("POST", path, HTTPRequest::HTTP_1_1);
        req.set("Authorization", "Bearer " + TOKEN);
        req.setContentType("application/xml");
        req.setContentLength(3 * 1024 * 1024);
        session.sendRequest(req) << "<case/>";
        HTTPResponse response;
        session.receiveResponse(response);
        return static_cast<int>(response.getStatus());
    }

    Reply request(const std::string& method, const std::string& path, const std::string& body = {},
                  const std::string& contentType = "application/xml") const
    {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        session.setTimeout(Poco::Timespan(60, 0));
        HTTPRequest req(method, path, HTTPRequest::HTTP_1_1);
        req.set("Authorization", "Bearer " + TOKEN);
        if (method == "POST") {
            req.setContentType(contentType);
            req.setContentLength(static_cast<std::streamsize>(body.size()));
            session.sendRequest(req) << body;
        } else {
            session.sendRequest(req);
        }
        Reply reply;
        std::istream& in = session.receiveResponse(reply.response);
        Poco::StreamCopier::copyToString(in, reply.body);
        reply.status = static_cast<int>(reply.response.getStatus());
        reply.contentType = reply.response.getContentType();
        return reply;
    }
};

Poco::JSON::Object::Ptr json(const std::string& text)
{
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

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
