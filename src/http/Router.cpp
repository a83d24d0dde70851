#include "http/Router.h"

#include "http/Handlers.h"

#include <Poco/URI.h>

namespace kansli::http {

Router::Router(pipeline::DocumentPipeline& pipeline, RequestLog& log, std::string rootDir)
    : _pipeline(pipeline), _log(log), _rootDir(std::move(rootDir))
{
}

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
    const std::string path = Poco::URI(request.getURI()).getPath();
    const std::string& method = request.getMethod();
    const auto wrongMethod = [&](const char* allowed) {
        return new ErrorHandler(_log, ErrorCode::MethodNotAllowed,
                                "method " + method + " is not allowed on " + path + "; use " + allowed);
    };

    if (path == "/v1/documents") {
        return method == "POST" ? static_cast<Poco::Net::HTTPRequestHandler*>(new DocumentsHandler(_log, _pipeline))
                                : wrongMethod("POST");
    }
    if (path == "/v1/validate") {
        return method == "POST" ? static_cast<Poco::Net::HTTPRequestHandler*>(new ValidateHandler(_log, _pipeline))
                                : wrongMethod("POST");
    }
    if (path == "/healthz") {
        return method == "GET" ? static_cast<Poco::Net::HTTPRequestHandler*>(new HealthHandler(_log))
                               : wrongMethod("GET");
    }
    if (path == "/readyz") {
        return method == "GET" ? static_cast<Poco::Net::HTTPRequestHandler*>(new ReadyHandler(_log, _pipeline))
                               : wrongMethod("GET");
    }
    if (path == "/v1/schemas/case-1.xsd") {
        return method == "GET"
                   ? static_cast<Poco::Net::HTTPRequestHandler*>(new StaticFileHandler(
                         _log, path, _rootDir + "/templates/schema/case-1.xsd", "application/xml"))
                   : wrongMethod("GET");
    }
    if (path == "/v1/openapi.yaml") {
        return method == "GET"
                   ? static_cast<Poco::Net::HTTPRequestHandler*>(new StaticFileHandler(
                         _log, path, _rootDir + "/docs/openapi.yaml", "application/yaml"))
                   : wrongMethod("GET");
    }
    return new ErrorHandler(_log, ErrorCode::NotFound, "no such resource: " + path);
}

} // namespace kansli::http
