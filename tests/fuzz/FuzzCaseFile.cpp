// libFuzzer target: any bytes through the case file reader and the legal preflight.
// Everything wrong with the input must come back as findings; only a crash, a sanitizer report,
// a leak or an exception escaping is a bug.

#include "casefile/CaseLoader.h"
#include "casefile/LawBookReader.h"
#include "law/Preflight.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

struct Fixture {
    kansli::casefile::CaseLoader loader{std::string(KANSLI_SOURCE_DIR) + "/templates/schema/case-1.xsd"};
    kansli::law::LawBook lawBook{
        kansli::casefile::LawBookReader::read(std::string(KANSLI_SOURCE_DIR) + "/templates/law")};
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
    if (result.facts) {
        const kansli::Findings legal = kansli::law::preflight(*result.facts, f.lawBook);
        (void)legal;
    }
    return 0;
}
