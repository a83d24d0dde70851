#define BOOST_TEST_DYN_LINK
// docs/openapi.yaml names exactly the router's routes, with their methods and access rules;
// the preview route serves plain file names only.

#include "http/Router.h"

#include "Run.h"

#include <boost/test/unit_test.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace kansli;

namespace {

/// path -> method -> x-kansli-access, read from the `paths:` section of the OpenAPI file.
/// Minimal YAML: paths are the two-space keys, methods the four-space keys under them.
std::map<std::string, std::map<std::string, std::string>> openApiOperations()
{
    std::istringstream in(test::readFile(std::string(KANSLI_SOURCE_DIR) + "/docs/openapi.yaml"));
    std::map<std::string, std::map<std::string, std::string>> operations;
    bool inPaths = false;
    std::string path, method;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line[0] != ' ' && line[0] != '#') {
            inPaths = line == "paths:";
            continue;
        }
        if (!inPaths || line.empty()) {
            continue;
        }
        const auto indent = line.find_first_not_of(' ');
        if (indent == 2 && line.back() == ':') {
            path = line.substr(2, line.size() - 3);
            if (path.size() > 1 && path.front() == '"') {
                path = path.substr(1, path.size() - 2);
            }
        } else if (indent == 4 && line.back() == ':') {
            method = line.substr(4, line.size() - 5);
            operations[path][method] = "";
        } else if (indent == 6 && line.rfind("      x-kansli-access: ", 0) == 0) {
            operations[path][method] = line.substr(23);
        }
    }
    return operations;
}

std::string lower(std::string text)
{
    for (char& c : text) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return text;
}

} // namespace

BOOST_AUTO_TEST_SUITE(RouterTest)

BOOST_AUTO_TEST_CASE(the_openapi_file_names_exactly_the_routes)
{
    const auto documented = openApiOperations();
    BOOST_TEST_REQUIRE(!documented.empty());
    std::set<std::string> routed;
    for (const auto& route : http::Router::routes()) {
        routed.insert(route.path);
        BOOST_TEST_CONTEXT(route.method << " " << route.path)
        {
            const auto path = documented.find(route.path);
            BOOST_TEST_REQUIRE((path != documented.end()), "documented in docs/openapi.yaml");
            const auto operation = path->second.find(lower(route.method));
            BOOST_TEST_REQUIRE((operation != path->second.end()), "method documented");
            BOOST_TEST(operation->second == route.access.describe(), "x-kansli-access");
        }
    }
    for (const auto& [path, methods] : documented) {
        BOOST_TEST(routed.count(path) == 1u, path << " in docs/openapi.yaml is routed");
        for (const auto& [method, access] : methods) {
            bool found = false;
            for (const auto& route : http::Router::routes()) {
                found = found || (route.path == path && lower(route.method) == method);
            }
            BOOST_TEST(found, method << " " << path << " is routed");
        }
    }
}

BOOST_AUTO_TEST_CASE(preview_files_are_plain_names_with_known_types)
{
    BOOST_TEST(http::Router::previewContentType("index.html") == "text/html; charset=utf-8");
    BOOST_TEST(http::Router::previewContentType("preview.css") == "text/css; charset=utf-8");
    BOOST_TEST(http::Router::previewContentType("preview.js") == "text/javascript; charset=utf-8");
    BOOST_TEST(http::Router::previewContentType("logo.svg") == "image/svg+xml");
    for (const char* refused : {"", "..", "../index.html", "..%2findex.html", "a/b.js", ".hidden.js", "x..js", "README",
             "script.sh", "index.html ", "index.html%00.js", "a\\b.js"}) {
        BOOST_TEST(http::Router::previewContentType(refused).empty(), refused);
    }
}

BOOST_AUTO_TEST_SUITE_END()
