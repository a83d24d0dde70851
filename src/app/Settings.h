#pragma once
/// kansli's configuration: one properties file (and the command line) over built-in defaults.
/// Every key is listed in docs/configuration.md; an unknown key or a bad value stops the start
/// with a message naming the key.

#include "http/Access.h"
#include "pipeline/DocumentPipeline.h"

#include <Poco/Util/AbstractConfiguration.h>

#include <string>
#include <vector>

namespace kansli::app {

struct ServerSettings {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    /// Connections served at once (one thread each). Slow and idle clients hold one each until
    /// their deadline, so this is well above the render workers and queue.
    int maxThreads = 128;
    int maxQueued = 64;       ///< accepted connections waiting for a thread
    int idleTimeoutMs = 5000; ///< for the first byte of a request (also between keep-alive requests)
    int requestTimeoutMs = 10000; ///< for the whole head and body of one request, from its first byte
    int shutdownGraceMs = 30000;  ///< on SIGTERM, how long requests in flight may take to finish
    /// Documents one caller (token) may have in progress at once; more are answered 429.
    /// 0: three quarters of kansli.render.workers + kansli.render.queueLimit (at least 1).
    std::size_t maxDocumentsPerCaller = 0;
};

struct AuthSettings {
    std::string tokensFile; ///< name:role:token lines; empty: none
    http::ProbeAccess probes = http::ProbeAccess::Loopback; ///< who reaches /healthz, /readyz, /metrics without a token
};

/// The batch path (docs/batches.md).
struct BatchSettings {
    unsigned workers = 1;            ///< threads on this node making batch letters; 0: none here
    std::size_t groupSize = 20;      ///< letters laid out in one engine job
    std::size_t maxBytes = 64u << 20; ///< a POST /v1/batches body
    std::size_t maxLetters = 1000;   ///< case files in one batch
    long leaseMs = 120000;           ///< how long a node holds letters it leased before others may take them
    long retentionHours = 72;        ///< batches (case files and letters) are deleted after this
    std::string webhookUrl;          ///< http:// or https:// URL told when a batch is finished; empty: none
    std::string webhookSecret;       ///< HMAC-SHA256 key of the webhook's signature (required with the URL)
    std::string webhookCaFile;       ///< certificate authorities for an https:// webhook; empty: the system's
    long pollMs = 250;               ///< how often an idle batch worker looks for letters
};

struct Settings {
    ServerSettings server;
    BatchSettings batch;
    pipeline::PipelineConfig pipeline; ///< including auditDatabase, default <root>/var/audit.sqlite
    AuthSettings auth;
};

/// The built-in defaults: data root = the source tree kansli was built from, or KANSLI_ROOT.
Settings defaultSettings();

/// Reads the kansli.* keys of `config` over `settings`. Throws kansli::Error (config) naming the
/// first unknown key or bad value.
void applyConfiguration(const Poco::Util::AbstractConfiguration& config, Settings& settings);

/// Every key applyConfiguration() knows, for --help and the documentation test.
const std::vector<std::string>& knownKeys();

/// Compiles the message catalogs from `<root>/locales/*.txt` into a temporary folder (removed at
/// exit) and points the pipeline at it — what a SIGHUP reload does — unless compiled catalogs
/// were named (kansli.paths.locales or KANSLI_LOCALES). So an approved and reloaded wording is
/// still the wording after a restart; the catalogs compiled at build time are never stale data.
/// Throws kansli::Error (template) when a catalog does not compile (genrb's message).
void compileCatalogsFromSources(Settings& settings);

/// Reads a properties file and applies it (applyConfiguration). Throws kansli::Error (config).
void applyConfigurationFile(const std::string& path, Settings& settings);

/// The environment variable of a key: "KANSLI_" and the key after "kansli.", dots and camel-case
/// humps as underscores, upper case (kansli.server.maxThreads -> KANSLI_SERVER_MAX_THREADS).
std::string environmentName(const std::string& key);

/// Applies every key set in the environment (environmentName; an empty value is unset) over
/// `settings`. Throws kansli::Error (config) naming a bad value, as for the file.
void applyEnvironment(Settings& settings);

/// The defaults, then the configuration file (when named), then the environment: what `serve`
/// and every command use.
Settings configuredSettings(const std::string& configFile);

/// The tokens: from the environment variable KANSLI_TOKENS when it is set and not empty
/// (`tokensVariable`, the value of it or nullptr), else from `auth.tokensFile`, else none.
/// Throws kansli::Error (config) for an unreadable file or a bad entry.
http::TokenStore loadTokens(const AuthSettings& auth, const char* tokensVariable);

} // namespace kansli::app
