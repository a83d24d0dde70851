// Tagged letters (PDF/UA-1 with PDF/A-2u) from the Chromium engine, finished by DocumentRenderer,
// checked by the project's own PDF/UA preflight — and that preflight shown to find each kind of
// fault it names, so that a pass means something.

#include "TestDocuments.h"
#include "render/Artifacts.h"
#include "render/PdfPreflight.h"
#include "render/WorkerPool.h"

#include <boost/test/unit_test.hpp>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <functional>

using namespace kansli;
using namespace kansli::render;
using namespace kansli::render::test;

namespace {

WorkerPool& browserPool()
{
    static WorkerPool pool([] {
        WorkerPoolConfig config;
        config.engine.kind = EngineKind::Chromium;
        config.workers = 1;
        config.maxRssKb = 2 * 1024 * 1024;
        return config;
    }());
    return pool;
}

RenderOptions accessibleOptions()
{
    RenderOptions o = letterOptions();
    o.accessible = true;
    o.producer = "kansli render (chromium, qpdf)";
    return o;
}

std::string joined(const std::vector<std::string>& problems)
{
    std::string all;
    for (const auto& p : problems)
        all += p + "\n";
    return all;
}

bool mentions(const std::vector<std::string>& problems, const std::string& checkpoint)
{
    return joined(problems).find(checkpoint) != std::string::npos;
}

/// `pdf` changed by `edit` and written again (no finishing, so only the edit differs).
std::string edited(const std::string& pdf, const std::function<void(QPDF&)>& edit)
{
    QPDF q;
    q.processMemoryFile("letter", pdf.data(), pdf.size());
    edit(q);
    QPDFWriter writer(q);
    writer.setOutputMemory();
    writer.setDeterministicID(true);
    writer.write();
    auto buffer = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

std::string page(const std::string& body)
{
    return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv\"><head><meta charset=\"utf-8\"/>"
           "<title>Prov</title><style>body{zoom:1.2727;font-family:'DejaVu Sans'}</style></head><body>"
           + body + "</body></html>\n";
}

} // namespace

BOOST_AUTO_TEST_SUITE(accessible_letter)

BOOST_AUTO_TEST_CASE(a_tagged_letter_passes_both_preflights_and_is_deterministic)
{
    const std::string pdf = browserPool().render(threePageLetter(), accessibleOptions());
    BOOST_TEST(PdfPreflight::check(pdf).empty(), joined(PdfPreflight::check(pdf)));
    BOOST_TEST(PdfPreflight::checkAccessible(pdf).empty(), joined(PdfPreflight::checkAccessible(pdf)));
    const std::string again = browserPool().render(threePageLetter(), accessibleOptions());
    BOOST_TEST(pdf == again, "differs: " << writeTemp(pdf, "first.pdf") << " " << writeTemp(again, "second.pdf"));

    const std::string file = writeTemp(pdf, "accessible.pdf");
    const std::string text = runCommand("pdftotext -layout " + file + " -");
    BOOST_TEST(text.find("Sida 3 (3)") != std::string::npos, text); // labels under a tagged letter
    const std::string tree = runCommand("pdfinfo -struct-text " + file + " 2>/dev/null");
    for (const char* expected : {"H1", "H2", "Table", "TH", "TD", "Beslut om ersättning"})
        BOOST_TEST(tree.find(expected) != std::string::npos, expected << " in\n" << tree.substr(0, 600));
    // The labels are artifacts: not in the tree.
    BOOST_TEST(tree.find("Sida 1") == std::string::npos);
    const std::string info = runCommand("pdfinfo " + file);
    BOOST_TEST(info.find("Tagged:          yes") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_untagged_letter_fails_the_accessibility_preflight)
{
    // wkhtmltopdf's letter: a valid PDF/A-2b, and not accessible.
    WorkerPoolConfig config;
    config.workers = 1;
    WorkerPool pool(config);
    const std::string pdf = pool.render(threePageLetter(), letterOptions());
    BOOST_TEST(PdfPreflight::check(pdf).empty());
    const auto problems = PdfPreflight::checkAccessible(pdf);
    for (const char* checkpoint : {"06-002", "07-001", "7.1: /MarkInfo", "7.1: no structure tree"})
        BOOST_TEST(mentions(problems, checkpoint), checkpoint << " in\n" << joined(problems));
}

BOOST_AUTO_TEST_CASE(each_fault_is_named_by_its_checkpoint)
{
    // A letter with PDF 2.0 types (Strong), which only the role map makes standard.
    const std::string good = browserPool().render(
        page("<h1>Beslut</h1><p>Du får <strong>inte</strong> stödet.</p>"
             "<table><tr><th>Period</th><th>Belopp</th></tr><tr><td>januari</td><td>1 200 kr</td></tr></table>"),
        accessibleOptions());
    BOOST_REQUIRE(PdfPreflight::checkAccessible(good).empty());
    struct Row {
        const char* checkpoint;
        std::function<void(QPDF&)> edit;
    };
    const Row rows[] = {
        {"07-002", [](QPDF& q) { q.getRoot().getKey("/ViewerPreferences").replaceKey("/DisplayDocTitle",
                                     QPDFObjectHandle::newBool(false)); }},
        {"07-001", [](QPDF& q) { q.getRoot().removeKey("/ViewerPreferences"); }},
        {"06-001", [](QPDF& q) { q.getRoot().removeKey("/Metadata"); }},
        {"11-006", [](QPDF& q) { q.getRoot().removeKey("/Lang"); }},
        {"01-007", [](QPDF& q) { q.getRoot().getKey("/MarkInfo").replaceKey("/Suspects", QPDFObjectHandle::newBool(true)); }},
        {"02-001", [](QPDF& q) { q.getRoot().getKey("/StructTreeRoot").removeKey("/RoleMap"); }},
        {"02-004", [](QPDF& q) { q.getRoot().getKey("/StructTreeRoot").getKey("/RoleMap").replaceKey("/P",
                                     QPDFObjectHandle::newName("/Span")); }},
        {"01-005", [](QPDF& q) {
             auto page = q.getAllPages().front();
             page.addPageContents(QPDFObjectHandle::newStream(&q, "0 0 10 10 re f\n"), false);
         }},
    };
    for (const auto& row : rows) {
        const auto problems = PdfPreflight::checkAccessible(edited(good, row.edit));
        BOOST_TEST(mentions(problems, row.checkpoint), row.checkpoint << " in\n" << joined(problems));
    }
}

BOOST_AUTO_TEST_CASE(headings_figures_and_content_the_tree_leaves_out)
{
    struct Row {
        const char* body;
        const char* checkpoint; // empty: passes
    };
    const Row rows[] = {
        {"<h1>Rubrik</h1><h2>Del</h2><h3>Stycke</h3><p>Text.</p>", ""},
        {"<h2>Rubrik</h2><p>Text.</p>", "14-002"},
        {"<h1>Rubrik</h1><h3>Stycke</h3><p>Text.</p>", "14-003"},
        {"<h1>Rubrik</h1><img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==\" "
         "style=\"width:20mm;height:5mm\"/>", "13-004"},
        {"<h1>Rubrik</h1><img alt=\"Stadens logotyp\" src=\"data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==\" "
         "style=\"width:20mm;height:5mm\"/>", ""},
        // Left out of the accessibility tree: drawn, then marked as an artifact.
        {"<h1>Rubrik</h1><div aria-hidden=\"true\"><p>Dekor</p></div><p>Text.</p>", ""},
    };
    for (const auto& row : rows) {
        RenderOptions options = accessibleOptions();
        options.pageLabelFormat.clear();
        const auto problems = PdfPreflight::checkAccessible(browserPool().render(page(row.body), options));
        if (std::string(row.checkpoint).empty())
            BOOST_TEST(problems.empty(), row.body << ":\n" << joined(problems));
        else
            BOOST_TEST(mentions(problems, row.checkpoint), row.checkpoint << " for " << row.body << ":\n" << joined(problems));
    }
}

BOOST_AUTO_TEST_CASE(content_outside_the_tree_is_wrapped_as_artifacts_once)
{
    ConversionRequest request;
    request.xhtml = threePageLetter();
    request.tagged = true;
    const std::string engine = browserPool().convert(request);
    QPDF q;
    q.processMemoryFile("engine", engine.data(), engine.size());
    const int before = countUntaggedContent(q);
    BOOST_TEST(before > 0); // Chromium's page backgrounds at least
    BOOST_TEST(markUntaggedAsArtifacts(q) == before);
    BOOST_TEST(countUntaggedContent(q) == 0);
    BOOST_TEST(markUntaggedAsArtifacts(q) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
