#pragma once
/// Findings in the caseworker's language: the message of every finding that carries a
/// messageId is taken from the catalogs (key "finding.<messageId>", the legal department's text
/// in Swedish and English), and the field its XPath points to is named in words (key
/// "field.<path>", e.g. "field.decision.step2.motivation" → "Motiveringen i steg 2").
///
/// Arguments are formatted for the catalog's language: numbers by ICU, dates as the letters
/// write them ("14 december 2026"). Findings without a messageId keep their own text.

#include "core/Finding.h"

#include <string>
#include <string_view>

namespace kansli::i18n {

class Catalog;

/// Fills `message` (when messageId is set) and `field` of every finding from `catalog`.
/// A message id missing from the catalog leaves the finding's code as its message, so a
/// finding is never lost (tests keep every id covered).
void localize(Findings& findings, const Catalog& catalog);

/// The catalog key path of an XPath: "/case/decision/step2/motivation/p[1]" →
/// "decision.step2.motivation.p", "/case/decision/delivery/@received" → "decision.delivery:received".
std::string fieldPath(std::string_view xpath);

/// The field in words: the catalog's "field.<path>" for the XPath, or for its nearest ancestor
/// that has one; empty when none has.
std::string fieldName(std::string_view xpath, const Catalog& catalog);

/// The language a caller asks for in an Accept-Language header (RFC 9110 12.5.4): the supported
/// language (sv, en) with the highest q-value, Swedish when none is acceptable or the header
/// is empty or malformed.
std::string preferredLanguage(std::string_view acceptLanguage);

/// The name of the ISO 15924 script `code` ("Arab") in the language of `localeId` ("sv_SE":
/// "arabiska"), from ICU's display names; the code itself when ICU has none.
std::string scriptDisplayName(const std::string& code, const std::string& localeId);
/// The name of the language with ISO 639 code `code` in the language of `localeId` ("ti" in
/// "sv_SE": "tigrinja"); the code itself when ICU has no name for it.
std::string languageDisplayName(const std::string& code, const std::string& localeId);

} // namespace kansli::i18n
