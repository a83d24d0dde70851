#pragma once
/// A finding about a case file: a schema violation, a legal refusal or a warning.
///
/// Findings are collected, never dropped: validation returns all of them, not just the first.
/// The message names the field and the rule, never the value found there (it may be personal data).

#include <cstddef>
#include <string>
#include <vector>

namespace kansli {

enum class Severity { Error, Warning };

/// One named argument of a finding's message: a code, a number or an ISO date (YYYY-MM-DD) —
/// never a value from the case file's free text or a person's data. A Message argument is the id
/// of another catalog message, written first with the same arguments and put in its place. A
/// Script argument is an ISO 15924 script code ("Arab"), written as the script's name in the
/// message's language (ICU's display names: "arabiska", "Arabic"); a Language argument likewise
/// an ISO 639 language code ("ti": "tigrinja", "Tigrinya").
struct FindingArg {
    enum class Kind { Text, Number, Date, Message, Script, Language };
    std::string name;
    std::string value;
    Kind kind = Kind::Text;
};

struct Finding {
    Severity severity = Severity::Error;
    std::string code;    ///< stable, e.g. "schema", "law.criterion-not-met"
    /// Public text, no personal data: the catalog's message in the language asked for (filled by
    /// i18n::localize), or the producer's own text when messageId is empty.
    std::string message;
    int line = 0;        ///< 1-based line in the case file; 0 when unknown
    std::string xpath;   ///< e.g. /case/decision/step2/period/@to
    std::string source;  ///< the rule's source, e.g. "FL 32 §", "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): UVAS"
    /// The message in the catalogs (locales/<language>.txt, key "finding.<messageId>"), owned by
    /// the legal department; empty for a finding whose `message` is its only text.
    std::string messageId;
    std::vector<FindingArg> args; ///< the message's arguments
    /// The field in words in the message's language ("Motiveringen i steg 2"), when the
    /// catalogs name it (i18n::localize).
    std::string field;

    /// `FILE:LINE: CODE: message (XPath) [source]` — the CLI's one-line form.
    std::string format(const std::string& file) const;
};

using Findings = std::vector<Finding>;

bool hasErrors(const Findings& findings);

/// Code of the closing finding that counts findings not listed.
inline constexpr const char* CODE_FINDINGS_MORE = "findings.more";

/// "… and M more findings": closes a list cut after `listed` findings (an error, since the
/// findings it stands for include errors or the list would not have been cut).
Finding moreFindings(std::size_t omitted, std::size_t listed);

/// Keeps the first `max` findings and replaces the rest with one moreFindings(): findings are
/// never dropped without being counted.
void capFindings(Findings& findings, std::size_t max);
const char* severityName(Severity severity);

} // namespace kansli
