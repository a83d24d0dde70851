#include <boost/test/unit_test.hpp>

#include "render/GlyphCoverage.h"

#include <string>
#include <vector>

using kansli::render::GlyphCoverage;

namespace {

const GlyphCoverage& fonts()
{
    static const GlyphCoverage shared(std::string(KANSLI_SOURCE_DIR) + "/fonts/fonts.conf");
    return shared;
}

} // namespace

BOOST_AUTO_TEST_SUITE(glyph_coverage)

// Names as they occur in the population register, by script: the pinned fonts print these.
BOOST_AUTO_TEST_CASE(names_the_letter_fonts_print)
{
    BOOST_TEST(fonts().fontCount() >= 4);
    const std::vector<std::string> printable = {
        "Åsa Öström", "Łukasz Wąsowski", "Nguyễn Thị Hồng", "Ağaoğlu Şükrü", "Ævar Þórsson", "Ζωή Παπαδοπούλου",
        "Наталья Иванова", "Đorđe Šćepanović", "Zoë Brontë-Ångström",
        "Anna\xE2\x80\x8B" "Berg", // a zero-width space needs no glyph
    };
    for (const auto& name : printable) {
        BOOST_TEST(!fonts().firstMissing(name).has_value(), "a name the fonts should print was refused");
    }
}

// The handed name-in-han-script.xml is one row of this family: each of these would vanish
// from the PDF, so each is found, with its position.
BOOST_AUTO_TEST_CASE(characters_without_a_glyph_are_found_with_their_position)
{
    struct Row {
        const char* script;
        std::string text;
        std::size_t position;
    };
    const std::vector<Row> rows = {
        {"Han", "\xE7\x8E\x8B\xE8\x8A\xB3", 1},
        {"Han after Latin", "Li \xE7\x8E\x8B", 4},
        {"Hangul", "\xEA\xB9\x80\xEB\xAF\xBC\xEC\xA4\x80", 1},
        {"Ethiopic", "\xE1\x8B\xB3\xE1\x8B\x8A\xE1\x89\xB5", 1},
        {"Devanagari", "\xE0\xA4\xB0\xE0\xA4\xBE\xE0\xA4\xAE", 1},
    };
    for (const auto& row : rows) {
        BOOST_TEST_CONTEXT(row.script)
        {
            const auto missing = fonts().firstMissing(row.text);
            BOOST_REQUIRE(missing.has_value());
            BOOST_TEST(missing->position == row.position);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
