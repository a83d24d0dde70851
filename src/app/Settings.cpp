#include "app/Settings.h"

#include "core/Error.h"
#include "templates/TemplateCheck.h"

#include <Poco/StringTokenizer.h>
#include <Poco/AutoPtr.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/NumberParser.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include <unistd.h>

#ifndef KANSLI_DEFAULT_ROOT
#error "KANSLI_DEFAULT_ROOT must be defined by the build"
#endif
#ifndef KANSLI_DEFAULT_LOCALES
#error "KANSLI_DEFAULT_LOCALES must be defined by the build"
#endif

namespace kansli::app {

namespace {

/// Request threads beyond the render workers and queue: probes, validation and HTML previews.
constexpr std::size_t SPARE_THREADS = 4;
/// Threads left for slow, silent or idle clients, each holding one until its deadline, so that
/// 64 of them still leave the service answering (docs/reliability.md).
constexpr std::size_t SLOW_CLIENT_THREADS = 64;

/// Every key the configuration may hold (a function, so building the list happens on first use).
const std::vector<std::string>& allKeys()
{
    static const std::vector<std::string> KEYS = {
        "kansli.server.host",
        "kansli.server.port",
        "kansli.server.maxThreads",
        "kansli.server.maxQueued",
        "kansli.server.idleTimeoutMs",
        "kansli.server.requestTimeoutMs",
        "kansli.server.shutdownGraceMs",
        "kansli.server.maxDocumentsPerCaller",
        "kansli.input.maxBytes",
        "kansli.paths.root",
        "kansli.paths.locales",
        "kansli.render.workers",
        "kansli.render.queueLimit",
        "kansli.render.timeoutMs",
        "kansli.render.recycleAfter",
        "kansli.render.pdfaForAll",
        "kansli.render.taggedWorkers",
        "kansli.render.taggedQueueLimit",
        "kansli.render.taggedMaxMemoryMb",
        "kansli.render.accessibleTypes",
        "kansli.audit.database",
        "kansli.auth.tokensFile",
        "kansli.auth.probes",
        "kansli.batch.workers",
        "kansli.batch.groupSize",
        "kansli.batch.maxBytes",
        "kansli.batch.maxLetters",
        "kansli.batch.leaseMs",
        "kansli.batch.retentionHours",
        "kansli.batch.webhookUrl",
        "kansli.batch.webhookSecret",
        "kansli.batch.webhookCaFile",
        "kansli.batch.pollMs",
    };
    return KEYS;
}

/// Where an installed kansli keeps its data: the executable is <prefix>/bin/kansli and its data
/// <prefix>/share/kansli (FHS; docs/install.md). Empty when the executable does not sit in such a
/// layout (a build tree), so the build's source tree is used.
struct InstalledLayout {
    std::string dataDir;  ///< <prefix>/share/kansli
    std::string stateDir; ///< /var/lib/kansli for the prefix /usr, else <prefix>/var/lib/kansli
};

InstalledLayout installedLayout()
{
    char buffer[4096];
    const ssize_t length = ::readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (length <= 0) {
        return {};
    }
    Poco::Path exe(std::string(buffer, static_cast<std::size_t>(length)));
    Poco::Path prefix = exe.parent().popDirectory(); // <prefix>/bin/kansli -> <prefix>
    const std::string prefixDir = prefix.toString();
    const std::string data = prefixDir + "share/kansli";
    if (!Poco::File(data + "/templates/schema/case-1.xsd").exists()) {
        return {};
    }
    // A package installs under /usr (possibly below a DESTDIR): state then lives in /var/lib.
    const bool usr = prefixDir.size() >= 5 && prefixDir.compare(prefixDir.size() - 5, 5, "/usr/") == 0;
    const std::string state = usr ? prefixDir.substr(0, prefixDir.size() - 4) + "var/lib/kansli"
                                  : prefixDir + "var/lib/kansli";
    return {data, state};
}

std::string defaultAuditDatabase(const std::string& rootDir)
{
    const InstalledLayout installed = installedLayout();
    if (!installed.dataDir.empty() && rootDir == installed.dataDir) {
        return installed.stateDir + "/audit.sqlite";
    }
    return rootDir + "/var/audit.sqlite";
}

void collectKeys(
    const Poco::Util::AbstractConfiguration& config, const std::string& prefix, std::vector<std::string>& out)
{
    Poco::Util::AbstractConfiguration::Keys keys;
    config.keys(prefix, keys);
    if (keys.empty() && !prefix.empty()) {
        out.push_back(prefix);
        return;
    }
    for (const auto& key : keys) {
        collectKeys(config, prefix.empty() ? key : prefix + "." + key, out);
    }
}

long number(const Poco::Util::AbstractConfiguration& config, const std::string& key, long min, long max)
{
    const std::string text = config.getString(key);
    Poco::Int64 value = 0;
    if (!Poco::NumberParser::tryParse64(text, value) || value < min || value > max) {
        throw Error(ErrorCode::Config,
            "configuration key " + key + " must be a whole number from " + std::to_string(min) + " to "
                + std::to_string(max));
    }
    return static_cast<long>(value);
}

} // namespace

Settings defaultSettings()
{
    Settings settings;
    const char* root = std::getenv("KANSLI_ROOT");
    const InstalledLayout installed = installedLayout();
    settings.pipeline.rootDir = root != nullptr && *root != '\0' ? root
        : !installed.dataDir.empty()                         ? installed.dataDir
                                                             : KANSLI_DEFAULT_ROOT;
    const char* locales = std::getenv("KANSLI_LOCALES");
    settings.pipeline.localeDir = locales != nullptr && *locales != '\0' ? locales : KANSLI_DEFAULT_LOCALES;
    settings.pipeline.workers = std::max(1u, std::thread::hardware_concurrency());
    settings.pipeline.taggedWorkers = 1; // started with the first accessible letter
    settings.pipeline.auditDatabase = defaultAuditDatabase(settings.pipeline.rootDir);
    settings.server.maxThreads = std::max(settings.server.maxThreads,
        static_cast<int>(settings.pipeline.workers + settings.pipeline.queueLimit + settings.pipeline.taggedWorkers
                         + settings.pipeline.taggedQueueLimit + SPARE_THREADS + SLOW_CLIENT_THREADS));
    return settings;
}

const std::vector<std::string>& knownKeys()
{
    return allKeys();
}

void applyConfiguration(const Poco::Util::AbstractConfiguration& config, Settings& settings)
{
    // Every key of the file, not only those under kansli.: a misspelt prefix is as wrong as a
    // misspelt key. (config.has("kansli") would be false: it is a prefix, not a key.)
    std::vector<std::string> present;
    collectKeys(config, "", present);
    for (const auto& key : present) {
        if (std::find(allKeys().begin(), allKeys().end(), key) == allKeys().end()) {
            throw Error(ErrorCode::Config, "unknown configuration key " + key + " (see docs/configuration.md)");
        }
    }
    if (config.has("kansli.server.host")) {
        settings.server.host = config.getString("kansli.server.host");
    }
    if (config.has("kansli.server.port")) {
        settings.server.port = static_cast<unsigned short>(number(config, "kansli.server.port", 1, 65535));
    }
    if (config.has("kansli.server.maxThreads")) {
        settings.server.maxThreads = static_cast<int>(number(config, "kansli.server.maxThreads", 1, 1024));
    }
    if (config.has("kansli.server.maxQueued")) {
        settings.server.maxQueued = static_cast<int>(number(config, "kansli.server.maxQueued", 1, 100000));
    }
    if (config.has("kansli.server.idleTimeoutMs")) {
        settings.server.idleTimeoutMs = static_cast<int>(number(config, "kansli.server.idleTimeoutMs", 100, 600000));
    }
    if (config.has("kansli.server.requestTimeoutMs")) {
        settings.server.requestTimeoutMs
            = static_cast<int>(number(config, "kansli.server.requestTimeoutMs", 100, 600000));
    }
    if (config.has("kansli.server.maxDocumentsPerCaller")) {
        settings.server.maxDocumentsPerCaller
            = static_cast<std::size_t>(number(config, "kansli.server.maxDocumentsPerCaller", 1, 100000));
    }
    if (config.has("kansli.server.shutdownGraceMs")) {
        settings.server.shutdownGraceMs
            = static_cast<int>(number(config, "kansli.server.shutdownGraceMs", 0, 600000));
    }
    if (config.has("kansli.input.maxBytes")) {
        settings.pipeline.maxInputBytes
            = static_cast<std::size_t>(number(config, "kansli.input.maxBytes", 1024, 64L * 1024 * 1024));
    }
    if (config.has("kansli.paths.root")) {
        const bool auditFollowsRoot
            = settings.pipeline.auditDatabase == defaultAuditDatabase(settings.pipeline.rootDir);
        settings.pipeline.rootDir = config.getString("kansli.paths.root");
        if (auditFollowsRoot) {
            settings.pipeline.auditDatabase = defaultAuditDatabase(settings.pipeline.rootDir);
        }
    }
    if (config.has("kansli.audit.database")) {
        settings.pipeline.auditDatabase = config.getString("kansli.audit.database");
        if (settings.pipeline.auditDatabase.empty()) {
            throw Error(ErrorCode::Config, "configuration key kansli.audit.database must name a file or a PostgreSQL URI");
        }
    }
    BatchSettings& batch = settings.batch;
    if (config.has("kansli.batch.workers")) {
        batch.workers = static_cast<unsigned>(number(config, "kansli.batch.workers", 0, 64));
    }
    if (config.has("kansli.batch.groupSize")) {
        batch.groupSize = static_cast<std::size_t>(number(config, "kansli.batch.groupSize", 1, 200));
    }
    if (config.has("kansli.batch.maxBytes")) {
        batch.maxBytes = static_cast<std::size_t>(number(config, "kansli.batch.maxBytes", 1024, 1024L * 1024 * 1024));
    }
    if (config.has("kansli.batch.maxLetters")) {
        batch.maxLetters = static_cast<std::size_t>(number(config, "kansli.batch.maxLetters", 1, 100000));
    }
    if (config.has("kansli.batch.leaseMs")) {
        batch.leaseMs = number(config, "kansli.batch.leaseMs", 100, 24L * 3600 * 1000);
    }
    if (config.has("kansli.batch.retentionHours")) {
        batch.retentionHours = number(config, "kansli.batch.retentionHours", 1, 24L * 365);
    }
    if (config.has("kansli.batch.pollMs")) {
        batch.pollMs = number(config, "kansli.batch.pollMs", 10, 60000);
    }
    if (config.has("kansli.batch.webhookUrl")) {
        batch.webhookUrl = config.getString("kansli.batch.webhookUrl");
        if (!batch.webhookUrl.empty() && batch.webhookUrl.rfind("http://", 0) != 0
            && batch.webhookUrl.rfind("https://", 0) != 0) {
            throw Error(ErrorCode::Config, "configuration key kansli.batch.webhookUrl must be an http:// or https:// URL");
        }
    }
    if (config.has("kansli.batch.webhookCaFile")) {
        batch.webhookCaFile = config.getString("kansli.batch.webhookCaFile");
        if (!batch.webhookCaFile.empty()
            && !(Poco::File(batch.webhookCaFile).exists() && Poco::File(batch.webhookCaFile).canRead())) {
            throw Error(ErrorCode::Config, "configuration key kansli.batch.webhookCaFile names no readable file or folder");
        }
    }
    if (config.has("kansli.batch.webhookSecret")) {
        batch.webhookSecret = config.getString("kansli.batch.webhookSecret");
    }
    if (!batch.webhookUrl.empty() && batch.webhookSecret.size() < 16) {
        throw Error(ErrorCode::Config,
                    "configuration key kansli.batch.webhookSecret must hold at least 16 characters when kansli.batch.webhookUrl is set");
    }
    if (config.has("kansli.auth.tokensFile")) {
        settings.auth.tokensFile = config.getString("kansli.auth.tokensFile");
    }
    if (config.has("kansli.auth.probes")) {
        const auto probes = http::parseProbeAccess(config.getString("kansli.auth.probes"));
        if (!probes) {
            throw Error(ErrorCode::Config, "configuration key kansli.auth.probes must be loopback, open or token");
        }
        settings.auth.probes = *probes;
    }
    if (config.has("kansli.paths.locales")) {
        settings.pipeline.localeDir = config.getString("kansli.paths.locales");
    }
    if (config.has("kansli.render.workers")) {
        settings.pipeline.workers = static_cast<unsigned>(number(config, "kansli.render.workers", 1, 64));
    }
    if (config.has("kansli.render.queueLimit")) {
        settings.pipeline.queueLimit = static_cast<std::size_t>(number(config, "kansli.render.queueLimit", 1, 100000));
    }
    if (config.has("kansli.render.timeoutMs")) {
        settings.pipeline.timeoutMs = static_cast<unsigned>(number(config, "kansli.render.timeoutMs", 100, 600000));
    }
    if (config.has("kansli.render.recycleAfter")) {
        settings.pipeline.recycleAfter
            = static_cast<unsigned>(number(config, "kansli.render.recycleAfter", 1, 1000000));
    }
    if (config.has("kansli.render.pdfaForAll")) {
        const std::string v = config.getString("kansli.render.pdfaForAll");
        if (v != "true" && v != "false") {
            throw Error(ErrorCode::Config, "configuration key kansli.render.pdfaForAll must be true or false");
        }
        settings.pipeline.pdfaForAll = v == "true";
    }
    if (config.has("kansli.render.taggedWorkers")) {
        settings.pipeline.taggedWorkers = static_cast<unsigned>(number(config, "kansli.render.taggedWorkers", 0, 64));
    }
    if (config.has("kansli.render.taggedQueueLimit")) {
        settings.pipeline.taggedQueueLimit
            = static_cast<std::size_t>(number(config, "kansli.render.taggedQueueLimit", 1, 100000));
    }
    if (config.has("kansli.render.taggedMaxMemoryMb")) {
        settings.pipeline.taggedMaxMemoryKb = 1024L * number(config, "kansli.render.taggedMaxMemoryMb", 200, 65536);
    }
    if (config.has("kansli.render.accessibleTypes")) {
        settings.pipeline.accessibleTypes.clear();
        for (const auto& type : Poco::StringTokenizer(config.getString("kansli.render.accessibleTypes"), ",",
                 Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY)) {
            settings.pipeline.accessibleTypes.push_back(type);
        }
    }
    // The render queue is the bound that answers 503 + Retry-After. It can only fill while
    // request threads are left to wait in it: with fewer threads, excess connections would pile
    // up in the socket backlog and be dropped without an answer.
    const std::size_t needed = settings.pipeline.workers + settings.pipeline.queueLimit + SPARE_THREADS
        + (settings.pipeline.taggedWorkers > 0 ? settings.pipeline.taggedWorkers + settings.pipeline.taggedQueueLimit : 0);
    if (!config.has("kansli.server.maxThreads")) {
        settings.server.maxThreads
            = std::max(settings.server.maxThreads, static_cast<int>(needed + SLOW_CLIENT_THREADS));
    } else if (static_cast<std::size_t>(settings.server.maxThreads) < needed) {
        throw Error(ErrorCode::Config,
                    "kansli.server.maxThreads must be at least kansli.render.workers + kansli.render.queueLimit "
                    "(+ taggedWorkers + taggedQueueLimit) + "
                        + std::to_string(SPARE_THREADS) + " (" + std::to_string(needed)
                        + "), or the render queue can never fill and overload is not answered with 503");
    }
}

void compileCatalogsFromSources(Settings& settings)
{
    const char* named = std::getenv("KANSLI_LOCALES");
    if ((named != nullptr && *named != '\0') || settings.pipeline.localeDir != KANSLI_DEFAULT_LOCALES) {
        return; // compiled catalogs were named: they are used as they are
    }
    const std::string dir = Poco::TemporaryFile::tempName();
    Poco::TemporaryFile::registerForDeletion(dir);
    try {
        templates::compileCatalogs(settings.pipeline.rootDir + "/locales", dir);
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Io, "A temporary folder could not be made for the message catalogs", e.displayText());
    }
    settings.pipeline.localeDir = dir;
}

std::string environmentName(const std::string& key)
{
    std::string name = "KANSLI_";
    const std::string rest = key.substr(std::string("kansli.").size());
    for (std::size_t i = 0; i < rest.size(); ++i) {
        const char c = rest[i];
        if (c == '.') {
            name += '_';
        } else if (std::isupper(static_cast<unsigned char>(c))) {
            name += '_';
            name += c;
        } else {
            name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    return name;
}

void applyEnvironment(Settings& settings)
{
    Poco::AutoPtr<Poco::Util::MapConfiguration> values = new Poco::Util::MapConfiguration;
    bool any = false;
    for (const std::string& key : allKeys()) {
        const char* value = std::getenv(environmentName(key).c_str());
        if (value != nullptr && *value != '\0') {
            values->setString(key, value);
            any = true;
        }
    }
    if (any) {
        applyConfiguration(*values, settings);
    }
}

Settings configuredSettings(const std::string& configFile)
{
    Settings settings = defaultSettings();
    if (!configFile.empty()) {
        applyConfigurationFile(configFile, settings);
    }
    applyEnvironment(settings);
    return settings;
}

void applyConfigurationFile(const std::string& path, Settings& settings)
{
    Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> file;
    try {
        file = new Poco::Util::PropertyFileConfiguration(path);
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Config, "cannot read the configuration file " + path, e.displayText());
    }
    applyConfiguration(*file, settings);
}

http::TokenStore loadTokens(const AuthSettings& auth, const char* tokensVariable)
{
    http::TokenStore tokens;
    if (tokensVariable != nullptr && *tokensVariable != '\0') {
        tokens.add(tokensVariable, "KANSLI_TOKENS");
        return tokens;
    }
    if (!auth.tokensFile.empty()) {
        std::ifstream in(auth.tokensFile, std::ios::binary);
        if (!in) {
            throw Error(
                ErrorCode::Config, "cannot read the tokens file " + auth.tokensFile + " (kansli.auth.tokensFile)");
        }
        std::ostringstream text;
        text << in.rdbuf();
        tokens.add(text.str(), auth.tokensFile);
    }
    return tokens;
}

} // namespace kansli::app
