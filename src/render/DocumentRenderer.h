#pragma once
/// XHTML to a finished letter on any PdfEngine: the engine's PDF, page labels underlaid,
/// metadata and PDF/A-2b written, all in one pass of libqpdf.

#include "render/PageLabeler.h"
#include "render/PdfAFinisher.h"
#include "render/PdfEngine.h"
#include "render/RenderOptions.h"
#include "render/RowMarkers.h"

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

class QPDF;

namespace kansli::render {

struct FinishingConfig {
    std::string iccProfilePath;         ///< empty: ghostscript's sRGB profile from Debian
    std::size_t layerCacheEntries = 64; ///< page label layers kept (one per page count and style)
};

/// A letter laid out more than once: the engine's page breaks, read back through row markers
/// (RowMarkers.h), decide the next layout. Implemented by the pipeline's ContinuedTables, which
/// repeats a data table's header row on every page the table continues to.
class Relayout {
public:
    virtual ~Relayout() = default;
    /// The XHTML of the current pass, with its row markers.
    virtual std::string xhtml() const = 0;
    /// The highest marker number in `xhtml()`.
    virtual int maxMarker() const = 0;
    /// Told on which page (0-based) each marker of the current pass was drawn: true when it
    /// changed the XHTML, so that it is laid out again; false when this layout is final.
    virtual bool relayout(const RowMarkerPages& pages) = 0;
};

/// Where a letter's render time went (for the pipeline's stage metrics).
struct RenderTimings {
    double engineSeconds = 0;    ///< every engine conversion of the letter, queue wait included
    double finishingSeconds = 0; ///< markers, page labels, metadata and PDF/A in libqpdf
};

/// How far a letter may be laid out again. Both bounds are counted, not timed, so the same
/// input always gives the same letter.
struct RelayoutLimits {
    int passes = 8;   ///< engine conversions of the letter, the first included
    /// Pages the engine may lay out for the letter over all its passes: another pass is made only
    /// while the pages laid out so far and one more pass of the same length stay within it. A
    /// very long letter (a job plan of thousands of activities) is then laid out once, as before
    /// there were second passes, and cannot hold a worker for many times its own length.
    int pages = 100;
};

/// How a relaid-out letter was made.
struct RelayoutStats {
    int passes = 0;        ///< engine conversions of the letter (1: laid out once)
    bool converged = true; ///< false: stopped at a limit with a change still wanted
};

/// Several letters laid out in one engine conversion (the batch path): the engine's PDF, read,
/// with every marker taken out (RowMarkers.h) and where each was drawn. Each letter of the group
/// opens with a marker of its own and starts a page, so its pages run from its marker's page to
/// the next letter's.
struct LaidOutGroup {
    std::shared_ptr<const std::string> bytes; ///< the engine's PDF, which `pdf` reads in place
    std::shared_ptr<QPDF> pdf;
    RowMarkerPages markers; ///< marker -> page (0-based) in the whole group
    int pages = 0;          ///< pages of the whole group
    double engineSeconds = 0;
};

/// The number of pages of a PDF. Throws kansli::Error (Render) when it cannot be read.
int pageCount(const std::string& pdf);

/// One PDF of all pages of `pdfs`, in order (a batch's print file). Not PDF/A: each letter is
/// archived on its own. Throws kansli::Error (Render) when one cannot be read.
std::string concatenatePdfs(const std::vector<std::string>& pdfs);

class DocumentRenderer {
public:
    /// `engine` must outlive this object. Throws kansli::Error(ErrorCode::Config) when the
    /// ICC profile is missing.
    DocumentRenderer(PdfEngine& engine, const FinishingConfig& config);

    /// Thread-safe. Throws kansli::Error (Render, Overloaded, Usage for bad options).
    std::string render(const std::string& xhtml, const RenderOptions& options, RenderTimings* timings = nullptr);

    /// Renders `layout.xhtml()`, shows it where its markers fell and renders again while it
    /// changes, within `limits`; the last pass is finished (markers removed, labels, PDF/A).
    /// Thread-safe for different `layout` objects. Throws as `render`.
    std::string render(Relayout& layout, const RenderOptions& options, const RelayoutLimits& limits,
                       RelayoutStats* stats = nullptr,
                       RenderTimings* timings = nullptr);

    /// Labels and finishing for a PDF the engine already made (with a transparent background
    /// when `options.pageLabelFormat` is set).
    std::string finish(const std::string& enginePdf, const RenderOptions& options);

    /// One engine conversion of `xhtml`, several letters one after another (see LaidOutGroup),
    /// whose markers are numbered 0 ... `maxMarker`. `options` gives the page and background (the
    /// letters' own options must agree on them). Throws as `render`.
    LaidOutGroup layOutGroup(const std::string& xhtml, const RenderOptions& options, int maxMarker);

    /// Pages [first, end) of a group as a letter of their own, labelled ("page 1 of N" counts
    /// these pages) and finished with `options`. The fonts of the whole group come along (a
    /// letter made alone embeds only its own glyphs); the text and the pages are the same.
    /// Not thread-safe for one group. Throws kansli::Error (Render) for a range outside it.
    std::string finishPages(LaidOutGroup& group, int first, int end, const RenderOptions& options);

    PageLabeler& labeler() noexcept { return _labeler; }

private:
    ConversionRequest request(const std::string& xhtml, const RenderOptions& options) const;
    std::string finish(QPDF& pdf, const RenderOptions& options);

    PdfEngine& _engine;
    PageLabeler _labeler;
    PdfAFinisher _finisher;
};

} // namespace kansli::render
