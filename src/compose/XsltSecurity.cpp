#include "compose/XsltSecurity.h"

#include "compose/Extensions.h"

#include "core/Error.h"

#include <libxslt/xsltutils.h>

#include <climits>
#include <cstdlib>
#include <string>
#include <string_view>

namespace kansli::compose {

namespace {

constexpr std::string_view FILE_SCHEME = "file://";

/// document() may read a local file inside the xsl directory and nothing else: no other scheme,
/// no path outside it after resolving symbolic links and "..".
int readFileCheck(xsltSecurityPrefsPtr, xsltTransformContextPtr context, const char* value)
{
    if (context == nullptr || context->_private == nullptr || value == nullptr) {
        return 0;
    }
    const auto* state = static_cast<const TransformState*>(context->_private);
    std::string_view path(value);
    if (path.substr(0, FILE_SCHEME.size()) == FILE_SCHEME) {
        path.remove_prefix(FILE_SCHEME.size());
        if (path.substr(0, 9) == "localhost") {
            path.remove_prefix(9);
        }
    }
    if (path.empty() || path.front() != '/' || state->readableDirectory.empty()) {
        return 0;
    }
    char resolved[PATH_MAX];
    if (::realpath(std::string(path).c_str(), resolved) == nullptr) {
        return 0;
    }
    const std::string real(resolved);
    const std::string& dir = state->readableDirectory;
    return real.size() > dir.size() && real.compare(0, dir.size(), dir) == 0 && real[dir.size()] == '/' ? 1 : 0;
}

} // namespace

XsltSecurity::XsltSecurity() : _prefs(xsltNewSecurityPrefs())
{
    if (_prefs == nullptr) {
        throw Error(ErrorCode::Internal, "template engine setup failed", "compose: xsltNewSecurityPrefs");
    }
    const bool ok = xsltSetSecurityPrefs(_prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid) == 0
                    && xsltSetSecurityPrefs(_prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid) == 0
                    && xsltSetSecurityPrefs(_prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid) == 0
                    && xsltSetSecurityPrefs(_prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid) == 0
                    && xsltSetSecurityPrefs(_prefs, XSLT_SECPREF_READ_FILE, readFileCheck) == 0;
    if (!ok) {
        xsltFreeSecurityPrefs(_prefs);
        throw Error(ErrorCode::Internal, "template engine setup failed", "compose: xsltSetSecurityPrefs");
    }
}

XsltSecurity::~XsltSecurity()
{
    xsltFreeSecurityPrefs(_prefs);
}

} // namespace kansli::compose
