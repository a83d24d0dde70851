// render_bench: what kansli's rendering costs on this machine, printed as figures.
//
// Sections (all on the same XHTML, a 2-page letter unless a file is given):
//   engine   long-lived wkhtmltopdf workers, bare conversion: the engine's ceiling
//   pool     the same workers plus page labels and PDF/A-2b finishing (what the service does)
//   cold     a new wkhtmltopdf process per document, same labels and finishing
//   finish   PDF/A finishing alone: libqpdf in-process vs a ghostscript process
//   rss      growth of one worker's resident memory over many documents (no recycling)
//   tagged   the second engine (headless Chromium, kept running) making accessible letters:
//            labels, PDF/A-2u and PDF/UA finishing; against a new browser per letter (cold);
//            its memory over many letters with recycling, compared at the same point of each
//            recycle cycle
// Output: human-readable lines, then `key=value` lines that bench/run collects.
//
// Usage: render_bench [--docs N] [--rounds N] [--rss-docs N] [--tagged-docs N] [--tagged-rss-docs N]
//                     [--xhtml FILE] [--out DIR]

#include "BenchSupport.h"
#include "core/Error.h"
#include "render/DocumentRenderer.h"
#include "render/OneShotEngine.h"
#include "render/PdfPreflight.h"
#include "render/WorkerPool.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

using namespace kansli::render;
using Clock = std::chrono::steady_clock;

namespace {

std::string benchLetter()
{
    // About 650 words on two A4 pages, like the letter RENDERING.md was measured with.
    std::string html =
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"sv\"><head><meta charset=\"utf-8\"/>"
        "<title>Beslut</title><style>body{zoom:1.2727;font-family:'DejaVu Sans';font-size:11pt;line-height:1.4}"
        "h1{font-size:16pt}td,th{border:1px solid #555;padding:1.5mm}table{border-collapse:collapse}</style>"
        "</head><body><h1>Beslut om ersättning</h1>";
    const char* sentence = "Myndigheten har prövat ansökan och funnit att villkoren i § 4 är uppfyllda "
                           "för perioden 2026-01-01 – 2026-06-30, med avdrag −1 200 kr. ";
    for (int p = 0; p < 16; ++p) {
        html += "<p>";
        for (int s = 0; s < 2; ++s)
            html += sentence;
        html += "</p>";
        if (p == 5)
            html += "<table><tr><th>Period</th><th>Belopp</th></tr><tr><td>januari – juni</td>"
                    "<td>3 400 kr</td></tr><tr><td>juli – december</td><td>−1 200 kr</td></tr></table>";
    }
    html += "</body></html>\n";
    return html;
}

struct Result {
    double docsPerSecond = 0;
    double p50 = 0, p99 = 0, mean = 0;
    int failures = 0;
};

// One measured path. Sections run interleaved in rounds, so that load from elsewhere on the
// machine (other builds) falls on all of them alike.
struct Section {
    Section(std::string sectionName, int sectionDocs, unsigned sectionCallers, std::function<void()> sectionWork)
        : name(std::move(sectionName)), docs(sectionDocs), callers(sectionCallers), work(std::move(sectionWork))
    {
    }

    std::string name;
    int docs;          // over all rounds
    unsigned callers;
    std::function<void()> work;
    std::vector<double> latencies;
    double seconds = 0;
    int done = 0;
    int failures = 0;

    void runRound(int rounds)
    {
        const int count = std::max(1, docs / rounds);
        std::mutex mutex;
        std::atomic<int> next{0};
        const auto start = Clock::now();
        std::vector<std::thread> threads;
        for (unsigned t = 0; t < callers; ++t) {
            threads.emplace_back([&] {
                while (next++ < count) {
                    const auto t0 = Clock::now();
                    try {
                        work();
                    } catch (const kansli::Error& e) {
                        std::lock_guard lock(mutex);
                        ++failures;
                        std::cerr << name << ": " << e.publicMessage() << " (" << e.internalDetail() << ")\n";
                    }
                    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
                    std::lock_guard lock(mutex);
                    latencies.push_back(ms);
                }
            });
        }
        for (auto& thread : threads)
            thread.join();
        seconds += std::chrono::duration<double>(Clock::now() - start).count();
        done += count;
    }

    Result result() const
    {
        Result r;
        r.docsPerSecond = seconds > 0 ? done / seconds : 0;
        r.p50 = kansli::bench::percentile(latencies, 0.50);
        r.p99 = kansli::bench::percentile(latencies, 0.99);
        double sum = 0;
        for (double l : latencies)
            sum += l;
        r.mean = latencies.empty() ? 0 : sum / static_cast<double>(latencies.size());
        r.failures = failures;
        return r;
    }

    void print() const
    {
        const auto r = result();
        std::printf("%-36s %8.1f docs/s   p50 %7.1f ms   p99 %7.1f ms   mean %7.1f ms   callers %u%s\n",
                    name.c_str(), r.docsPerSecond, r.p50, r.p99, r.mean, callers,
                    r.failures ? "   FAILURES" : "");
    }
};

void writeFile(const std::string& path, const std::string& bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

} // namespace

int main(int argc, char** argv)
{
    int docs = 200;
    int rssDocs = 1000;
    int rounds = 4;
    int taggedDocs = 100;
    int taggedRssDocs = 1000;
    std::string xhtml = benchLetter();
    std::string out = "/tmp/kansli-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--docs")
            docs = std::max(1, std::atoi(argv[i + 1]));
        else if (arg == "--rss-docs")
            rssDocs = std::max(1, std::atoi(argv[i + 1]));
        else if (arg == "--tagged-docs")
            taggedDocs = std::max(4, std::atoi(argv[i + 1]));
        else if (arg == "--tagged-rss-docs")
            taggedRssDocs = std::max(10, std::atoi(argv[i + 1]));
        else if (arg == "--rounds")
            rounds = std::max(1, std::atoi(argv[i + 1]));
        else if (arg == "--xhtml")
            xhtml = kansli::bench::readFile(argv[i + 1]);
        else if (arg == "--out")
            out = argv[i + 1];
    }
    std::filesystem::create_directories(out);
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const RenderOptions options = kansli::bench::letterOptions();

    try {
        std::printf("render_bench: up to %d documents per section in %d interleaved rounds, %u cores\n",
                    docs, rounds, cores);

        WorkerPoolConfig config; // workers = cores
        config.queueCapacity = 1024;
        WorkerPool pool(config);
        ConversionRequest bare;
        bare.xhtml = xhtml;
        bare.page = options.page;

        // Warm: one of each so that the layer cache and Qt's fonts are loaded.
        const std::string enginePdf = pool.convert(bare);
        const std::string finished = pool.render(xhtml, options);
        writeFile(out + "/letter.xhtml", xhtml);
        writeFile(out + "/engine.pdf", enginePdf);
        writeFile(out + "/finished.pdf", finished);
        const auto problems = PdfPreflight::check(finished);
        std::printf("preflight of the pool's output: %s\n", problems.empty() ? "passed" : "PROBLEMS");
        for (const auto& p : problems)
            std::printf("  %s\n", p.c_str());

        OneShotEngine oneShot;
        DocumentRenderer coldRenderer(oneShot, {});
        coldRenderer.render(xhtml, options); // label layer cached, as the pool's is
        const std::string transparent = [&] {
            ConversionRequest r = bare;
            r.noBackground = true;
            return pool.convert(r);
        }();
        RenderOptions pdfaOnly = options;
        pdfaOnly.pageLabelFormat.clear();

        // Ghostscript, the alternative finisher, as RENDERING.md describes it.
        const std::string icc = "/usr/share/ghostscript/10.00.0/iccprofiles/srgb.icc";
        const std::string def = out + "/PDFA_def.ps";
        writeFile(def, "%!\n/ICCProfile (" + icc + ") def\n"
                       "[/_objdef {icc_PDFA} /type /stream /OBJ pdfmark\n"
                       "[{icc_PDFA} <</N 3>> /PUT pdfmark\n"
                       "[{icc_PDFA} ICCProfile (r) file /PUT pdfmark\n"
                       "[/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark\n"
                       "[{OutputIntent_PDFA} <</Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {icc_PDFA}"
                       " /OutputConditionIdentifier (sRGB)>> /PUT pdfmark\n"
                       "[{Catalog} <</OutputIntents [ {OutputIntent_PDFA} ]>> /PUT pdfmark\n");
        const std::string gs = "SOURCE_DATE_EPOCH=1795611780 gs -q -dPDFA=2 -dBATCH -dNOPAUSE -dNOOUTERSAVE"
                               " -dNEWPDF=false -dPDFACompatibilityPolicy=1 -sColorConversionStrategy=RGB"
                               " --permit-file-read=" + icc + " -sDEVICE=pdfwrite -sOutputFile=" + out
            + "/gs.pdf " + def + " " + out + "/engine.pdf > " + out + "/gs.log 2>&1";

        const int coldDocs = std::max(rounds, docs / 4);
        std::vector<Section> sections;
        sections.emplace_back("engine, 1 caller", docs / 2, 1, [&] { pool.convert(bare); });
        sections.emplace_back("engine ceiling", docs, cores * 2, [&] { pool.convert(bare); });
        sections.emplace_back("pool + labels + PDF/A, 1 caller", docs / 2, 1, [&] { pool.render(xhtml, options); });
        sections.emplace_back("pool + labels + PDF/A", docs, cores * 2, [&] { pool.render(xhtml, options); });
        sections.emplace_back("cold process + labels + PDF/A, 1", coldDocs / 2, 1, [&] { coldRenderer.render(xhtml, options); });
        sections.emplace_back("cold process + labels + PDF/A", coldDocs, cores, [&] { coldRenderer.render(xhtml, options); });
        sections.emplace_back("cold process, bare, 1 caller", coldDocs / 2, 1, [&] { oneShot.convert(bare); });
        sections.emplace_back("PDF/A finishing, libqpdf", docs, 1, [&] { coldRenderer.finish(enginePdf, pdfaOnly); });
        sections.emplace_back("labels + PDF/A finishing, libqpdf", docs, 1, [&] { coldRenderer.finish(transparent, options); });
        sections.emplace_back("PDF/A finishing, ghostscript", std::max(rounds, docs / 10), 1, [&] {
                                if (std::system(gs.c_str()) != 0)
                                    throw kansli::Error(kansli::ErrorCode::Render, "ghostscript failed");
                            });
        for (int round = 0; round < rounds; ++round)
            for (auto& section : sections)
                section.runRound(rounds);
        for (const auto& section : sections)
            section.print();
        const auto engineSerial = sections[0].result();
        const auto engine = sections[1].result();
        const auto poolSerial = sections[2].result();
        const auto full = sections[3].result();
        const auto coldSerial = sections[4].result();
        const auto cold = sections[5].result();
        const auto coldBare = sections[6].result();
        const auto qpdfFinish = sections[7].result();
        const auto labelsAndFinish = sections[8].result();
        const auto ghostscript = sections[9].result();
        const auto stats = pool.stats();

        const auto gsProblems = PdfPreflight::check(kansli::bench::readFile(out + "/gs.pdf"));
        std::printf("preflight of ghostscript's output: %zu problem(s)\n", gsProblems.size());
        for (const auto& p : gsProblems)
            std::printf("  %s\n", p.c_str());

        // Memory: one worker, no recycling, many documents.
        WorkerPoolConfig rssConfig;
        rssConfig.workers = 1;
        rssConfig.recycleAfterDocuments = 1u << 30;
        rssConfig.maxRssKb = 1L << 40;
        WorkerPool rssPool(rssConfig);
        for (int i = 0; i < 20; ++i)
            rssPool.convert(bare);
        auto rssOf = [](pid_t pid) {
            std::ifstream in("/proc/" + std::to_string(pid) + "/status");
            std::string line;
            while (std::getline(in, line))
                if (line.rfind("VmRSS:", 0) == 0)
                    return std::atol(line.c_str() + 6);
            return 0L;
        };
        const pid_t pid = rssPool.workers().front().pid;
        const long rssStart = rssOf(pid);
        for (int i = 0; i < rssDocs; ++i)
            rssPool.convert(bare);
        const long rssEnd = rssOf(pid);
        const double growthPer1000 = static_cast<double>(rssEnd - rssStart) * 1000.0 / rssDocs;
        std::printf("worker RSS: %ld KB after warm-up, %ld KB after %d more documents (%.0f KB per 1000)\n",
                    rssStart, rssEnd, rssDocs, growthPer1000);

        std::printf("pool stats: rendered %llu, failed %llu, restarts %llu, recycles %llu\n",
                    stats.documentsRendered, stats.documentsFailed, stats.restarts, stats.recycles);

        // For bench/run.
        std::printf("render.engine_docs_per_s=%.1f\n", engine.docsPerSecond);
        std::printf("render.engine_serial_ms=%.1f\n", engineSerial.mean);
        std::printf("render.pool_docs_per_s=%.1f\n", full.docsPerSecond);
        std::printf("render.pool_p50_ms=%.1f\n", full.p50);
        std::printf("render.pool_p99_ms=%.1f\n", full.p99);
        std::printf("render.pool_serial_ms=%.1f\n", poolSerial.mean);
        std::printf("render.cold_docs_per_s=%.1f\n", cold.docsPerSecond);
        std::printf("render.cold_serial_ms=%.1f\n", coldSerial.mean);
        std::printf("render.cold_bare_serial_ms=%.1f\n", coldBare.mean);
        std::printf("render.ratio_vs_cold=%.2f\n", full.docsPerSecond / cold.docsPerSecond);
        std::printf("render.finish_qpdf_ms=%.2f\n", qpdfFinish.mean);
        std::printf("render.finish_gs_ms=%.1f\n", ghostscript.mean);
        std::printf("render.labels_finish_qpdf_ms=%.2f\n", labelsAndFinish.mean);
        std::printf("render.rss_growth_kb_per_1000=%.0f\n", growthPer1000);
        int failures = 0;
        for (const auto& section : sections)
            failures += section.failures;

        // ---- the second engine: accessible letters ------------------------------------------
        RenderOptions tagged = options;
        tagged.accessible = true;
        tagged.producer = "kansli render (chromium, qpdf)";
        WorkerPoolConfig browsers; // workers = cores
        browsers.engine.kind = EngineKind::Chromium;
        browsers.queueCapacity = 1024;
        browsers.maxRssKb = 2L * 1024 * 1024;
        WorkerPool taggedPool(browsers);
        const std::string taggedPdf = taggedPool.render(xhtml, tagged);
        writeFile(out + "/tagged.pdf", taggedPdf);
        auto taggedProblems = PdfPreflight::checkAccessible(taggedPdf);
        for (const auto& p : PdfPreflight::check(taggedPdf))
            taggedProblems.push_back(p);
        std::printf("PDF/UA and PDF/A preflight of the tagged letter: %s (%s)\n",
                    taggedProblems.empty() ? "passed" : "PROBLEMS", taggedPool.engineVersion().c_str());
        for (const auto& p : taggedProblems)
            std::printf("  %s\n", p.c_str());
        EngineConfig coldBrowser;
        coldBrowser.kind = EngineKind::Chromium;
        OneShotEngine oneBrowser(coldBrowser);
        DocumentRenderer coldTaggedRenderer(oneBrowser, {});
        coldTaggedRenderer.render(xhtml, tagged); // its label layer cached, as the pool's is
        const std::string taggedEngineOutput = [&] {
            ConversionRequest r = bare;
            r.noBackground = true;
            r.tagged = true;
            return taggedPool.convert(r);
        }();
        std::vector<Section> taggedSections;
        taggedSections.emplace_back("tagged pool + labels + PDF/A-2u/UA", taggedDocs, cores * 2,
                                    [&] { taggedPool.render(xhtml, tagged); });
        taggedSections.emplace_back("tagged pool, 1 caller", taggedDocs / 2, 1, [&] { taggedPool.render(xhtml, tagged); });
        taggedSections.emplace_back("tagged cold browser + labels + PDF/A", std::max(rounds, taggedDocs / 10), cores,
                                    [&] { coldTaggedRenderer.render(xhtml, tagged); });
        taggedSections.emplace_back("tagged engine, bare, 1 caller", taggedDocs / 2, 1, [&] {
            ConversionRequest r = bare;
            r.tagged = true;
            taggedPool.convert(r);
        });
        taggedSections.emplace_back("tagged labels + PDF/A-2u/UA finishing", taggedDocs / 2, 1,
                                    [&] { coldTaggedRenderer.finish(taggedEngineOutput, tagged); });
        for (int round = 0; round < rounds; ++round)
            for (auto& section : taggedSections)
                section.runRound(rounds);
        for (const auto& section : taggedSections) {
            section.print();
            failures += section.failures;
        }
        const auto taggedFull = taggedSections[0].result();
        const auto taggedSerial = taggedSections[1].result();
        const auto taggedCold = taggedSections[2].result();

        // Memory of one browser (with its helpers, proportional) over many letters, recycled
        // every `cycle` letters as the service does: compared 80 % into the first and the last
        // cycle, so that a fresh browser neither hides nor fakes growth.
        const unsigned cycle = static_cast<unsigned>(std::max(10, taggedRssDocs / 2));
        WorkerPoolConfig oneBrowserConfig = browsers;
        oneBrowserConfig.workers = 1;
        oneBrowserConfig.recycleAfterDocuments = cycle;
        WorkerPool memoryPool(oneBrowserConfig);
        const unsigned sampleAt = cycle * 4 / 5;
        long firstCycle = 0;
        long lastCycle = 0;
        pid_t sampled = -1; // one sample per browser (a new one each cycle)
        for (int i = 1; i <= taggedRssDocs; ++i) {
            memoryPool.render(xhtml, tagged);
            const auto worker = memoryPool.workers().front();
            // The worker notes its figures just after handing back the letter: the first time a
            // browser is seen at or past the point is its sample (the warm-up counts as one).
            if (worker.documents >= sampleAt && worker.pid != sampled) {
                (firstCycle == 0 ? firstCycle : lastCycle) = worker.memoryKb;
                sampled = worker.pid;
            }
        }
        const double cycles = static_cast<double>(taggedRssDocs) / cycle;
        const bool sampledBoth = firstCycle > 0 && lastCycle > 0 && cycles > 1;
        const double taggedGrowthPer1000 = sampledBoth
            ? static_cast<double>(lastCycle - firstCycle) * 1000.0 / (static_cast<double>(taggedRssDocs) - cycle)
            : 0.0;
        std::printf("tagged browser memory (PSS, browser + helpers): %ld KB at letter %u of the first cycle, %ld KB at the"
                    " same point of the last; %d letters, recycled every %u (%llu recycles)\n",
                    firstCycle, sampleAt, lastCycle, taggedRssDocs, cycle, memoryPool.stats().recycles);

        std::printf("render.tagged_docs_per_s=%.1f\n", taggedFull.docsPerSecond);
        std::printf("render.tagged_p50_ms=%.1f\n", taggedFull.p50);
        std::printf("render.tagged_serial_ms=%.1f\n", taggedSerial.mean);
        std::printf("render.tagged_cold_docs_per_s=%.2f\n", taggedCold.docsPerSecond);
        std::printf("render.tagged_cold_serial_ms=%.1f\n", taggedCold.mean);
        std::printf("render.tagged_vs_cold=%.1f\n", taggedFull.docsPerSecond / taggedCold.docsPerSecond);
        if (sampledBoth)
            std::printf("render.tagged_memory_growth_kb_per_1000=%.0f\n", taggedGrowthPer1000);
        else
            std::printf("render.tagged_memory_growth_kb_per_1000=na\n");
        std::printf("render.tagged_engine_serial_ms=%.1f\n", taggedSections[3].result().mean);
        std::printf("render.tagged_finish_ms=%.1f\n", taggedSections[4].result().mean);
        std::printf("render.failures=%d\n", failures);
    } catch (const kansli::Error& e) {
        std::fprintf(stderr, "render_bench: %s (%s)\n", e.publicMessage().c_str(), e.internalDetail().c_str());
        return 1;
    }
    return 0;
}
