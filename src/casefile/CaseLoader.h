#pragma once
/// The one entry for reading a case file: size check -> safe parse -> schema -> facts.
///
/// The CLI (`kansli validate`) prints each finding with Finding::format and fails on any error;
/// the HTTP server loads request bodies with loadMemory on several threads at once. The law's
/// preflight (law::preflight) runs afterwards on `facts`.

#include "casefile/CaseDocument.h"
#include "casefile/CaseSchema.h"
#include "core/Finding.h"
#include "law/CaseFacts.h"

#include <optional>
#include <string>
#include <string_view>

namespace kansli::casefile {

struct LoadResult {
    CaseDocument document;               ///< empty when the input could not be parsed
    Findings findings;                   ///< every finding, in document order per stage
    std::optional<law::CaseFacts> facts; ///< present when the document is schema-valid
    double parseSeconds = 0;             ///< time spent reading the XML (for the stage metrics)
    double schemaSeconds = 0;            ///< time spent validating against the schema

    /// True when no finding is an error.
    bool ok() const { return !hasErrors(findings); }
};

class CaseLoader {
public:
    /// Loads and compiles the schema once. Construct it at start-up, before other threads use
    /// libxml2 (it initialises the library), and share it. Throws kansli::Error (config) when
    /// the schema cannot be loaded.
    explicit CaseLoader(const std::string& schemaPath, ParseLimits limits = {});

    /// Thread-safe. Throws kansli::Error (io) only when the file cannot be read; everything
    /// wrong with the content is a finding.
    LoadResult loadFile(const std::string& path) const;
    /// Thread-safe; for HTTP bodies.
    LoadResult loadMemory(std::string_view bytes) const;

    const CaseSchema& schema() const noexcept { return _schema; }
    const ParseLimits& limits() const noexcept { return _limits; }

private:
    LoadResult finish(CaseDocument document, Findings findings, double parseSeconds) const;

    CaseSchema _schema;
    ParseLimits _limits;
};

} // namespace kansli::casefile
