#include "render/EngineProcess.h"

#include "render/ChromiumProcess.h"
#include "render/WkhtmltopdfProcess.h"

#include <algorithm>

namespace kansli::render {

const char* engineName(EngineKind kind)
{
    return kind == EngineKind::Chromium ? "chromium" : "wkhtmltopdf";
}

bool looksLikePdf(const std::string& bytes)
{
    if (bytes.size() <= 8 || bytes.compare(0, 5, "%PDF-") != 0)
        return false;
    const std::size_t tail = std::min<std::size_t>(bytes.size(), 1024);
    return bytes.find("%%EOF", bytes.size() - tail) != std::string::npos;
}

std::unique_ptr<EngineProcess> startEngineProcess(const EngineConfig& config, const std::string& runtimeDir)
{
    if (config.kind == EngineKind::Chromium)
        return std::make_unique<ChromiumProcess>(config, runtimeDir);
    return std::make_unique<WkhtmltopdfProcess>(config, runtimeDir);
}

} // namespace kansli::render
