#pragma once
/// Maps method and path to a handler with the route's access rule. Unknown paths get 404,
/// known paths with the wrong method 405. routes() is the one list of what the API offers:
/// docs/openapi.yaml must name exactly these paths (tests/http checks it).

#include "http/Access.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <string>
#include <vector>

namespace kansli::http {

struct Service;

struct Route {
    std::string method; ///< "GET" | "POST"
    std::string path; ///< as in the OpenAPI file: "/v1/documents", "/preview/{file}"
    Access access;
};

class Router : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Router(Service& service)
        : _service(service)
    {
    }

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

    /// Every route, in the order the documentation lists them.
    static const std::vector<Route>& routes();

    /// The content type the preview route serves a file name with; empty when the name is not
    /// served at all (not a plain name like "app.js", or an unknown extension).
    static std::string previewContentType(const std::string& fileName);

    /// The folder, under the data root, the preview page and its assets are served from.
    static constexpr const char* PREVIEW_DIR = "/src/http/preview/";
    /// The file GET /preview answers with.
    static constexpr const char* PREVIEW_PAGE = "index.html";

private:
    Service& _service;
};

} // namespace kansli::http
