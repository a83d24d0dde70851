#pragma once
/// Test support: run a program and capture its exit code and output; read files; find free ports.

#include <map>
#include <string>
#include <vector>

namespace kansli::test {

struct RunResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs `program` with `args` (no shell), optionally feeding `input` on stdin.
RunResult run(const std::string& program, const std::vector<std::string>& args, const std::string& input = {},
              const std::map<std::string, std::string>& env = {});

std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& content);

/// All runs of whitespace collapsed to one space: text as a reader sees it, whatever the line breaks.
std::string collapseWhitespace(const std::string& text);

/// A TCP port on 127.0.0.1 that was free a moment ago.
unsigned short freePort();

/// A fresh empty directory under the system temp folder; removed by the caller.
std::string makeTempDir(const std::string& prefix);

} // namespace kansli::test
