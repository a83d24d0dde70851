#pragma once
/// The `kansli templates ...` command line (see docs/legal-department.md).

#include <string>
#include <vector>

namespace kansli::templates {

/// `check [DIR] [--approve] [--out DIR] [--approved DIR] [--lang sv|en]`. `referenceRoot` is the
/// data kansli runs from (examples/, fonts/, tests/golden/approved/); `localeDir` holds the
/// compiled catalogs the tool's own messages come from ("tool.*", Swedish unless --lang en) —
/// the installed ones, not those under check, so that a catalog that does not compile is
/// still reported in words. Returns a sysexits code (core/ExitCode.h): 0 no differences (or
/// approved), 1 differences or a letter that could not be made, 64 usage, others when the
/// check could not run.
int runCommand(const std::vector<std::string>& args, const std::string& referenceRoot, const std::string& localeDir);

} // namespace kansli::templates
