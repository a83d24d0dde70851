#define BOOST_TEST_DYN_LINK
// Configuration: every key documented, unknown keys and bad values stop the start, the tokens
// come from KANSLI_TOKENS before the tokens file.

#include "app/Settings.h"
#include "core/Error.h"

#include "Run.h"

#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <boost/test/unit_test.hpp>

#include <sstream>

using namespace kansli;

namespace {

std::string configError(const std::string& properties)
{
    std::istringstream in(properties);
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config = new Poco::Util::PropertyFileConfiguration(in);
    app::Settings settings = app::defaultSettings();
    try {
        app::applyConfiguration(*config, settings);
    } catch (const Error& e) {
        BOOST_TEST((e.code() == ErrorCode::Config));
        return e.publicMessage();
    }
    return "accepted";
}

app::Settings apply(const std::string& properties)
{
    std::istringstream in(properties);
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> config = new Poco::Util::PropertyFileConfiguration(in);
    app::Settings settings = app::defaultSettings();
    app::applyConfiguration(*config, settings);
    return settings;
}

struct TempDir {
    std::string path = test::makeTempDir("kansli-settings");
    ~TempDir() { Poco::File(path).remove(true); }
};

} // namespace

BOOST_AUTO_TEST_SUITE(SettingsTest)

BOOST_AUTO_TEST_CASE(every_key_is_documented)
{
    const std::string doc = test::readFile(std::string(KANSLI_SOURCE_DIR) + "/docs/configuration.md");
    for (const auto& key : app::knownKeys()) {
        BOOST_TEST(doc.find("`" + key + "`") != std::string::npos, key);
    }
}

BOOST_AUTO_TEST_CASE(every_key_has_an_environment_variable_documented_and_applied)
{
    const std::string doc = test::readFile(std::string(KANSLI_SOURCE_DIR) + "/docs/configuration.md");
    for (const auto& key : app::knownKeys()) {
        BOOST_TEST(doc.find("`" + app::environmentName(key) + "`") != std::string::npos, key);
    }
    BOOST_TEST(app::environmentName("kansli.server.maxThreads") == "KANSLI_SERVER_MAX_THREADS");
    BOOST_TEST(app::environmentName("kansli.auth.tokensFile") == "KANSLI_AUTH_TOKENS_FILE");
    // Applied over the file; an empty value is unset; a bad value names the key.
    ::setenv("KANSLI_RENDER_QUEUE_LIMIT", "17", 1);
    ::setenv("KANSLI_SERVER_PORT", "", 1);
    app::Settings settings = app::defaultSettings();
    app::applyEnvironment(settings);
    BOOST_TEST(settings.pipeline.queueLimit == 17u);
    BOOST_TEST(settings.server.port == app::defaultSettings().server.port);
    ::setenv("KANSLI_RENDER_QUEUE_LIMIT", "many", 1);
    try {
        app::applyEnvironment(settings);
        BOOST_FAIL("a bad value was accepted");
    } catch (const Error& e) {
        BOOST_TEST(e.publicMessage().find("kansli.render.queueLimit") != std::string::npos);
    }
    ::unsetenv("KANSLI_RENDER_QUEUE_LIMIT");
    ::unsetenv("KANSLI_SERVER_PORT");
}

BOOST_AUTO_TEST_CASE(unknown_keys_and_bad_values_name_the_key)
{
    BOOST_TEST(configError("kansli.audit.databse = x\n").find("kansli.audit.databse") != std::string::npos);
    BOOST_TEST(configError("kansli.auth.tokenFile = x\n").find("kansli.auth.tokenFile") != std::string::npos);
    BOOST_TEST(configError("kansli.auth.probes = maybe\n").find("kansli.auth.probes") != std::string::npos);
    BOOST_TEST(configError("kansli.audit.database =\n").find("kansli.audit.database") != std::string::npos);
    BOOST_TEST(configError("kansli.server.port = 0\n").find("kansli.server.port") != std::string::npos);
    BOOST_TEST(configError("kansli.render.pdfaForAll = yes\n").find("kansli.render.pdfaForAll") != std::string::npos);
    BOOST_TEST(configError("kansli.auth.probes = token\nkansli.audit.database = /tmp/a.sqlite\n") == "accepted");
    // A shared trail: a PostgreSQL URI (docs/deployment.md).
    BOOST_TEST(configError("kansli.audit.database = postgresql://kansli@db.example:5432/kansli\n") == "accepted");
    // The batch webhook: http:// or https://, with its secret; the authorities' file must be readable.
    const std::string secret = "kansli.batch.webhookSecret = 0123456789abcdef\n";
    BOOST_TEST(configError("kansli.batch.webhookUrl = https://cases.example/hook\n" + secret) == "accepted");
    BOOST_TEST(configError("kansli.batch.webhookUrl = http://cases.example/hook\n" + secret) == "accepted");
    BOOST_TEST(configError("kansli.batch.webhookUrl = ftp://cases.example/hook\n" + secret).find("kansli.batch.webhookUrl")
               != std::string::npos);
    BOOST_TEST(configError("kansli.batch.webhookUrl = https://cases.example/hook\n").find("kansli.batch.webhookSecret")
               != std::string::npos);
    BOOST_TEST(configError("kansli.batch.webhookCaFile = /nonexistent/ca.pem\n").find("kansli.batch.webhookCaFile")
               != std::string::npos);
    BOOST_TEST(configError("kansli.batch.webhookCaFile = /etc/ssl/certs\n") == "accepted");
}

BOOST_AUTO_TEST_CASE(request_threads_leave_room_for_the_render_queue_to_fill)
{
    // With fewer request threads than workers + queue, overload would be dropped, not answered 503.
    BOOST_TEST(configError("kansli.render.workers = 2\nkansli.render.queueLimit = 8\nkansli.server.maxThreads = 10\n")
                   .find("kansli.server.maxThreads") != std::string::npos);
    // The second engine's workers and queue (1 + 8 by default) wait on request threads too.
    BOOST_TEST(configError("kansli.render.workers = 2\nkansli.render.queueLimit = 8\nkansli.server.maxThreads = 22\n")
                   .find("kansli.server.maxThreads") != std::string::npos);
    BOOST_TEST(configError("kansli.render.workers = 2\nkansli.render.queueLimit = 8\nkansli.server.maxThreads = 23\n")
               == "accepted");
    BOOST_TEST(configError("kansli.render.workers = 2\nkansli.render.queueLimit = 8\nkansli.render.taggedWorkers = 0\n"
                           "kansli.server.maxThreads = 14\n")
               == "accepted");
    // Not configured: 128, or workers + queue (of both engines) + 4 + 64 for slow clients when that is more.
    BOOST_TEST(apply("kansli.render.workers = 8\nkansli.render.queueLimit = 40\n").server.maxThreads == 128);
    BOOST_TEST(apply("kansli.render.workers = 8\nkansli.render.queueLimit = 100\n").server.maxThreads == 185);
    BOOST_TEST(apply("kansli.render.workers = 8\nkansli.render.queueLimit = 100\nkansli.render.taggedWorkers = 2\n"
                     "kansli.render.taggedQueueLimit = 20\n").server.maxThreads == 198);
    BOOST_TEST(apply("kansli.render.accessibleTypes = beslut, fortsatt\n").pipeline.accessibleTypes
               == std::vector<std::string>({"beslut", "fortsatt"}));
    BOOST_TEST(app::defaultSettings().pipeline.queueLimit == 8u);
}

BOOST_AUTO_TEST_CASE(the_audit_database_follows_the_data_root_unless_set)
{
    BOOST_TEST(
        app::defaultSettings().pipeline.auditDatabase == app::defaultSettings().pipeline.rootDir + "/var/audit.sqlite");
    BOOST_TEST(apply("kansli.paths.root = /srv/kansli\n").pipeline.auditDatabase == "/srv/kansli/var/audit.sqlite");
    BOOST_TEST(apply("kansli.paths.root = /srv/kansli\nkansli.audit.database = /data/a.sqlite\n").pipeline.auditDatabase
        == "/data/a.sqlite");
    BOOST_TEST((apply("kansli.auth.probes = open\n").auth.probes == http::ProbeAccess::Open));
    BOOST_TEST((app::defaultSettings().auth.probes == http::ProbeAccess::Loopback));
}

BOOST_AUTO_TEST_CASE(tokens_come_from_the_environment_before_the_file)
{
    TempDir dir;
    const std::string file = dir.path + "/tokens";
    test::writeFile(file, "# demo\nfile-system:case-system:aaaaaaaaaaaaaaaaaaaa\n");
    app::AuthSettings auth;
    auth.tokensFile = file;
    BOOST_TEST(app::loadTokens(auth, nullptr).find("aaaaaaaaaaaaaaaaaaaa")->name == "file-system");
    BOOST_TEST(app::loadTokens(auth, "").size() == 1u);
    const auto fromEnv = app::loadTokens(auth, "env-lawyer:legal:bbbbbbbbbbbbbbbbbbbb");
    BOOST_TEST(fromEnv.size() == 1u);
    BOOST_TEST(!fromEnv.find("aaaaaaaaaaaaaaaaaaaa").has_value());
    BOOST_TEST(fromEnv.find("bbbbbbbbbbbbbbbbbbbb")->name == "env-lawyer");
    BOOST_TEST(app::loadTokens(app::AuthSettings{}, nullptr).empty());
    auth.tokensFile = dir.path + "/missing";
    BOOST_CHECK_THROW(app::loadTokens(auth, nullptr), Error);
}

BOOST_AUTO_TEST_SUITE_END()
