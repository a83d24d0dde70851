#include "app/Cli.h"

#include "app/ServerApp.h"
#include "app/Settings.h"
#include "audit/AuditTrail.h"
#include "core/ExitCode.h"
#include "core/Refusal.h"
#include "http/Problem.h"
#include "law/Deadline.h"
#include "pipeline/DocumentPipeline.h"
#include "templates/TemplatesCommand.h"

#include <CLI/CLI.hpp>

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Process.h>
#include <Poco/SHA2Engine.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#ifndef KANSLI_VERSION
#define KANSLI_VERSION "0.0.0"
#endif

namespace kansli::app {

namespace {

constexpr int EXIT_REFUSED = exitcode::REFUSED;
constexpr int EXIT_USAGE_ERROR = exitcode::USAGE;

const char* const HELP = R"(kansli — writes the letters of Stockholm's labour-market support
(särskilt individanpassad stödinsats): decisions, investigation summaries and job plans.

Usage:
  kansli render CASE.xml [-o OUT] [--format pdf|html] [--lang sv|en] [--config FILE]
      Validates the case file (schema and legal preflight) and writes the document it names.
      OUT defaults to CASE with the extension .pdf or .html. Nothing is written when the
      case is refused; an existing OUT is replaced only by a complete document. Every document
      is first recorded in the audit trail (kansli.audit.database, default var/audit.sqlite
      under the data root); when that fails nothing is written and the exit code is 74.
  kansli validate CASE.xml [--json] [--lang sv|en]
      Prints every finding, one per line on stderr, as FILE:LINE: CODE: message (XPath) [source].
      --lang: the language of the legal findings' messages and field names (default en).
      --json: the report of POST /v1/validate on stdout instead ({valid, documentType, findings}).
      Exit 0 when valid (warnings may be printed), 65 when not.
  kansli deadline --from YYYY-MM-DD [--weeks N] [--explain]
      The last day of a period of N weeks (default 3) counted per lag (1930:173), on the first
      line of stdout as YYYY-MM-DD. --explain adds why the day moved (holidays, weekends).
  kansli serve [--port N] [--config FILE]
      Runs the HTTP service on 127.0.0.1 (default port 8080). See docs/api.md.
  kansli audit verify FILE [--config FILE]
      Whether FILE (a PDF or XHTML) is a document kansli produced: looks its SHA-256 up in the
      audit trail and prints the matching record (id, time, type, template, diarienummer).
      Exit 0 when found, 1 when not.
  kansli templates check [DIR | --root DIR] [--approve] [--out DIR] [--approved DIR] [--lang sv|en]
      Renders every example with the templates in DIR (default: this installation's xsl/,
      locales/, templates/) and compares each page's text with tests/golden/approved/; prints a
      diff per changed page, writes before/after PNGs and report.html (both side by side) to
      --out (default out/template-check/); warns when text changed but the template version did not.
      Exit 0 no differences, 1 differences. --approve records the new output as approved.
      See docs/legal-department.md.
  kansli templates activate --approved-by NAME [--config FILE]
      Records the template set installed here (xsl/, templates/, the catalogs; its SHA-256) in
      the audit trail as the set every node sharing that trail serves. A node whose set differs
      answers /readyz 503 and makes no letters. See docs/deployment.md.
  kansli --version | --help

Exit codes (sysexits): 0 done; 1 a "no" (templates check: differences; audit verify: not found);
64 usage error; 65 the case file is refused (findings printed); 66 the input cannot be read;
70 internal failure; 74 output or audit trail cannot be written; 78 configuration, templates or
law data unusable.
Environment: KANSLI_ROOT (templates, xsl, fonts), KANSLI_LOCALES (compiled catalogs),
KANSLI_TOKENS (serve: name:role:token[,...], see docs/configuration.md).
)";

int usage(const std::string& message)
{
    std::cerr << "kansli: " << message << "\n(see kansli --help)\n";
    return EXIT_USAGE_ERROR;
}

bool readFile(const std::string& path, std::string& content, std::string& problem)
{
    Poco::File file(path);
    try {
        if (!file.exists()) {
            problem = "no such file";
            return false;
        }
        if (file.isDirectory()) {
            problem = "is a directory, not a case file";
            return false;
        }
    } catch (const Poco::Exception& e) {
        problem = e.displayText();
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        problem = "cannot be read (permissions?)";
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        problem = "read error";
        return false;
    }
    content = buffer.str();
    return true;
}

void printFindings(const std::string& file, const Findings& findings)
{
    for (const auto& finding : findings) {
        std::cerr << finding.format(file) << "\n";
    }
}

/// Writes next to the target and renames, so OUT is either the old file or a complete new one.
void writeAtomically(const std::string& path, const std::string& bytes)
{
    const std::string temporary = path + ".tmp-" + std::to_string(Poco::Process::id());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw Error(ErrorCode::Io, "cannot write " + path);
        }
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            out.close();
            std::remove(temporary.c_str());
            throw Error(ErrorCode::Io, "cannot write " + path + " (disk full?)");
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        throw Error(ErrorCode::Io, "cannot write " + path);
    }
}

/// The defaults, with `configFile` (when given) applied over them.
pipeline::PipelineConfig cliPipelineConfig(const std::string& configFile = {})
{
    Settings settings = configuredSettings(configFile);
    compileCatalogsFromSources(settings); // the wording in locales/*.txt now, not at build time
    pipeline::PipelineConfig config = settings.pipeline;
    config.workers = 1; // one document: one engine process is enough
    return config;
}

/// The caller's name in the audit trail for documents made on the command line.
constexpr const char* CLI_CALLER = "cli";

int commandRender(const std::string& input, std::string output, const std::string& format, const std::string& configFile,
                  const std::string& language)
{
    if (output.empty()) {
        Poco::Path path(input);
        path.setExtension(format);
        output = path.toString();
    }
    std::string xml, problem;
    if (!readFile(input, xml, problem)) {
        std::cerr << input << ": io: " << problem << "\n";
        return exitcode::NO_INPUT;
    }
    try {
        pipeline::DocumentPipeline pipeline(cliPipelineConfig(configFile));
        const auto produced = pipeline.produce(
            xml, format == "html" ? pipeline::OutputFormat::Html : pipeline::OutputFormat::Pdf, CLI_CALLER, language);
        printFindings(input, produced.warnings);
        writeAtomically(output, produced.bytes);
        std::cout << output << "\n";
        return 0;
    } catch (const Refusal& refusal) {
        printFindings(input, refusal.findings());
        std::cerr << input << ": refused: " << refusal.publicMessage() << "; nothing was written\n";
        return EXIT_REFUSED;
    } catch (const Error& e) {
        std::cerr << input << ": " << codeName(e.code()) << ": " << e.publicMessage() << "\n";
        if (!e.internalDetail().empty()) {
            std::cerr << "  detail: " << e.internalDetail() << "\n";
        }
        return exitcode::forError(e.code());
    }
}

int commandValidate(const std::string& input, bool json, const std::string& language)
{
    std::string xml, problem;
    if (!readFile(input, xml, problem)) {
        std::cerr << input << ":0: io: " << problem << "\n";
        return exitcode::NO_INPUT;
    }
    try {
        pipeline::PipelineConfig config = cliPipelineConfig();
        config.workers = 0; // validation needs no engine
        config.auditDatabase = {}; // and produces nothing to record
        const pipeline::DocumentPipeline pipeline(config);
        const auto report = pipeline.validate(xml, language);
        if (json) {
            // The shape of POST /v1/validate (docs/openapi.yaml, ValidationReport), on stdout.
            std::cout << http::validationJson(report.valid(), report.documentType, report.findings) << "\n";
        } else {
            printFindings(input, report.findings);
        }
        return report.valid() ? 0 : EXIT_REFUSED;
    } catch (const Error& e) {
        std::cerr << input << ": " << codeName(e.code()) << ": " << e.publicMessage() << "\n";
        return exitcode::forError(e.code());
    }
}

int commandDeadline(const std::string& from, int weeks, bool explain)
{
    const auto start = Date::parseIso(from);
    if (!start) {
        return usage("deadline: --from must be a real date as YYYY-MM-DD");
    }
    try {
        const law::Deadline d = law::computeDeadline(*start, weeks);
        std::cout << d.last.iso() << "\n";
        if (explain) {
            std::cout << weeks << " weeks from " << d.from.iso() << " end on " << d.nominal.iso()
                      << ", the same weekday (lag 1930:173, 1 §).\n";
            if (d.moves.empty()) {
                std::cout << d.nominal.iso() << " is a working day, so it is the last day.\n";
            } else {
                for (const auto& move : d.moves) {
                    std::cout << "  " << move.day.iso() << " is " << move.reason << ": moves to the next day.\n";
                }
                std::cout << "The act may be done on the next weekday, " << d.last.iso() << " (lag 1930:173, 2 §).\n";
            }
        }
        return 0;
    } catch (const Error& e) {
        return usage("deadline: " + e.publicMessage());
    }
}

int commandAuditVerify(const std::string& input, const std::string& configFile)
{
    std::string bytes, problem;
    if (!readFile(input, bytes, problem)) {
        std::cerr << input << ": io: " << problem << "\n";
        return exitcode::NO_INPUT;
    }
    Settings settings = configuredSettings(configFile);
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
    const std::string sha = Poco::DigestEngine::digestToHex(engine.digest());
    const auto trail = audit::AuditTrail::openForReading(settings.pipeline.auditDatabase);
    const auto records = trail->findByOutput(sha);
    if (records.empty()) {
        std::cout << input << ": NOT produced by kansli (no audit record has SHA-256 " << sha << ")\n";
        return exitcode::NO;
    }
    std::cout << input << ": produced by kansli (SHA-256 " << sha << ")\n";
    for (const auto& r : records) {
        std::cout << "  record " << r.id << "\n"
                  << "    time          " << r.producedAt << "\n"
                  << "    type          " << r.documentType << " (" << r.format << ")\n"
                  << "    template      " << r.templateId << "@" << r.templateVersion << "\n"
                  << "    engine        " << (r.engine.empty() ? "(not recorded)" : r.engine) << "\n"
                  << "    diarienummer  " << r.diarienummer << "\n"
                  << "    caller        " << r.caller << "\n"
                  << "    input SHA-256 " << r.inputSha256 << "\n";
    }
    return 0;
}

/// Records the template set this installation loads as the one every node sharing the audit
/// trail must serve (the legal department's approval of a roll-out; docs/deployment.md).
int commandTemplatesActivate(const std::string& approvedBy, const std::string& configFile)
{
    pipeline::PipelineConfig config = cliPipelineConfig(configFile);
    config.workers = 0; // nothing is rendered
    config.taggedWorkers = 0;
    pipeline::DocumentPipeline pipeline(config);
    const audit::TemplateSetApproval approval = pipeline.activateTemplateSet(approvedBy);
    const pipeline::TemplatesReport report = pipeline.templates();
    std::cout << "template set " << approval.setHash << " is the active set from " << approval.approvedAt
              << " (approved by " << approval.approvedBy << ")\n";
    for (const auto& t : report.templates) {
        std::cout << "  " << t.id << " " << t.version << "\n";
    }
    std::cout << "  statutes " << report.statutesVersion << ", target groups " << report.targetGroupsVersion << "\n"
              << "Nodes with another set answer /readyz 503 until they load this one.\n";
    return 0;
}

} // namespace

int runCli(int argc, char** argv)
{
    if (argc < 2) {
        std::cerr << HELP;
        return EXIT_USAGE_ERROR;
    }
    const std::string first = argv[1];
    if (first == "--help" || first == "-h" || first == "help") {
        std::cout << HELP;
        return 0;
    }
    if (first == "--version" || first == "version") {
        std::cout << "kansli " << KANSLI_VERSION << "\n" << "data: " << defaultSettings().pipeline.rootDir << "\n";
        return 0;
    }
    if (first == "serve") {
        // The service is a Poco ServerApplication: its options (--port, --config, --help) are
        // Poco's OptionSet, which also runs it as a daemon when asked.
        ServerApp server;
        std::vector<char*> serveArgs;
        serveArgs.push_back(argv[0]);
        for (int i = 2; i < argc; ++i) {
            serveArgs.push_back(argv[i]);
        }
        return server.run(static_cast<int>(serveArgs.size()), serveArgs.data());
    }

    // Every other command: one parser (CLI11), --help on each.
    CLI::App app{"kansli: writes the letters of Stockholm's labour-market support (see kansli --help)", "kansli"};
    app.require_subcommand(1);
    app.footer("Exit codes: 0 done, 1 no (differences, not found), 64 usage, 65 refused, 66 no input, 70 internal, "
               "74 cannot write, 78 configuration.");

    std::string input, output, format = "pdf", configFile;
    CLI::App* render = app.add_subcommand("render", "Validate a case file and write the document it names");
    render->add_option("CASE", input, "the case file (XML)")->required();
    render->add_option("-o,--output", output, "where to write (default: CASE with .pdf or .html)");
    render->add_option("--format", format, "pdf or html")->check(CLI::IsMember({"pdf", "html"}));
    render->add_option("--config", configFile, "properties file (docs/configuration.md)");
    std::string language = "en";
    render->add_option("--lang", language, "language of the findings: sv or en (default en)")
        ->check(CLI::IsMember({"sv", "en"}));

    bool json = false;
    CLI::App* validate = app.add_subcommand("validate", "Print every finding of a case file");
    validate->add_option("CASE", input, "the case file (XML)")->required();
    validate->add_flag("--json", json, "the report of POST /v1/validate on stdout");
    validate->add_option("--lang", language, "language of the findings: sv or en (default en)")
        ->check(CLI::IsMember({"sv", "en"}));

    std::string from;
    int weeks = 3;
    bool explain = false;
    CLI::App* deadline = app.add_subcommand("deadline", "The last day of a period in weeks (lag 1930:173)");
    deadline->add_option("--from", from, "the first day, YYYY-MM-DD")->required();
    deadline->add_option("--weeks", weeks, "the period in weeks (default 3)")->check(CLI::Range(1, 520));
    deadline->add_flag("--explain", explain, "say why the day moved");

    CLI::App* audit = app.add_subcommand("audit", "The audit trail");
    audit->require_subcommand(1);
    CLI::App* verify = audit->add_subcommand("verify", "Whether FILE is a document kansli produced");
    verify->add_option("FILE", input, "a PDF or XHTML")->required();
    verify->add_option("--config", configFile, "properties file (docs/configuration.md)");

    std::vector<std::string> folders;
    std::vector<std::string> letters;
    std::string root, out, approved;
    bool approve = false;
    CLI::App* templatesCommand = app.add_subcommand("templates", "The legal department's template check");
    templatesCommand->require_subcommand(1);
    CLI::App* check = templatesCommand->add_subcommand("check", "Render every example and compare with the approved text");
    check->add_option("DIR", folders, "a template folder (xsl/, locales/, templates/)")->expected(0, 1);
    check->add_option("--root", root, "the template folder (same as DIR)");
    check->add_flag("--approve", approve, "record the new output as approved");
    check->add_option("--out", out, "new texts, pictures and report.html (default out/template-check)");
    check->add_option("--approved", approved, "the approved texts (default tests/golden/approved)");
    check->add_option("--letter", letters, "only this example letter (file name without .xml); repeatable");
    std::string checkLanguage = "sv";
    check->add_option("--lang", checkLanguage, "language of the check's messages: sv or en (default sv)")
        ->check(CLI::IsMember({"sv", "en"}));

    std::string approvedBy;
    CLI::App* activate = templatesCommand->add_subcommand(
        "activate", "Make the template set installed here the one every node sharing the audit trail serves");
    activate->add_option("--approved-by", approvedBy, "who approved the set (a name or role, recorded)")->required();
    activate->add_option("--config", configFile, "properties file (docs/configuration.md)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e) == 0 ? 0 : EXIT_USAGE_ERROR;
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e) == 0 ? 0 : EXIT_USAGE_ERROR;
    } catch (const CLI::ParseError& e) {
        std::cerr << "kansli: " << e.what() << "\n(see kansli " << (argc > 1 ? argv[1] : "") << " --help)\n";
        return EXIT_USAGE_ERROR;
    }

    try {
        if (render->parsed()) {
            return commandRender(input, output, format, configFile, language);
        }
        if (validate->parsed()) {
            return commandValidate(input, json, language);
        }
        if (deadline->parsed()) {
            return commandDeadline(from, weeks, explain);
        }
        if (verify->parsed()) {
            return commandAuditVerify(input, configFile);
        }
        if (activate->parsed()) {
            return commandTemplatesActivate(approvedBy, configFile);
        }
        if (check->parsed()) {
            if (!root.empty() && !folders.empty()) {
                return usage("templates check: give the template folder once (DIR or --root)");
            }
            std::vector<std::string> args = {"check"};
            if (!root.empty() || !folders.empty()) {
                args.push_back(root.empty() ? folders.front() : root);
            }
            if (approve) {
                args.emplace_back("--approve");
            }
            if (!out.empty()) {
                args.insert(args.end(), {"--out", out});
            }
            if (!approved.empty()) {
                args.insert(args.end(), {"--approved", approved});
            }
            for (const std::string& letter : letters) {
                args.insert(args.end(), {"--letter", letter});
            }
            args.insert(args.end(), {"--lang", checkLanguage});
            // The tool's own words come from the installed catalogs, compiled as serve does.
            Settings settings = defaultSettings();
            compileCatalogsFromSources(settings);
            return templates::runCommand(args, settings.pipeline.rootDir, settings.pipeline.localeDir);
        }
        return usage("no command given");
    } catch (const Error& e) {
        if (e.code() == ErrorCode::Usage) {
            return usage(e.publicMessage());
        }
        std::cerr << "kansli: " << codeName(e.code()) << ": " << e.publicMessage() << "\n";
        return exitcode::forError(e.code());
    } catch (const Poco::Exception& e) {
        std::cerr << "kansli: " << e.displayText() << "\n";
        return EXIT_USAGE_ERROR;
    } catch (const std::exception& e) {
        std::cerr << "kansli: internal error: " << e.what() << "\n";
        return exitcode::SOFTWARE;
    }
}

} // namespace kansli::app
