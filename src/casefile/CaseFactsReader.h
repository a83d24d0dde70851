#pragma once
/// Reads the facts the law needs (law::CaseFacts) out of a schema-valid case document, with the
/// line and XPath of each, so that every legal finding can point at its field.

#include "casefile/CaseDocument.h"
#include "core/Finding.h"
#include "law/CaseFacts.h"

namespace kansli::casefile {

/// Finding code for a fact that the schema admits but kansli cannot read (e.g. a date with a
/// time zone when the schema in use still allows it).
inline constexpr const char* CODE_FACTS = "facts";

class CaseFactsReader {
public:
    /// `document` must have passed CaseSchema::validate. Facts that are absent stay at their
    /// defaults (optional ones stay empty); a fact that cannot be read appends a finding with
    /// code "facts" naming the field. Never puts a value from the file into a message.
    static law::CaseFacts read(const CaseDocument& document, Findings& findings);
};

} // namespace kansli::casefile
