#pragma once
// The kansli service as the end-to-end tests start it: a real `kansli serve` process on a free
// loopback port with one case-system token, and plain HTTP requests to it.

#include "Run.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace kansli::test {

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

/// The case system's token; the server gets it through KANSLI_TOKENS (see docs/configuration.md).
inline const std::string TOKEN = "e2e-case-system-token-00000001";

struct Reply {
    int status = 0;
    std::string contentType;
    std::string body;
    HTTPResponse response;
};

/// A JSON object answer (problem+json, /readyz, a batch) as Poco reads it.
inline Poco::JSON::Object::Ptr json(const std::string& text)
{
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

/// One request to whatever listens on `port` (a node or the balancer), with the case system's token.
inline Reply send(unsigned short port, const std::string& method, const std::string& path, const std::string& body = {},
                  const std::map<std::string, std::string>& headers = {},
                  const std::string& contentType = "application/xml")
{
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(60, 0));
    HTTPRequest req(method, path, HTTPRequest::HTTP_1_1);
    req.set("Authorization", "Bearer " + TOKEN);
    for (const auto& [name, value] : headers) {
        req.set(name, value);
    }
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

/// The service, started for a suite or a test and stopped at its end. `env` adds to its
/// environment, e.g. KANSLI_LOCALES; `fixedPort` (0: a free one) lets a node come back where it was.
struct Server {
    unsigned short port = freePort();
    std::unique_ptr<Poco::ProcessHandle> handle;

    explicit Server(const Poco::Process::Env& env = {}, unsigned short fixedPort = 0)
    {
        port = fixedPort != 0 ? fixedPort : port;
        Poco::Process::Env all{{"KANSLI_TOKENS", "e2e-system:case-system:" + TOKEN}};
        all.insert(env.begin(), env.end());
        handle = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(
            KANSLI_BINARY, {"serve", "--port", std::to_string(port)}, std::string(), nullptr, nullptr, nullptr, all));
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
        if (handle) {
            Poco::Process::requestTermination(handle->id());
            handle->wait();
        }
    }

    /// SIGKILL: the node dies mid-request, as in a crash or a pulled plug.
    void kill()
    {
        Poco::Process::kill(*handle);
        handle->wait();
        handle.reset();
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
        return send(port, method, path, body, {}, contentType);
    }

    Reply post(const std::string& path, const std::string& body, const std::map<std::string, std::string>& headers) const
    {
        return send(port, "POST", path, body, headers);
    }
};


} // namespace kansli::test
