// Row markers on the real engine: each is found on the page where its row's line was printed,
// removed from the letter, and takes no room while it is there.

#include "SharedPool.h"
#include "TestDocuments.h"
#include "render/RowMarkers.h"
#include "render/WorkerPool.h"

#include <boost/test/unit_test.hpp>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <cmath>
#include <regex>
#include <sstream>

using namespace kansli::render;
using namespace kansli::render::test;

namespace {

/// A table of `rows` rows in narrow columns, cells of 1 to 60 characters (some lines end just
/// at the column's edge); with `marked`, a marker at the start of each row and the end of each cell.
std::string table(int rows, bool marked)
{
    auto marker = [&](int id) {
        return marked ? "<img class=\"" + std::string(ROW_MARKER_CLASS) + "\" alt=\"\" style=\"" + ROW_MARKER_STYLE
                            + "\" src=\"" + rowMarkerSource(id) + "\"/>"
                      : std::string();
    };
    std::ostringstream out;
    out << "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/>"
           "<style>body{font-family:'Liberation Sans';font-size:11pt;zoom:1.2727}"
           "table{display:block;width:100%} tr{display:table;width:100%;table-layout:fixed}"
           "td{vertical-align:top;padding:1mm}</style></head><body><table><tbody>";
    int id = 0;
    for (int r = 0; r < rows; ++r) {
        std::string text = "Rad" + std::to_string(r);
        for (int w = 0; w < r % 12; ++w) {
            text += " ordet";
        }
        const std::string start = marker(id++);
        const std::string end1 = marker(id++);
        const std::string end2 = marker(id++);
        out << "<tr><td style=\"width:30%\">" << start << text << end1 << "</td><td>"
            << "svar" << r << " " << std::string(static_cast<std::size_t>(r % 7) * 8, 'x') << end2 << "</td></tr>";
    }
    out << "</tbody></table></body></html>";
    return out.str();
}

ConversionRequest request(const std::string& xhtml)
{
    ConversionRequest r;
    r.xhtml = xhtml;
    r.noBackground = true;
    return r;
}

std::string words(const std::string& pdfPath)
{
    return runCommand("pdftotext -bbox " + pdfPath + " -");
}

} // namespace

BOOST_AUTO_TEST_SUITE(RowMarkersTest)

BOOST_AUTO_TEST_CASE(each_marker_is_found_on_its_rows_page_and_removed)
{
    constexpr int ROWS = 90;
    const std::string engine = sharedPool().convert(request(table(ROWS, true)));
    QPDF pdf;
    pdf.processMemoryFile("marked", engine.data(), engine.size());
    const RowMarkerPages pages = takeRowMarkers(pdf, 3 * ROWS - 1);
    BOOST_TEST_REQUIRE(pages.size() == static_cast<std::size_t>(3 * ROWS));
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.write();
    std::shared_ptr<Buffer> out = writer.getBufferSharedPointer();
    const std::string path = writeTemp(std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize()), "stripped.pdf");
    // The page of each row's first word, from the text layer.
    const std::string text = words(path);
    std::map<std::string, int> pageOfWord;
    int page = -1;
    static const std::regex TOKEN(R"re(<page |>(Rad[0-9]+)</word>)re");
    for (std::sregex_iterator it(text.begin(), text.end(), TOKEN), end; it != end; ++it) {
        if ((*it)[1].matched) {
            pageOfWord.emplace((*it)[1].str(), page);
        } else {
            ++page;
        }
    }
    BOOST_TEST_REQUIRE(page >= 1, "the table must run over pages");
    for (int r = 0; r < ROWS; ++r) {
        BOOST_TEST_CONTEXT("row " << r)
        {
            BOOST_TEST(pages.at(3 * r) == pageOfWord.at("Rad" + std::to_string(r)));
            BOOST_TEST(pages.at(3 * r + 1) >= pages.at(3 * r));
        }
    }
    // Nothing of them is left: no image, no image resource, and qpdf finds the file sound.
    BOOST_TEST(runCommand("pdfimages -list " + path + " | tail -n +3").empty());
    int status = -1;
    runCommand("qpdf --check " + path + " >/dev/null 2>&1", &status);
    BOOST_TEST(status == 0);
}

BOOST_AUTO_TEST_CASE(markers_take_no_room)
{
    // Every word on the same page, in the same order, at the same x, and within one engine
    // pixel (0.6 pt) of the same y: no line breaks, no row and no page break moves. (A line
    // with an image is set on whole pixels, so its text may sit one pixel higher.)
    const std::string plain = writeTemp(sharedPool().convert(request(table(60, false))), "plain.pdf");
    const std::string engine = sharedPool().convert(request(table(60, true)));
    QPDF pdf;
    pdf.processMemoryFile("marked", engine.data(), engine.size());
    takeRowMarkers(pdf, 179);
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.write();
    std::shared_ptr<Buffer> out = writer.getBufferSharedPointer();
    const std::string marked = writeTemp(std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize()), "marked.pdf");
    struct Word {
        int page;
        double x;
        double y;
        std::string text;
    };
    auto read = [](const std::string& path) {
        const std::string text = words(path);
        static const std::regex TOKEN(R"re(<page |<word xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>([^<]*)</word>)re");
        std::vector<Word> list;
        int page = -1;
        for (std::sregex_iterator it(text.begin(), text.end(), TOKEN), end; it != end; ++it) {
            if ((*it)[3].matched) {
                list.push_back(Word{page, std::stod((*it)[1].str()), std::stod((*it)[2].str()), (*it)[3].str()});
            } else {
                ++page;
            }
        }
        return list;
    };
    const std::vector<Word> a = read(plain);
    const std::vector<Word> b = read(marked);
    BOOST_TEST_REQUIRE(a.size() > 300u);
    BOOST_TEST_REQUIRE(a.size() == b.size());
    BOOST_TEST(a.back().page >= 1);
    for (std::size_t i = 0; i < a.size(); ++i) {
        BOOST_TEST_CONTEXT("word " << i << " (" << a[i].text << ")")
        {
            BOOST_TEST(a[i].text == b[i].text);
            BOOST_TEST(a[i].page == b[i].page);
            BOOST_TEST(std::abs(a[i].x - b[i].x) < 0.01);
            BOOST_TEST(std::abs(a[i].y - b[i].y) < 0.6);
        }
    }
}

BOOST_AUTO_TEST_CASE(other_images_and_numbers_out_of_range_are_left_alone)
{
    const std::string engine = sharedPool().convert(request(table(5, true)));
    QPDF pdf;
    pdf.processMemoryFile("marked", engine.data(), engine.size());
    // Only markers 0-4 are asked for: 5-14 stay in the file.
    const RowMarkerPages pages = takeRowMarkers(pdf, 4);
    BOOST_TEST(pages.size() == 5u);
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.write();
    std::shared_ptr<Buffer> out = writer.getBufferSharedPointer();
    const std::string path = writeTemp(std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize()), "partial.pdf");
    const std::string images = runCommand("pdfimages -list " + path + " | tail -n +3");
    BOOST_TEST(std::count(images.begin(), images.end(), '\n') == 10);
}

// A layout that always wants another pass stops at the counted limits: passes, and pages laid
// out in all (so a very long letter is laid out once and cannot hold a worker for long).
BOOST_AUTO_TEST_CASE(relayout_stops_at_its_pass_and_page_limits)
{
    struct Insatiable : Relayout {
        std::string text;
        int asked = 0;
        std::string xhtml() const override { return text; }
        int maxMarker() const override { return 0; }
        bool relayout(const RowMarkerPages&) override { return ++asked > 0; }
    };
    Insatiable layout;
    layout.text = longDocument(4);
    const std::string once = writeTemp(sharedPool().convert(request(layout.text)), "once.pdf");
    const int pages = std::stoi(runCommand("pdfinfo " + once + " | sed -n 's/^Pages: *//p'"));
    BOOST_TEST_REQUIRE(pages >= 4);
    struct Row {
        RelayoutLimits limits;
        int passes;
    };
    for (const Row& row : {Row{{3, 1000}, 3}, Row{{8, 2 * pages}, 2}, Row{{8, 2 * pages - 1}, 1}, Row{{1, 1000}, 1}}) {
        BOOST_TEST_CONTEXT(row.limits.passes << " passes, " << row.limits.pages << " pages")
        {
            RelayoutStats stats;
            const std::string pdf = sharedPool().render(layout, letterOptions(), row.limits, &stats);
            BOOST_TEST(stats.passes == row.passes);
            BOOST_TEST(!stats.converged);
            BOOST_TEST(pdf.rfind("%PDF-", 0) == 0);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_marker_source_is_a_bmp_of_its_number_plus_two_pixels)
{
    BOOST_TEST(rowMarkerSource(0).rfind("data:image/bmp;base64,Qk", 0) == 0); // "BM"
    BOOST_TEST(rowMarkerSource(0) != rowMarkerSource(1));
    BOOST_CHECK_THROW(rowMarkerSource(-1), std::exception);
    BOOST_CHECK_THROW(rowMarkerSource(ROW_MARKER_MAX + 1), std::exception);
}

BOOST_AUTO_TEST_SUITE_END()
