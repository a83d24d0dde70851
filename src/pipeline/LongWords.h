#pragma once
/// Blocks of body text holding a word too long for its line, marked so that only they break
/// words inside.
///
/// A word wider than its line made wkhtmltopdf shrink the whole letter (its smart shrinking
/// cannot be turned off in Debian's build) and move the address out of the envelope window;
/// `word-wrap: break-word` breaks such a word between characters instead. Set on the whole
/// letter, that property made this engine's line breaker measure every character of every word
/// it set: 40 % of the engine's time for the example decision (docs/performance.md). So
/// xsl/layout.xsl sets it only where columns are narrow (the letterhead, the window row, table
/// cells) and on blocks of class LONG_WORD_CLASS, which this step gives to every block of body
/// text holding a word that may be wider than LONG_WORD_LIMIT_MM.
///
/// A word is what lies between spaces, tabs and line breaks (the engine also breaks after a
/// hyphen: never fewer breaks here than there), joined across inline elements (`a<b>b</b>c` is
/// one word) and across the spaces of a `nobr` span; it is measured in the letters' fonts
/// (render::TextMeasure) at the largest size and weight layout.xsl sets (LONG_WORD_STYLE). A
/// block left unmarked therefore holds no word the engine would have broken: it is laid out as
/// it was with the property on everywhere. Elements this step does not know as blocks count as
/// inline, which can only join words, never split them.

#include "render/TextMeasure.h"

#include <libxml/tree.h>

namespace kansli::pipeline {

/// The class that turns `word-wrap: break-word` on for a block (xsl/layout.xsl).
inline constexpr const char* LONG_WORD_CLASS = "k-long-word";

/// A word at most this wide (mm) fits every line of body text outside the letterhead, the
/// window row and tables. The narrowest such line is a list inside a box inside the draft frame:
/// 168 mm of text column (A4, margins 22 and 20 mm) less 8.8 (box), 7.6 (frame) and 6 (list)
/// = 145.6 mm; 120 leaves room for one more level of list.
inline constexpr double LONG_WORD_LIMIT_MM = 120.0;

/// The largest text of the letters' body (h1: 17 pt bold, xsl/layout.xsl); the same word is
/// never wider at the smaller sizes and lighter weights of the rest of the letter.
inline constexpr render::TextStyle LONG_WORD_STYLE{17.0, true};

/// Gives LONG_WORD_CLASS to every block element under <body> of `letter` (the composed XHTML,
/// readComposedLetter) whose own text holds a word wider than LONG_WORD_LIMIT_MM at
/// LONG_WORD_STYLE. Returns how many blocks were marked; 0 leaves the letter unchanged.
int markLongWords(xmlDoc* letter, const render::TextMeasure& measure);

} // namespace kansli::pipeline
