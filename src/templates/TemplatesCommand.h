#pragma once
/// The `kansli templates ...` command line (see docs/legal-department.md).

#include <string>
#include <vector>

namespace kansli::templates {

/// `check [DIR] [--approve] [--out DIR] [--approved DIR]`. `referenceRoot` is the repository
/// kansli runs from (examples/, fonts/, tests/golden/approved/). Returns the exit code:
/// 0 no differences (or approved), 1 differences or a letter that could not be made,
/// 2 usage error, 3 the check could not run.
int runCommand(const std::vector<std::string>& args, const std::string& referenceRoot);

} // namespace kansli::templates
