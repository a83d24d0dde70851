#pragma once
/// kansli's own PDF/A-2b and PDF/UA-1 preflight: the checks we can make without a validator (no veraPDF is
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

    /// The machine-checkable part of PDF/UA-1 (ISO 14289-1), named by the Matterhorn Protocol's
    /// failure conditions where one applies: XMP with the PDF/UA identifier and dc:title (06-001..3),
    /// DisplayDocTitle (07-001, 07-002), the document's /Lang (11-006), marked and with a structure
    /// tree (7.1), every painting operation tagged or an artifact (01-005), Suspects (01-007), every
    /// structure type standard or role-mapped to one (02-001) and no standard type remapped
    /// (02-004), headings from H1 without skipped levels (14-002, 14-003), figures with
    /// alternative text (13-004), table header cells with a Scope (15-003), fonts embedded and
    /// mapped to Unicode (7.21.4.1, 7.21.7), no scripts. What needs a person (reading order
    /// matches the meaning, alternative text is right, colour is not the only carrier) is not
    /// checked. Same contract as check().
    static std::vector<std::string> checkAccessible(const std::string& pdfBytes);
};

} // namespace kansli::render
