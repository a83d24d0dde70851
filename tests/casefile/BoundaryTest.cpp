#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

// The boundary at real sizes: every field of the case format with values of 1 KB, 64 KB and
// 1 MB, elements with too many attributes and too long names, and files with thousands of
// errors. Each must be refused with findings that name the field and never quote the value,
// in bounded work (the body limit is 2 MB; libFuzzer's default of 4 KB never got here).

#include "EnglishLoader.h"
#include "casefile/CaseLoader.h"
#include "casefile/MarkupScan.h"
#include "casefile/XmlNode.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace kansli;
using namespace kansli::casefile;

namespace {

const std::string SOURCE = KANSLI_SOURCE_DIR;

const test::EnglishLoader& loader()
{
    static const test::EnglishLoader shared(SOURCE + "/templates/schema/case-1.xsd");
    return shared;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// One field of an example: an element holding text only, or an attribute.
struct Field {
    std::string xpath;
    std::string example;
};

/// The same example with the field at `index` (document order) set to `value`.
std::string withValue(const std::string& xml, std::size_t index, const std::string& value, std::vector<Field>* fields)
{
    xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, "UTF-8", XML_PARSE_NONET);
    BOOST_REQUIRE(doc != nullptr);
    std::size_t at = 0;
    std::function<void(xmlNode*)> walk = [&](xmlNode* node) {
        for (xmlNode* n = node; n != nullptr; n = n->next) {
            if (n->type != XML_ELEMENT_NODE)
                continue;
            for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
                if (fields != nullptr)
                    fields->push_back({xml::xpathOf(n) + "/@" + reinterpret_cast<const char*>(a->name), ""});
                if (at++ == index)
                    xmlSetProp(n, a->name, reinterpret_cast<const xmlChar*>(value.c_str()));
            }
            const bool textOnly = n->children != nullptr && n->children->type == XML_TEXT_NODE
                && n->children->next == nullptr;
            if (textOnly) {
                if (fields != nullptr)
                    fields->push_back({xml::xpathOf(n), ""});
                if (at++ == index)
                    xmlNodeSetContent(n, reinterpret_cast<const xmlChar*>(value.c_str()));
            }
            walk(n->children);
        }
    };
    walk(xmlDocGetRootElement(doc));
    xmlChar* out = nullptr;
    int size = 0;
    xmlDocDumpMemoryEnc(doc, &out, &size, "UTF-8");
    std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
    xmlFree(out);
    xmlFreeDoc(doc);
    return result;
}

/// A value of `bytes` bytes in one of three shapes: spaces around a word, a name-like run with
/// non-ASCII letters, digits and separators like a date or an identity number.
std::string generated(std::size_t bytes, int shape)
{
    static const std::string SHAPES[] = {"    Ölandsgatan    ", "ÅsaÖstergrenÄngby", "1999-04-17-2385+"};
    const std::string& unit = SHAPES[shape % 3];
    std::string value;
    value.reserve(bytes + unit.size());
    while (value.size() < bytes)
        value += unit;
    // Cut on a character boundary (the units are UTF-8).
    std::size_t cut = bytes;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80)
        --cut;
    value.resize(cut);
    return value;
}

bool quotesValue(const Finding& finding, const std::string& value)
{
    // Any 10 bytes of the value's first unit would show that the value was copied.
    const std::string probe = value.substr(0, std::min<std::size_t>(value.size(), 10));
    return finding.message.find(probe) != std::string::npos || finding.xpath.find(probe) != std::string::npos;
}

std::string describe(const Findings& findings)
{
    std::string text;
    for (const auto& f : findings)
        text += f.format("case") + "\n";
    return text;
}

} // namespace

BOOST_AUTO_TEST_SUITE(boundary)

BOOST_AUTO_TEST_CASE(every_field_at_1kb_64kb_and_1mb_is_refused_naming_it)
{
    // Every document type's own fields (the letters around the decision bring communication,
    // continuationOf, appeal, courtStatement and ending), each field once.
    std::set<std::string> tried;
    for (const char* example :
         {"beslut-uvas.xml", "jobbplan-uvas.xml", "utredning-uvas.xml", "kommunicering-lss-insats.xml",
          "fortsatt-uvas.xml", "rattidsprovning-i-tid.xml", "yttrande-uvas.xml", "avslut-uvas.xml",
          "slutrapport-lss-insats.xml"}) {
        const std::string xml = readFile(SOURCE + "/examples/" + example);
        std::vector<Field> fields;
        (void)withValue(xml, static_cast<std::size_t>(-1), "", &fields);
        BOOST_TEST_REQUIRE(fields.size() > 20u);
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (!tried.insert(fields[i].xpath).second) {
                continue; // the same field in an earlier example
            }
            for (const std::size_t bytes : {std::size_t{1024}, std::size_t{64 * 1024}, std::size_t{1024 * 1024}}) {
                const std::string value = generated(bytes, static_cast<int>(i + bytes));
                BOOST_TEST_CONTEXT(example << " " << fields[i].xpath << " at " << bytes << " bytes")
                {
                    const LoadResult result = loader().loadMemory(withValue(xml, i, value, nullptr));
                    BOOST_TEST_INFO(describe(result.findings));
                    // A paragraph may hold 8,000 characters: 1 KB there is a valid case.
                    if (bytes == 1024 && result.ok())
                        continue;
                    BOOST_TEST(!result.ok());
                    bool named = false;
                    for (const auto& finding : result.findings) {
                        BOOST_TEST(!quotesValue(finding, value));
                        // A finding on the field, or on the element whose content it is.
                        named = named || finding.xpath == fields[i].xpath;
                    }
                    BOOST_TEST(named);
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(attributes_per_element_are_capped_before_parsing)
{
    const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<case xmlns=\"urn:se:stockholm:kansli:case:1\"";
    for (const std::size_t count : {std::size_t{33}, std::size_t{1000}, std::size_t{100000}}) {
        for (const bool nested : {false, true}) {
            std::string attributes;
            for (std::size_t i = 0; i < count; ++i)
                attributes += " a" + std::to_string(i) + "=\"1\"";
            const std::string xml = nested ? head + ">\n<document" + attributes + "/></case>"
                                           : head + attributes + "><document/></case>";
            BOOST_TEST_CONTEXT(count << " attributes" << (nested ? " on a child" : " on the root"))
            {
                const LoadResult result = loader().loadMemory(xml);
                BOOST_REQUIRE_EQUAL(result.findings.size(), 1u);
                BOOST_TEST(result.findings.front().code == CODE_XML_ATTRIBUTES);
                BOOST_TEST(result.findings.front().xpath == (nested ? "/case/document" : "/case"));
                BOOST_TEST(result.findings.front().line == (nested ? 3 : 2));
            }
        }
    }
    // 32 attributes (namespace declarations count) are still read and judged by the schema.
    std::string attributes;
    for (int i = 0; i < 31; ++i)
        attributes += " a" + std::to_string(i) + "=\"1\"";
    const LoadResult result = loader().loadMemory(head + attributes + "/>");
    BOOST_REQUIRE(!result.findings.empty());
    BOOST_TEST(result.findings.front().code != CODE_XML_ATTRIBUTES);
}

BOOST_AUTO_TEST_CASE(long_element_and_attribute_names_are_refused)
{
    const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<case xmlns=\"urn:se:stockholm:kansli:case:1\">";
    for (const std::size_t length : {std::size_t{101}, std::size_t{5000}, std::size_t{1024 * 1024}}) {
        const std::string name(length, 'n');
        for (const std::string& xml :
            {head + "<" + name + "/></case>", head + "<document " + name + "=\"x\"/></case>",
                head + "<document></" + name + "></case>"}) {
            const LoadResult result = loader().loadMemory(xml);
            BOOST_REQUIRE_EQUAL(result.findings.size(), 1u);
            BOOST_TEST(result.findings.front().code == CODE_XML_NAME);
            BOOST_TEST(result.findings.front().message.find("nnnnnnnnnn") == std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(markup_scan_skips_what_is_not_markup)
{
    // '<', '=' and quotes inside comments, CDATA, processing instructions and values are text.
    const std::string many(200, '=');
    const std::string xml = "<?xml version=\"1.0\"?><?pi " + many + " ?><a b=\"<" + many + "'\"><!-- <x " + many
        + " --><![CDATA[<y " + many + "]]></a>";
    BOOST_TEST(!scanMarkup(xml, MarkupLimits{}).has_value());
}

BOOST_AUTO_TEST_CASE(thousands_of_errors_give_the_first_hundred_and_a_count)
{
    std::string xml = readFile(SOURCE + "/examples/beslut-uvas.xml");
    const std::string criterion = "<criterion id=\"uvas.alder\" met=\"nej\"><evidence><p>x</p></evidence></criterion>";
    std::string many;
    for (int i = 0; i < 10000; ++i)
        many += criterion;
    const std::size_t at = xml.find("<criteria>") + std::string("<criteria>").size();
    xml.insert(at, many);
    const LoadResult result = loader().loadMemory(xml);
    BOOST_TEST(!result.ok());
    BOOST_REQUIRE_EQUAL(result.findings.size(), 101u);
    const Finding& last = result.findings.back();
    BOOST_TEST(last.code == CODE_FINDINGS_MORE);
    BOOST_TEST(last.message.find(" more finding") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(parser_findings_never_quote_the_text_around_the_fault)
{
    // libxml2's own messages quote up to 50 bytes after these faults.
    const std::string secret = "Solrosvägen 12 19990417-2385";
    const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<case xmlns=\"urn:se:stockholm:kansli:case:1\">";
    const std::vector<std::string> bodies = {
        "<p><![CDATA[" + secret + "</p></case>",     // unterminated CDATA
        "<!-- a -- " + secret + " --></case>",        // '--' inside a comment
        "<!-- " + secret + "</case>",                 // unterminated comment
        "<p>" + secret + " < " + secret + "</p></case>", // a stray '<'
        "<p>" + secret + " & " + secret + "</p></case>", // a stray '&'
        "<p>" + secret + "</q></case>",               // mismatched end tag
        "<p a=\"" + secret + "></case>",              // unterminated attribute value
        "<" + std::string("Elin") + "></case>",       // unclosed element named like a person
        "</case>" + secret,                           // content after the root
    };
    for (const auto& body : bodies) {
        BOOST_TEST_CONTEXT(body.substr(0, 20))
        {
            const LoadResult result = loader().loadMemory(head + body);
            BOOST_TEST(!result.ok());
            BOOST_REQUIRE(!result.findings.empty());
            for (const auto& finding : result.findings) {
                BOOST_TEST(finding.code == "xml");
                for (const char* part : {"Solros", "19990417", "2385", "Elin"})
                    BOOST_TEST(finding.message.find(part) == std::string::npos, finding.message);
            }
        }
    }
}

// "Blank is blank in Unicode terms" (the handed motivation-only-zero-width-space.xml and
// line-separator-in-name.xml as two rows of their families): every one-line field refuses a
// Unicode line break and a value with no visible character; a motivation of invisible
// characters is read as no motivation, which the legal preflight refuses (FL 32 §).
BOOST_AUTO_TEST_CASE(unicode_blanks_and_line_breaks_in_every_line_field_and_paragraph)
{
    const std::string xml = readFile(SOURCE + "/examples/beslut-uvas.xml");
    const std::vector<std::string> invisible = {"\xC2\xA0", "\xE2\x80\x8B", "\xE3\x80\x80", "\xEF\xBB\xBF",
        "\xE2\x80\x83\xE2\x80\x8D", "\xC2\xAD", "\xE2\x81\xA0"};
    const std::vector<std::string> breaks = {"\xE2\x80\xA8", "\xE2\x80\xA9", "\xC2\x85"};
    for (const char* field : {"givenName", "familyName", "street", "city", "namnd", "unit", "name", "title", "delegation"}) {
        const std::string open = std::string("<") + field + ">";
        const std::size_t at = xml.find(open);
        BOOST_REQUIRE(at != std::string::npos);
        const std::size_t start = at + open.size();
        const std::size_t end = xml.find("</", start);
        for (const auto& blank : invisible) {
            for (const std::string& value : {blank, blank + " " + blank}) {
                std::string changed = xml;
                changed.replace(start, end - start, value);
                const LoadResult result = loader().loadMemory(changed);
                BOOST_TEST_CONTEXT(field << " blank")
                {
                    BOOST_TEST(!result.ok());
                }
            }
        }
        for (const auto& lineBreak : breaks) {
            for (const std::string& value : {"Anna" + lineBreak + "Berg", lineBreak + "Anna", "Anna" + lineBreak}) {
                std::string changed = xml;
                changed.replace(start, end - start, value);
                const LoadResult result = loader().loadMemory(changed);
                BOOST_TEST_CONTEXT(field << " with a line break")
                {
                    BOOST_TEST(!result.ok());
                    BOOST_TEST(describe(result.findings).find("one line") != std::string::npos);
                }
            }
        }
    }
    // Paragraphs: a motivation of invisible characters is no motivation.
    const std::string handed = readFile(SOURCE + "/tests/casefile/bad/motivation-only-zero-width-space.xml");
    LoadResult result = loader().loadMemory(handed);
    BOOST_REQUIRE(result.facts.has_value());
    BOOST_REQUIRE(result.facts->decision.has_value());
    BOOST_TEST(!result.facts->decision->step2HasMotivation.value);
    for (const auto& blank : invisible) {
        std::string changed = xml;
        const std::string open = "<motivation><p>";
        const std::size_t start = changed.find(open) + open.size();
        changed.replace(start, changed.find("</p>", start) - start, blank + blank);
        result = loader().loadMemory(changed);
        BOOST_REQUIRE(result.facts.has_value());
        BOOST_TEST(!result.facts->decision->step2HasMotivation.value);
    }
}

BOOST_AUTO_TEST_CASE(control_characters_are_refused_in_every_field)
{
    const std::string xml = readFile(SOURCE + "/examples/beslut-uvas.xml");
    std::vector<Field> fields;
    (void)withValue(xml, static_cast<std::size_t>(-1), "", &fields);
    for (const std::string control : {"\xC2\x80", "\xC2\x9B", "\xC2\x9F"}) {
        for (std::size_t i = 0; i < fields.size(); ++i) {
            BOOST_TEST_CONTEXT(fields[i].xpath)
            {
                const LoadResult result = loader().loadMemory(withValue(xml, i, "Anna" + control + "Berg", nullptr));
                BOOST_TEST(!result.ok());
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
