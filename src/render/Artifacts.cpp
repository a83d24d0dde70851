#include "render/Artifacts.h"

#include <qpdf/BufferInputSource.hh>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kansli::render {

namespace {

// ISO 32000-1 8.5 (paths), 9.4.3 (text showing), 8.8/8.9.7 (XObjects, inline images), 8.7.4.2 (sh).
const std::set<std::string> UNIT_START = {"m", "re", "Tj", "TJ", "'", "\"", "Do", "BI", "sh"};
const std::set<std::string> UNIT_END = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n",
                                        "Tj", "TJ", "'", "\"", "Do", "EI", "sh"};

constexpr const char* OPEN = "/Artifact BMC\n";
constexpr const char* CLOSE = "\nEMC\n";

/// Where one page's content needs an artifact's opening or closing, by byte offset.
struct Insertion {
    qpdf_offset_t at;
    const char* text;
};

/// Reads the decoded content `data` with qpdf's tokenizer (the token filter interface costs three
/// times as much: ~17 ms against ~6 for a 3-page letter of 36,000 tokens) and returns where each
/// painting unit outside marked content starts and ends; `units` counts them.
std::vector<Insertion> findUntagged(Buffer& data, int& units)
{
    std::vector<Insertion> insertions;
    auto input = std::make_shared<BufferInputSource>("content", &data, false);
    QPDFTokenizer tokenizer;
    tokenizer.allowEOF();
    int depth = 0;
    bool open = false;
    qpdf_offset_t operandsStart = -1; // the first operand since the last operator
    for (;;) {
        QPDFTokenizer::Token token = tokenizer.readToken(input, "content", true);
        const auto type = token.getType();
        if (type == QPDFTokenizer::tt_eof || type == QPDFTokenizer::tt_bad) {
            break;
        }
        const qpdf_offset_t start = input->getLastOffset();
        if (type != QPDFTokenizer::tt_word) {
            operandsStart = operandsStart < 0 ? start : operandsStart;
            continue;
        }
        const std::string& op = token.getValue();
        const qpdf_offset_t unitStart = operandsStart < 0 ? start : operandsStart;
        operandsStart = -1;
        if (op == "BDC" || op == "BMC") {
            if (open) { // a unit cut off by marked content (not valid content, closed before it)
                insertions.push_back({unitStart, CLOSE});
                open = false;
            }
            ++depth;
        } else if (op == "EMC") {
            depth = depth > 0 ? depth - 1 : 0;
        } else if (depth == 0 && !open && UNIT_START.count(op) > 0) {
            insertions.push_back({unitStart, OPEN});
            open = true;
            ++units;
        }
        if (op == "ID") { // an inline image's data follows as one token
            tokenizer.expectInlineImage(input);
            tokenizer.readToken(input, "content", true);
        }
        if (open && UNIT_END.count(op) > 0) {
            insertions.push_back({input->tell(), CLOSE});
            open = false;
        }
    }
    if (open) {
        insertions.push_back({static_cast<qpdf_offset_t>(data.getSize()), CLOSE});
    }
    return insertions;
}

/// Calls `each(page, decoded content)` for every page.
template <typename F>
void forEachPageContent(QPDF& pdf, F each)
{
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        Pl_Buffer out("content");
        page.pipeContents(&out);
        std::unique_ptr<Buffer> data(out.getBuffer());
        each(page, *data);
    }
}

} // namespace

bool isStandardStructureType(const std::string& name)
{
    static const std::set<std::string> STANDARD = {"/Document", "/Part", "/Art", "/Sect", "/Div", "/BlockQuote",
        "/Caption", "/TOC", "/TOCI", "/Index", "/NonStruct", "/Private", "/P", "/H", "/H1", "/H2", "/H3", "/H4",
        "/H5", "/H6", "/L", "/LI", "/Lbl", "/LBody", "/Table", "/TR", "/TH", "/TD", "/THead", "/TBody", "/TFoot",
        "/Span", "/Quote", "/Note", "/Reference", "/BibEntry", "/Code", "/Link", "/Annot", "/Ruby", "/RB", "/RT",
        "/RP", "/Warichu", "/WT", "/WP", "/Figure", "/Formula", "/Form"};
    return STANDARD.count(name) > 0;
}

int markUntaggedAsArtifacts(QPDF& pdf)
{
    int wrapped = 0;
    forEachPageContent(pdf, [&](QPDFPageObjectHelper& page, Buffer& data) {
        int units = 0;
        const std::vector<Insertion> insertions = findUntagged(data, units);
        if (insertions.empty()) {
            return;
        }
        wrapped += units;
        const char* bytes = reinterpret_cast<const char*>(data.getBuffer());
        std::string content;
        content.reserve(data.getSize() + insertions.size() * 16);
        qpdf_offset_t copied = 0;
        for (const Insertion& insertion : insertions) {
            content.append(bytes + copied, static_cast<std::size_t>(insertion.at - copied));
            content += insertion.text;
            copied = insertion.at;
        }
        content.append(bytes + copied, data.getSize() - static_cast<std::size_t>(copied));
        page.getObjectHandle().replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, content));
    });
    return wrapped;
}

int countUntaggedContent(QPDF& pdf)
{
    int units = 0;
    forEachPageContent(pdf, [&](QPDFPageObjectHelper&, Buffer& data) { findUntagged(data, units); });
    return units;
}

} // namespace kansli::render
