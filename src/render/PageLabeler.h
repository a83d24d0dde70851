#pragma once
/// Page labels ("Sida 1 (3)") under every page of a letter.
///
/// Debian's wkhtmltopdf ignores headers and footers, so the labels are drawn as a separate
/// N-page PDF (one absolutely placed block per page) and put *under* the letter, which was
/// rendered with a transparent background. The layer depends only on N, the wording and the
/// style, so it is rendered once by the engine and kept in memory.

#include "render/PdfEngine.h"
#include "render/RenderOptions.h"

#include <cstddef>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

class QPDF;

namespace kansli::render {

class PageLabeler {
public:
    /// `engine` renders the layers; at most `cacheEntries` layers are kept.
    PageLabeler(PdfEngine& engine, std::size_t cacheEntries);

    /// Underlays a label on every page of `pdf` (pages counted in `pdf`). Thread-safe across
    /// different QPDF objects. Throws kansli::Error(ErrorCode::Render) when the layer fails.
    /// The returned layer document holds stream data `pdf` now refers to: keep it alive until
    /// `pdf` has been written (qpdf copies foreign stream data only when writing).
    std::shared_ptr<QPDF> apply(QPDF& pdf, const RenderOptions& options);

    /// `format` with `{page}` and `{pages}` replaced.
    static std::string labelText(const std::string& format, int page, int pages);
    /// The XHTML of an N-page layer. Throws kansli::Error(ErrorCode::Config) for a font family
    /// that is not a plain name.
    static std::string layerXhtml(int pages, const RenderOptions& options);

    /// Layers currently cached (for tests and metrics).
    std::size_t cachedLayers() const;

private:
    std::string layer(int pages, const RenderOptions& options);

    PdfEngine& _engine;
    std::size_t _cacheEntries;
    mutable std::mutex _mutex;
    std::map<std::string, std::shared_future<std::string>> _cache;
};

} // namespace kansli::render
