#include "app/ServerApp.h"

#include "core/Error.h"
#include "http/RequestLog.h"
#include "http/Router.h"
#include "http/Service.h"
#include "templates/TemplateReloader.h"

#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/NumberParser.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <cstdlib>
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
        Settings settings = defaultSettings();
        if (!_configFile.empty()) {
            applyConfigurationFile(_configFile, settings);
        }
        if (_port != 0) {
            settings.server.port = static_cast<unsigned short>(_port);
        }
        const http::TokenStore tokens = loadTokens(settings.auth, std::getenv("KANSLI_TOKENS"));
        if (tokens.empty()) {
            std::cerr
                << "{\"level\":\"warn\",\"event\":\"no-tokens\",\"message\":\"no tokens are configured "
                   "(KANSLI_TOKENS or kansli.auth.tokensFile): every /v1 and /preview request is refused with 401\"}"
                << std::endl;
        }

        pipeline::DocumentPipeline pipeline(settings.pipeline);
        templates::TemplateReloader reloader(pipeline, std::cerr); // SIGHUP: templates, catalogs, law tables anew
        http::RequestLog log(std::cerr);
        http::Metrics metrics;
        http::Service service{pipeline, log, metrics, tokens, settings.auth.probes, settings.pipeline.rootDir};

        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(settings.server.maxThreads);
        params->setMaxQueued(settings.server.maxQueued);
        params->setKeepAlive(true);
        Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(settings.server.host, settings.server.port));
        Poco::Net::HTTPServer server(new http::Router(service), socket, params);
        server.start();
        std::cerr << "{\"level\":\"info\",\"event\":\"listening\",\"address\":\"http://" << settings.server.host << ":"
                  << settings.server.port << "\",\"tokens\":" << tokens.size()
                  << ",\"audit\":" << http::RequestLog::quote(settings.pipeline.auditDatabase) << "}" << std::endl;
        waitForTerminationRequest();
        server.stopAll(false);
        std::cerr << "{\"level\":\"info\",\"event\":\"stopped\"}" << std::endl;
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
