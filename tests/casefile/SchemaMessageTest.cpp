#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "casefile/SchemaMessage.h"
#include "i18n/Catalog.h"
#include "i18n/FindingText.h"

#include <libxml/xmlerror.h>

#include <string>
#include <vector>

using namespace kansli::casefile;

namespace {

SchemaVocabulary vocabulary()
{
    SchemaVocabulary v;
    v.names = {"personnummer", "IdentityNumber", "beslut", "utredning", "jobbplan", "type", "document", "1.0",
        "schemaVersion", "case", "received", "application", "programme", "period", "to", "criterion", "met",
        "investigation", "decision", "evidence"};
    v.typeOf = {{"received", "Date"}, {"met", "boolean"}, {"personnummer", "IdentityNumber"}, {"to", "Date"}};
    return v;
}

/// The message a schema error gives, written from the catalog in `language` (English: what the
/// command line prints).
std::string written(const SchemaError& error, const SchemaVocabulary& v, const char* language = "en")
{
    static const kansli::i18n::Catalogs catalogs(std::string(KANSLI_BINARY_DIR) + "/locales");
    const SchemaText text = describeSchemaError(error, v);
    kansli::Finding finding;
    finding.code = "schema";
    finding.messageId = text.messageId;
    finding.args = text.args;
    kansli::Findings findings{finding};
    kansli::i18n::localize(findings, catalogs.forLanguage(language));
    return findings.front().message;
}

struct Row {
    const char* name;
    SchemaError error;
    std::string expected;
};

} // namespace

BOOST_AUTO_TEST_SUITE(schema_message)

// Each row is one structured error as libxml2 2.9 reports it (code, element, attribute, the
// schema's text); the message is built from these alone, so no value can reach it.
BOOST_AUTO_TEST_CASE(each_code_names_the_field_and_the_rule)
{
    const std::vector<Row> rows = {
        {"pattern", {XML_SCHEMAV_CVC_PATTERN_VALID, "personnummer", "", "[0-9]{8}[-+]?[0-9]{4}|[0-9]{6}[-+]?[0-9]{4}", {}, {}, {}, false},
            "Element 'personnummer': the value does not have the form of an identity number (YYYYMMDD-NNNC, "
            "YYYYMMDDNNNC, YYMMDD-NNNC or YYMMDD+NNNC)"},
        {"enumeration", {XML_SCHEMAV_CVC_ENUMERATION_VALID, "document", "type", "'beslut', 'utredning', 'jobbplan'", {}, {}, {}, false},
            "Attribute 'type' of element 'document': the value is not one of the allowed values 'beslut', "
            "'utredning', 'jobbplan'"},
        {"date type", {XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1, "received", "", {}, {}, {}, {}, false},
            "Element 'received': the value is not a valid date: write it YYYY-MM-DD, without a time zone, and give a "
            "day that exists in the calendar"},
        {"attribute type", {XML_SCHEMAV_CVC_DATATYPE_VALID_1_2_1, "criterion", "met", {}, {}, {}, {}, false},
            "Attribute 'met' of element 'criterion': the value is not a valid boolean (true or false)"},
        {"fixed", {XML_SCHEMAV_CVC_AU, "case", "schemaVersion", "1.0", {}, {}, {}, false},
            "Attribute 'schemaVersion' of element 'case': the value must be '1.0'"},
        {"max length", {XML_SCHEMAV_CVC_MAXLENGTH_VALID, "received", "", "200", {}, {"40000", "200"}, {}, false},
            "Element 'received': the value has 40000 characters; at most 200 are allowed"},
        {"required attribute", {XML_SCHEMAV_CVC_COMPLEX_TYPE_4, "period", "", {}, "to", {}, {}, false},
            "Element 'period': the required attribute 'to' is missing"},
        {"unknown attribute", {XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2, "case", "Elin", {}, "Elin", {}, {}, false},
            "An attribute of element 'case': this attribute is not allowed here"},
        {"missing child", {XML_SCHEMAV_ELEMENT_CONTENT, "application", "", {}, {}, {}, " {urn:se:stockholm:kansli:case:1}programme ", true},
            "Element 'application': a required child element is missing; expected next: programme"},
        {"unexpected child", {XML_SCHEMAV_ELEMENT_CONTENT, "x", "", {}, {}, {}, " {urn:x}investigation, {urn:x}decision ", false},
            "this element is not allowed here; expected instead: investigation, decision"},
        {"text in element-only", {XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3, "evidence", "", {}, {}, {}, {}, false},
            "Element 'evidence': text is not allowed directly in this element; write it in its child elements"},
        {"unique", {XML_SCHEMAV_CVC_IDC, "criterion", "", "unique identity-constraint '{urn:x}criterionOnce'", {}, {}, {}, false},
            "Element 'criterion': a criterion id is given more than once; give each criterion once"},
        {"unknown code", {1879, "case", "", {}, {}, {}, {}, false},
            "Element 'case': the case file does not follow the case schema here (libxml2 schema error 1879)"},
    };
    const SchemaVocabulary v = vocabulary();
    for (const auto& row : rows) {
        BOOST_TEST_CONTEXT(row.name)
        {
            BOOST_TEST(written(row.error, v) == row.expected);
            // Every one is in Swedish too, with every argument filled.
            const std::string swedish = written(row.error, v, "sv");
            BOOST_TEST(swedish != "schema");
            BOOST_TEST(swedish.find('{') == std::string::npos, swedish);
            BOOST_TEST(swedish != row.expected);
        }
    }
}

BOOST_AUTO_TEST_CASE(schema_texts_not_declared_are_never_quoted)
{
    const SchemaVocabulary v = vocabulary();
    // An enumeration "set" or a fixed value that the schema does not declare is dropped.
    BOOST_TEST(written({XML_SCHEMAV_CVC_ENUMERATION_VALID, "document", "type", "'Elin Testsson'", {}, {}, {}, false}, v)
        == "Attribute 'type' of element 'document': the value is not one of the values allowed here");
    BOOST_TEST(written({XML_SCHEMAV_CVC_AU, "case", "schemaVersion", "Solrosvägen", {}, {}, {}, false}, v)
        == "Attribute 'schemaVersion' of element 'case': the value must be the fixed value of the schema");
    BOOST_TEST(written({XML_SCHEMAV_CVC_MAXLENGTH_VALID, "received", "", {}, {}, {"19990417", "x2"}, {}, false}, v)
        == "Element 'received': the value is too long");
}

BOOST_AUTO_TEST_CASE(prefix_gives_the_attribute_and_nothing_after_it)
{
    BOOST_TEST(attributeFromPrefix("Element '{urn:x}period', attribute 'to': 'x' is not a valid value") == "to");
    BOOST_TEST(attributeFromPrefix("Element '{urn:x}period': [facet 'pattern'] The value ', attribute 'x':'") == "");
    BOOST_TEST(attributeFromPrefix("Something else") == "");
    BOOST_TEST(attributeFromPrefix("Element 'p', attribute 'unterminated") == "");
    bool missing = false;
    BOOST_TEST(expectedList("Element 'a': Missing child element(s). Expected is ( {urn:x}programme ).", missing)
        == " {urn:x}programme ");
    BOOST_TEST(missing);
    BOOST_TEST(expectedList("Element 'a': This element is not expected.", missing).empty());
    BOOST_TEST(!missing);
}

BOOST_AUTO_TEST_SUITE_END()
