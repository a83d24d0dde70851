#include "render/TextMeasure.h"

#include "core/Error.h"
#include "render/FontConfig.h"
#include "render/GlyphCoverage.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cmath>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace kansli::render {

namespace {

/// How wkhtmltopdf (Debian's build, unpatched Qt) sets text, measured against pdftotext -bbox
/// (tests/render/TextMeasureTest.cpp): the CSS size is zoomed by the letters' body zoom (1.2727,
/// which cancels the engine's shrinking, RENDERING.md) into pixels at 96 per inch and rounded to
/// whole pixels (11 pt -> 19 px, 12 pt -> 20 px, 9 pt -> 15 px); each glyph's advance is rounded to
/// whole pixels at that size; the line is then scaled onto the page, where a pixel comes out
/// 0.9782 of its nominal 25.4/96/zoom mm (0.2034 mm).
constexpr double CSS_ZOOM = 1.2727;
constexpr double PX_PER_PT = 96.0 / 72.0;
constexpr double MM_PER_PX = 25.4 / 96.0 / CSS_ZOOM * 0.9782;

/// One admitted font file, opened once.
struct Face {
    FT_Face face = nullptr;
    double unitsPerEm = 1000.0;
    bool bold = false; ///< the face itself is bold (else the engine emboldens it when bold is asked)
};

/// A glyph's advance: in em, and whether the engine emboldens it (one pixel wider, measured).
struct Advance {
    double em = 0.0;
    bool synthetic = false;
};

/// The fonts of one style in fontconfig's fallback order, and the advances measured so far
/// (in em, so that one table serves every size).
struct Style {
    std::vector<Face> faces;
    bool wantsBold = false;
    std::unordered_map<char32_t, Advance> advances;
    double widestEm = 1.0;    ///< the first font's widest glyph (a character no font has)
    double widestAnyEm = 1.0; ///< the widest glyph of any of the fonts
};

bool breaksLine(char32_t c)
{
    return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r';
}

} // namespace

struct TextMeasure::Faces {
    FT_Library library = nullptr;
    Style regular;
    Style bold;
    std::mutex mutex;

    ~Faces()
    {
        for (Style* style : {&regular, &bold}) {
            for (Face& f : style->faces) {
                FT_Done_Face(f.face);
            }
        }
        if (library != nullptr) {
            FT_Done_FreeType(library);
        }
    }

    /// The letters' font stack for one weight, in fontconfig's order (as wkhtmltopdf asks).
    void open(FcConfig* config, int weight, Style& style, const std::string& fontsConf)
    {
        FcPattern* pattern = FcPatternCreate();
        FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("Liberation Sans"));
        FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>("DejaVu Sans"));
        FcPatternAddInteger(pattern, FC_WEIGHT, weight);
        FcPatternAddInteger(pattern, FC_SLANT, FC_SLANT_ROMAN);
        FcConfigSubstitute(config, pattern, FcMatchPattern);
        FcDefaultSubstitute(pattern);
        FcResult result = FcResultNoMatch;
        FcFontSet* sorted = FcFontSort(config, pattern, FcFalse, nullptr, &result);
        if (sorted != nullptr) {
            for (int i = 0; i < sorted->nfont; ++i) {
                FcChar8* file = nullptr;
                int index = 0;
                if (FcPatternGetString(sorted->fonts[i], FC_FILE, 0, &file) != FcResultMatch) {
                    continue;
                }
                FcPatternGetInteger(sorted->fonts[i], FC_INDEX, 0, &index);
                Face f;
                if (FT_New_Face(library, reinterpret_cast<const char*>(file), index, &f.face) == 0) {
                    f.unitsPerEm = f.face->units_per_EM > 0 ? f.face->units_per_EM : 1000.0;
                    f.bold = (f.face->style_flags & FT_STYLE_FLAG_BOLD) != 0;
                    style.faces.push_back(f);
                }
            }
            FcFontSetDestroy(sorted);
        }
        FcPatternDestroy(pattern);
        if (style.faces.empty()) {
            throw Error(ErrorCode::Config, "the font configuration admits no font for the letters (are the font packages installed?)",
                        "fontconfig: " + fontsConf);
        }
        style.wantsBold = weight >= FC_WEIGHT_BOLD;
        const Face& first = style.faces.front();
        style.widestEm = static_cast<double>(first.face->max_advance_width) / first.unitsPerEm;
        style.widestAnyEm = style.widestEm;
        for (const Face& f : style.faces) {
            style.widestAnyEm = std::max(style.widestAnyEm, static_cast<double>(f.face->max_advance_width) / f.unitsPerEm);
        }
    }

    Advance advance(Style& style, char32_t c)
    {
        if (printsAsNothing(c)) {
            return {};
        }
        if (const auto known = style.advances.find(c); known != style.advances.end()) {
            return known->second;
        }
        Advance a{style.widestEm, false};
        for (const Face& f : style.faces) {
            const FT_UInt glyph = FT_Get_Char_Index(f.face, c);
            if (glyph == 0) {
                continue;
            }
            if (FT_Load_Glyph(f.face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0) {
                a.em = static_cast<double>(f.face->glyph->metrics.horiAdvance) / f.unitsPerEm;
                a.synthetic = style.wantsBold && !f.bold;
            }
            break;
        }
        style.advances.emplace(c, a);
        return a;
    }

    /// A glyph's advance in whole pixels at `px`, as the engine sets it.
    double advancePx(Style& style, char32_t c, double px)
    {
        const Advance a = advance(style, c);
        if (a.em == 0.0) {
            return 0.0;
        }
        return std::round(a.em * px) + (a.synthetic ? 1.0 : 0.0);
    }
};

TextMeasure::TextMeasure(const std::string& fontsConf)
    : _faces(std::make_unique<Faces>())
{
    if (FT_Init_FreeType(&_faces->library) != 0) {
        throw Error(ErrorCode::Config, "the font engine could not be started", "FT_Init_FreeType failed");
    }
    const FontConfig config = loadFontConfig(fontsConf);
    _faces->open(config.get(), FC_WEIGHT_REGULAR, _faces->regular, fontsConf);
    _faces->open(config.get(), FC_WEIGHT_BOLD, _faces->bold, fontsConf);
}

TextMeasure::~TextMeasure() = default;

double TextMeasure::widthMm(std::string_view utf8, TextStyle style) const
{
    const std::lock_guard<std::mutex> lock(_faces->mutex);
    Style& faces = style.bold ? _faces->bold : _faces->regular;
    const double px = std::round(style.sizePt * PX_PER_PT * CSS_ZOOM);
    // White space collapses to one space between words and none at the ends, as HTML sets it.
    double width = 0.0;
    bool pendingSpace = false;
    bool started = false;
    for (char32_t c : codePoints(utf8).points) {
        if (breaksLine(c)) {
            pendingSpace = started;
            continue;
        }
        if (pendingSpace) {
            width += _faces->advancePx(faces, U' ', px);
            pendingSpace = false;
        }
        width += _faces->advancePx(faces, c, px);
        started = true;
    }
    return width * MM_PER_PX;
}

int TextMeasure::lines(std::string_view utf8, TextStyle style, double columnMm) const
{
    const std::lock_guard<std::mutex> lock(_faces->mutex);
    Style& faces = style.bold ? _faces->bold : _faces->regular;
    const double px = std::round(style.sizePt * PX_PER_PT * CSS_ZOOM);
    auto advanceMm = [&](char32_t c) { return _faces->advancePx(faces, c, px) * MM_PER_PX; };
    const double space = advanceMm(U' ');

    // Words as the engine sees them: runs between collapsed white space.
    std::vector<double> words;
    std::vector<std::vector<double>> letters;
    bool inWord = false;
    for (char32_t c : codePoints(utf8).points) {
        if (breaksLine(c)) {
            inWord = false;
            continue;
        }
        if (!inWord) {
            words.push_back(0.0);
            letters.emplace_back();
            inWord = true;
        }
        const double w = advanceMm(c);
        words.back() += w;
        letters.back().push_back(w);
    }

    int count = 1;
    double line = 0.0; // width of the current line; 0 = empty
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (line > 0.0 && line + space + words[i] <= columnMm) {
            line += space + words[i];
            continue;
        }
        if (line > 0.0) {
            ++count; // the word starts a new line
            line = 0.0;
        }
        if (words[i] <= columnMm) {
            line = words[i];
            continue;
        }
        // word-wrap: break-word — a word wider than the column is broken between characters.
        for (double w : letters[i]) {
            if (line > 0.0 && line + w > columnMm) {
                ++count;
                line = 0.0;
            }
            line += w;
        }
    }
    return count;
}

bool TextMeasure::hasWordWiderThan(std::string_view utf8, TextStyle style, double limitMm) const
{
    const std::lock_guard<std::mutex> lock(_faces->mutex);
    Style& faces = style.bold ? _faces->bold : _faces->regular;
    const double px = std::round(style.sizePt * PX_PER_PT * CSS_ZOOM);
    const double limitPx = limitMm / MM_PER_PX;
    // No glyph of these fonts is wider than this: a word of fewer characters cannot reach the limit.
    const double widestPx = std::round(faces.widestAnyEm * px) + 1.0;
    std::size_t word = 0;
    while (word < utf8.size()) {
        std::size_t end = word;
        std::size_t characters = 0;
        while (end < utf8.size() && !breaksLine(static_cast<unsigned char>(utf8[end]))) {
            characters += (static_cast<unsigned char>(utf8[end]) & 0xC0) != 0x80 ? 1 : 0;
            ++end;
        }
        if (static_cast<double>(characters) * widestPx > limitPx) {
            double width = 0.0;
            for (char32_t c : codePoints(utf8.substr(word, end - word)).points) {
                width += _faces->advancePx(faces, c, px);
            }
            if (width > limitPx) {
                return true;
            }
        }
        word = end + 1;
    }
    return false;
}

} // namespace kansli::render
