#include "templates/TemplateCheck.h"

#include "core/Error.h"
#include "core/Refusal.h"
#include "i18n/Catalog.h"
#include "pipeline/DocumentPipeline.h"
#include "render/PdfPreflight.h"
#include "templates/LayoutCheck.h"
#include "templates/Tool.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/TemporaryFile.h>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>
#include <unistd.h>

namespace kansli::templates {

namespace {

using Output = ToolOutput;

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void writeAll(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw Error(ErrorCode::Io, "cannot write " + path);
    }
}

bool exists(const std::string& path)
{
    return Poco::File(path).exists();
}

std::string absolute(const std::string& path)
{
    Poco::Path p(path);
    p.makeAbsolute();
    return p.toString();
}

std::vector<std::string> caseNames(const std::string& examplesDir)
{
    std::vector<std::string> names;
    for (Poco::DirectoryIterator it(examplesDir), end; it != end; ++it) {
        if (it->isFile() && Poco::Path(it.name()).getExtension() == "xml") {
            names.push_back(Poco::Path(it.name()).getBaseName());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// The approved page files of one case, in page order (page-1.txt, page-2.txt, ...).
std::vector<std::string> approvedPages(const std::string& caseDir)
{
    std::vector<std::string> pages;
    for (int page = 1; exists(caseDir + "/page-" + std::to_string(page) + ".txt"); ++page) {
        pages.push_back(readAll(caseDir + "/page-" + std::to_string(page) + ".txt"));
    }
    return pages;
}

std::string pagePng(const std::string& pdf, int page, const std::string& prefix)
{
    const Output r = runTool("pdftoppm",
        {"-r", "60", "-png", "-singlefile", "-f", std::to_string(page), "-l", std::to_string(page), pdf, prefix});
    return r.exitCode == 0 && exists(prefix + ".png") ? prefix + ".png" : std::string();
}

std::string unifiedDiff(
    const std::string& before, const std::string& after, const std::string& beforeLabel, const std::string& afterLabel)
{
    const Output r = runTool("diff", {"-u", "--label", beforeLabel, "--label", afterLabel, before, after});
    if (r.exitCode > 1) {
        throw Error(ErrorCode::Io, "diff failed", r.text);
    }
    return r.text;
}

/// A folder shaped like the repository root whose xsl/ and templates/ are the set's and whose
/// fonts/ is the set's or the reference's: the pipeline reads everything through one root.
std::string overlayRoot(const std::string& work, const std::string& templateRoot, const std::string& referenceRoot)
{
    const std::string root = work + "/root";
    Poco::File(root).createDirectories();
    for (const char* name : {"xsl", "templates"}) {
        Poco::File(templateRoot + "/" + name).linkTo(root + "/" + name, Poco::File::LINK_SYMBOLIC);
    }
    const std::string fonts = exists(templateRoot + "/fonts/fonts.conf") ? templateRoot : referenceRoot;
    Poco::File(fonts + "/fonts").linkTo(root + "/fonts", Poco::File::LINK_SYMBOLIC);
    return root;
}

void removePagesFrom(const std::string& caseDir, std::size_t firstStale)
{
    for (std::size_t page = firstStale;; ++page) {
        Poco::File stale(caseDir + "/page-" + std::to_string(page) + ".txt");
        if (!stale.exists()) {
            return;
        }
        stale.remove();
    }
}

std::string escapeHtml(const std::string& text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

/// A path relative to `base` when it lies under it (the report links its pictures relatively).
std::string relativeTo(const std::string& path, const std::string& base)
{
    const std::string prefix = base + "/";
    return path.rfind(prefix, 0) == 0 ? path.substr(prefix.size()) : path;
}

std::string htmlReport(const CheckReport& report, const std::string& outDir)
{
    std::ostringstream html;
    html << "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"/><title>Mallkontroll</title><style>"
            "body{font-family:sans-serif;margin:2em;max-width:120em}"
            "table{border-collapse:collapse}td{vertical-align:top;padding:0 1em 1em 0}"
            "img{border:1px solid #888;max-width:100%}pre{background:#f4f4f4;padding:.5em;overflow:auto}"
            ".del{color:#a00000}.add{color:#006000}.warn{color:#8a4b00}"
            "</style></head><body><h1>Mallkontroll (kansli templates check)</h1>\n";
    html << "<p>" << report.cases << " brev, " << report.pages << " sidor: " << report.changes.size()
         << " sidor skiljer sig från den godkända texten, " << report.failures.size() << " problem.</p>\n";
    if (!report.failures.empty()) {
        html << "<h2>Problem (brev som inte kunde skrivas eller bryter layouten)</h2><ul>\n";
        for (const auto& f : report.failures) {
            html << "<li>" << escapeHtml(f) << "</li>\n";
        }
        html << "</ul>\n";
    }
    if (!report.versionWarnings.empty()) {
        html << "<h2 class=\"warn\">Mallversion oförändrad</h2><ul>\n";
        for (const auto& w : report.versionWarnings) {
            html << "<li class=\"warn\">" << escapeHtml(w) << "</li>\n";
        }
        html << "</ul>\n";
    }
    for (const PageChange& c : report.changes) {
        html << "<h2>" << escapeHtml(c.caseName) << ", sida " << c.page << "</h2>\n<pre>";
        std::istringstream lines(c.diff);
        for (std::string line; std::getline(lines, line);) {
            const char* cls = !line.empty() && line[0] == '-' && line.rfind("---", 0) != 0 ? "del"
                : !line.empty() && line[0] == '+' && line.rfind("+++", 0) != 0          ? "add"
                                                                                        : nullptr;
            html << (cls ? std::string("<span class=\"") + cls + "\">" : std::string()) << escapeHtml(line)
                 << (cls ? "</span>" : "") << "\n";
        }
        html << "</pre>\n<table><tr><th>Godkänd</th><th>Ny</th></tr><tr><td>";
        html << (c.beforePng.empty() ? std::string("(ingen godkänd bild)")
                                     : "<img alt=\"godkänd sida\" src=\"" + escapeHtml(relativeTo(c.beforePng, outDir)) + "\"/>");
        html << "</td><td>";
        html << (c.afterPng.empty() ? std::string("(sidan finns inte längre)")
                                    : "<img alt=\"ny sida\" src=\"" + escapeHtml(relativeTo(c.afterPng, outDir)) + "\"/>");
        html << "</td></tr></table>\n";
    }
    html << "</body></html>\n";
    const std::string path = outDir + "/report.html";
    writeAll(path, html.str());
    return path;
}

} // namespace

void compileCatalogs(const std::string& sourceDir, const std::string& targetDir)
{
    Poco::File(targetDir).createDirectories();
    for (Poco::DirectoryIterator it(sourceDir), end; it != end; ++it) {
        if (!it->isFile() || Poco::Path(it.name()).getExtension() != "txt") {
            continue;
        }
        const Output r = runTool("genrb", {"--quiet", "-e", "UTF-8", "-d", targetDir, it.path().toString()});
        if (r.exitCode != 0) {
            throw Error(
                ErrorCode::Template, "message catalog does not compile: locales/" + it.name(), "genrb: " + r.text);
        }
    }
}

std::vector<std::string> pageTexts(const std::string& pdfPath)
{
    const std::string textPath = pdfPath + ".txt";
    const Output r = runTool("pdftotext", {"-enc", "UTF-8", pdfPath, textPath});
    if (r.exitCode != 0) {
        throw Error(ErrorCode::Io, "pdftotext could not read a rendered letter", r.text);
    }
    // pdftotext ends every page with a form feed.
    std::vector<std::string> pages;
    std::istringstream in(readAll(textPath));
    for (std::string page; std::getline(in, page, '\f');) {
        pages.push_back(page);
    }
    if (!pages.empty() && pages.back().find_first_not_of(" \n") == std::string::npos) {
        pages.pop_back();
    }
    Poco::File(textPath).remove();
    return pages;
}

CheckReport runCheck(const CheckConfig& config, std::ostream& out, const i18n::Catalog& words)
{
    const std::string templateRoot = absolute(config.templateRoot);
    const std::string referenceRoot = absolute(config.referenceRoot);
    const std::string approvedDir = absolute(config.approvedDir);
    const std::string outDir = absolute(config.outDir);
    for (const char* needed : {"xsl", "locales", "templates"}) {
        if (!Poco::File(templateRoot + "/" + needed).exists()) {
            throw Error(ErrorCode::Config, std::string("the template folder has no ") + needed + "/: " + templateRoot);
        }
    }

    Poco::TemporaryFile work; // removed when the check ends
    work.createDirectories();
    compileCatalogs(templateRoot + "/locales", work.path() + "/locales");
    pipeline::PipelineConfig pipelineConfig;
    pipelineConfig.rootDir = overlayRoot(work.path(), templateRoot, referenceRoot);
    pipelineConfig.localeDir = work.path() + "/locales";
    pipelineConfig.workers = 1;
    pipelineConfig.taggedWorkers = 1; // started only if an example asks for an accessible letter
    // The pipeline hands out no document without an audit record: these trial letters are
    // recorded in a throwaway trail, never in the service's.
    pipelineConfig.auditDatabase = work.path() + "/audit.sqlite";
    pipeline::DocumentPipeline pipeline(pipelineConfig);

    Poco::File(outDir).createDirectories();
    const std::vector<std::string> headings = catalogHeadings(templateRoot + "/locales");
    const std::vector<std::string> partOpeners = catalogPartOpeners(templateRoot + "/locales");

    CheckReport report;
    std::vector<std::string> names = caseNames(referenceRoot + "/examples");
    if (!config.letters.empty()) {
        for (const std::string& letter : config.letters) {
            if (std::find(names.begin(), names.end(), letter) == names.end()) {
                throw Error(ErrorCode::Usage, "no example letter is called " + letter);
            }
        }
        names = config.letters;
    }
    for (const std::string& name : names) {
        ++report.cases;
        const std::string caseOut = outDir + "/" + name;
        const std::string caseApproved = approvedDir + "/" + name;
        // Only the case's own folder is replaced (pictures of an earlier run would mislead);
        // whatever else --out holds is left alone.
        if (exists(caseOut)) {
            Poco::File(caseOut).remove(true);
        }
        Poco::File(caseOut).createDirectories();

        pipeline::Produced produced;
        try {
            produced = pipeline.produce(
                readAll(referenceRoot + "/examples/" + name + ".xml"), pipeline::OutputFormat::Pdf, "templates-check");
        } catch (const Refusal& refusal) {
            report.failures.push_back(name + ": refused: " + refusal.publicMessage());
            out << words.message("tool.check.refused", {{"name", name}, {"message", refusal.publicMessage()}}) << "\n";
            continue;
        } catch (const Error& e) {
            // The public message names the template and the key, never case values.
            report.failures.push_back(name + ": " + codeName(e.code()) + ": " + e.publicMessage());
            out << words.message("tool.check.failed", {{"name", name}, {"code", codeName(e.code())}, {"message", e.publicMessage()}})
                << "\n";
            continue;
        }
        const std::string newPdf = caseOut + "/new.pdf";
        writeAll(newPdf, produced.bytes);
        // The word boxes against the layout: type size, text area, window, glyphs, page flow.
        const pipeline::Produced xhtml = pipeline.produce(
            readAll(referenceRoot + "/examples/" + name + ".xml"), pipeline::OutputFormat::Html, "templates-check");
        const std::vector<std::string> layoutProblems = checkLayout({newPdf, xhtml.bytes, headings, partOpeners}, words);
        for (const std::string& problem : layoutProblems) {
            report.failures.push_back(name + ": layout: " + problem);
            out << words.message("tool.check.layout", {{"name", name}, {"problem", problem}}) << "\n";
        }
        // A tagged letter from the second engine must also pass the PDF/UA preflight.
        if (produced.accessible) {
            for (const std::string& problem : render::PdfPreflight::checkAccessible(produced.bytes)) {
                report.failures.push_back(name + ": accessibility: " + problem);
                out << words.message("tool.check.accessibility", {{"name", name}, {"problem", problem}}) << "\n";
            }
        }
        const std::vector<std::string> after = pageTexts(newPdf);
        const std::vector<std::string> before = approvedPages(caseApproved);
        const std::string approvedPdf = caseApproved + "/approved.pdf";

        bool changed = false;
        const std::size_t count = std::max(before.size(), after.size());
        for (std::size_t i = 0; i < count; ++i) {
            const int page = static_cast<int>(i) + 1;
            const std::string file = "page-" + std::to_string(page) + ".txt";
            const std::string newText = i < after.size() ? after[i] : std::string();
            const std::string oldText = i < before.size() ? before[i] : std::string();
            writeAll(caseOut + "/" + file, newText);
            ++report.pages;
            if (i < before.size() && i < after.size() && oldText == newText) {
                continue;
            }
            changed = true;
            if (config.approve) {
                continue;
            }
            PageChange change;
            change.caseName = name;
            change.page = page;
            const std::string oldFile = caseOut + "/" + file + ".approved";
            writeAll(oldFile, oldText);
            change.diff = unifiedDiff(oldFile, caseOut + "/" + file,
                "approved/" + name + "/" + file + (i < before.size() ? "" : " (no such page)"),
                "new/" + name + "/" + file + (i < after.size() ? "" : " (page gone)"));
            Poco::File(oldFile).remove();
            if (i < after.size()) {
                change.afterPng = pagePng(newPdf, page, caseOut + "/page-" + std::to_string(page) + "-after");
            }
            if (i < before.size() && exists(approvedPdf)) {
                change.beforePng = pagePng(approvedPdf, page, caseOut + "/page-" + std::to_string(page) + "-before");
            }
            out << "\n" << words.message("tool.check.page-changed", {{"name", name}, {"page", std::int64_t{page}}}) << "\n"
                << change.diff;
            if (!change.beforePng.empty() || !change.afterPng.empty()) {
                out << words.message("tool.check.pictures",
                                     {{"before", change.beforePng.empty() ? words.message("tool.check.no-approved-picture")
                                                                          : change.beforePng},
                                      {"after", change.afterPng.empty() ? words.message("tool.check.page-gone") : change.afterPng}})
                    << "\n";
            }
            report.changes.push_back(std::move(change));
        }
        const std::string templateOf = produced.templateId + "@" + produced.templateVersion;
        const std::string approvedTemplate = caseApproved + "/template.txt";
        if (changed && exists(approvedTemplate)) {
            std::string approvedVersion = readAll(approvedTemplate);
            while (!approvedVersion.empty() && (approvedVersion.back() == '\n' || approvedVersion.back() == ' ')) {
                approvedVersion.pop_back();
            }
            if (approvedVersion == templateOf) {
                const std::string warning = words.message("tool.check.version-warning", {{"name", name}, {"template", templateOf}});
                report.versionWarnings.push_back(warning);
                out << warning << "\n";
            }
        }
        if (config.approve && !layoutProblems.empty()) {
            out << words.message("tool.check.not-approved", {{"name", name}}) << "\n";
        } else if (config.approve && (changed || !exists(approvedPdf))) {
            Poco::File(caseApproved).createDirectories();
            for (std::size_t i = 0; i < after.size(); ++i) {
                writeAll(caseApproved + "/page-" + std::to_string(i + 1) + ".txt", after[i]);
            }
            removePagesFrom(caseApproved, after.size() + 1);
            Poco::File(newPdf).copyTo(approvedPdf);
            writeAll(approvedTemplate, templateOf + "\n");
            report.approved.push_back(name);
            out << words.message("tool.check.approved", {{"name", name}, {"pages", static_cast<std::int64_t>(after.size())}})
                << "\n";
        } else if (!changed) {
            if (config.approve) {
                writeAll(approvedTemplate, templateOf + "\n"); // the version approved with this text
            }
            out << words.message("tool.check.unchanged", {{"name", name}, {"pages", static_cast<std::int64_t>(after.size())}})
                << "\n";
        }
    }
    report.htmlReport = htmlReport(report, outDir);
    return report;
}

} // namespace kansli::templates
