#include "render/EngineCommand.h"

#include "core/Error.h"

#include <charconv>
#include <cstdlib>

namespace kansli::render {

namespace {

constexpr const char* NO_NETWORK_PROXY = "http://127.0.0.1:1";

void requirePlainToken(const std::string& value, const char* what)
{
    if (value.empty())
        throw Error(ErrorCode::Config, "Invalid render configuration", std::string(what) + " is empty");
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= ' ' || c == '"' || c == '\'' || c == '\\')
            throw Error(ErrorCode::Config, "Invalid render configuration",
                        std::string(what) + " contains whitespace, a quote or a backslash");
    }
}

// Classic-locale number with at most two decimals: "20", "12.5".
std::string millimetres(double value, const char* what)
{
    if (!(value >= 0.0 && value < 1000.0))
        throw Error(ErrorCode::Config, "Invalid render configuration", std::string(what) + " out of range");
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 2);
    std::string text(buffer, result.ptr);
    while (!text.empty() && text.back() == '0')
        text.pop_back();
    if (!text.empty() && text.back() == '.')
        text.pop_back();
    return text + "mm";
}

} // namespace

std::vector<std::string> conversionArguments(const ConversionRequest& request,
                                             const std::string& jobDir,
                                             const std::string& inputPath,
                                             const std::string& outputPath)
{
    if (request.tagged) // no option makes this engine tag: refused rather than printed untagged
        throw Error(ErrorCode::Render, "The PDF engine cannot make this document",
                    "a tagged PDF was asked of wkhtmltopdf, which cannot tag");
    requirePlainToken(request.page.pageSize, "page size");
    requirePlainToken(jobDir, "job folder");
    std::vector<std::string> args = {
        // The default 200 ms wait for scripts dominates the time; our documents have none.
        "--disable-javascript", "--javascript-delay", "0",
        "--disable-local-file-access", "--allow", jobDir,
        // No network: every http(s) fetch (stylesheet, image, iframe, object) goes to a proxy on
        // a closed loopback port and is refused at once, before any name lookup. Port 1 is
        // privileged, so no unprivileged process can open it. Measured with a local listener
        // (tests/hostile): without this the engine fetches remote URLs; with it, none arrives.
        "--proxy", NO_NETWORK_PROXY,
        "--page-size", request.page.pageSize,
        "--encoding", "utf-8",
        // --print-media-type is left out on purpose: Debian's unpatched-Qt build ignores it and
        // prints a warning for every document.
        "-T", millimetres(request.page.marginTopMm, "top margin"),
        "-B", millimetres(request.page.marginBottomMm, "bottom margin"),
        "-L", millimetres(request.page.marginLeftMm, "left margin"),
        "-R", millimetres(request.page.marginRightMm, "right margin"),
    };
    for (const auto& dir : request.allowDirs) {
        requirePlainToken(dir, "allowed folder");
        args.push_back("--allow");
        args.push_back(dir);
    }
    if (request.noBackground)
        args.push_back("--no-background");
    requirePlainToken(inputPath, "input path");
    requirePlainToken(outputPath, "output path");
    // A plain path that does not exist would be retried as an http URL: always pass a URL.
    args.push_back("file://" + inputPath);
    args.push_back(outputPath);
    return args;
}

std::string stdinLine(const std::vector<std::string>& args)
{
    std::string line;
    for (const auto& arg : args) {
        if (!line.empty())
            line += ' ';
        line += arg;
    }
    line += '\n';
    return line;
}

std::vector<std::string> engineEnvironment(const std::string& runtimeDir)
{
    return {"XDG_RUNTIME_DIR=" + runtimeDir, "QT_HASH_SEED=0"};
}

std::string resolveTempDir(const std::string& configured)
{
    std::string dir = configured;
    if (dir.empty()) {
        const char* env = std::getenv("TMPDIR");
        dir = (env && *env) ? env : "/tmp";
    }
    while (dir.size() > 1 && dir.back() == '/')
        dir.pop_back();
    requirePlainToken(dir, "temporary folder");
    return dir;
}

} // namespace kansli::render
