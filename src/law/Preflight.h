#pragma once
/// The legal preflight: run by `kansli validate`, by render and by the HTTP API before anything
/// is rendered. It collects every finding; the caller refuses when kansli::hasErrors() is true.
///
/// Codes are stable (see docs/law-rules.md). A finding carries no prose: its messageId names the
/// legal department's text in the catalogs ("finding.<messageId>" in locales/*.txt, Swedish and
/// English) and its args the codes, numbers and dates that text needs — never a value from the
/// case file's free text. i18n::localize writes the message in the language asked for.

#include "law/CaseFacts.h"
#include "law/LawBook.h"

#include "core/Finding.h"

#include <optional>

namespace kansli::law {

kansli::Findings preflight(const CaseFacts& facts, const LawBook& book);

/// Whether an appeal of step 1 came in on time (FL 45 §), computed from the day the applicant
/// received the decision (three weeks, lag (1930:173)) and the day the appeal came in (FL 22 §).
struct AppealTiming {
    Date lastDay;  ///< the last day the appeal could come in
    bool late = false;
    /// Set when late and the decision letter was printed by a template version the legal
    /// department lists as giving wrong appeal information: the appeal is not dismissed
    /// (FL 45 § second paragraph).
    const AppealInformationDefect* wrongInformation = nullptr;
    /// Late at the authority but it reached Förvaltningsrätten within the time: not dismissed
    /// either (FL 45 § second paragraph).
    bool reachedCourtInTime = false;

    /// Late and neither excuse holds: the appeal is dismissed (FL 45 §), not forwarded.
    bool dismissed() const noexcept { return late && wrongInformation == nullptr && !reachedCourtInTime; }
};

/// nullopt when the case has no appeal of step 1, no decision or no delivery date.
std::optional<AppealTiming> appealTiming(const CaseFacts& facts, const LawBook& book);

} // namespace kansli::law
