#include "render/DocumentRenderer.h"

#include "core/Error.h"
#include "render/Artifacts.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/Buffer.hh>

#include <chrono>
#include <qpdf/QPDFExc.hh>

namespace kansli::render {

DocumentRenderer::DocumentRenderer(PdfEngine& engine, const FinishingConfig& config)
    : _engine(engine), _labeler(engine, config.layerCacheEntries), _finisher(config.iccProfilePath)
{
}

ConversionRequest DocumentRenderer::request(const std::string& xhtml, const RenderOptions& options) const
{
    if (options.generatedAt.empty())
        throw Error(ErrorCode::Usage, "generatedAt is required to render a document");
    ConversionRequest request;
    request.xhtml = xhtml;
    request.page = options.page;
    // Without this the letter's white page would hide the labels underneath.
    request.noBackground = !options.pageLabelFormat.empty();
    request.allowDirs = options.allowDirs;
    request.tagged = options.accessible;
    return request;
}

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

std::string DocumentRenderer::render(const std::string& xhtml, const RenderOptions& options, RenderTimings* timings)
{
    auto started = std::chrono::steady_clock::now();
    const std::string enginePdf = _engine.convert(request(xhtml, options));
    const double engineSeconds = secondsSince(started);
    started = std::chrono::steady_clock::now();
    std::string pdf = finish(enginePdf, options);
    if (timings != nullptr) {
        *timings = RenderTimings{engineSeconds, secondsSince(started)};
    }
    return pdf;
}

std::string DocumentRenderer::render(Relayout& layout, const RenderOptions& options, const RelayoutLimits& limits,
                                     RelayoutStats* stats, RenderTimings* timings)
{
    RelayoutStats made;
    RenderTimings spent;
    int pagesLaidOut = 0;
    for (;;) {
        auto started = std::chrono::steady_clock::now();
        const std::string enginePdf = _engine.convert(request(layout.xhtml(), options));
        spent.engineSeconds += secondsSince(started);
        started = std::chrono::steady_clock::now();
        ++made.passes;
        try {
            QPDF pdf;
            pdf.setSuppressWarnings(true);
            pdf.processMemoryFile("letter", enginePdf.data(), enginePdf.size());
            const RowMarkerPages pages = takeRowMarkers(pdf, layout.maxMarker());
            // Asked before the pass limit is checked, so that a layout still wanting a change
            // at the limit is known (and counted) rather than passed over.
            const bool again = layout.relayout(pages);
            const int pageCount = static_cast<int>(QPDFPageDocumentHelper(pdf).getAllPages().size());
            pagesLaidOut += pageCount;
            if (again && made.passes < limits.passes && pagesLaidOut + pageCount <= limits.pages) {
                spent.finishingSeconds += secondsSince(started);
                continue;
            }
            made.converged = !again;
            if (stats != nullptr) {
                *stats = made;
            }
            std::string out = finish(pdf, options);
            spent.finishingSeconds += secondsSince(started);
            if (timings != nullptr) {
                *timings = spent;
            }
            return out;
        } catch (const Error&) {
            throw;
        } catch (const std::exception& e) {
            throw Error(ErrorCode::Render, "The PDF could not be finished", e.what());
        }
    }
}

int pageCount(const std::string& pdf)
{
    try {
        QPDF doc;
        doc.setSuppressWarnings(true);
        doc.processMemoryFile("letter", pdf.data(), pdf.size());
        return static_cast<int>(QPDFPageDocumentHelper(doc).getAllPages().size());
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Render, "The PDF could not be read", e.what());
    }
}

std::string concatenatePdfs(const std::vector<std::string>& pdfs)
{
    try {
        QPDF out;
        out.emptyPDF();
        QPDFPageDocumentHelper pages(out);
        std::vector<std::unique_ptr<QPDF>> sources; // read in place: kept until written
        for (const std::string& pdf : pdfs) {
            sources.push_back(std::make_unique<QPDF>());
            sources.back()->setSuppressWarnings(true);
            sources.back()->processMemoryFile("letter", pdf.data(), pdf.size());
            for (auto& page : QPDFPageDocumentHelper(*sources.back()).getAllPages()) {
                pages.addPage(page, false);
            }
        }
        QPDFWriter writer(out);
        writer.setOutputMemory();
        writer.setStaticID(true); // the same letters give the same file
        writer.write();
        auto buffer = writer.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Render, "The print file could not be made", e.what());
    }
}

LaidOutGroup DocumentRenderer::layOutGroup(const std::string& xhtml, const RenderOptions& options, int maxMarker)
{
    const auto started = std::chrono::steady_clock::now();
    LaidOutGroup group;
    group.bytes = std::make_shared<const std::string>(_engine.convert(request(xhtml, options)));
    group.engineSeconds = secondsSince(started);
    try {
        group.pdf = std::make_shared<QPDF>();
        group.pdf->setSuppressWarnings(true);
        group.pdf->processMemoryFile("letters", group.bytes->data(), group.bytes->size());
        group.markers = takeRowMarkers(*group.pdf, maxMarker);
        group.pages = static_cast<int>(QPDFPageDocumentHelper(*group.pdf).getAllPages().size());
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Render, "The PDF could not be finished", e.what());
    }
    return group;
}

std::string DocumentRenderer::finishPages(LaidOutGroup& group, int first, int end, const RenderOptions& options)
{
    if (!group.pdf || first < 0 || end <= first || end > group.pages) {
        throw Error(ErrorCode::Render, "The PDF could not be finished",
                    "pages " + std::to_string(first) + "-" + std::to_string(end) + " of a group of "
                        + std::to_string(group.pages));
    }
    try {
        QPDF letter;
        letter.emptyPDF();
        letter.setSuppressWarnings(true);
        const std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(*group.pdf).getAllPages();
        QPDFPageDocumentHelper out(letter);
        for (int i = first; i < end; ++i) {
            out.addPage(pages.at(static_cast<std::size_t>(i)), false); // copied with what it uses
        }
        return finish(letter, options);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Render, "The PDF could not be finished", e.what());
    }
}

std::string DocumentRenderer::finish(const std::string& enginePdf, const RenderOptions& options)
{
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("letter", enginePdf.data(), enginePdf.size());
        return finish(pdf, options);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(ErrorCode::Render, "The PDF could not be finished", e.what());
    }
}

std::string DocumentRenderer::finish(QPDF& pdf, const RenderOptions& options)
{
    try {
        std::shared_ptr<QPDF> layer; // must outlive the write below
        if (!options.pageLabelFormat.empty())
            layer = _labeler.apply(pdf, options);
        if (options.accessible) // after the labels: they are artifacts too
            markUntaggedAsArtifacts(pdf);
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
