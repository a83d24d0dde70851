#include "render/RowMarkers.h"

#include "core/Error.h"

#include <Poco/Base64Encoder.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <cstdint>
#include <optional>
#include <sstream>

namespace kansli::render {

namespace {

void putLittleEndian(std::string& out, std::uint32_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i) {
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xFFu));
    }
}

/// A BITMAPINFOHEADER BMP: 24 bits per pixel, one row of `width` white pixels.
std::string whiteRowBmp(std::uint32_t width)
{
    const std::uint32_t rowBytes = (width * 3 + 3) / 4 * 4; // rows are padded to 4 bytes
    const std::uint32_t headerBytes = 14 + 40;
    std::string bmp = "BM";
    putLittleEndian(bmp, headerBytes + rowBytes, 4); // file size
    putLittleEndian(bmp, 0, 4);                      // reserved
    putLittleEndian(bmp, headerBytes, 4);            // offset of the pixels
    putLittleEndian(bmp, 40, 4);                     // BITMAPINFOHEADER
    putLittleEndian(bmp, width, 4);
    putLittleEndian(bmp, 1, 4);                      // height
    putLittleEndian(bmp, 1, 2);                      // planes
    putLittleEndian(bmp, 24, 2);                     // bits per pixel
    putLittleEndian(bmp, 0, 4);                      // no compression
    putLittleEndian(bmp, rowBytes, 4);
    putLittleEndian(bmp, 2835, 4);                   // 72 dpi, both ways
    putLittleEndian(bmp, 2835, 4);
    putLittleEndian(bmp, 0, 4);
    putLittleEndian(bmp, 0, 4);
    bmp.append(width * 3, '\xFF');
    bmp.append(rowBytes - width * 3, '\0');
    return bmp;
}

/// The marker number an image resource stands for, if it is one of ours.
std::optional<int> markerId(QPDFObjectHandle image, int maxId)
{
    if (!image.isStream()) {
        return std::nullopt;
    }
    QPDFObjectHandle dict = image.getDict();
    if (!dict.getKey("/Subtype").isNameAndEquals("/Image") || !dict.getKey("/Height").isInteger()
        || dict.getKey("/Height").getIntValue() != 1 || !dict.getKey("/Width").isInteger()) {
        return std::nullopt;
    }
    const long long width = dict.getKey("/Width").getIntValue();
    if (width < 2 || width - 2 > maxId) {
        return std::nullopt;
    }
    return static_cast<int>(width - 2);
}

} // namespace

std::string rowMarkerSource(int id)
{
    if (id < 0 || id > ROW_MARKER_MAX) {
        throw Error(ErrorCode::Internal, "A row marker could not be made", "rowMarkerSource: id out of range");
    }
    std::ostringstream base64;
    Poco::Base64Encoder encoder(base64);
    encoder.rdbuf()->setLineLength(0);
    encoder << whiteRowBmp(static_cast<std::uint32_t>(id) + 2);
    encoder.close();
    return "data:image/bmp;base64," + base64.str();
}

RowMarkerPages takeRowMarkers(QPDF& pdf, int maxId)
{
    // The engine lists in each page's resources the images drawn on that page. A marker's
    // resource is pointed at one empty form XObject: its `Do` then draws nothing, the content
    // streams stay as the engine wrote them (rewriting them cost 14 ms and cleaning the
    // resources after it 30 ms for a 3-page letter; this costs well under one), and the image
    // objects, no longer referred to, are not written out.
    RowMarkerPages pages;
    QPDFObjectHandle empty;
    int pageIndex = 0;
    for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        QPDFObjectHandle xobjects = page.getObjectHandle().getKey("/Resources").getKey("/XObject");
        if (xobjects.isDictionary()) {
            for (const std::string& name : xobjects.getKeys()) {
                const auto id = markerId(xobjects.getKey(name), maxId);
                if (!id) {
                    continue;
                }
                if (!empty.isInitialized()) {
                    empty = pdf.newStream(std::string());
                    QPDFObjectHandle dict = empty.getDict();
                    dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
                    dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Form"));
                    dict.replaceKey("/BBox", QPDFObjectHandle::parse("[0 0 0 0]"));
                }
                xobjects.replaceKey(name, empty);
                pages[*id] = pageIndex;
            }
        }
        ++pageIndex;
    }
    return pages;
}

} // namespace kansli::render
