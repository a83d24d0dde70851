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
        // Script fonts from Debian (fonts-noto-core, fonts-wqy-microhei): names in Han, Hangul,
        // kana, Ethiopic, Georgian and Armenian print (the handed name-in-han-script.xml).
        "\xE7\x8E\x8B\xE7\xA7\x80\xE8\x8B\xB1", "\xEA\xB9\x80\xEB\xAF\xBC\xEC\xA4\x80",
        "\xE3\x81\x95\xE3\x81\x8F\xE3\x82\x89", "\xE1\x88\xB0\xE1\x88\x8B\xE1\x88\x9B\xE1\x8B\x8A\xE1\x89\xB5",
        "\xE1\x83\x9C\xE1\x83\x98\xE1\x83\x9C\xE1\x83\x9D", "\xD4\xB1\xD5\xB6\xD5\xA1\xD5\xB0\xD5\xAB\xD5\xBF",
    };
    for (const auto& name : printable) {
        BOOST_TEST(!fonts().firstMissing(name).has_value(), "a name the fonts should print was refused");
    }
}

// Each of these would vanish from the PDF, so each is found, with its position.
BOOST_AUTO_TEST_CASE(characters_without_a_glyph_are_found_with_their_position)
{
    struct Row {
        const char* script;
        std::string text;
        std::size_t position;
    };
    const std::vector<Row> rows = {
        // Scripts that need shaping kansli has not verified in this engine stay refused.
        {"Devanagari", "\xE0\xA4\xB0\xE0\xA4\xBE\xE0\xA4\xAE", 1},
        {"Thai after Latin", "Li \xE0\xB8\xAA\xE0\xB8\xA1", 4},
        {"Tamil after Han", "\xE7\x8E\x8B \xE0\xAE\xA4", 3},
        {"private use", "Anna \xEE\x80\x80", 6},
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
