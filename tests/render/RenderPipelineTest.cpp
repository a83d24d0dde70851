// The whole path on the real engine: XHTML -> wkhtmltopdf -> page labels -> PDF/A-2b.
// PDFs are compared by meaning (text per page, fonts, metadata) except in the determinism test.

#include "SharedPool.h"
#include "TestDocuments.h"
#include "core/Error.h"
#include "render/OneShotEngine.h"
#include "render/PdfPreflight.h"

#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>

using namespace kansli;
using namespace kansli::render;
using namespace kansli::render::test;

namespace {

struct RenderedLetter {
    std::string bytes;
    std::string path;
};

const RenderedLetter& letter()
{
    static const RenderedLetter rendered = [] {
        RenderedLetter r;
        r.bytes = sharedPool().render(threePageLetter(), letterOptions());
        r.path = writeTemp(r.bytes, "letter.pdf");
        return r;
    }();
    return rendered;
}

std::string pageText(const std::string& path, int page)
{
    return runCommand("pdftotext -enc UTF-8 -layout -f " + std::to_string(page) + " -l "
                      + std::to_string(page) + " " + path + " -");
}

int pagesOfFile(const std::string& path)
{
    const auto info = runCommand("pdfinfo " + path);
    std::smatch m;
    if (std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")))
        return std::stoi(m[1]);
    return -1;
}

struct Word {
    double xMin, yMin, xMax, yMax;
    std::string text;
};

std::vector<Word> words(const std::string& path, int page)
{
    const auto xml = runCommand("pdftotext -bbox -f " + std::to_string(page) + " -l " + std::to_string(page)
                                + " " + path + " -");
    std::vector<Word> result;
    const std::regex re("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator(); ++it)
        result.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), (*it)[5]});
    return result;
}

} // namespace

BOOST_AUTO_TEST_SUITE(render_pipeline)

BOOST_AUTO_TEST_CASE(three_pages_each_labelled)
{
    BOOST_TEST(pagesOfFile(letter().path) == 3);
    for (int page = 1; page <= 3; ++page) {
        const auto text = pageText(letter().path, page);
        BOOST_TEST_CONTEXT("page " << page)
        {
            BOOST_TEST(text.find("Sida " + std::to_string(page) + " (3)") != std::string::npos);
            for (int other = 1; other <= 3; ++other)
                if (other != page)
                    BOOST_TEST(text.find("Sida " + std::to_string(other) + " (3)") == std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(label_sits_top_right)
{
    // Default style: right edge 20 mm from the right, top 12 mm from the top of A4 (595 x 842 pt).
    const double mm = 72.0 / 25.4;
    for (const auto& w : words(letter().path, 2)) {
        if (w.text == "(3)") {
            BOOST_TEST(std::abs(w.xMax - (595.0 - 20 * mm)) < 4.0);
            BOOST_TEST(std::abs(w.yMin - 12 * mm) < 4.0);
            return;
        }
    }
    BOOST_FAIL("label not found on page 2");
}

BOOST_AUTO_TEST_CASE(body_text_comes_out_at_11pt)
{
    // With body{zoom:1.2727} wkhtmltopdf's ~0.786 shrink is undone. A DejaVu Sans line box is
    // 1.164 em high in pdftotext's bbox; Qt rounds sizes to whole pixels (steps of ~0.58 pt).
    for (const auto& w : words(letter().path, 1)) {
        if (w.text == "Räksmörgås") {
            const double pt = (w.yMax - w.yMin) / 1.164;
            BOOST_TEST(pt > 10.6);
            BOOST_TEST(pt < 11.4);
            return;
        }
    }
    BOOST_FAIL("body word not found");
}

BOOST_AUTO_TEST_CASE(special_characters_survive)
{
    const auto text = pageText(letter().path, 1);
    BOOST_TEST(text.find("Räksmörgås åäö ÅÄÖ § 12") != std::string::npos);
    BOOST_TEST(text.find("\xE2\x80\x93 tankstreck") != std::string::npos); // en dash
    BOOST_TEST(text.find("5 \xE2\x88\x92 3") != std::string::npos);        // minus sign
    BOOST_TEST(text.find("\xE2\x88\x92" "1 200 kr") != std::string::npos); // in the table
    BOOST_TEST(pageText(letter().path, 3).find("\xE2\x80\x93 och \xE2\x88\x92") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(all_fonts_embedded)
{
    const auto fonts = runCommand("pdffonts " + letter().path);
    std::istringstream lines(fonts);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty())
            continue;
        ++rows;
        // columns: name type encoding emb sub uni object ID; "emb" is the 4th from the end
        std::istringstream cols(line);
        std::vector<std::string> c;
        for (std::string s; cols >> s;)
            c.push_back(s);
        BOOST_REQUIRE(c.size() >= 7);
        BOOST_TEST_CONTEXT(line) { BOOST_TEST(c[c.size() - 5] == "yes"); }
    }
    BOOST_TEST(rows >= 2); // the letter's font and the label layer's
}

BOOST_AUTO_TEST_CASE(preflight_and_qpdf_check_pass)
{
    const auto problems = PdfPreflight::check(letter().bytes);
    for (const auto& p : problems)
        BOOST_TEST_MESSAGE("preflight: " << p);
    BOOST_TEST(problems.empty());
    int rc = -1;
    const auto out = runCommand("qpdf --check " + letter().path + " 2>&1", &rc);
    BOOST_TEST(rc == 0);
    BOOST_TEST(out.find("No syntax or stream encoding errors") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(metadata_as_given)
{
    const auto info = runCommand("pdfinfo -isodates " + letter().path);
    BOOST_TEST(info.find("Title:           Beslut om ersättning") != std::string::npos);
    BOOST_TEST(info.find("Author:          Testmyndigheten") != std::string::npos);
    BOOST_TEST(info.find("CreationDate:    2026-11-25T14:03:00+01") != std::string::npos);
    BOOST_TEST(info.find("Metadata Stream: yes") != std::string::npos);
    const auto xmp = runCommand("pdfinfo -meta " + letter().path);
    BOOST_TEST(xmp.find("<pdfaid:part>2</pdfaid:part>") != std::string::npos);
    BOOST_TEST(xmp.find("<kansli:templateVersion>1.0.0</kansli:templateVersion>") != std::string::npos);
    BOOST_TEST(xmp.find("<kansli:inputSha256>ba7816bf") != std::string::npos);
    BOOST_TEST(xmp.find("<rdf:li>sv-SE</rdf:li>") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(same_input_same_bytes)
{
    const auto again = sharedPool().render(threePageLetter(), letterOptions());
    BOOST_TEST((again == letter().bytes));
    auto later = letterOptions();
    later.generatedAt = "2026-11-25T14:04:00+01:00";
    BOOST_TEST((sharedPool().render(threePageLetter(), later) != letter().bytes));
}

BOOST_AUTO_TEST_CASE(preflight_finds_what_the_bare_engine_lacks)
{
    ConversionRequest request;
    request.xhtml = threePageLetter();
    const auto raw = sharedPool().convert(request);
    const auto problems = PdfPreflight::check(raw);
    auto has = [&](const std::string& what) {
        for (const auto& p : problems)
            if (p.find(what) != std::string::npos)
                return true;
        return false;
    };
    BOOST_TEST(has("no XMP metadata"));
    BOOST_TEST(has("OutputIntent"));
    BOOST_TEST(has("/ID"));
    BOOST_TEST(!has("not embedded"));
    BOOST_TEST(!has("text layer"));
    BOOST_TEST(PdfPreflight::check("not a pdf").size() == 1);
}

BOOST_AUTO_TEST_CASE(without_labels_or_pdfa)
{
    auto options = letterOptions();
    options.pageLabelFormat.clear();
    options.pdfa = false;
    const auto pdf = sharedPool().render(threePageLetter(), options);
    const auto path = writeTemp(pdf, "plain.pdf");
    BOOST_TEST(pagesOfFile(path) == 3);
    BOOST_TEST(pageText(path, 1).find("Sida") == std::string::npos);
    BOOST_TEST(runCommand("pdfinfo " + path).find("Title:           Beslut om ersättning") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(cold_path_gives_the_same_letter)
{
    const auto cold = renderOnce(threePageLetter(), letterOptions());
    BOOST_TEST((cold == letter().bytes));
}

BOOST_AUTO_TEST_CASE(missing_generation_time_is_refused)
{
    auto options = letterOptions();
    options.generatedAt.clear();
    try {
        sharedPool().render(threePageLetter(), options);
        BOOST_FAIL("expected an error");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::Usage));
    }
}

BOOST_AUTO_TEST_SUITE_END()
