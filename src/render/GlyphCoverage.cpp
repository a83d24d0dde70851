#include "render/GlyphCoverage.h"

#include "core/Error.h"

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
    FcConfig* config = FcConfigCreate();
    if (config == nullptr) {
        throw Error(ErrorCode::Config, "the font configuration could not be read", "FcConfigCreate failed");
    }
    if (FcConfigParseAndLoad(config, reinterpret_cast<const FcChar8*>(fontsConf.c_str()), FcTrue) != FcTrue
        || FcConfigBuildFonts(config) != FcTrue) {
        FcConfigDestroy(config);
        throw Error(ErrorCode::Config, "the font configuration could not be read", "fontconfig: " + fontsConf);
    }
    FcPattern* pattern = FcPatternCreate();
    FcObjectSet* objects = FcObjectSetBuild(FC_CHARSET, nullptr);
    FcFontSet* fonts = FcFontList(config, pattern, objects);
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
    FcConfigDestroy(config);
    if (_fonts == 0) {
        throw Error(ErrorCode::Config, "the font configuration admits no font (are the font packages installed?)",
                    "fontconfig: " + fontsConf);
    }
}

GlyphCoverage::~GlyphCoverage() = default;

std::optional<GlyphCoverage::Missing> GlyphCoverage::firstMissing(std::string_view utf8) const
{
    const auto* bytes = reinterpret_cast<const FcChar8*>(utf8.data());
    int left = static_cast<int>(utf8.size());
    std::size_t position = 0;
    while (left > 0) {
        ++position;
        FcChar32 c = 0;
        const int used = FcUtf8ToUcs4(bytes, &c, left);
        if (used <= 0) {
            return std::nullopt;
        }
        if (!printsAsNothing(c) && FcCharSetHasChar(_charset->set, c) != FcTrue) {
            return Missing{static_cast<char32_t>(c), position};
        }
        bytes += used;
        left -= used;
    }
    return std::nullopt;
}

} // namespace kansli::render
