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

struct Finding {
    Severity severity = Severity::Error;
    std::string code;    ///< stable, e.g. "schema", "law.criterion-not-met"
    std::string message; ///< public text, Swedish or English, no personal data
    int line = 0;        ///< 1-based line in the case file; 0 when unknown
    std::string xpath;   ///< e.g. /case/decision/step2/period/@to
    std::string source;  ///< the rule's source, e.g. "FL 32 §", "Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): UVAS"

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
