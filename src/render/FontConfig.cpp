#include "render/FontConfig.h"

#include "core/Error.h"

namespace kansli::render {

FontConfig loadFontConfig(const std::string& fontsConf)
{
    FontConfig config(FcConfigCreate());
    if (!config) {
        throw Error(ErrorCode::Config, "the font configuration could not be read", "FcConfigCreate failed");
    }
    if (FcConfigParseAndLoad(config.get(), reinterpret_cast<const FcChar8*>(fontsConf.c_str()), FcTrue) != FcTrue
        || FcConfigBuildFonts(config.get()) != FcTrue) {
        throw Error(ErrorCode::Config, "the font configuration could not be read", "fontconfig: " + fontsConf);
    }
    return config;
}

CodePoints codePoints(std::string_view utf8)
{
    CodePoints out;
    const auto* bytes = reinterpret_cast<const FcChar8*>(utf8.data());
    int left = static_cast<int>(utf8.size());
    while (left > 0) {
        FcChar32 c = 0;
        const int used = FcUtf8ToUcs4(bytes, &c, left);
        if (used <= 0) {
            out.valid = false;
            break;
        }
        out.points.push_back(static_cast<char32_t>(c));
        bytes += used;
        left -= used;
    }
    return out;
}

} // namespace kansli::render
