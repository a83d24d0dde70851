#pragma once
/// An input refused with findings: schema violations or legal inconsistencies.
/// The HTTP layer answers 422 (400 for malformed XML) listing every finding; the CLI prints one
/// finding per line and exits 1.

#include "core/Error.h"
#include "core/Finding.h"

namespace kansli {

class Refusal : public Error {
public:
    Refusal(ErrorCode code, std::string publicMessage, Findings findings)
        : Error(code, std::move(publicMessage)), _findings(std::move(findings))
    {
    }

    const Findings& findings() const noexcept { return _findings; }

private:
    Findings _findings;
};

} // namespace kansli
