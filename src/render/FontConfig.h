#pragma once
/// The letter fonts' fontconfig configuration (fonts/fonts.conf), loaded on its own (the
/// process's global configuration is untouched), for GlyphCoverage and TextMeasure.

#include <fontconfig/fontconfig.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::render {

struct FontConfigFree {
    void operator()(FcConfig* config) const { FcConfigDestroy(config); }
};
using FontConfig = std::unique_ptr<FcConfig, FontConfigFree>;

/// Parses `fontsConf` and builds its font list. Throws kansli::Error (config) when it cannot.
FontConfig loadFontConfig(const std::string& fontsConf);

/// The code points of `utf8`, up to the first invalid sequence (the parser refuses invalid
/// UTF-8 before text reaches the fonts); `valid` is false when one was met.
struct CodePoints {
    std::vector<char32_t> points;
    bool valid = true;
};
CodePoints codePoints(std::string_view utf8);

} // namespace kansli::render
