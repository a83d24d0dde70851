#pragma once
/// kansli's command line: render, validate, deadline, serve, --version, --help.
/// Exit codes: 0 success, 1 the input was refused (findings on stderr), 2 usage error,
/// 3 an internal or environment failure (the engine, a template, a file that cannot be written).

namespace kansli::app {

int runCli(int argc, char** argv);

} // namespace kansli::app
