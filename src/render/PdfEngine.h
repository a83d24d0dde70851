#pragma once
/// The XHTML -> PDF engine seen from the rest of render/: one conversion, no post-processing.
///
/// Implemented by WorkerPool (long-lived wkhtmltopdf processes) and OneShotEngine (a new process
/// per document, the cold path kept for comparison).

#include "render/RenderOptions.h"

#include <chrono>
#include <string>
#include <vector>

namespace kansli::render {

/// Settings shared by every way of running wkhtmltopdf.
struct EngineConfig {
    std::string executable = "wkhtmltopdf"; ///< looked up on PATH
    /// Where job folders (input and output of one conversion) are made. Empty: $TMPDIR or /tmp.
    /// Must not contain whitespace, quotes or backslashes (wkhtmltopdf splits stdin lines on them).
    std::string tempDir;
    /// Longest time one document may take in the engine; the process is then killed.
    std::chrono::milliseconds documentTimeout{20000};
};

/// One conversion.
struct ConversionRequest {
    std::string xhtml;              ///< the complete document, UTF-8
    PageSetup page;
    bool noBackground = false;      ///< leave the page transparent (needed to underlay page labels)
    std::vector<std::string> allowDirs; ///< extra readable folders besides the job folder
    /// Internal small jobs (page label layers) that an admitted document waits on: they go to the
    /// front of a queue and are never refused because it is full.
    bool urgent = false;
};

class PdfEngine {
public:
    virtual ~PdfEngine() = default;
    /// Converts one document and returns the PDF bytes. Throws kansli::Error with
    /// ErrorCode::Render when the engine fails or times out, ErrorCode::Overloaded when the
    /// engine cannot take more work now. Thread-safe.
    virtual std::string convert(const ConversionRequest& request) = 0;
};

} // namespace kansli::render
