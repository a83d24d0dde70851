#pragma once
/// How wide a line of text is on paper, and how many lines it takes in a column, in the letter's
/// own fonts — the fonts kansli's fontconfig file (fonts/fonts.conf) admits, which are exactly the
/// fonts wkhtmltopdf sees. Used before rendering to know whether a fixed box (the envelope window,
/// the letterhead) can hold what the case file puts in it, so that a box is never clipped.
///
/// Widths follow how the engine sets text (measured in tests/render/TextMeasureTest.cpp): the
/// fonts' advance widths (FreeType, design units, no kerning) rounded to whole pixels at the
/// engine's whole-pixel font size, scaled onto the page. Measured agreement with the engine over
/// Latin, Greek, Cyrillic and Vietnamese lines at 9, 11 and 12 pt: within 1 %; callers that must
/// never overflow keep a margin of 2 % of the column.
/// Each character is measured in the first admitted font that has it, in fontconfig's order for
/// the style — the fallback wkhtmltopdf makes.
///
/// Thread-safe: one mutex guards the FreeType faces (measurements are a few lines per letter).

#include <memory>
#include <string>
#include <string_view>

namespace kansli::render {

/// A run of text as the CSS of xsl/layout.xsl sets it.
struct TextStyle {
    double sizePt = 11.0; ///< font size in points (1 pt = 1/72 inch)
    bool bold = false;
};

class TextMeasure {
public:
    /// Loads `fontsConf` with its own fontconfig configuration (the process's global one is
    /// untouched) and opens the admitted fonts with FreeType. Throws kansli::Error (config) when
    /// the configuration cannot be read or admits no font for a style.
    explicit TextMeasure(const std::string& fontsConf);
    ~TextMeasure();
    TextMeasure(const TextMeasure&) = delete;
    TextMeasure& operator=(const TextMeasure&) = delete;

    /// The width of `utf8` set on one line, in millimetres. Characters that print as nothing
    /// (controls, joiners, direction marks) count zero; a character no font has counts as the
    /// widest glyph of the style's first font (it is refused elsewhere: font.no-glyph).
    double widthMm(std::string_view utf8, TextStyle style) const;

    /// How many lines `utf8` takes in a column `columnMm` wide, wrapped as the engine wraps with
    /// `word-wrap: break-word`: at spaces, and a word wider than the column broken between
    /// characters. Breaks only at spaces, so the count is never below the engine's (the engine
    /// may also break after a hyphen). Empty or blank text takes one line.
    int lines(std::string_view utf8, TextStyle style, double columnMm) const;

    /// True when a word of `utf8` is wider than `limitMm` set on one line: a word is what lies
    /// between spaces, tabs and line breaks (a no-break space joins two words into one), never
    /// narrower than the engine's widest unbreakable run, which may also end after a hyphen.
    /// Words too short to reach the limit at the widest glyph of the style's fonts are not
    /// measured (most words of a letter).
    bool hasWordWiderThan(std::string_view utf8, TextStyle style, double limitMm) const;

private:
    struct Faces;
    std::unique_ptr<Faces> _faces;
};

} // namespace kansli::render
