#include "render/PageLabeler.h"
#include "render/XmlText.h"

#include "core/Error.h"

#include <charconv>
#include <map>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace kansli::render {

namespace {


std::string number(double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 2);
    return std::string(buffer, result.ptr);
}

std::string cacheKey(int pages, const RenderOptions& o)
{
    const char sep = '\x1f';
    return std::to_string(pages) + sep + o.pageLabelFormat + sep + o.page.pageSize + sep
        + number(o.pageLabel.rightMm) + sep + number(o.pageLabel.topMm) + sep + o.pageLabel.fontFamily
        + sep + number(o.pageLabel.fontSizePt);
}

} // namespace

PageLabeler::PageLabeler(PdfEngine& engine, std::size_t cacheEntries)
    : _engine(engine), _cacheEntries(std::max<std::size_t>(1, cacheEntries))
{
}

std::string PageLabeler::labelText(const std::string& format, int page, int pages)
{
    std::string out;
    for (std::size_t i = 0; i < format.size();) {
        if (format.compare(i, 6, "{page}") == 0) {
            out += std::to_string(page);
            i += 6;
        } else if (format.compare(i, 7, "{pages}") == 0) {
            out += std::to_string(pages);
            i += 7;
        } else {
            out += format[i++];
        }
    }
    return out;
}

std::string PageLabeler::layerXhtml(int pages, const RenderOptions& options)
{
    const auto& style = options.pageLabel;
    for (char c : style.fontFamily) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == ' ' || c == '-' || c == '_';
        if (!ok)
            throw Error(ErrorCode::Config, "Invalid render configuration", "page label font family");
    }
    if (!(style.fontSizePt > 0 && style.fontSizePt < 100))
        throw Error(ErrorCode::Config, "Invalid render configuration", "page label font size");

    // zoom undoes wkhtmltopdf's shrink factor (~0.786) so that mm and pt come out true, as in the
    // templates. Each page is one block whose label is placed from that page's top right corner.
    std::string html =
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/>"
        "<style>html,body{margin:0;padding:0}"
        "body{zoom:1.2727;font-family:'" + style.fontFamily + "';font-size:" + number(style.fontSizePt) + "pt}"
        ".p{position:relative;height:1mm;page-break-after:always}"
        ".p.last{page-break-after:auto}"
        ".l{position:absolute;top:" + number(style.topMm) + "mm;right:" + number(style.rightMm)
        + "mm;white-space:nowrap;line-height:1;text-align:right}"
        "</style></head><body>";
    for (int i = 1; i <= pages; ++i) {
        html += i == pages ? "<div class=\"p last\"><div class=\"l\">" : "<div class=\"p\"><div class=\"l\">";
        html += escapeXml(labelText(options.pageLabelFormat, i, pages));
        html += "</div></div>";
    }
    html += "</body></html>\n";
    return html;
}

std::size_t PageLabeler::cachedLayers() const
{
    std::lock_guard lock(_mutex);
    return _cache.size();
}

std::string PageLabeler::layer(int pages, const RenderOptions& options)
{
    const std::string key = cacheKey(pages, options);
    std::promise<std::string> promise;
    std::shared_future<std::string> future;
    bool produce = false;
    {
        std::lock_guard lock(_mutex);
        if (auto it = _cache.find(key); it != _cache.end()) {
            future = it->second;
        } else {
            if (_cache.size() >= _cacheEntries) {
                // Drop one finished entry; the cache is small and layers are cheap to redo.
                for (auto i = _cache.begin(); i != _cache.end(); ++i) {
                    if (i->second.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
                        _cache.erase(i);
                        break;
                    }
                }
            }
            future = promise.get_future().share();
            _cache.emplace(key, future);
            produce = true;
        }
    }
    if (!produce)
        return future.get();

    try {
        ConversionRequest request;
        request.xhtml = layerXhtml(pages, options);
        request.page.pageSize = options.page.pageSize;
        request.page.marginTopMm = request.page.marginBottomMm = 0;
        request.page.marginLeftMm = request.page.marginRightMm = 0;
        request.noBackground = true;
        request.urgent = true;
        promise.set_value(_engine.convert(request));
    } catch (...) {
        promise.set_exception(std::current_exception());
        std::lock_guard lock(_mutex);
        _cache.erase(key); // let a later document try again
    }
    return future.get();
}

std::shared_ptr<QPDF> PageLabeler::apply(QPDF& pdf, const RenderOptions& options)
{
    auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
    const int count = static_cast<int>(pages.size());
    if (count == 0)
        return nullptr;
    // processMemoryFile does not copy: the bytes must live as long as the QPDF that reads them.
    auto layerBytes = std::make_shared<const std::string>(layer(count, options));
    std::shared_ptr<QPDF> layerPdf(new QPDF, [layerBytes](QPDF* p) { delete p; });
    layerPdf->setSuppressWarnings(true);
    layerPdf->processMemoryFile("page-label-layer", layerBytes->data(), layerBytes->size());
    auto layerPages = QPDFPageDocumentHelper(*layerPdf).getAllPages();
    if (static_cast<int>(layerPages.size()) != count)
        throw Error(ErrorCode::Render, "Page numbers could not be added",
                    "layer has " + std::to_string(layerPages.size()) + " pages, letter " + std::to_string(count));

    std::map<std::string, QPDFObjectHandle> placements;
    for (int i = 0; i < count; ++i) {
        auto& page = pages[static_cast<std::size_t>(i)];
        auto form = pdf.copyForeignObject(layerPages[static_cast<std::size_t>(i)].getFormXObjectForPage());
        auto resources = page.getAttribute("/Resources", true);
        if (!resources.isDictionary()) {
            resources = QPDFObjectHandle::newDictionary();
            page.getObjectHandle().replaceKey("/Resources", resources);
        }
        int suffix = 0;
        const std::string name = resources.getUniqueResourceName("/KLbl", suffix);
        auto xobjects = resources.getKey("/XObject");
        if (!xobjects.isDictionary()) {
            xobjects = QPDFObjectHandle::newDictionary();
            resources.replaceKey("/XObject", xobjects);
        }
        xobjects.replaceKey(name, form);
        // Same paper size on both sides, so placing into the trim box is an identity transform.
        const std::string placement = page.placeFormXObject(
            form, name, page.getTrimBox().getArrayAsRectangle(), true, false, false);
        // Pages of one size share one placement stream (the writer compresses each stream anew).
        auto& stream = placements[placement];
        if (!stream.isInitialized())
            stream = QPDFObjectHandle::newStream(&pdf, "q\n" + placement + "\nQ\n");
        page.addPageContents(stream, true);
    }
    return layerPdf;
}

} // namespace kansli::render
