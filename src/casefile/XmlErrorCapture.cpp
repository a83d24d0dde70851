#include "casefile/XmlErrorCapture.h"

#include <libxml/globals.h>

#include <cstdarg>
#include <cstdio>

namespace kansli::casefile {

XmlErrorCapture::XmlErrorCapture(Handler handler)
    : _handler(std::move(handler))
    , _previousStructured(xmlStructuredError)
    , _previousStructuredContext(xmlStructuredErrorContext)
    , _previousGeneric(xmlGenericError)
    , _previousGenericContext(xmlGenericErrorContext)
{
    // Both setters change only the calling thread's handlers (libxml2 keeps them per thread).
    xmlSetStructuredErrorFunc(this, &XmlErrorCapture::structuredCallback);
    xmlSetGenericErrorFunc(this, &XmlErrorCapture::genericCallback);
}

XmlErrorCapture::~XmlErrorCapture()
{
    xmlSetStructuredErrorFunc(_previousStructuredContext, _previousStructured);
    xmlSetGenericErrorFunc(_previousGenericContext, _previousGeneric);
}

void XmlErrorCapture::structuredCallback(void* context, xmlError* error)
{
    auto* self = static_cast<XmlErrorCapture*>(context);
    if (self == nullptr || error == nullptr) {
        return;
    }
    try {
        self->_handler(*error);
    } catch (...) {
        // An exception must not unwind through libxml2's C frames; the error is lost only
        // when memory ran out, and then the parse fails anyway.
    }
}

void XmlErrorCapture::genericCallback(void* context, const char* format, ...)
{
    auto* self = static_cast<XmlErrorCapture*>(context);
    if (self == nullptr || format == nullptr) {
        return;
    }
    char buffer[512];
    va_list args;
    va_start(args, format);
    int written = std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    if (written > 0 && self->_genericText.size() < 4096) {
        self->_genericText += buffer;
    }
}

} // namespace kansli::casefile
