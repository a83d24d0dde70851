#include "app/ServerApp.h"
#include "audit/AuditTrail.h"

#include "core/Error.h"
#include "core/JsonLog.h"
#include "http/Batches.h"
#include "http/RequestLog.h"
#include "http/Router.h"
#include "http/Service.h"
#include "templates/TemplateReloader.h"

#include "http/ConnectionRegistry.h"
#include "http/HttpConnection.h"

#include <Poco/Environment.h>

#include <unistd.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerParams.h>
#include <Poco/ThreadPool.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <sys/socket.h>
#include <thread>
#include <iostream>

namespace kansli::app {

using Poco::Util::Option;

void ServerApp::defineOptions(Poco::Util::OptionSet& options)
{
    ServerApplication::defineOptions(options);
    options.addOption(Option("port", "p", "TCP port to listen on (default 8080)").argument("N").repeatable(false));
    options.addOption(
        Option("config", "c", "properties file (see docs/configuration.md)").argument("FILE").repeatable(false));
    options.addOption(Option("help", "h", "show this help").repeatable(false));
}

void ServerApp::handleOption(const std::string& name, const std::string& value)
{
    ServerApplication::handleOption(name, value);
    if (name == "port") {
        int port = 0;
        if (!Poco::NumberParser::tryParse(value, port) || port < 1 || port > 65535) {
            throw Error(ErrorCode::Usage, "--port must be a number from 1 to 65535");
        }
        _port = port;
    } else if (name == "config") {
        _configFile = value;
    } else if (name == "help") {
        _helpRequested = true;
        stopOptionsProcessing();
    }
}

int ServerApp::main(const std::vector<std::string>& args)
{
    if (_helpRequested) {
        Poco::Util::HelpFormatter help(options());
        help.setUsage("serve [--port N] [--config FILE]");
        help.setHeader("Runs the kansli HTTP service.");
        help.format(std::cout);
        return EXIT_OK;
    }
    if (!args.empty()) {
        std::cerr << "kansli serve: unexpected argument (see kansli serve --help)\n";
        return EXIT_USAGE;
    }
    try {
        Settings settings = configuredSettings(_configFile);
        if (_port != 0) {
            settings.server.port = static_cast<unsigned short>(_port);
        }
        compileCatalogsFromSources(settings); // start reads what reload reads: locales/*.txt
        const http::TokenStore tokens = loadTokens(settings.auth, std::getenv("KANSLI_TOKENS"));
        if (tokens.empty()) {
            Poco::JSON::Object::Ptr fields = JsonLog::fields();
            fields->set("message", std::string("no tokens are configured (KANSLI_TOKENS or kansli.auth.tokensFile): "
                                               "every /v1 and /preview request is refused with 401"));
            JsonLog(std::cerr).event("warn", "no-tokens", fields);
        }

        pipeline::DocumentPipeline pipeline(settings.pipeline);
        templates::TemplateReloader reloader(pipeline, std::cerr); // SIGHUP: templates, catalogs, law tables anew
        http::RequestLog log(std::cerr);
        http::Metrics metrics;
        http::ConnectionRegistry registry;
        // Each caller's share of the render capacity (429 beyond it): by default three quarters
        // of the workers and queue places, so one case system's burst leaves room for the others.
        const std::size_t capacity = settings.pipeline.workers + settings.pipeline.queueLimit;
        http::CallerGate gate(settings.server.maxDocumentsPerCaller > 0 ? settings.server.maxDocumentsPerCaller
                                                                        : std::max<std::size_t>(1, capacity * 3 / 4));
        http::Service service{pipeline, log, metrics, tokens, settings.auth.probes, settings.pipeline.rootDir, &registry, &gate};
        // Batches: jobs in the audit database, made by this node's batch workers and any other
        // node's on the same database (docs/batches.md).
        const std::string node = Poco::Environment::nodeName() + ":" + std::to_string(settings.server.port) + ":"
                                 + std::to_string(::getpid());
        audit::BatchQueue batches(settings.pipeline.auditDatabase, node);
        service.batches = &batches;
        service.batchMaxBytes = settings.batch.maxBytes;
        service.batchMaxLetters = settings.batch.maxLetters;
        std::unique_ptr<http::BatchRunner> batchRunner;
        if (settings.batch.workers > 0) {
            http::BatchRunnerConfig batchConfig;
            batchConfig.database = settings.pipeline.auditDatabase;
            batchConfig.node = node;
            batchConfig.workers = settings.batch.workers;
            batchConfig.groupSize = settings.batch.groupSize;
            batchConfig.leaseMs = settings.batch.leaseMs;
            batchConfig.retentionHours = settings.batch.retentionHours;
            batchConfig.pollMs = settings.batch.pollMs;
            batchConfig.webhookUrl = settings.batch.webhookUrl;
            batchConfig.webhookSecret = settings.batch.webhookSecret;
            batchConfig.webhookCaFile = settings.batch.webhookCaFile;
            batchRunner = std::make_unique<http::BatchRunner>(pipeline, batchConfig, std::cerr);
        }

        // Bound without SO_REUSEPORT (Poco's ServerSocket(SocketAddress) turns it on, so a second
        // kansli would share the port silently): a busy port is an error at start.
        Poco::Net::ServerSocket socket;
        socket.bind(Poco::Net::SocketAddress(settings.server.host, settings.server.port), true, false);
        socket.listen(128);
        ::fcntl(socket.impl()->sockfd(), F_SETFD, FD_CLOEXEC);

        http::ConnectionLimits limits;
        limits.idleTimeout = std::chrono::milliseconds(settings.server.idleTimeoutMs);
        limits.requestTimeout = std::chrono::milliseconds(settings.server.requestTimeoutMs);
        // Poco's default pool has 16 threads whatever maxThreads says: the pool is ours.
        Poco::ThreadPool threads(2, settings.server.maxThreads, 60);
        auto* params = new Poco::Net::TCPServerParams;
        params->setMaxThreads(settings.server.maxThreads);
        params->setMaxQueued(settings.server.maxQueued);
        Poco::Net::TCPServer server(
            new http::HttpConnectionFactory(new http::Router(service), service, registry, limits), threads, socket,
            params);
        server.start();
        Poco::JSON::Object::Ptr listening = JsonLog::fields();
        listening->set("address", "http://" + settings.server.host + ":" + std::to_string(settings.server.port));
        listening->set("tokens", tokens.size());
        listening->set("audit", audit::AuditTrail::databaseLabel(settings.pipeline.auditDatabase));
        log.log().event("info", "listening", listening);
        waitForTerminationRequest();

        // New connections are refused at once; idle ones are closed; requests in flight finish
        // (with their audit records) within the grace time.
        // shutdown() on the listening socket takes it out of LISTEN at once (new connections are
        // refused); the accept thread then stops within its poll interval.
        ::shutdown(socket.impl()->sockfd(), SHUT_RDWR);
        registry.close();
        server.stop();
        socket.close();
        const auto graceEnd
            = std::chrono::steady_clock::now() + std::chrono::milliseconds(settings.server.shutdownGraceMs);
        while (std::chrono::steady_clock::now() < graceEnd) {
            const auto counts = registry.counts();
            if (counts.reading + counts.working == 0) {
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        const auto left = registry.counts();
        Poco::JSON::Object::Ptr stopped = JsonLog::fields();
        stopped->set("unfinished", left.reading + left.working);
        log.log().event("info", "stopped", stopped);
        batchRunner.reset(); // letters in progress finish and are stored; the rest wait for any node
        threads.joinAll();
        return EXIT_OK;
    } catch (const Error& e) {
        std::cerr << "kansli serve: " << codeName(e.code()) << ": " << e.publicMessage();
        if (!e.internalDetail().empty()) {
            std::cerr << " (" << e.internalDetail() << ")";
        }
        std::cerr << "\n";
        return e.code() == ErrorCode::Config ? EXIT_CONFIG : EXIT_SOFTWARE;
    } catch (const Poco::Exception& e) {
        std::cerr << "kansli serve: " << e.displayText() << "\n";
        return EXIT_SOFTWARE;
    }
}

} // namespace kansli::app
