#pragma once
/// The cold path: a new engine process for every document (wkhtmltopdf, or a Chromium started and
/// driven as ChromiumProcess). Slower by a process start per document (~40 ms for wkhtmltopdf,
/// ~0.5 s for Chromium); kept for the benchmark and as a fallback that shares no state.

#include "render/DocumentRenderer.h"
#include "render/PdfEngine.h"

#include <memory>
#include <string>

namespace kansli::render {

class JobDirectory;

class OneShotEngine : public PdfEngine {
public:
    explicit OneShotEngine(EngineConfig config = {});
    ~OneShotEngine() override;

    /// Thread-safe; each call starts and reaps its own process.
    std::string convert(const ConversionRequest& request) override;
    /// The engine's name (no process stays to ask for its version).
    std::string engineVersion() const override;

private:
    EngineConfig _config;
    std::string _tempDir;
    std::unique_ptr<JobDirectory> _runtimeDir;
};

/// One finished document the cold way: its own engine processes (letter and label layer),
/// nothing cached. Throws like WorkerPool::render.
std::string renderOnce(const std::string& xhtml, const RenderOptions& options,
                       const EngineConfig& engine = {}, const FinishingConfig& finishing = {});

} // namespace kansli::render
