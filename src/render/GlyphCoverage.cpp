#include "render/GlyphCoverage.h"

#include "core/Error.h"
#include "render/FontConfig.h"

#include <fontconfig/fontconfig.h>

namespace kansli::render {

struct GlyphCoverage::Charset {
    FcCharSet* set = FcCharSetCreate();
    ~Charset() { FcCharSetDestroy(set); }
};

bool printsAsNothing(char32_t c) noexcept
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x00AD || (c >= 0x200B && c <= 0x200F)
        || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F);
}

GlyphCoverage::GlyphCoverage(const std::string& fontsConf)
    : _charset(std::make_unique<Charset>())
{
    const FontConfig config = loadFontConfig(fontsConf);
    FcPattern* pattern = FcPatternCreate();
    FcObjectSet* objects = FcObjectSetBuild(FC_CHARSET, nullptr);
    FcFontSet* fonts = FcFontList(config.get(), pattern, objects);
    if (fonts != nullptr) {
        for (int i = 0; i < fonts->nfont; ++i) {
            FcCharSet* set = nullptr;
            if (FcPatternGetCharSet(fonts->fonts[i], FC_CHARSET, 0, &set) == FcResultMatch && set != nullptr) {
                FcCharSetMerge(_charset->set, set, nullptr);
                ++_fonts;
            }
        }
        FcFontSetDestroy(fonts);
    }
    FcObjectSetDestroy(objects);
    FcPatternDestroy(pattern);
    if (_fonts == 0) {
        throw Error(ErrorCode::Config, "the font configuration admits no font (are the font packages installed?)",
                    "fontconfig: " + fontsConf);
    }
}

GlyphCoverage::~GlyphCoverage() = default;

std::optional<GlyphCoverage::Missing> GlyphCoverage::firstMissing(std::string_view utf8) const
{
    const CodePoints text = codePoints(utf8);
    if (!text.valid) {
        return std::nullopt; // not judged: the parser refuses invalid UTF-8 first
    }
    std::size_t position = 0;
    for (const char32_t c : text.points) {
        ++position;
        if (!printsAsNothing(c) && FcCharSetHasChar(_charset->set, static_cast<FcChar32>(c)) != FcTrue) {
            return Missing{c, position};
        }
    }
    return std::nullopt;
}

} // namespace kansli::render
