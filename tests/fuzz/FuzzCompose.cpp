// libFuzzer target: bytes -> case file reader -> legal preflight -> XSLT compose.
// A schema-valid, legally consistent case must compose or fail with kansli::Error (a missing
// statute row, an unknown document type); any other exception, crash or sanitizer report is a bug.

#include "casefile/CaseLoader.h"
#include "casefile/LawBookReader.h"
#include "compose/Composer.h"
#include "core/Error.h"
#include "law/Preflight.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace {

struct Fixture {
    kansli::casefile::CaseLoader loader{std::string(KANSLI_SOURCE_DIR) + "/templates/schema/case-1.xsd"};
    std::shared_ptr<const kansli::law::LawBook> lawBook = std::make_shared<const kansli::law::LawBook>(
        kansli::casefile::LawBookReader::read(std::string(KANSLI_SOURCE_DIR) + "/templates/law"));
    kansli::compose::Composer composer{
        kansli::compose::ComposerConfig{std::string(KANSLI_SOURCE_DIR) + "/xsl", KANSLI_LOCALE_DIR, lawBook}};
};

const Fixture& fixture()
{
    static const Fixture instance;
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const Fixture& f = fixture();
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    kansli::casefile::LoadResult result = f.loader.loadMemory(bytes);
    if (!result.facts) {
        return 0;
    }
    const kansli::Findings legal = kansli::law::preflight(*result.facts, *f.lawBook);
    if (kansli::hasErrors(result.findings) || kansli::hasErrors(legal)) {
        return 0;
    }
    try {
        const auto composed = f.composer.compose(result.document.xml());
        (void)composed;
    } catch (const kansli::Error&) {
        // A refusal the composer names: expected for some valid-looking cases.
    }
    return 0;
}
