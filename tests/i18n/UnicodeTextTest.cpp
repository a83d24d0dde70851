#include <boost/test/unit_test.hpp>

#include "i18n/UnicodeText.h"

#include <string>
#include <vector>

using kansli::i18n::hasLineBreak;
using kansli::i18n::isBlank;
using kansli::i18n::firstRightToLeft;
using kansli::i18n::isRightToLeftOnly;
using kansli::i18n::printable;

namespace {

std::string utf8(char32_t c)
{
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

// Every character that prints as nothing: Unicode White_Space, Default_Ignorable_Code_Point,
// format characters, the byte-order mark, Braille blank.
const std::vector<char32_t> INVISIBLE = {0x20, 0x09, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
    0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060,
    0x2061, 0x2062, 0x2063, 0x2064, 0x206A, 0x206F, 0xFEFF, 0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x180E,
    0x3164, 0xFE00, 0xFE0F, 0xFFA0, 0x202A, 0x202E, 0x2066, 0x2069, 0xE0001, 0x2800, 0x2028, 0x2029, 0x85};

} // namespace

BOOST_AUTO_TEST_SUITE(unicode_text)

// The family behind ../shared/cases/motivation-only-zero-width-space.xml: a value made only of
// invisible characters is blank, alone, repeated and mixed; one visible character makes it not.
BOOST_AUTO_TEST_CASE(invisible_characters_are_blank_alone_repeated_and_mixed)
{
    std::string all;
    for (const char32_t c : INVISIBLE) {
        BOOST_TEST_CONTEXT("U+" << std::hex << static_cast<unsigned>(c))
        {
            BOOST_TEST(isBlank(utf8(c)));
            BOOST_TEST(isBlank(utf8(c) + utf8(c) + utf8(c)));
            for (const std::string& visible : {std::string("a"), utf8(0xE5), utf8(0x4E2D), utf8(0x0627), utf8(0x1F600)}) {
                BOOST_TEST(!isBlank(utf8(c) + visible));
                BOOST_TEST(!isBlank(visible + utf8(c)));
            }
        }
        all += utf8(c);
    }
    BOOST_TEST(isBlank(all));
    BOOST_TEST(isBlank(""));
    BOOST_TEST(!isBlank("."));
    BOOST_TEST(!isBlank("\xFF")); // not UTF-8: not judged blank (the parser refuses it first)
}

// The family behind ../shared/cases/line-separator-in-name.xml.
BOOST_AUTO_TEST_CASE(unicode_line_breaks_are_line_breaks)
{
    for (const char32_t c : {0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029}) {
        BOOST_TEST_CONTEXT("U+" << std::hex << static_cast<unsigned>(c))
        {
            for (const std::string& text : {utf8(c), "Anna" + utf8(c), utf8(c) + "Anna", "An" + utf8(c) + "na"})
                BOOST_TEST(hasLineBreak(text));
        }
    }
    for (const char32_t c : {0x20, 0x09, 0xA0, 0x200B, 0x2027, 0x202A, 0x3000})
        BOOST_TEST(!hasLineBreak("An" + utf8(c) + "na"));
}

// The family behind ../shared/cases/soft-hyphens.xml: invisible hints are dropped wherever they
// stand, and text is printed in NFC, so the PDF's text layer holds the words as written.
BOOST_AUTO_TEST_CASE(printable_text_drops_invisible_hints_and_is_nfc)
{
    const std::string word = "arbetsmarknadspolitiskt";
    for (const char32_t hint : {0x00AD, 0x200B, 0x2060, 0xFEFF}) {
        for (std::size_t at = 0; at <= word.size(); ++at) {
            std::string hinted = word;
            hinted.insert(at, utf8(hint));
            BOOST_TEST(printable(hinted) == word);
        }
        BOOST_TEST(printable(utf8(hint) + utf8(hint)).empty());
    }
    // Decomposed letters become the precomposed ones (å, ä, ö, é, ü; Vietnamese stacked marks).
    BOOST_TEST(printable("A\xCC\x8Angstro\xCC\x88m") == "\xC3\x85ngstr\xC3\xB6m");
    BOOST_TEST(printable("Rene\xCC\x81" "e") == "Ren\xC3\xA9" "e");
    BOOST_TEST(printable("Nguye\xCC\x82\xCC\x83n") == "Nguy\xE1\xBB\x85n");
    // Joiners that shaping needs stay; plain text is untouched.
    BOOST_TEST(printable("a" + utf8(0x200D) + "b") == "a" + utf8(0x200D) + "b");
    BOOST_TEST(printable("a" + utf8(0x200C) + "b") == "a" + utf8(0x200C) + "b");
    BOOST_TEST(printable("Elin Marklund") == "Elin Marklund");
    BOOST_TEST(printable("\xFF") == "\xFF");
}

// The family behind ../shared/cases/mixed-direction-paragraph.xml: where right-to-left text
// starts (letters of bidi class R/AL, or a direction control at any position), and which texts are
// a name wholly in a right-to-left script.
BOOST_AUTO_TEST_CASE(right_to_left_text_is_found_at_its_position)
{
    struct Row {
        std::string text;
        std::size_t position; ///< 0: none
        bool onlyRightToLeft;
    };
    const std::string arabic = utf8(0x0644) + utf8(0x064A) + utf8(0x0644) + utf8(0x0649);
    const std::string hebrew = utf8(0x05E9) + utf8(0x05DC) + utf8(0x05D5) + utf8(0x05DD);
    const std::vector<Row> rows = {
        {"Elin Marklund", 0, false},
        {"\xC3\x85sa \xC3\x96" "berg", 0, false},
        {arabic, 1, true},
        {arabic + " " + arabic, 1, true},
        {hebrew, 1, true},
        {arabic + utf8(0x064E), 1, true},             // a combining vowel mark
        {arabic + utf8(0x200C) + arabic, 1, true},    // zero-width non-joiner
        {"Elin " + arabic, 6, false},
        {arabic + " 2", 1, false},                    // digits are reordered by the engine
        {arabic + utf8(0x0662), 1, false},            // an Arabic-Indic digit
        {arabic + "-" + arabic, 1, false},            // punctuation
        {"Elin" + utf8(0x202E), 5, false},            // right-to-left override
        {utf8(0x2067) + "Elin", 1, false},            // right-to-left isolate
        {"El" + utf8(0x200F) + "in", 3, false},       // right-to-left mark
        {"Syriac " + utf8(0x0710), 8, false},
        {"", 0, false},
        {" ", 0, false},
    };
    for (const Row& row : rows) {
        BOOST_TEST_CONTEXT("row of " << row.text.size() << " bytes, first right-to-left at " << row.position)
        {
            BOOST_TEST(firstRightToLeft(row.text).position == row.position);
            BOOST_TEST(isRightToLeftOnly(row.text) == row.onlyRightToLeft);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
