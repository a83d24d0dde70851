#pragma once
/// What Unicode says about a piece of case text: whether anything in it is visible, and whether
/// it breaks a line. One place for both, used by the schema stage and the facts the legal
/// preflight reads (casefile), so "must not be blank" means the same everywhere.
///
/// Blank: every code point is white space (Unicode White_Space: U+0020, U+00A0, U+1680,
/// U+2000–U+200A, U+202F, U+205F, U+3000, …), default-ignorable (U+200B–U+200F, U+2060–U+206F,
/// U+FEFF, U+00AD, variation selectors, Hangul fillers, …), a format or a control character,
/// or U+2800 (Braille blank). Such text prints as nothing: "​" is as empty as "   ".
///
/// Line break: U+000A, U+000B, U+000C, U+000D, U+0085, U+2028, U+2029 (the mandatory breaks
/// of UAX #14). Text that is not valid UTF-8 counts as neither blank nor breaking (the parser
/// refuses it before this is asked).

#include <cstddef>
#include <string>
#include <string_view>

namespace kansli::i18n {

bool isBlank(std::string_view utf8);
bool hasLineBreak(std::string_view utf8);
/// A control character a letter cannot print: C1 controls U+0080-U+009F except U+0085 (a line
/// break, judged by hasLineBreak). XML 1.0 already refuses the C0 controls but tab, LF and CR.
bool hasControlCharacter(std::string_view utf8);

/// The first character (1-based position, in code points) that lays text out right to left:
/// a letter of a right-to-left script (Unicode bidi class R or AL: Arabic, Hebrew, Syriac,
/// Thaana, N'Ko, ...) or an explicit direction control (U+200E/200F, U+202A-U+202E,
/// U+2066-U+2069, U+061C), which could also reorder Latin text (a name shown backwards).
/// 0 when there is none. Invalid UTF-8 is not judged (the parser refuses it first).
struct RightToLeft {
    std::size_t position = 0;
    char32_t codePoint = 0;
};
RightToLeft firstRightToLeft(std::string_view utf8);

/// Whether the text is written wholly in a right-to-left script: letters of bidi class R or AL,
/// their combining marks, spaces and the zero-width non-joiner, and at least one such letter —
/// no digits (the engine reorders them inside right-to-left text), no left-to-right letters, no
/// punctuation, no direction controls. A name like this can be set isolated (<bdi>) on one line.
bool isRightToLeftOnly(std::string_view utf8);

/// The Unicode script of a code point in English ("Han", "Ethiopic", "Latin"), for messages that
/// must say what kind of character is meant without quoting it.
std::string scriptName(char32_t codePoint);

/// The ISO 15924 code of a code point's script ("Hani", "Ethi", "Arab"), for a finding's
/// Script argument (written as the script's name in the reader's language).
std::string scriptCode(char32_t codePoint);

/// Case text as it is to be printed: in Unicode normalization form C (so "e" + combining acute
/// and "é" are the same letters in the PDF's text layer and its search), without the invisible
/// characters that only hint or mark (soft hyphen U+00AD, zero-width space U+200B, word joiner
/// U+2060, byte-order mark U+FEFF), which the engine otherwise writes into the text layer as
/// U+200B and so breaks every search for the word. Joiners that shaping needs (U+200C, U+200D)
/// stay. Text that is not valid UTF-8 is returned unchanged (the parser refuses it first).
std::string printable(std::string_view utf8);

} // namespace kansli::i18n
