#pragma once
/// Running the command-line tools the template check needs (pdftotext, pdftoppm, genrb, diff)
/// from PATH, without a shell.

#include <string>
#include <vector>

namespace kansli::templates {

struct ToolOutput {
    int exitCode = -1;
    std::string text; ///< stdout and stderr together
};

/// Runs `program` with `args`. A tool that is not installed is an environment error: throws
/// kansli::Error (config) naming the program.
ToolOutput runTool(const std::string& program, const std::vector<std::string>& args);

} // namespace kansli::templates
