// LongWords without the engine: which blocks of a composed letter are set to break words inside
// (pipeline/LongWords.h). The limit is found for each script by measuring, so that each row puts
// a word just short of it and just past it; the engine-backed family (such words never shrink
// the letter nor leave the text area) is in tests/e2e/CliTest.cpp.

#include "pipeline/ComposedLetter.h"
#include "pipeline/LongWords.h"
#include "render/TextMeasure.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using namespace kansli::pipeline;
using kansli::render::TextMeasure;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;

const TextMeasure& measure()
{
    static const TextMeasure shared(SOURCE + "/fonts/fonts.conf");
    return shared;
}

std::string letter(const std::string& body)
{
    return "<!DOCTYPE html SYSTEM \"about:legacy-compat\"><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv\">"
           "<head><title>Beslut</title><style>p{margin:0}</style></head><body>"
           + body + "</body></html>";
}

std::string repeat(const std::string& unit, std::size_t times)
{
    std::string out;
    for (std::size_t i = 0; i < times; ++i) {
        out += unit;
    }
    return out;
}

/// The fewest repetitions of `unit` that make a word wider than the limit.
std::size_t firstTooLong(const std::string& unit)
{
    std::size_t n = 1;
    while (!measure().hasWordWiderThan(repeat(unit, n), LONG_WORD_STYLE, LONG_WORD_LIMIT_MM)) {
        ++n;
    }
    return n;
}

/// The letter marked, written back.
std::string marked(const std::string& body, int* count = nullptr)
{
    XmlDocPtr doc = readComposedLetter(letter(body));
    const int n = markLongWords(doc.get(), measure());
    if (count != nullptr) {
        *count = n;
    }
    return writeComposedLetter(doc.get());
}

bool hasMarkedBlock(const std::string& xhtml, const std::string& openTag)
{
    return xhtml.find(openTag) != std::string::npos;
}

} // namespace

BOOST_AUTO_TEST_SUITE(LongWordsTest)

// For each script: a word one character short of the limit leaves its block as it is, one
// character more marks it, wherever in the block the word stands and in whichever block.
BOOST_AUTO_TEST_CASE(a_word_past_the_limit_marks_its_block_and_one_short_of_it_does_not)
{
    const struct {
        const char* script;
        std::string unit;
    } scripts[] = {
        {"Latin", "W"},
        {"Latin, narrow", "i"},
        {"a file name", "Kista_unga_bilaga_"},
        {"digits", "0"},
        {"Cyrillic", "\xD0\x96"},
        {"Greek", "\xCE\xA9"},
        {"Han", "\xE7\x8E\x8B"},
        {"Arabic", "\xD8\xB4"},
    };
    const struct {
        const char* where;
        std::string before, after; ///< around the word
        std::string tag;           ///< the block that must be marked
    } positions[] = {
        {"alone in a paragraph", "<p>", "</p>", "<p class=\"k-long-word\">"},
        {"first in a paragraph", "<p>", " och sedan text.</p>", "<p class=\"k-long-word\">"},
        {"last in a paragraph", "<p>Se bilagan ", "</p>", "<p class=\"k-long-word\">"},
        {"in bold text", "<p>Se <strong>", "</strong> nu.</p>", "<p class=\"k-long-word\">"},
        {"in a list item", "<ul><li>Punkt ", "</li></ul>", "<li class=\"k-long-word\">"},
        {"in a heading", "<h2>", "</h2>", "<h2 class=\"k-long-word\">"},
        {"in a box", "<div class=\"box easy\"><p>", "</p></div>", "<p class=\"k-long-word\">"},
        {"in a cell", "<table><tbody><tr><td>", "</td></tr></tbody></table>", "<td class=\"k-long-word\">"},
    };
    for (const auto& script : scripts) {
        const std::size_t n = firstTooLong(script.unit);
        for (const auto& at : positions) {
            BOOST_TEST_CONTEXT(script.script << ", " << at.where << ", " << n << " units")
            {
                int count = -1;
                const std::string fits = marked(at.before + repeat(script.unit, n - 1) + at.after, &count);
                BOOST_TEST(count == 0);
                BOOST_TEST(fits.find("k-long-word") == std::string::npos);
                const std::string tooLong = marked(at.before + repeat(script.unit, n) + at.after, &count);
                BOOST_TEST(count == 1);
                BOOST_TEST(hasMarkedBlock(tooLong, at.tag), tooLong);
            }
        }
    }
}

// A word is what the engine cannot break: inline elements and a nobr span's spaces join, a line
// break and a block of its own split.
BOOST_AUTO_TEST_CASE(words_are_joined_across_inline_elements_and_split_at_breaks)
{
    const std::size_t n = firstTooLong("W");
    const std::string half = repeat("W", n / 2 + 1); // two halves make a word past the limit
    const struct {
        const char* what;
        std::string body;
        int marked;
    } rows[] = {
        {"two inline elements", "<p><em>" + half + "</em><strong>" + half + "</strong></p>", 1},
        {"an inline element in a word", "<p>" + half + "<span class=\"x\">" + half + "</span> slut</p>", 1},
        {"an unknown element counts as inline", "<p>" + half + "<bdi>" + half + "</bdi></p>", 1},
        {"a nobr span's space", "<p><span class=\"nobr\">" + half + " " + half + "</span></p>", 1},
        {"a nobr span's tab and line break", "<p><span class=\"nobr\">" + half + "\t\n" + half + "</span></p>", 1},
        {"a no-break space", "<p>" + half + "\xC2\xA0" + half + "</p>", 1},
        {"a space", "<p>" + half + " " + half + "</p>", 0},
        {"a line break element", "<p>" + half + "<br/>" + half + "</p>", 0},
        {"a block between", "<div>" + half + "<p>kort</p>" + half + "</div>", 0},
        {"a block's own text and its child's", "<div>" + half + "<p>" + half + "</p></div>", 0},
        {"a style element's text is not set", "<p>kort</p><style>" + repeat("W", n * 2) + "</style>", 0},
    };
    for (const auto& row : rows) {
        BOOST_TEST_CONTEXT(row.what)
        {
            int count = -1;
            marked(row.body, &count);
            BOOST_TEST(count == row.marked);
        }
    }
}

// The nearest block is marked, not its ancestors; a class it has is kept.
BOOST_AUTO_TEST_CASE(the_nearest_block_is_marked_and_keeps_its_classes)
{
    const std::string word = repeat("W", firstTooLong("W"));
    int count = -1;
    const std::string out = marked("<div class=\"keep\"><h4>Motivering</h4><p class=\"outcome\">Se " + word + "</p></div>", &count);
    BOOST_TEST(count == 1);
    BOOST_TEST(hasMarkedBlock(out, "<p class=\"outcome k-long-word\">"), out);
    BOOST_TEST(hasMarkedBlock(out, "<div class=\"keep\">"), out);
    BOOST_TEST(hasMarkedBlock(out, "<h4>Motivering</h4>"), out);
}

// A letter without a long word is left as it is: nothing marked, the same text written back.
BOOST_AUTO_TEST_CASE(a_letter_without_long_words_is_unchanged)
{
    const std::string body = "<div class=\"letterhead\"><p>Arbetsmarknadsnämnden</p></div><h1>Beslut om "
                             "särskilt individanpassad stödinsats</h1><p>Arbetsmarknadsförvaltningen, "
                             "<span class=\"nobr\">08-508 11 201</span>.</p><ul><li>Kriterium</li></ul>";
    XmlDocPtr doc = readComposedLetter(letter(body));
    const std::string before = writeComposedLetter(doc.get());
    BOOST_TEST(markLongWords(doc.get(), measure()) == 0);
    BOOST_TEST(writeComposedLetter(doc.get()) == before);
}

BOOST_AUTO_TEST_SUITE_END()
