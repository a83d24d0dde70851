#pragma once
/// kansli's own PDF/A-2b preflight: the checks we can make without a validator (no veraPDF is
/// available here). Passing it means "no problem of these kinds was found", not "valid PDF/A".
///
/// Checked: the file opens and is not encrypted; XMP metadata is present, parses, and says
/// pdfaid:part 2 with a conformance level; an OutputIntent carries an embedded ICC profile;
/// every font is embedded (descendant fonts of Type0 included); no JavaScript or additional
/// actions; Info and XMP agree on Title, Author, Producer and the dates; a text layer exists.

#include <string>
#include <vector>

namespace kansli::render {

class PdfPreflight {
public:
    /// One human-readable line per problem found (no personal data: fonts and keys are named,
    /// metadata values are not). Empty when the preflight passes. Never throws for a bad file.
    static std::vector<std::string> check(const std::string& pdfBytes);
};

} // namespace kansli::render
