#pragma once
/// The exit codes of every kansli command, one table (README "Exit codes"): the BSD sysexits
/// (<sysexits.h>, glibc) for failures, 1 for a plain "no" answer as diff(1) and grep(1) give it.

#include "core/Error.h"

#include <sysexits.h>

namespace kansli::exitcode {

inline constexpr int DONE = 0;
inline constexpr int NO = 1;                      ///< differences (templates check), not found (audit verify)
inline constexpr int USAGE = EX_USAGE;            ///< 64: the command line is wrong
inline constexpr int REFUSED = EX_DATAERR;        ///< 65: the case file is refused (findings printed)
inline constexpr int NO_INPUT = EX_NOINPUT;       ///< 66: the input file cannot be read
inline constexpr int SOFTWARE = EX_SOFTWARE;      ///< 70: an internal failure
inline constexpr int IO = EX_IOERR;               ///< 74: output or the audit trail cannot be written
inline constexpr int CONFIG = EX_CONFIG;          ///< 78: configuration, templates or law data unusable

/// The exit code of a command that stopped with `code`.
constexpr int forError(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Usage: return USAGE;
    case ErrorCode::XmlMalformed:
    case ErrorCode::SchemaInvalid:
    case ErrorCode::LegalInconsistent:
    case ErrorCode::UnknownDocument:
    case ErrorCode::PayloadTooLarge: return REFUSED;
    case ErrorCode::Io:
    case ErrorCode::Audit: return IO;
    case ErrorCode::Config:
    case ErrorCode::Template: return CONFIG;
    default: return SOFTWARE;
    }
}

} // namespace kansli::exitcode
