#include "casefile/CaseLoader.h"

#include "casefile/CaseFactsReader.h"

namespace kansli::casefile {

CaseLoader::CaseLoader(const std::string& schemaPath, ParseLimits limits)
    : _schema(schemaPath)
    , _limits(limits)
{
}

LoadResult CaseLoader::loadFile(const std::string& path) const
{
    Findings findings;
    CaseDocument document = CaseDocument::fromFile(path, findings, _limits, &_schema.knownNames());
    return finish(std::move(document), std::move(findings));
}

LoadResult CaseLoader::loadMemory(std::string_view bytes) const
{
    Findings findings;
    CaseDocument document = CaseDocument::fromMemory(bytes, findings, _limits, &_schema.knownNames());
    return finish(std::move(document), std::move(findings));
}

LoadResult CaseLoader::finish(CaseDocument document, Findings findings) const
{
    LoadResult result;
    if (document.valid() && _schema.validate(document, findings)) {
        result.facts = CaseFactsReader::read(document, findings);
    }
    result.document = std::move(document);
    result.findings = std::move(findings);
    return result;
}

} // namespace kansli::casefile
