#include "i18n/UnicodeText.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
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

std::string scriptName(char32_t codePoint)
{
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(codePoint), &status);
    const char* name = U_SUCCESS(status) ? uscript_getName(script) : nullptr;
    return name != nullptr ? std::string(name) : std::string("Unknown");
}

std::string scriptCode(char32_t codePoint)
{
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(codePoint), &status);
    const char* code = U_SUCCESS(status) ? uscript_getShortName(script) : nullptr;
    return code != nullptr ? std::string(code) : std::string("Zzzz");
}

bool hasControlCharacter(std::string_view utf8)
{
    bool control = false;
    eachCodePoint(utf8, [&](UChar32 c) {
        control = c >= 0x80 && c <= 0x9F && c != 0x85;
        return !control;
    });
    return control;
}

RightToLeft firstRightToLeft(std::string_view utf8)
{
    RightToLeft found;
    std::size_t position = 0;
    eachCodePoint(utf8, [&](UChar32 c) {
        ++position;
        const UCharDirection direction = u_charDirection(c);
        const bool rtl = direction == U_RIGHT_TO_LEFT || direction == U_RIGHT_TO_LEFT_ARABIC
            || direction == U_LEFT_TO_RIGHT_EMBEDDING || direction == U_LEFT_TO_RIGHT_OVERRIDE
            || direction == U_RIGHT_TO_LEFT_EMBEDDING || direction == U_RIGHT_TO_LEFT_OVERRIDE
            || direction == U_POP_DIRECTIONAL_FORMAT || direction == U_LEFT_TO_RIGHT_ISOLATE
            || direction == U_RIGHT_TO_LEFT_ISOLATE || direction == U_FIRST_STRONG_ISOLATE
            || direction == U_POP_DIRECTIONAL_ISOLATE || c == 0x200E || c == 0x200F || c == 0x061C;
        if (rtl) {
            found = {position, static_cast<char32_t>(c)};
        }
        return !rtl;
    });
    return found;
}

bool isRightToLeftOnly(std::string_view utf8)
{
    bool letter = false;
    bool other = false;
    const bool valid = eachCodePoint(utf8, [&](UChar32 c) {
        const UCharDirection direction = u_charDirection(c);
        if (direction == U_RIGHT_TO_LEFT || direction == U_RIGHT_TO_LEFT_ARABIC) {
            letter = true;
        } else if (!(direction == U_DIR_NON_SPACING_MARK || c == 0x0020 || c == 0x200C)) {
            other = true;
        }
        return !other;
    });
    return valid && letter && !other;
}

std::string printable(std::string_view utf8)
{
    bool plainAscii = true;
    for (const char c : utf8) {
        plainAscii = plainAscii && static_cast<unsigned char>(c) < 0x80;
    }
    if (plainAscii) {
        return std::string(utf8); // already NFC, nothing invisible to drop
    }
    std::string kept;
    kept.reserve(utf8.size());
    const bool valid = eachCodePoint(utf8, [&](UChar32 c) {
        if (c != 0x00AD && c != 0x200B && c != 0x2060 && c != 0xFEFF) {
            char buffer[4];
            int32_t length = 0;
            U8_APPEND_UNSAFE(buffer, length, c);
            kept.append(buffer, static_cast<std::size_t>(length));
        }
        return true;
    });
    if (!valid) {
        return std::string(utf8);
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) {
        return kept;
    }
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(kept);
    if (nfc->isNormalized(text, status) && U_SUCCESS(status)) {
        return kept;
    }
    status = U_ZERO_ERROR;
    const icu::UnicodeString normalized = nfc->normalize(text, status);
    if (U_FAILURE(status)) {
        return kept;
    }
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

} // namespace kansli::i18n
