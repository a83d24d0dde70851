#pragma once
// Documents and helpers shared by the render tests.

#include "render/RenderOptions.h"

#include <string>

namespace kansli::render::test {

// A three-page letter (explicit page breaks) with åäö § – − and a table.
std::string threePageLetter();
// A long document (`pages` pages or more of running text) that keeps the engine busy for a while.
std::string longDocument(int pages);
// Options as the service would pass them, with a fixed generation time.
RenderOptions letterOptions();

// Runs a shell command and returns its standard output; `exitCode` receives its status.
std::string runCommand(const std::string& command, int* exitCode = nullptr);
// Writes `bytes` to a fresh temporary file and returns its path (removed at process exit is
// not promised: the files live in the test's own temporary folder).
std::string writeTemp(const std::string& bytes, const std::string& name);

} // namespace kansli::render::test
