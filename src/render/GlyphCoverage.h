#pragma once
/// Which characters the letter's fonts can print: the union of the character sets of every font
/// that kansli's fontconfig file (fonts/fonts.conf) admits — exactly the fonts wkhtmltopdf sees.
///
/// A character none of them has is not printed at all (a name in Han script vanished from the
/// PDF while kansli exited 0). The pipeline asks this before rendering and refuses the case,
/// naming the field, instead of printing a letter that silently lacks part of a name.
/// Immutable after construction; safe to use from many threads.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kansli::render {

/// Characters that print as nothing and need no glyph: controls, the soft hyphen, zero-width
/// spaces and joiners, direction marks and embeddings, word joiner and invisible operators, the
/// byte-order mark and variation selectors.
bool printsAsNothing(char32_t c) noexcept;

class GlyphCoverage {
public:
    /// Loads `fontsConf` with its own fontconfig configuration (the process's global one is
    /// untouched). Throws kansli::Error (config) when it cannot be read or admits no font.
    explicit GlyphCoverage(const std::string& fontsConf);
    ~GlyphCoverage();
    GlyphCoverage(const GlyphCoverage&) = delete;
    GlyphCoverage& operator=(const GlyphCoverage&) = delete;

    struct Missing {
        char32_t codePoint = 0;
        std::size_t position = 0; ///< 1-based, in characters
    };
    /// The first code point of `utf8` that no admitted font has, ignoring characters that print
    /// as nothing (controls, spaces, joiners and direction marks); nullopt when all are covered.
    /// Invalid UTF-8 is not judged (the parser refuses it first).
    std::optional<Missing> firstMissing(std::string_view utf8) const;

    /// How many fonts were admitted (for the start-up log and tests).
    int fontCount() const noexcept { return _fonts; }

private:
    struct Charset;
    std::unique_ptr<Charset> _charset;
    int _fonts = 0;
};

} // namespace kansli::render
