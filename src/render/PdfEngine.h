#pragma once
/// The XHTML -> PDF engine seen from the rest of render/: one conversion, no post-processing.
///
/// Implemented by WorkerPool (long-lived engine processes: wkhtmltopdf, or headless Chromium for
/// tagged letters) and OneShotEngine (a new wkhtmltopdf process per document, the cold path kept
/// for comparison).

#include "render/RenderOptions.h"

#include <chrono>
#include <string>
#include <vector>

namespace kansli::render {

/// The engines kansli can drive (docs/accessibility.md).
enum class EngineKind {
    Wkhtmltopdf, ///< the default: fastest here; prints untagged PDF
    Chromium     ///< headless Chromium over the DevTools protocol: tagged PDF (PDF/UA letters)
};

/// "wkhtmltopdf" or "chromium": the name in configuration, metrics, responses and the audit trail.
const char* engineName(EngineKind kind);

/// The letters and the page-label layer are written for wkhtmltopdf, whose Qt prints CSS at
/// 0.7857 of its size; the templates undo that with `zoom: 1.2727` (RENDERING.md). Chromium
/// prints at this scale, so one XHTML gives the same geometry in both engines (measured: words
/// within 1 pt of wkhtmltopdf's positions on the example decision).
constexpr double CHROMIUM_PRINT_SCALE = 1.0 / 1.2727;

/// Settings shared by every way of running an engine.
struct EngineConfig {
    EngineKind kind = EngineKind::Wkhtmltopdf;
    std::string executable; ///< looked up on PATH; empty: "wkhtmltopdf" or "chromium" by kind
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
    /// Tagged PDF (a structure tree from the document's elements). Only EngineKind::Chromium
    /// can; wkhtmltopdf refuses the request (ErrorCode::Render) rather than print it untagged.
    bool tagged = false;
};

class PdfEngine {
public:
    virtual ~PdfEngine() = default;
    /// Converts one document and returns the PDF bytes. Throws kansli::Error with
    /// ErrorCode::Render when the engine fails or times out, ErrorCode::Overloaded when the
    /// engine cannot take more work now. Thread-safe.
    virtual std::string convert(const ConversionRequest& request) = 0;
    /// The engine and its version as the letter records it ("wkhtmltopdf 0.12.6",
    /// "chromium 156.0.8078.114"); the name alone until a process has reported its version.
    virtual std::string engineVersion() const = 0;
};

} // namespace kansli::render
