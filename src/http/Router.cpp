#include "http/Router.h"

#include "http/Batches.h"
#include "http/Handlers.h"
#include "http/ProblemTypes.h"
#include "http/Service.h"

#include <Poco/URI.h>

#include <algorithm>
#include <map>

namespace kansli::http {

namespace {

constexpr const char* PREVIEW_FILE_ROUTE = "/preview/{file}";
constexpr const char* PROBLEM_ROUTE = "/problems/{code}";
constexpr const char* BATCH_ROUTE = "/v1/batches/{id}";
constexpr const char* BATCH_LETTERS_ROUTE = "/v1/batches/{id}/letters.zip";
constexpr const char* BATCH_PRINT_ROUTE = "/v1/batches/{id}/print.pdf";

/// Does `path` fit the route template? The templates with a parameter are /preview/{file} and
/// /problems/{code}; the parameter goes to `file`.
bool matches(const std::string& route, const std::string& path, std::string& file)
{
    if (route == BATCH_ROUTE || route == BATCH_LETTERS_ROUTE || route == BATCH_PRINT_ROUTE) {
        BatchHandler::Part part = BatchHandler::Part::Progress;
        if (!parseBatchPath(path, file, part)) {
            return false;
        }
        return (route == BATCH_ROUTE && part == BatchHandler::Part::Progress)
               || (route == BATCH_LETTERS_ROUTE && part == BatchHandler::Part::Letters)
               || (route == BATCH_PRINT_ROUTE && part == BatchHandler::Part::PrintFile);
    }
    if (route == PROBLEM_ROUTE) {
        const std::string prefix = "/problems/";
        if (path.size() > prefix.size() && path.rfind(prefix, 0) == 0) {
            file = path.substr(prefix.size());
            return true;
        }
        return false;
    }
    if (route == PREVIEW_FILE_ROUTE) {
        const std::string prefix = "/preview/";
        if (path.size() > prefix.size() && path.rfind(prefix, 0) == 0) {
            file = path.substr(prefix.size());
            return true;
        }
        return false;
    }
    if (route == "/preview" && path == "/preview/") {
        return true;
    }
    return route == path;
}

} // namespace

const std::vector<Route>& Router::routes()
{
    static const std::vector<Route> ROUTES = {
        {"POST", "/v1/documents", Access::roles({Role::CaseSystem, Role::Caseworker})},
        {"POST", "/v1/validate", Access::roles({Role::CaseSystem, Role::Caseworker})},
        // A batch is its caller's: another token gets 404 for it (http/Batches.h).
        {"POST", "/v1/batches", Access::roles({Role::CaseSystem})},
        {"GET", BATCH_ROUTE, Access::roles({Role::CaseSystem})},
        {"GET", BATCH_LETTERS_ROUTE, Access::roles({Role::CaseSystem})},
        {"GET", BATCH_PRINT_ROUTE, Access::roles({Role::CaseSystem})},
        {"GET", "/v1/templates", Access::roles({Role::Legal})},
        {"GET", "/v1/schemas/case-1.xsd", Access::anyCaller()},
        {"GET", "/v1/openapi.yaml", Access::anyCaller()},
        {"GET", "/healthz", Access::probe()},
        {"GET", "/readyz", Access::probe()},
        {"GET", "/metrics", Access::probe()},
        // The page and its assets hold no case data; every call the page makes to the API
        // carries the caseworker's token and is checked there.
        {"GET", "/preview", Access::open()},
        {"GET", PREVIEW_FILE_ROUTE, Access::open()},
        // The pages of the problem types: what each problem+json "type" names.
        {"GET", PROBLEM_ROUTE, Access::open()},
    };
    return ROUTES;
}

std::string Router::previewContentType(const std::string& fileName)
{
    static const std::map<std::string, std::string> TYPES = {
        {"html", "text/html; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},
        {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},
        {"json", "application/json"},
        {"svg", "image/svg+xml"},
        {"png", "image/png"},
        {"ico", "image/x-icon"},
        {"woff2", "font/woff2"},
        {"txt", "text/plain; charset=utf-8"},
    };
    // A plain file name: no folders, no "..", no hidden files, nothing a shell or URL would treat specially.
    const bool plain = !fileName.empty() && fileName.size() <= 100 && fileName[0] != '.'
        && fileName.find("..") == std::string::npos && std::all_of(fileName.begin(), fileName.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                   || c == '-';
           });
    const auto dot = fileName.rfind('.');
    if (!plain || dot == std::string::npos) {
        return {};
    }
    const auto type = TYPES.find(fileName.substr(dot + 1));
    return type == TYPES.end() ? std::string() : type->second;
}

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(const Poco::Net::HTTPServerRequest& request)
{
    // The target was checked by the framing rules (http/Framing.h) before routing.
    const std::string path = Poco::URI(request.getURI()).getPath();
    const std::string& method = request.getMethod();

    const Route* route = nullptr;
    std::string allowed;
    std::string file;
    for (const auto& candidate : routes()) {
        if (matches(candidate.path, path, file)) {
            // HEAD wherever GET is allowed (RFC 9110 9.3.2): the same answer without its body,
            // which Poco's response leaves out for a HEAD request.
            const bool head = method == "HEAD" && candidate.method == "GET";
            if (candidate.method == method || head) {
                route = &candidate;
                break;
            }
            allowed += (allowed.empty() ? "" : ", ") + candidate.method + (candidate.method == "GET" ? ", HEAD" : "");
        }
    }
    if (route == nullptr) {
        if (allowed.empty()) {
            return new ErrorHandler(_service, ErrorCode::NotFound, "no such resource: " + path);
        }
        return new ErrorHandler(_service, ErrorCode::MethodNotAllowed,
            "method " + method + " is not allowed on " + path + "; use " + allowed, allowed);
    }

    const std::string& p = route->path;
    const Access access = route->access;
    if (p == "/v1/documents") {
        return new DocumentsHandler(p, _service, access);
    }
    if (p == "/v1/validate") {
        return new ValidateHandler(p, _service, access);
    }
    if (p == "/v1/batches") {
        return new BatchesHandler(p, _service, access);
    }
    if (p == BATCH_ROUTE || p == BATCH_LETTERS_ROUTE || p == BATCH_PRINT_ROUTE) {
        const BatchHandler::Part part = p == BATCH_ROUTE           ? BatchHandler::Part::Progress
                                        : p == BATCH_LETTERS_ROUTE ? BatchHandler::Part::Letters
                                                                   : BatchHandler::Part::PrintFile;
        return new BatchHandler(p, _service, access, file, part);
    }
    if (p == "/v1/templates") {
        return new TemplatesHandler(p, _service, access);
    }
    if (p == "/v1/schemas/case-1.xsd") {
        return new StaticFileHandler(
            p, _service, access, _service.rootDir + "/templates/schema/case-1.xsd", "application/xml");
    }
    if (p == "/v1/openapi.yaml") {
        return new StaticFileHandler(p, _service, access, _service.rootDir + "/docs/openapi.yaml", "application/yaml");
    }
    if (p == "/healthz") {
        return new HealthHandler(p, _service, access);
    }
    if (p == "/readyz") {
        return new ReadyHandler(p, _service, access);
    }
    if (p == "/metrics") {
        return new MetricsHandler(p, _service, access);
    }
    if (p == "/preview" || p == PREVIEW_FILE_ROUTE) {
        const std::string name = p == "/preview" ? std::string(PREVIEW_PAGE) : file;
        const std::string type = previewContentType(name);
        if (type.empty()) {
            return new ErrorHandler(_service, ErrorCode::NotFound, "no such preview file");
        }
        return new StaticFileHandler(p, _service, access, _service.rootDir + PREVIEW_DIR + name, type);
    }
    if (p == PROBLEM_ROUTE) {
        const ProblemType* type = problemTypeNamed(file);
        if (type == nullptr) {
            return new ErrorHandler(_service, ErrorCode::NotFound, "no such problem type");
        }
        return new ProblemPageHandler(p, _service, access, *type);
    }
    return new ErrorHandler(_service, ErrorCode::Internal, "a route has no handler");
}

} // namespace kansli::http
