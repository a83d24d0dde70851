#define BOOST_TEST_DYN_LINK
// Tokens: parsing the configured entries, finding a caller, reading the Authorization header.

#include "http/Access.h"
#include "core/Error.h"

#include <Poco/Base64Encoder.h>

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace kansli;
using namespace kansli::http;

namespace {

const std::string SYSTEM_TOKEN = "0123456789abcdef0123";
const std::string WORKER_TOKEN = "fedcba9876543210fedc";

std::string configError(const std::string& text)
{
    try {
        TokenStore store;
        store.add(text, "test");
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::Config));
        return e.publicMessage();
    }
    return "no error";
}

std::string basic(const std::string& userAndPassword)
{
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder << userAndPassword;
    encoder.close();
    return "Basic " + out.str();
}

} // namespace

BOOST_AUTO_TEST_SUITE(AccessTest)

BOOST_AUTO_TEST_CASE(entries_from_a_file_or_the_environment_find_their_caller)
{
    TokenStore store;
    store.add("# comment\n\nsystem-a:case-system:" + SYSTEM_TOKEN + "\n", "file");
    store.add("worker-1:caseworker:" + WORKER_TOKEN + ", lawyer:legal:legal-token-000000000", "KANSLI_TOKENS");
    BOOST_TEST(store.size() == 3u);
    const auto system = store.find(SYSTEM_TOKEN);
    BOOST_TEST_REQUIRE(system.has_value());
    BOOST_TEST(system->name == "system-a");
    BOOST_TEST((system->role == Role::CaseSystem));
    BOOST_TEST((store.find(WORKER_TOKEN)->role == Role::Caseworker));
    BOOST_TEST((store.find("legal-token-000000000")->role == Role::Legal));
    BOOST_TEST(!store.find("").has_value());
    BOOST_TEST(!store.find(SYSTEM_TOKEN + "x").has_value());
    BOOST_TEST(!store.find(SYSTEM_TOKEN.substr(1)).has_value());
}

BOOST_AUTO_TEST_CASE(bad_entries_stop_the_start_without_quoting_the_token)
{
    BOOST_TEST(configError("only-two:case-system").find("name:role:token") != std::string::npos);
    BOOST_TEST(configError("a:admin:" + SYSTEM_TOKEN).find("role") != std::string::npos);
    BOOST_TEST(configError("a b:legal:" + SYSTEM_TOKEN).find("name") != std::string::npos);
    const std::string shortToken = configError("a:legal:short");
    BOOST_TEST(shortToken.find("16") != std::string::npos);
    BOOST_TEST(shortToken.find("short") == std::string::npos);
    BOOST_TEST(
        configError("a:legal:" + SYSTEM_TOKEN + "\na:caseworker:" + WORKER_TOKEN).find("twice") != std::string::npos);
    const std::string reused = configError("a:legal:" + SYSTEM_TOKEN + "\nb:caseworker:" + SYSTEM_TOKEN);
    BOOST_TEST(reused.find("same token") != std::string::npos);
    BOOST_TEST(reused.find(SYSTEM_TOKEN) == std::string::npos);
    BOOST_TEST(configError("a:legal:" + SYSTEM_TOKEN + " spaces").find("token") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(bearer_and_basic_authorization_headers)
{
    BOOST_TEST(tokenFromAuthorization("Bearer " + SYSTEM_TOKEN).value_or("") == SYSTEM_TOKEN);
    BOOST_TEST(tokenFromAuthorization("bearer   " + SYSTEM_TOKEN + " ").value_or("") == SYSTEM_TOKEN);
    BOOST_TEST(tokenFromAuthorization(basic("anyone:" + WORKER_TOKEN)).value_or("") == WORKER_TOKEN);
    BOOST_TEST(!tokenFromAuthorization(basic("no-password:")).has_value());
    BOOST_TEST(!tokenFromAuthorization("Bearer").has_value());
    BOOST_TEST(!tokenFromAuthorization(SYSTEM_TOKEN).has_value());
    BOOST_TEST(!tokenFromAuthorization("Digest abc").has_value());
}

BOOST_AUTO_TEST_CASE(access_rules_and_probe_settings)
{
    const Access render = Access::roles({Role::CaseSystem, Role::Caseworker});
    BOOST_TEST(render.allows(Role::CaseSystem));
    BOOST_TEST(render.allows(Role::Caseworker));
    BOOST_TEST(!render.allows(Role::Legal));
    BOOST_TEST(render.describe() == "case-system, caseworker");
    BOOST_TEST(Access::anyCaller().allows(Role::Legal));
    BOOST_TEST(Access::open().isOpen());
    BOOST_TEST(Access::probe().isProbe());
    BOOST_TEST((parseProbeAccess("loopback") == ProbeAccess::Loopback));
    BOOST_TEST((parseProbeAccess("token") == ProbeAccess::Token));
    BOOST_TEST(!parseProbeAccess("yes").has_value());
    BOOST_TEST((parseRole("caseworker") == Role::Caseworker));
    BOOST_TEST(!parseRole("admin").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
