#include "i18n/UnicodeText.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace kansli::i18n {

namespace {

bool invisible(UChar32 c)
{
    if (u_hasBinaryProperty(c, UCHAR_WHITE_SPACE) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
        return true;
    }
    const auto type = static_cast<UCharCategory>(u_charType(c));
    return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || c == 0x2800;
}

/// Calls `f` on each code point; false when the text is not valid UTF-8.
template <typename F>
bool eachCodePoint(std::string_view utf8, F f)
{
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    int32_t i = 0;
    while (i < length) {
        UChar32 c = 0;
        U8_NEXT(s, i, length, c);
        if (c < 0) {
            return false;
        }
        if (!f(c)) {
            break;
        }
    }
    return true;
}

} // namespace

bool isBlank(std::string_view utf8)
{
    bool blank = true;
    const bool valid = eachCodePoint(utf8, [&](UChar32 c) {
        blank = invisible(c);
        return blank;
    });
    return valid && blank;
}

bool hasLineBreak(std::string_view utf8)
{
    bool breaks = false;
    eachCodePoint(utf8, [&](UChar32 c) {
        breaks = (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029;
        return !breaks;
    });
    return breaks;
}

} // namespace kansli::i18n
