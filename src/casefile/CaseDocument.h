#pragma once
/// A parsed case file: a well-formed XML document whose root is {urn:se:stockholm:kansli:case:1}case.
///
/// Parsing is hardened for input from the network: a DOCTYPE is refused outright (case files have
/// no DTD, so no entity can be declared, expanded or fetched), nothing is loaded from the network
/// or the file system, nesting is bounded, the size is checked before parsing, and only UTF-8 is
/// accepted. Every problem becomes a kansli::Finding; nothing is printed. Safe to use on several
/// threads at once.

#include "core/Finding.h"

#include <libxml/tree.h>

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace kansli::casefile {

/// Finding codes for input that is refused before or during parsing.
inline constexpr const char* CODE_XML = "xml";                 ///< not well-formed, or empty
inline constexpr const char* CODE_XML_TOO_LARGE = "xml.too-large";
inline constexpr const char* CODE_XML_DOCTYPE = "xml.doctype";
inline constexpr const char* CODE_XML_ENCODING = "xml.encoding";
inline constexpr const char* CODE_XML_UTF8 = "xml.utf8";
inline constexpr const char* CODE_XML_DEPTH = "xml.depth";
/// The root element is not `case` in the case namespace.
inline constexpr const char* CODE_SCHEMA_ROOT = "schema.root";

struct ParseLimits {
    std::size_t maxBytes = 2 * 1024 * 1024; ///< larger input is refused unread
    int maxDepth = 64;                     ///< deeper element nesting is refused
    std::size_t maxAttributes = 32;        ///< more attributes on one element are refused (MarkupScan)
    std::size_t maxNameLength = 100;       ///< longer element or attribute names are refused (MarkupScan)
};

class CaseDocument {
public:
    /// An empty document (valid() is false).
    CaseDocument() = default;

    /// Parses a case file held in memory (e.g. an HTTP body). Appends every problem to
    /// `findings`; returns an empty document when any error was found.
    /// `quotable`: element names a parser finding may quote (the schema's names); any other
    /// name in the input is never repeated, since it could carry personal data.
    static CaseDocument fromMemory(std::string_view bytes, Findings& findings,
                                   const ParseLimits& limits = {},
                                   const std::set<std::string>* quotable = nullptr);

    /// Reads and parses a file. A file larger than the limit is refused without reading it.
    /// Throws kansli::Error (io) when the file cannot be read; the public message names no path.
    static CaseDocument fromFile(const std::string& path, Findings& findings,
                                 const ParseLimits& limits = {},
                                 const std::set<std::string>* quotable = nullptr);

    bool valid() const noexcept { return _doc != nullptr; }
    explicit operator bool() const noexcept { return valid(); }

    /// The libxml2 document; nullptr when empty. Owned by this object.
    xmlDoc* xml() const noexcept { return _doc.get(); }
    /// The <case> element; nullptr when empty.
    xmlNode* root() const noexcept;

private:
    struct DocDeleter {
        void operator()(xmlDoc* doc) const noexcept;
    };

    explicit CaseDocument(xmlDoc* doc) : _doc(doc) {}

    std::unique_ptr<xmlDoc, DocDeleter> _doc;
};

} // namespace kansli::casefile
