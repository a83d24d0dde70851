#pragma once
/// The compiled case schema (templates/schema/case-1.xsd), loaded once and shared.
///
/// The compiled schema is read-only after loading; validate() gives each call its own libxml2
/// validation context, so one CaseSchema serves every thread of the HTTP server.

#include "casefile/CaseDocument.h"
#include "casefile/SchemaMessage.h"
#include "core/Finding.h"

#include <set>
#include <string>

struct _xmlSchema;

namespace kansli::casefile {

/// Finding code for a schema violation.
inline constexpr const char* CODE_SCHEMA = "schema";

class CaseSchema {
public:
    /// Loads and compiles the XSD. Throws kansli::Error (config) when it cannot be loaded.
    /// `maxFindings`: violations described in full; the rest are counted in one closing
    /// finding (code "findings.more"), so a file with a hundred thousand errors costs no more
    /// to answer than one with a hundred.
    explicit CaseSchema(const std::string& xsdPath, std::size_t maxFindings = 100);
    ~CaseSchema();
    CaseSchema(const CaseSchema&) = delete;
    CaseSchema& operator=(const CaseSchema&) = delete;

    /// Validates a parsed document; appends one finding (code "schema") per violation, with the
    /// line, the XPath of the offending node and a message that names the field and never the
    /// value. True when the document is valid. Thread-safe.
    bool validate(const CaseDocument& document, Findings& findings) const;

    /// The names, types, enumeration values and patterns declared in the schema: the only texts
    /// a public message may quote.
    const std::set<std::string>& knownNames() const noexcept { return _vocabulary.names; }

private:
    _xmlSchema* _schema = nullptr;
    SchemaVocabulary _vocabulary;
    std::size_t _maxFindings;
};

} // namespace kansli::casefile
