#pragma once
// The case loader as the command line uses it: every finding's message written from the
// catalogs in English (schema findings carry a message id, not prose; i18n::localize writes it),
// so the tests read what a user reads.

#include "casefile/CaseLoader.h"
#include "i18n/Catalog.h"
#include "i18n/FindingText.h"

#include <string>
#include <string_view>

namespace kansli::casefile::test {

class EnglishLoader {
public:
    explicit EnglishLoader(const std::string& schema) : _loader(schema) {}

    LoadResult loadMemory(std::string_view xml) const { return english(_loader.loadMemory(xml)); }
    LoadResult loadFile(const std::string& path) const { return english(_loader.loadFile(path)); }

private:
    static LoadResult english(LoadResult result)
    {
        static const i18n::Catalogs catalogs(std::string(KANSLI_BINARY_DIR) + "/locales");
        i18n::localize(result.findings, catalogs.forLanguage("en"));
        return result;
    }

    CaseLoader _loader;
};

} // namespace kansli::casefile::test
