// LetterGroup without the engine: letters joined into one XHTML, each in a block that starts a
// page (all but the first), each opening with its own start marker in its first paragraph, the
// letters' own markers numbered after it. The engine-backed family (every document type made in
// a batch has the pages and text of the letter made alone) is in tests/e2e/BatchTest.cpp.

#include "core/Error.h"
#include "pipeline/LetterGroup.h"
#include "render/RowMarkers.h"

#include <boost/test/unit_test.hpp>

#include <libxml/parser.h>

#include <string>

using kansli::pipeline::LetterGroup;

namespace {

std::string letter(const std::string& text, const std::string& before = "")
{
    return "<!DOCTYPE html SYSTEM \"about:legacy-compat\"><html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv\">"
           "<head><style>p{margin:0}</style></head><body>"
           + before + "<div class=\"letterhead\"><p class=\"namnd\">" + text + "</p></div><p>Brödtext</p></body></html>";
}

std::size_t count(const std::string& haystack, const std::string& needle)
{
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

BOOST_AUTO_TEST_SUITE(LetterGroupTest)

BOOST_AUTO_TEST_CASE(letters_are_joined_each_on_a_new_page_with_its_own_start_marker)
{
    LetterGroup group;
    for (int i = 0; i < 3; ++i) {
        const int start = group.reserveStart();
        // The second letter holds two row markers of its own, numbered after its start.
        const int last = i == 1 ? group.nextMarker() + 1 : -1;
        group.add(letter("Nämnd " + std::to_string(i)), start, last);
    }
    BOOST_TEST(group.size() == 3u);
    BOOST_TEST(group.starts() == (std::vector<int>{0, 1, 4}));
    BOOST_TEST(group.maxMarker() == 4);
    const std::string xhtml = group.xhtml();
    // One head (the first letter's), one body, three blocks; all but the first start a page.
    BOOST_TEST(count(xhtml, "<head>") == 1u);
    BOOST_TEST(count(xhtml, "<body>") == 1u);
    BOOST_TEST(count(xhtml, "class=\"k-batch-letter\"") == 3u);
    BOOST_TEST(count(xhtml, "page-break-before: always") == 2u);
    // Each start marker sits at the head of its letter's first paragraph, in order.
    for (int i = 0; i < 3; ++i) {
        const std::string opening = "<p class=\"namnd\"><img class=\"" + std::string(kansli::render::ROW_MARKER_CLASS)
                                    + "\" alt=\"\" style=\"" + kansli::render::ROW_MARKER_STYLE + "\" src=\""
                                    + kansli::render::rowMarkerSource(group.starts().at(static_cast<std::size_t>(i)))
                                    + "\"/>Nämnd " + std::to_string(i);
        BOOST_TEST(xhtml.find(opening) != std::string::npos, "letter " << i);
    }
    BOOST_TEST(xhtml.find("Nämnd 0") < xhtml.find("Nämnd 1"));
    BOOST_TEST(xhtml.find("Nämnd 1") < xhtml.find("Nämnd 2"));
    // Well-formed: the engine reads it as XHTML.
    xmlDocPtr doc = xmlReadMemory(xhtml.data(), static_cast<int>(xhtml.size()), "group.xhtml", "UTF-8", XML_PARSE_NONET);
    BOOST_TEST(doc != nullptr);
    xmlFreeDoc(doc);
}

BOOST_AUTO_TEST_CASE(a_paragraph_like_element_is_not_taken_for_the_first_paragraph)
{
    // <pre> and <param> begin with "<p" too; the marker goes into the real first <p>.
    LetterGroup group;
    group.add(letter("Nämnd", "<pre>kod</pre>"), group.reserveStart(), -1);
    const std::string xhtml = group.xhtml();
    BOOST_TEST(xhtml.find("<pre>kod</pre>") != std::string::npos);
    BOOST_TEST(xhtml.find("<p class=\"namnd\"><img") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(something_that_is_not_a_composed_letter_is_refused)
{
    LetterGroup group;
    auto internal = [&](const std::string& text) {
        try {
            group.add(text, 0, -1);
        } catch (const kansli::Error& e) {
            return e.code() == kansli::ErrorCode::Internal;
        }
        return false;
    };
    BOOST_TEST(internal("<html><head/></html>"));            // no body
    BOOST_TEST(internal("<html><body><div>x</div></body></html>")); // no paragraph
    BOOST_TEST(group.size() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()
