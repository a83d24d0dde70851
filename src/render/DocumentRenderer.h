#pragma once
/// XHTML to a finished letter on any PdfEngine: the engine's PDF, page labels underlaid,
/// metadata and PDF/A-2b written, all in one pass of libqpdf.

#include "render/PageLabeler.h"
#include "render/PdfAFinisher.h"
#include "render/PdfEngine.h"
#include "render/RenderOptions.h"

#include <cstddef>
#include <string>

namespace kansli::render {

struct FinishingConfig {
    std::string iccProfilePath;         ///< empty: ghostscript's sRGB profile from Debian
    std::size_t layerCacheEntries = 64; ///< page label layers kept (one per page count and style)
};

class DocumentRenderer {
public:
    /// `engine` must outlive this object. Throws kansli::Error(ErrorCode::Config) when the
    /// ICC profile is missing.
    DocumentRenderer(PdfEngine& engine, const FinishingConfig& config);

    /// Thread-safe. Throws kansli::Error (Render, Overloaded, Usage for bad options).
    std::string render(const std::string& xhtml, const RenderOptions& options);

    /// Labels and finishing for a PDF the engine already made (with a transparent background
    /// when `options.pageLabelFormat` is set).
    std::string finish(const std::string& enginePdf, const RenderOptions& options);

    PageLabeler& labeler() noexcept { return _labeler; }

private:
    PdfEngine& _engine;
    PageLabeler _labeler;
    PdfAFinisher _finisher;
};

} // namespace kansli::render
