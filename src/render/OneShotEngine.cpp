#include "render/OneShotEngine.h"

#include "core/Error.h"
#include "render/ChildProcess.h"
#include "render/ChromiumProcess.h"
#include "render/EngineCommand.h"
#include "render/JobDirectory.h"

#include <sys/wait.h>

namespace kansli::render {

OneShotEngine::OneShotEngine(EngineConfig config)
    : _config(std::move(config)), _tempDir(resolveTempDir(_config.tempDir)),
      _runtimeDir(std::make_unique<JobDirectory>(_tempDir))
{
}

OneShotEngine::~OneShotEngine() = default;

std::string OneShotEngine::convert(const ConversionRequest& request)
{
    JobDirectory dir(_tempDir);
    if (_config.kind == EngineKind::Chromium) {
        ChromiumProcess browser(_config, _runtimeDir->path());
        auto result = browser.convert(request, dir, _config.documentTimeout);
        if (result.outcome != EngineProcess::Outcome::Done)
            throw Error(ErrorCode::Render, "The PDF engine failed", result.diagnostics);
        return std::move(result.pdf);
    }
    dir.write("in.html", request.xhtml);
    std::vector<std::string> argv = {_config.executable.empty() ? std::string("wkhtmltopdf") : _config.executable};
    for (auto& arg : conversionArguments(request, dir.path(), dir.file("in.html"), dir.file("out.pdf")))
        argv.push_back(std::move(arg));

    auto child = ChildProcess::spawn(argv, engineEnvironment(_runtimeDir->path()), false);
    const auto deadline = std::chrono::steady_clock::now() + _config.documentTimeout;
    std::string diagnostics;
    for (;;) {
        const auto status = child.readStderr(diagnostics, deadline);
        if (status == ChildProcess::ReadStatus::Timeout) {
            child.kill();
            throw Error(ErrorCode::Render, "The PDF engine took too long", "one-shot document timeout");
        }
        if (status == ChildProcess::ReadStatus::EndOfFile)
            break;
        if (diagnostics.size() > 64 * 1024)
            diagnostics.erase(0, diagnostics.size() - 4096);
    }
    const int status = child.terminate(std::chrono::milliseconds(2000));
    std::string pdf = dir.read("out.pdf");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || pdf.compare(0, 5, "%PDF-") != 0)
        throw Error(ErrorCode::Render, "The PDF engine failed",
                    "wkhtmltopdf exit status " + std::to_string(status));
    return pdf;
}

std::string OneShotEngine::engineVersion() const
{
    return engineName(_config.kind);
}

std::string renderOnce(const std::string& xhtml, const RenderOptions& options,
                       const EngineConfig& engine, const FinishingConfig& finishing)
{
    OneShotEngine oneShot(engine);
    DocumentRenderer renderer(oneShot, finishing);
    return renderer.render(xhtml, options);
}

} // namespace kansli::render
