#include "core/Finding.h"

#include <algorithm>

namespace kansli {

std::string Finding::format(const std::string& file) const
{
    std::string out = file + ":" + std::to_string(line) + ": ";
    if (severity == Severity::Warning) {
        out += "warning: ";
    }
    out += code + ": " + message;
    if (!xpath.empty()) {
        out += " (" + xpath + ")";
    }
    if (!source.empty()) {
        out += " [" + source + "]";
    }
    return out;
}

bool hasErrors(const Findings& findings)
{
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.severity == Severity::Error; });
}

Finding moreFindings(std::size_t omitted, std::size_t listed)
{
    Finding finding;
    finding.code = CODE_FINDINGS_MORE;
    finding.messageId = "findings.more";
    finding.args = {FindingArg{"omitted", std::to_string(omitted), FindingArg::Kind::Number},
                    FindingArg{"listed", std::to_string(listed), FindingArg::Kind::Number}};
    return finding;
}

void capFindings(Findings& findings, std::size_t max)
{
    if (findings.size() <= max)
        return;
    const std::size_t omitted = findings.size() - max;
    findings.resize(max);
    findings.push_back(moreFindings(omitted, max));
}

const char* severityName(Severity severity)
{
    return severity == Severity::Error ? "error" : "warning";
}

} // namespace kansli
