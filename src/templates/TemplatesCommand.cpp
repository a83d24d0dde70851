#include "core/ExitCode.h"
#include "templates/TemplatesCommand.h"

#include "core/Error.h"
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
              << "\nusage: kansli templates check [DIR | --root DIR] [--approve] [--out DIR] [--approved DIR]\n";
    return EXIT_USAGE;
}

} // namespace

int runCommand(const std::vector<std::string>& args, const std::string& referenceRoot)
{
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
    std::cout << "Checking the templates in " << config.templateRoot << " against " << config.approvedDir << "\n";
    try {
        const CheckReport report = runCheck(config, std::cout);
        std::cout << "\n" << report.cases << " letters, " << report.pages << " pages: ";
        if (config.approve) {
            std::cout << report.approved.size() << " letters approved anew";
            if (!report.failures.empty()) {
                std::cout << "; " << report.failures.size() << " problems (letters not made, or breaking the layout): those letters were NOT approved";
            }
            std::cout << ".\n";
            return report.failures.empty() ? 0 : EXIT_DIFFERENT;
        }
        if (report.clean()) {
            std::cout << "no differences.\n";
            return 0;
        }
        std::cout << report.changes.size() << " pages differ from the approved text";
        if (!report.failures.empty()) {
            std::cout << ", " << report.failures.size() << " problems (letters not made, or breaking the layout)";
        }
        std::cout << ".\nNew texts and pictures: " << config.outDir << " (open " << report.htmlReport << ")"
                  << "\nIf every change is intended: kansli templates check"
                  << (config.templateRoot == referenceRoot ? "" : " " + config.templateRoot)
                  << (config.approvedDir == defaultApproved ? "" : " --approved " + config.approvedDir)
                  << " --approve\n";
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
