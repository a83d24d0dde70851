#include "render/WkhtmltopdfProcess.h"

#include "core/Error.h"
#include "render/EngineCommand.h"
#include "render/JobDirectory.h"

namespace kansli::render {

namespace {

constexpr std::size_t MAX_DIAGNOSTICS = 2000;

std::string_view trimLeft(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    return s;
}

} // namespace

WkhtmltopdfProcess::WkhtmltopdfProcess(const EngineConfig& config, const std::string& runtimeDir)
    : _child(ChildProcess::spawn({config.executable.empty() ? "wkhtmltopdf" : config.executable,
                                  "--read-args-from-stdin"},
                                 engineEnvironment(runtimeDir), true))
{
}

WkhtmltopdfProcess::~WkhtmltopdfProcess()
{
    shutdown();
}

bool WkhtmltopdfProcess::alive()
{
    return !_child.poll();
}

void WkhtmltopdfProcess::shutdown()
{
    _child.terminate(std::chrono::milliseconds(1000));
}

WkhtmltopdfProcess::Result WkhtmltopdfProcess::convert(const ConversionRequest& request, const JobDirectory& dir,
                                                       std::chrono::milliseconds timeout)
{
    dir.write("in.html", request.xhtml);
    const auto line = stdinLine(conversionArguments(request, dir.path(), dir.file("in.html"), dir.file("out.pdf")));
    Result result = run(line, timeout);
    if (result.outcome != Outcome::Done)
        return result;
    result.pdf = dir.read("out.pdf");
    // wkhtmltopdf reports "Done" even when it could not write its output (a full disk leaves an
    // empty or cut-off file).
    if (!looksLikePdf(result.pdf))
        throw Error(ErrorCode::Render, "The PDF engine produced no complete document",
                    "output of " + std::to_string(result.pdf.size()) + " bytes without %PDF- header or %%EOF "
                    "(temporary folder full or unwritable?); " + result.diagnostics);
    return result;
}

WkhtmltopdfProcess::Result WkhtmltopdfProcess::run(const std::string& line,
                                                   std::chrono::milliseconds timeout)
{
    Result result;
    _pending.clear();
    if (!_child.writeStdin(line)) {
        _child.terminate(std::chrono::milliseconds(200));
        result.outcome = Outcome::Died;
        return result;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        // Progress is drawn with '\r', lines end with '\n': both end a segment.
        std::size_t start = 0;
        for (std::size_t i = 0; i <= _pending.size(); ++i) {
            const bool end = i == _pending.size();
            if (!end && _pending[i] != '\r' && _pending[i] != '\n')
                continue;
            const auto segment = trimLeft(std::string_view(_pending).substr(start, i - start));
            if (segment.rfind("Done", 0) == 0) {
                ++_documents;
                _pending.erase(0, end ? i : i + 1);
                result.outcome = Outcome::Done;
                return result;
            }
            if (end)
                break;
            if ((segment.rfind("Error:", 0) == 0 || segment.rfind("Warning:", 0) == 0)
                && result.diagnostics.size() < MAX_DIAGNOSTICS) {
                result.diagnostics.append(segment);
                result.diagnostics += '\n';
            }
            start = i + 1;
        }
        _pending.erase(0, start);

        switch (_child.readStderr(_pending, deadline)) {
        case ChildProcess::ReadStatus::Data:
            break;
        case ChildProcess::ReadStatus::EndOfFile:
            _child.terminate(std::chrono::milliseconds(200));
            result.outcome = Outcome::Died;
            return result;
        case ChildProcess::ReadStatus::Timeout:
            _child.kill();
            result.outcome = Outcome::TimedOut;
            return result;
        }
    }
}

} // namespace kansli::render
