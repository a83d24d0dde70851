#pragma once
/// The libxslt security preferences of every transform: no file writes, no directory creation,
/// no network in either direction, and document() reads only inside the xsl directory
/// (the directory named in TransformState::readableDirectory).

#include <libxslt/security.h>

namespace kansli::compose {

class XsltSecurity {
public:
    /// Throws kansli::Error (internal) when libxslt cannot allocate the preferences.
    XsltSecurity();
    ~XsltSecurity();
    XsltSecurity(const XsltSecurity&) = delete;
    XsltSecurity& operator=(const XsltSecurity&) = delete;

    /// Read-only after construction; shared by every transform context.
    xsltSecurityPrefsPtr prefs() const noexcept { return _prefs; }

private:
    xsltSecurityPrefsPtr _prefs = nullptr;
};

} // namespace kansli::compose
