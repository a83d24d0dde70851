// TextMeasure against the real engine: the widths and line counts it predicts before rendering
// are compared with where wkhtmltopdf put the words (pdftotext -bbox), in the letter's own fonts
// (fonts/fonts.conf) and with the letter's CSS (zoom, word-wrap). The window and letterhead
// checks rest on this agreement: a prediction below the engine would let a box clip.

#include "TestDocuments.h"
#include "render/TextMeasure.h"
#include "render/WorkerPool.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <regex>
#include <string>
#include <vector>

using namespace kansli::render;
using namespace kansli::render::test;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;
constexpr double MM_PER_PT = 25.4 / 72.0;

const TextMeasure& measure()
{
    static const TextMeasure shared(SOURCE + "/fonts/fonts.conf");
    return shared;
}

/// A pool whose workers see only the letter fonts, as the service's do.
WorkerPool& letterFontPool()
{
    static WorkerPool pool([] {
        ::setenv("FONTCONFIG_FILE", (SOURCE + "/fonts/fonts.conf").c_str(), 1);
        WorkerPoolConfig config;
        config.workers = 1;
        return config;
    }());
    return pool;
}

struct Word {
    double xMin, yMin, xMax, yMax;
};

std::vector<std::vector<Word>> linesOfPages(const std::string& pdf, int pages)
{
    std::vector<std::vector<Word>> out;
    const std::string path = writeTemp(pdf, "measure.pdf");
    const std::regex re("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">");
    for (int page = 1; page <= pages; ++page) {
        const std::string xml = runCommand("pdftotext -bbox -f " + std::to_string(page) + " -l " + std::to_string(page)
                                           + " " + path + " -");
        std::vector<Word> words;
        for (auto it = std::sregex_iterator(xml.begin(), xml.end(), re); it != std::sregex_iterator(); ++it) {
            words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])});
        }
        out.push_back(words);
    }
    return out;
}

/// Distinct baselines (words whose tops lie within 1 pt are one line), ignoring the page label.
int lineCount(const std::vector<Word>& words)
{
    std::vector<double> tops;
    for (const Word& w : words) {
        if (w.yMin < 45.0) {
            continue; // the page label at 12 mm (34 pt); the body starts at 20 mm (57 pt)
        }
        if (std::none_of(tops.begin(), tops.end(), [&](double t) { return std::fabs(t - w.yMin) < 1.0; })) {
            tops.push_back(w.yMin);
        }
    }
    return static_cast<int>(tops.size());
}

double lineWidthMm(const std::vector<Word>& words)
{
    double left = 1e9;
    double right = 0.0;
    for (const Word& w : words) {
        if (w.yMin < 45.0) {
            continue;
        }
        left = std::min(left, w.xMin);
        right = std::max(right, w.xMax);
    }
    return (right - left) * MM_PER_PT;
}

std::string escape(const std::string& text)
{
    std::string out;
    for (char c : text) {
        out += c == '<' ? std::string("&lt;") : c == '&' ? std::string("&amp;") : std::string(1, c);
    }
    return out;
}

/// One page per sample, the letter's body rules (xsl/layout.xsl).
std::string pages(const std::vector<std::string>& bodies, const std::string& css)
{
    std::string html = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv\"><head>"
                       "<meta charset=\"utf-8\"/><title>m</title><style>"
                       "body{zoom:1.2727;margin:0;padding:0;font-family:\"Liberation Sans\",\"DejaVu Sans\",sans-serif;"
                       "font-size:11pt;line-height:1.35;word-wrap:break-word}p{margin:0;word-wrap:break-word}"
                       ".page{page-break-after:always}"
                       + css + "</style></head><body>";
    for (const std::string& body : bodies) {
        html += "<div class=\"page\">" + body + "</div>";
    }
    return html + "</body></html>";
}

RenderOptions plain()
{
    RenderOptions options = letterOptions();
    options.pageLabelFormat.clear();
    return options;
}

struct Sample {
    std::string text;
    TextStyle style;
};

std::vector<Sample> samples()
{
    const std::vector<std::string> texts = {
        "Solrosvägen 12 lgh 1103",
        "c/o Stiftelsen Stockholms Stadsmission",
        "164 40  Kista",
        "Åsa Öberg-Ängström",
        "WWWWWWWWWWWWWWWWWWWW",
        "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
        "Ηλίας Παπαδόπουλος",
        "Наталья Иванова",
        "Nguyễn Thị Minh Khai",
        "Łukasz Żółkiewski-Wąsowicz",
        "0123456789 0123456789",
        "Arbetsmarknadsnämnden",
        "JT-VALLINGBY-2026-0291",
        "\xE7\x8E\x8B\xE7\xA7\x80\xE8\x8B\xB1 Elin",                         // Han (WenQuanYi Micro Hei)
        "\xE1\x88\xB0\xE1\x88\x8B\xE1\x88\x9B\xE1\x8B\x8A\xE1\x89\xB5 Marklund", // Ethiopic (Noto Sans Ethiopic)
    };
    std::vector<Sample> out;
    for (const std::string& t : texts) {
        out.push_back({t, TextStyle{11.0, false}});
        out.push_back({t, TextStyle{12.0, true}});
        out.push_back({t, TextStyle{9.0, false}});
    }
    return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(text_measure)

BOOST_AUTO_TEST_CASE(a_line_is_never_measured_narrower_than_the_engine_sets_it)
{
    const std::vector<Sample> all = samples();
    std::vector<std::string> bodies;
    for (const Sample& s : all) {
        bodies.push_back("<p style=\"white-space:nowrap;font-size:" + std::to_string(s.style.sizePt) + "pt;font-weight:"
                         + (s.style.bold ? "bold" : "normal") + "\">" + escape(s.text) + "</p>");
    }
    const std::string pdf = letterFontPool().render(pages(bodies, ""), plain());
    const auto lines = linesOfPages(pdf, static_cast<int>(bodies.size()));
    double worst = 0.0;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const double engine = lineWidthMm(lines[i]);
        const double predicted = measure().widthMm(all[i].text, all[i].style);
        BOOST_TEST_CONTEXT("sample " << i << " at " << all[i].style.sizePt << " pt" << (all[i].style.bold ? " bold" : ""))
        {
            BOOST_TEST_MESSAGE("sample " << i << ": engine " << engine << " mm, predicted " << predicted << " mm");
            // Within 1 % below the engine (0.2 mm for pdftotext's rounding of glyph boxes): the
            // box checks keep a 2 % margin of the column...
            BOOST_TEST(predicted >= engine * 0.99 - 0.2);
            // ...and not so much wider that a fitting line would be refused (3 %).
            BOOST_TEST(predicted <= engine * 1.03 + 0.2);
        }
        worst = std::max(worst, std::fabs(predicted - engine) / std::max(engine, 1.0));
    }
    BOOST_TEST_MESSAGE("largest relative difference: " << worst);
}

// The envelope window's column (xsl/layout.xsl .window: 84 mm, 11 pt) and the letterhead's
// (.sender: 92 mm): the predicted line count is never below the engine's, and equal for lines
// the engine does not break after a hyphen.
BOOST_AUTO_TEST_CASE(a_paragraph_never_takes_more_lines_than_predicted)
{
    const std::vector<std::string> words = {"c/o", "Stiftelsen", "Stockholms", "Stadsmissions", "boende", "för",
        "unga", "vuxna,", "avdelning", "Norra", "Järva,", "uppgång", "B,", "våning", "11,", "lägenhet", "1103",
        "Ηλίας", "Наталья", "Nguyễn", "Żółkiewski", "Wąsowicz", "WWW", "iii"};
    struct Case {
        std::string text;
        TextStyle style;
        double columnMm;
    };
    std::vector<Case> cases;
    for (std::size_t length = 8; length <= 320; length = length * 3 / 2 + 5) {
        for (std::size_t offset : {0u, 7u, 13u}) {
            std::string text;
            for (std::size_t i = 0; text.size() < length; ++i) {
                text += (text.empty() ? "" : " ") + words[(i * 5 + offset) % words.size()];
            }
            cases.push_back({text, TextStyle{11.0, false}, 84.0});
            cases.push_back({text, TextStyle{12.0, true}, 92.0});
        }
    }
    // Tokens longer than the column, alone and between words (broken between characters).
    for (std::size_t length : {40u, 99u, 250u}) {
        cases.push_back({std::string(length, 'x'), TextStyle{11.0, false}, 84.0});
        cases.push_back({"Box " + std::string(length, 'M') + " Kista", TextStyle{11.0, false}, 84.0});
    }
    std::vector<std::string> bodies;
    for (const Case& c : cases) {
        char width[32];
        std::snprintf(width, sizeof width, "%.1fmm", c.columnMm);
        bodies.push_back(std::string("<div style=\"width:") + width + ";line-height:1.3;font-size:"
                         + std::to_string(c.style.sizePt) + "pt;font-weight:" + (c.style.bold ? "bold" : "normal")
                         + "\"><p>" + escape(c.text) + "</p></div>");
    }
    const std::string pdf = letterFontPool().render(pages(bodies, ""), plain());
    const auto lines = linesOfPages(pdf, static_cast<int>(bodies.size()));
    int equal = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const int engine = lineCount(lines[i]);
        // The box checks measure against 98 % of the column (TextMeasure.h).
        const int predicted = measure().lines(cases[i].text, cases[i].style, cases[i].columnMm * 0.98);
        BOOST_TEST_CONTEXT("case " << i << ": " << cases[i].text.size() << " bytes in " << cases[i].columnMm << " mm")
        {
            BOOST_TEST(predicted >= engine);
            BOOST_TEST(predicted <= engine + 1);
        }
        equal += predicted == engine ? 1 : 0;
    }
    BOOST_TEST_MESSAGE(equal << " of " << cases.size() << " line counts predicted exactly");
}

// The long-word check (pipeline/LongWords.h) agrees with the width of the word set alone, for
// words of several scripts and lengths, short ones (not measured: too few characters to reach
// the limit) included; a space splits a word, a no-break space does not.
BOOST_AUTO_TEST_CASE(a_word_is_wider_than_a_limit_exactly_when_its_width_says_so)
{
    const TextStyle style{17.0, true};
    const std::vector<std::string> units = {"W", "i", "Kista_unga_", "0", "\xD0\x96", "\xE7\x8E\x8B", "\xD8\xB4", "\xE1\x88\xB0"};
    for (const auto& unit : units) {
        for (const std::size_t count : {std::size_t{1}, std::size_t{3}, std::size_t{12}, std::size_t{40}}) {
            std::string word;
            for (std::size_t i = 0; i < count; ++i) {
                word += unit;
            }
            BOOST_TEST_CONTEXT(unit.size() << "-byte unit x " << count)
            {
                const double width = measure().widthMm(word, style);
                BOOST_TEST(measure().hasWordWiderThan(" " + word + "\n", style, width - 0.01));
                BOOST_TEST(!measure().hasWordWiderThan(" " + word + "\n", style, width + 0.01));
                BOOST_TEST(!measure().hasWordWiderThan(word + " " + word, style, width + 0.01));
                BOOST_TEST(measure().hasWordWiderThan(word + "\xC2\xA0" + word, style, width + 0.01));
            }
        }
    }
    BOOST_TEST(!measure().hasWordWiderThan("", style, 0.0));
    BOOST_TEST(!measure().hasWordWiderThan(" \t\n", style, 0.0));
}

BOOST_AUTO_TEST_SUITE_END()
