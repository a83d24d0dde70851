#pragma once
/// How kansli calls wkhtmltopdf: the one place that knows its options.

#include "render/PdfEngine.h"

#include <string>
#include <vector>

namespace kansli::render {

/// The options of one conversion, without the program name, ending in the input URL
/// (file:///...) and the output path. JavaScript is off, local file access is limited to
/// `jobDir` plus the request's allowDirs, and there is no network (every http/https request goes
/// to a proxy on a closed loopback port). Throws kansli::Error(ErrorCode::Config) for a value
/// wkhtmltopdf would not parse (a page size or folder with whitespace or quotes), and
/// kansli::Error(ErrorCode::Render) for a tagged request (this engine cannot tag).
std::vector<std::string> conversionArguments(const ConversionRequest& request,
                                             const std::string& jobDir,
                                             const std::string& inputPath,
                                             const std::string& outputPath);

/// `args` joined as one line for `wkhtmltopdf --read-args-from-stdin`, ending in '\n'.
std::string stdinLine(const std::vector<std::string>& args);

/// Environment for every wkhtmltopdf child: XDG_RUNTIME_DIR (silences a warning) and
/// QT_HASH_SEED=0 (stable font-object order, hence byte-stable output).
std::vector<std::string> engineEnvironment(const std::string& runtimeDir);

/// The folder for job folders: `configured` or $TMPDIR or /tmp, checked as above.
std::string resolveTempDir(const std::string& configured);

} // namespace kansli::render
