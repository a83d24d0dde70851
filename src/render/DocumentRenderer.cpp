#include "render/DocumentRenderer.h"

#include "core/Error.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>

namespace kansli::render {

DocumentRenderer::DocumentRenderer(PdfEngine& engine, const FinishingConfig& config)
    : _engine(engine), _labeler(engine, config.layerCacheEntries), _finisher(config.iccProfilePath)
{
}

std::string DocumentRenderer::render(const std::string& xhtml, const RenderOptions& options)
{
    if (options.generatedAt.empty())
        throw Error(ErrorCode::Usage, "generatedAt is required to render a document");
    ConversionRequest request;
    request.xhtml = xhtml;
    request.page = options.page;
    // Without this the letter's white page would hide the labels underneath.
    request.noBackground = !options.pageLabelFormat.empty();
    request.allowDirs = options.allowDirs;
    return finish(_engine.convert(request), options);
}

std::string DocumentRenderer::finish(const std::string& enginePdf, const RenderOptions& options)
{
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("letter", enginePdf.data(), enginePdf.size());
        std::shared_ptr<QPDF> layer; // must outlive the write below
        if (!options.pageLabelFormat.empty())
            layer = _labeler.apply(pdf, options);
        _finisher.finish(pdf, options);
        std::string out = PdfAFinisher::write(pdf, options.pdfa);
        // The engine's output is expected to be clean; a repaired file is not one to archive.
        if (auto warnings = pdf.getWarnings(); !warnings.empty())
            throw Error(ErrorCode::Render, "The PDF could not be finished",
                        "qpdf warning: " + warnings.front().getMessageDetail());
        return out;
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Render, "The PDF could not be finished", e.what());
    }
}

} // namespace kansli::render
