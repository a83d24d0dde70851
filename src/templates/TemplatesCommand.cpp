#include "core/ExitCode.h"
#include "templates/TemplatesCommand.h"

#include "core/Error.h"
#include "i18n/Catalog.h"
#include "templates/TemplateCheck.h"

#include <Poco/Exception.h>

#include <iostream>

namespace kansli::templates {

namespace {

constexpr int EXIT_DIFFERENT = exitcode::NO;
constexpr int EXIT_USAGE = exitcode::USAGE;

int usage(const std::string& message)
{
    std::cerr << "kansli templates: " << message
              << "\nusage: kansli templates check [DIR | --root DIR] [--approve] [--out DIR] [--approved DIR] [--letter NAME]... [--lang sv|en]\n";
    return EXIT_USAGE;
}

} // namespace

int runCommand(const std::vector<std::string>& args, const std::string& referenceRoot, const std::string& localeDir)
{
    std::string language = "sv";
    if (args.empty() || args.front() != "check") {
        return usage(args.empty() ? "no subcommand given" : "unknown subcommand '" + args.front() + "'");
    }
    CheckConfig config;
    config.referenceRoot = referenceRoot;
    const std::string defaultApproved = referenceRoot + "/tests/golden/approved";
    config.approvedDir = defaultApproved;
    config.outDir = "out/template-check";
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args.at(i);
        if (a == "--approve") {
            config.approve = true;
        } else if (a == "--out" && i + 1 < args.size()) {
            config.outDir = args.at(++i);
        } else if (a == "--approved" && i + 1 < args.size()) {
            config.approvedDir = args.at(++i);
        } else if (a == "--letter" && i + 1 < args.size()) {
            config.letters.push_back(args.at(++i));
        } else if (a == "--lang" && i + 1 < args.size()) {
            language = args.at(++i);
            if (language != "sv" && language != "en") {
                return usage("--lang takes sv or en");
            }
        } else if (a == "--root" && i + 1 < args.size()) {
            if (!config.templateRoot.empty()) {
                return usage("more than one template folder given");
            }
            config.templateRoot = args.at(++i);
        } else if (!a.empty() && a[0] == '-') {
            return usage("unknown or incomplete option " + a);
        } else if (config.templateRoot.empty()) {
            config.templateRoot = a;
        } else {
            return usage("more than one template folder given");
        }
    }
    if (config.templateRoot.empty()) {
        config.templateRoot = referenceRoot;
    }
    try {
        const i18n::Catalogs catalogs(localeDir);
        const i18n::Catalog& words = catalogs.forLanguage(language);
        std::cout << words.message("tool.check.start", {{"root", config.templateRoot}, {"approved", config.approvedDir}}) << "\n";
        const CheckReport report = runCheck(config, std::cout, words);
        auto count = [](std::size_t n) { return static_cast<std::int64_t>(n); };
        std::cout << "\n"
                  << words.message("tool.check.summary", {{"letters", count(report.cases)}, {"pages", count(report.pages)}});
        if (config.approve) {
            std::cout << words.message("tool.check.approved-count", {{"count", count(report.approved.size())}});
            if (!report.failures.empty()) {
                std::cout << words.message("tool.check.not-approved-problems", {{"count", count(report.failures.size())}});
            }
            std::cout << ".\n";
            return report.failures.empty() ? 0 : EXIT_DIFFERENT;
        }
        if (report.clean()) {
            std::cout << words.message("tool.check.no-differences") << "\n";
            return 0;
        }
        std::cout << words.message("tool.check.pages-differ", {{"count", count(report.changes.size())}});
        if (!report.failures.empty()) {
            std::cout << words.message("tool.check.problems", {{"count", count(report.failures.size())}});
        }
        const std::string command = std::string("kansli templates check")
            + (config.templateRoot == referenceRoot ? "" : " " + config.templateRoot)
            + (config.approvedDir == defaultApproved ? "" : " --approved " + config.approvedDir) + " --approve";
        std::cout << words.message("tool.check.where", {{"out", config.outDir}, {"report", report.htmlReport}})
                  << words.message("tool.check.approve-hint", {{"command", command}}) << "\n";
        return EXIT_DIFFERENT;
    } catch (const Error& e) {
        std::cerr << "kansli templates: " << codeName(e.code()) << ": " << e.publicMessage() << "\n";
        if (!e.internalDetail().empty()) {
            std::cerr << "  detail: " << e.internalDetail() << "\n";
        }
        return exitcode::forError(e.code());
    } catch (const Poco::Exception& e) {
        std::cerr << "kansli templates: " << e.displayText() << "\n";
        return exitcode::SOFTWARE;
    }
}

} // namespace kansli::templates
