#include "core/Error.h"
#include "render/EngineCommand.h"
#include "render/PageLabeler.h"
#include "render/PdfDate.h"
#include "render/Sha256.h"

#include <boost/test/unit_test.hpp>

using namespace kansli;
using namespace kansli::render;

BOOST_AUTO_TEST_SUITE(render_helpers)

BOOST_AUTO_TEST_CASE(sha256_known_vectors)
{
    BOOST_TEST(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    BOOST_TEST(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

BOOST_AUTO_TEST_CASE(pdf_date_round_trips)
{
    const auto d = PdfDate::fromIso("2026-11-25T14:03:00+01:00");
    BOOST_TEST(d.toPdf() == "D:20261125140300+01'00'");
    BOOST_TEST(d.toIso() == "2026-11-25T14:03:00+01:00");
    BOOST_TEST(PdfDate::fromPdf(d.toPdf()).toIso() == d.toIso());
    BOOST_TEST(PdfDate::fromIso("2026-01-02T03:04:05.123Z").toPdf() == "D:20260102030405Z");
    BOOST_TEST(PdfDate::fromIso("2026-01-02T03:04:05-05:30").toPdf() == "D:20260102030405-05'30'");
    BOOST_TEST(PdfDate::fromPdf("D:20260102").toIso() == "2026-01-02T00:00:00Z");
}

// PDF 32000-1 7.9.4: the fields after the year may be left out; the offset's closing apostrophe too.
BOOST_AUTO_TEST_CASE(pdf_dates_as_pdf_allows_them)
{
    const std::pair<const char*, const char*> rows[] = {
        {"D:2026", "2026-01-01T00:00:00Z"},
        {"D:202611", "2026-11-01T00:00:00Z"},
        {"D:2026112514", "2026-11-25T14:00:00Z"},
        {"D:20261125140300Z", "2026-11-25T14:03:00Z"},
        {"D:20261125140300+01'00", "2026-11-25T14:03:00+01:00"},
        {"D:20261125140300-05'30'", "2026-11-25T14:03:00-05:30"},
    };
    for (const auto& [pdf, iso] : rows) {
        BOOST_TEST(PdfDate::fromPdf(pdf).toIso() == iso, pdf);
    }
    for (const char* bad : {"", "D:", "D:26", "2026-11-25", "D:20261325", "D:20261125140300+1"}) {
        BOOST_CHECK_THROW(PdfDate::fromPdf(bad), Error);
    }
}

BOOST_AUTO_TEST_CASE(pdf_date_refuses_times_without_zone)
{
    BOOST_CHECK_THROW(PdfDate::fromIso("2026-11-25T14:03:00"), Error);
    BOOST_CHECK_THROW(PdfDate::fromIso("2026-13-25T14:03:00Z"), Error);
    BOOST_CHECK_THROW(PdfDate::fromIso(""), Error);
    BOOST_CHECK_THROW(PdfDate::fromIso("2026-02-30T14:03:00Z"), Error);
    BOOST_CHECK_THROW(PdfDate::fromIso("2026-11-25T25:03:00+01:00"), Error);
    BOOST_CHECK_THROW(PdfDate::fromIso("2026-11-25T14:03:00+0100"), Error);
}

BOOST_AUTO_TEST_CASE(label_text_fills_placeholders)
{
    BOOST_TEST(PageLabeler::labelText("Sida {page} ({pages})", 2, 3) == "Sida 2 (3)");
    BOOST_TEST(PageLabeler::labelText("Page {page} of {pages}", 10, 12) == "Page 10 of 12");
    BOOST_TEST(PageLabeler::labelText("{pages}", 1, 1) == "1");
}

BOOST_AUTO_TEST_CASE(layer_escapes_wording_and_checks_font)
{
    RenderOptions o;
    o.pageLabelFormat = "<b>{page}</b> & co";
    const auto html = PageLabeler::layerXhtml(2, o);
    BOOST_TEST(html.find("&lt;b&gt;1&lt;/b&gt; &amp; co") != std::string::npos);
    BOOST_TEST(html.find("<b>") == std::string::npos);
    o.pageLabel.fontFamily = "x'}body{display:none";
    BOOST_CHECK_THROW(PageLabeler::layerXhtml(1, o), Error);
}

BOOST_AUTO_TEST_CASE(engine_arguments_are_safe)
{
    ConversionRequest request;
    request.noBackground = true;
    const auto args = conversionArguments(request, "/tmp/job", "/tmp/job/in.html", "/tmp/job/out.pdf");
    const auto line = stdinLine(args);
    BOOST_TEST(line.find("--disable-javascript --javascript-delay 0") != std::string::npos);
    BOOST_TEST(line.find("--disable-local-file-access --allow /tmp/job") != std::string::npos);
    BOOST_TEST(line.find("-T 20mm -B 20mm -L 25mm -R 20mm") != std::string::npos);
    BOOST_TEST(line.find("--no-background") != std::string::npos);
    BOOST_TEST(line.find(" -q") == std::string::npos);
    BOOST_TEST(line.find("file:///tmp/job/in.html /tmp/job/out.pdf\n") != std::string::npos);
    request.page.marginLeftMm = 12.5;
    BOOST_TEST(stdinLine(conversionArguments(request, "/j", "/j/i", "/j/o")).find("-L 12.5mm") != std::string::npos);
    request.allowDirs = {"/tmp/with space"};
    BOOST_CHECK_THROW(conversionArguments(request, "/j", "/j/i", "/j/o"), Error);
}

BOOST_AUTO_TEST_SUITE_END()
