#include "casefile/CaseLoader.h"

#include "casefile/CaseFactsReader.h"

#include <chrono>

namespace kansli::casefile {

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

CaseLoader::CaseLoader(const std::string& schemaPath, ParseLimits limits)
    : _schema(schemaPath)
    , _limits(limits)
{
}

LoadResult CaseLoader::loadFile(const std::string& path) const
{
    Findings findings;
    const auto started = std::chrono::steady_clock::now();
    CaseDocument document = CaseDocument::fromFile(path, findings, _limits, &_schema.knownNames());
    return finish(std::move(document), std::move(findings), secondsSince(started));
}

LoadResult CaseLoader::loadMemory(std::string_view bytes) const
{
    Findings findings;
    const auto started = std::chrono::steady_clock::now();
    CaseDocument document = CaseDocument::fromMemory(bytes, findings, _limits, &_schema.knownNames());
    return finish(std::move(document), std::move(findings), secondsSince(started));
}

LoadResult CaseLoader::finish(CaseDocument document, Findings findings, double parseSeconds) const
{
    LoadResult result;
    result.parseSeconds = parseSeconds;
    const auto started = std::chrono::steady_clock::now();
    const bool valid = document.valid() && _schema.validate(document, findings);
    result.schemaSeconds = secondsSince(started);
    if (valid) {
        result.facts = CaseFactsReader::read(document, findings);
    }
    result.document = std::move(document);
    result.findings = std::move(findings);
    return result;
}

} // namespace kansli::casefile
