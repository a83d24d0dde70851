// ContinuedTables without the engine: told where the row markers fell (as the engine's PDF would
// tell), it splits the table where a page breaks and repeats the header there. The engine-backed
// family (job plans of 1-40 activities, criteria tables pushed row by row) is in tests/e2e.

#include "pipeline/ContinuedTables.h"

#include <boost/test/unit_test.hpp>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <functional>
#include <memory>
#include <sstream>

using kansli::pipeline::ContinuedTables;
using kansli::render::RowMarkerPages;

namespace {

/// As the templates write a data table: a lead-in kept with the header row and the first row,
/// the other rows in a second table of the same columns. Two columns.
std::string letter(int rows)
{
    std::ostringstream out;
    out << "<!DOCTYPE html SYSTEM \"about:legacy-compat\"><html xmlns=\"http://www.w3.org/1999/xhtml\"><body>"
           "<p>Före</p><div class=\"keep\"><p>Vi har bedömt dem så här:</p><table class=\"rows criteria\">"
           "<thead><tr><th>Kriterium</th><th>Bedömning</th></tr></thead><tbody>"
           "<tr><td>k0</td><td>b0</td></tr></tbody></table></div><table class=\"rows criteria\"><tbody>";
    for (int r = 1; r < rows; ++r) {
        out << "<tr><td>k" << r << "</td><td>b" << r << "</td></tr>";
    }
    out << "</tbody></table><p>Efter</p></body></html>";
    return out.str();
}

// Marker numbers of this layout: 0 in the header row, 1 + r at the start of row r.
int start(int row) { return 1 + row; }

/// Every marker of `rows` rows on `pageOf(row)`; the header on `headerPage`.
RowMarkerPages pages(int rows, int headerPage, const std::function<int(int)>& pageOf)
{
    RowMarkerPages p{{0, headerPage}};
    for (int r = 0; r < rows; ++r) {
        p[start(r)] = pageOf(r);
    }
    return p;
}

struct Xhtml {
    std::unique_ptr<xmlDoc, void (*)(xmlDoc*)> doc;
    explicit Xhtml(const std::string& text)
        : doc(xmlReadMemory(text.data(), static_cast<int>(text.size()), "t.xhtml", "UTF-8", XML_PARSE_NONET), xmlFreeDoc)
    {
        BOOST_TEST_REQUIRE(doc != nullptr);
    }
    double number(const std::string& xpath) const
    {
        std::unique_ptr<xmlXPathContext, void (*)(xmlXPathContext*)> ctx(xmlXPathNewContext(doc.get()), xmlXPathFreeContext);
        xmlXPathRegisterNs(ctx.get(), BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
        std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObject*)> r(
            xmlXPathEvalExpression(BAD_CAST xpath.c_str(), ctx.get()), xmlXPathFreeObject);
        BOOST_TEST_REQUIRE(r != nullptr);
        return xmlXPathCastToNumber(r.get());
    }
    std::string text(const std::string& xpath) const
    {
        std::unique_ptr<xmlXPathContext, void (*)(xmlXPathContext*)> ctx(xmlXPathNewContext(doc.get()), xmlXPathFreeContext);
        xmlXPathRegisterNs(ctx.get(), BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
        std::unique_ptr<xmlXPathObject, void (*)(xmlXPathObject*)> r(
            xmlXPathEvalExpression(BAD_CAST xpath.c_str(), ctx.get()), xmlXPathFreeObject);
        BOOST_TEST_REQUIRE(r != nullptr);
        xmlChar* s = xmlXPathCastToString(r.get());
        std::string out(reinterpret_cast<const char*>(s));
        xmlFree(s);
        return out;
    }
};

} // namespace

BOOST_AUTO_TEST_SUITE(ContinuedTablesTest)

BOOST_AUTO_TEST_CASE(markers_go_where_the_rows_start_and_end)
{
    ContinuedTables tables(letter(4));
    BOOST_TEST(tables.needed());
    BOOST_TEST(tables.maxMarker() == 4);
    const Xhtml x(tables.xhtml());
    BOOST_TEST(x.number("count(//h:img[@class='k-row-mark'])") == 5);
    BOOST_TEST(x.number("count(//h:th[1]/node()[1][self::h:img])") == 1);
    BOOST_TEST(x.number("count(//h:tbody/h:tr/h:td[1]/node()[1][self::h:img])") == 4);
    BOOST_TEST(x.number("count(//h:img[@alt='' and starts-with(@src, 'data:image/bmp;base64,')])") == 5);
    // The text itself is untouched.
    BOOST_TEST(x.text("normalize-space((//h:table)[2]//h:tr[2])") == "k2b2");
}

BOOST_AUTO_TEST_CASE(letters_without_a_data_table_with_a_header_are_laid_out_once)
{
    for (const char* xhtml : {
             "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Inget</p></body></html>",
             "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><table class=\"facts\"><thead><tr><th>a</th></tr></thead>"
             "<tbody><tr><td>b</td></tr></tbody></table></body></html>",
             "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><table class=\"rows\"><tbody><tr><td>b</td></tr></tbody>"
             "</table></body></html>",
             "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><table class=\"rows\"><thead><tr><th>a</th></tr></thead>"
             "</table></body></html>",
         }) {
        BOOST_TEST_CONTEXT(xhtml)
        {
            BOOST_TEST(!ContinuedTables(xhtml).needed());
        }
    }
    BOOST_CHECK_THROW(ContinuedTables("<html><body>"), std::exception);
}

BOOST_AUTO_TEST_CASE(a_table_on_one_page_stays_as_it_is)
{
    ContinuedTables tables(letter(6));
    const std::string before = tables.xhtml();
    BOOST_TEST(!tables.relayout(pages(6, 1, [](int) { return 1; })));
    BOOST_TEST(tables.xhtml() == before);
    BOOST_TEST(tables.headersRepeated() == 0);
}

// Each row: where the break falls (the first row on the next page, or a row cut by it), and what
// the letter then holds.
BOOST_AUTO_TEST_CASE(the_rest_of_the_rows_start_a_page_under_a_copy_of_the_header)
{
    struct Case {
        const char* what;
        std::function<int(int)> pageOf; // page of each row
        int tables;                     // data tables after the split
        int headers;                    // thead elements after the split
        const char* firstRowOfLast;     // text of the first row of the last table
    };
    const std::vector<Case> cases = {
        {"row 3 is the first on page 2", [](int r) { return r < 3 ? 0 : 1; }, 3, 2, "k3b3"},
        {"row 1, the first of the second table, is the first on page 2", [](int r) { return r < 1 ? 0 : 1; }, 2, 2, "k1b1"},
        {"row 2 is the first on page 3 (page 2 is taken by something else)", [](int r) { return r < 2 ? 0 : 2; }, 3, 2, "k2b2"},
        {"the last row is the first on page 2", [](int r) { return r < 5 ? 0 : 1; }, 3, 2, "k5b5"},
    };
    for (const Case& c : cases) {
        BOOST_TEST_CONTEXT(c.what)
        {
            ContinuedTables tables(letter(6));
            BOOST_TEST_REQUIRE(tables.relayout(pages(6, 0, c.pageOf)));
            BOOST_TEST(tables.headersRepeated() == 1);
            const Xhtml x(tables.xhtml());
            BOOST_TEST(x.number("count(//h:table[contains(@class, 'rows')])") == c.tables);
            BOOST_TEST(x.number("count(//h:thead)") == c.headers);
            const std::string last = "(//h:table[contains(@class, 'rows')])[last()]";
            BOOST_TEST(x.text("normalize-space(" + last + "/h:tbody/h:tr[1])") == c.firstRowOfLast);
            BOOST_TEST(x.text("normalize-space(" + last + "/h:thead)") == "KriteriumBedömning");
            BOOST_TEST(x.text(last + "/@style") == "page-break-before: always;");
            BOOST_TEST(x.text(last + "/@class") == "rows criteria continued");
            // The copied header carries no marker: its numbers stay unique.
            BOOST_TEST(x.number("count(" + last + "/h:thead//h:img)") == 0);
            BOOST_TEST(x.number("count(//h:img[@class='k-row-mark'])") == 7);
            // Every row once, in order.
            BOOST_TEST(x.text("normalize-space((//h:tbody/h:tr)[1])") == "k0b0");
            BOOST_TEST(x.text("normalize-space((//h:tbody/h:tr)[6])") == "k5b5");
            BOOST_TEST(x.number("count(//h:tbody/h:tr)") == 6);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_header_left_at_a_page_foot_moves_with_its_lead_in)
{
    ContinuedTables tables(letter(3));
    BOOST_TEST_REQUIRE(tables.relayout(pages(3, 0, [](int) { return 1; })));
    BOOST_TEST(tables.headersRepeated() == 0);
    const Xhtml x(tables.xhtml());
    BOOST_TEST(x.number("count(//h:thead)") == 1);
    BOOST_TEST(x.text("//h:div[@class='keep']/@style") == "page-break-before: always;");
}

BOOST_AUTO_TEST_CASE(one_split_per_pass_until_every_page_has_its_header)
{
    // 30 rows, ten to a page: the first pass splits at row 10; the next (the copied header took
    // a row's room) at row 19; then at 28; then nothing is left to do.
    ContinuedTables tables(letter(30));
    int splits = 0;
    std::vector<int> breaks = {10, 19, 28};
    for (std::size_t pass = 0; pass <= breaks.size(); ++pass) {
        auto pageOf = [&](int r) {
            int page = 0;
            for (int b : breaks) {
                page += r >= b ? 1 : 0;
            }
            return page;
        };
        const bool again = tables.relayout(pages(30, 0, pageOf));
        BOOST_TEST(again == (pass < breaks.size()), "pass " << pass);
        splits += again ? 1 : 0;
    }
    BOOST_TEST(splits == 3);
    BOOST_TEST(tables.headersRepeated() == 3);
    const Xhtml x(tables.xhtml());
    BOOST_TEST(x.number("count(//h:thead)") == 4);
    BOOST_TEST(x.number("count(//h:table[contains(@class, 'continued')])") == 3);
}

BOOST_AUTO_TEST_CASE(a_row_that_already_opens_a_page_is_never_split_again)
{
    // Laid out again, the engine still puts row 2 on a page of its own (a row taller than a
    // page): the split is made once, never again, so the passes end.
    ContinuedTables tables(letter(4));
    const RowMarkerPages p = pages(4, 0, [](int r) { return r < 2 ? 0 : r == 2 ? 1 : 2; });
    BOOST_TEST_REQUIRE(tables.relayout(p));
    BOOST_TEST_REQUIRE(tables.relayout(p)); // row 3, on the page after row 2's
    BOOST_TEST(!tables.relayout(p));
    BOOST_TEST(tables.headersRepeated() == 2);
}

BOOST_AUTO_TEST_CASE(rows_whose_markers_were_not_drawn_are_passed_over)
{
    ContinuedTables tables(letter(4));
    RowMarkerPages p = pages(4, 0, [](int) { return 0; });
    p.erase(start(2));
    BOOST_TEST(!tables.relayout(p));
    BOOST_TEST(!tables.relayout(RowMarkerPages{}));
}

BOOST_AUTO_TEST_SUITE_END()
