#pragma once
/// Captures every libxml2 message raised on the current thread while it lives, instead of
/// letting libxml2 print to stderr.
///
/// libxml2's error handlers are per thread, so parses on several HTTP threads at once do not
/// see each other's errors. The previous handlers are restored on destruction.

#include <libxml/xmlerror.h>

#include <functional>
#include <string>

namespace kansli::casefile {

class XmlErrorCapture {
public:
    /// Called for each structured error, on the thread that raised it.
    using Handler = std::function<void(const xmlError&)>;

    explicit XmlErrorCapture(Handler handler);
    ~XmlErrorCapture();
    XmlErrorCapture(const XmlErrorCapture&) = delete;
    XmlErrorCapture& operator=(const XmlErrorCapture&) = delete;

    /// Text that libxml2 sent through its unstructured (generic) channel; rarely non-empty.
    const std::string& genericText() const noexcept { return _genericText; }

    /// The C callback that forwards to an XmlErrorCapture passed as `context`; for APIs that take
    /// their own structured handler (schema validation contexts, parser SAX).
    static void structuredCallback(void* context, xmlError* error);

private:
    static void genericCallback(void* context, const char* format, ...);

    Handler _handler;
    std::string _genericText;
    xmlStructuredErrorFunc _previousStructured;
    void* _previousStructuredContext;
    xmlGenericErrorFunc _previousGeneric;
    void* _previousGenericContext;
};

} // namespace kansli::casefile
