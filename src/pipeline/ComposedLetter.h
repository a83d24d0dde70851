#pragma once
/// The composed letter (the composer's XHTML) read once with libxml2, for the steps after
/// composing that measure it (FixedBoxes) and lay it out again (ContinuedTables).

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

namespace kansli::pipeline {

struct XmlDocDeleter {
    void operator()(xmlDoc* doc) const noexcept { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

/// Parses `xhtml` without network access. Throws kansli::Error(ErrorCode::Internal) when it is
/// not well-formed (the composer's output always is).
XmlDocPtr readComposedLetter(std::string_view xhtml);

/// The letter written back as XHTML (UTF-8, no XML declaration), as the engine is given it.
std::string writeComposedLetter(const xmlDoc* letter);

/// An element in the XHTML namespace (or in none) with this local name.
bool isXhtmlElement(const xmlNode* node, const char* name);

/// The element's class attribute holds `name` as one of its space-separated words.
bool hasClass(const xmlNode* node, const char* name);

} // namespace kansli::pipeline
