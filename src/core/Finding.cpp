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

const char* severityName(Severity severity)
{
    return severity == Severity::Error ? "error" : "warning";
}

} // namespace kansli
