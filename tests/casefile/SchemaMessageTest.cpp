#define BOOST_TEST_DYN_LINK
#include <boost/test/unit_test.hpp>

#include "casefile/SchemaMessage.h"

#include <set>
#include <string>

using kansli::casefile::sanitizeSchemaMessage;

namespace {

const std::set<std::string> KNOWN = {"personnummer", "IdentityNumber", "beslut", "utredning",
                                     "jobbplan", "type", "document", "1.0", "schemaVersion"};

} // namespace

BOOST_AUTO_TEST_SUITE(schema_message)

BOOST_AUTO_TEST_CASE(pattern_error_names_the_field_not_the_value)
{
    const std::string message = sanitizeSchemaMessage(
        "Element '{urn:se:stockholm:kansli:case:1}personnummer': [facet 'pattern'] The value "
        "'19990417-238' is not accepted by the pattern '([0-9]{2})?[0-9]{6}[-+]?[0-9]{4}'.\n",
        KNOWN);
    BOOST_TEST(message.find("19990417-238") == std::string::npos);
    BOOST_TEST(message.find("'personnummer'") != std::string::npos);
    BOOST_TEST(message.find("identity number") != std::string::npos);
    BOOST_TEST(message.find("urn:") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(enumeration_error_keeps_the_allowed_values)
{
    const std::string message = sanitizeSchemaMessage(
        "Element '{urn:se:stockholm:kansli:case:1}document', attribute 'type': [facet "
        "'enumeration'] The value 'Sven' is not an element of the set {'beslut', 'utredning', "
        "'jobbplan'}.\n",
        KNOWN);
    BOOST_TEST(message == "Attribute 'type' of element 'document': the value is not one of the "
                          "allowed values 'beslut', 'utredning', 'jobbplan'");
}

BOOST_AUTO_TEST_CASE(impossible_date_is_explained)
{
    const std::string message = sanitizeSchemaMessage(
        "Element '{urn:se:stockholm:kansli:case:1}received': '2026-02-30' is not a valid value "
        "of the atomic type 'xs:date'.\n",
        KNOWN);
    BOOST_TEST(message.find("2026-02-30") == std::string::npos);
    BOOST_TEST(message.find("Element 'received'") == 0u);
    BOOST_TEST(message.find("a day that exists") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(fixed_value_and_unknown_quotes)
{
    BOOST_TEST(sanitizeSchemaMessage("Element '{urn:se:stockholm:kansli:case:1}case', attribute "
                                     "'schemaVersion': The value '2.0' does not match the fixed "
                                     "value constraint '1.0'.\n",
                                     KNOWN)
               == "Attribute 'schemaVersion' of element 'case': the value must be '1.0'");
    const std::string unknown = sanitizeSchemaMessage(
        "Element '{urn:x}p': Something new about 'Elin Testsson' and 'secret.\n", KNOWN);
    BOOST_TEST(unknown.find("Elin") == std::string::npos);
    BOOST_TEST(unknown.find("secret") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(expected_elements_lose_their_namespace)
{
    const std::string message = sanitizeSchemaMessage(
        "Element '{urn:se:stockholm:kansli:case:1}application': Missing child element(s). "
        "Expected is ( {urn:se:stockholm:kansli:case:1}programme ).\n",
        {"programme", "application"});
    BOOST_TEST(message
               == "Element 'application': a required child element is missing; expected next: programme");
}

BOOST_AUTO_TEST_CASE(unexpected_element_and_text)
{
    BOOST_TEST(sanitizeSchemaMessage(
                   "Element '{urn:se:stockholm:kansli:case:1}x': This element is not expected. "
                   "Expected is one of ( {urn:se:stockholm:kansli:case:1}investigation, "
                   "{urn:se:stockholm:kansli:case:1}decision ).\n",
                   {})
               == "Element 'x': this element is not allowed here; expected instead: "
                  "investigation, decision");
    BOOST_TEST(sanitizeSchemaMessage("Element '{urn:se:stockholm:kansli:case:1}evidence': "
                                     "Character content other than whitespace is not allowed "
                                     "because the content type is 'element-only'.\n",
                                     {})
               == "Element 'evidence': text is not allowed directly in this element; write it "
                  "in its child elements");
}

BOOST_AUTO_TEST_SUITE_END()
