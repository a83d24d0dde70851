// bench/batch_bench: the batch path against letters made one at a time, through the same
// pipeline (check, compose, engine, page labels, PDF/A, audit record in an SQLite file).
//
//   batch_bench --root DIR --locales DIR --case FILE [--letters N] [--group N] [--threads N]
//
// Prints key=value lines (batch.*): letters per second one at a time (produce(), `threads`
// callers) and as batches (produceBatch() on groups of `group`, `threads` callers), and their
// ratio. Only files in a temporary folder are written.

#include "BenchSupport.h"
#include "core/Error.h"
#include "pipeline/DocumentPipeline.h"

#include <Poco/File.h>
#include <Poco/TemporaryFile.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace kansli;

namespace {

std::string option(int argc, char** argv, const std::string& name, const std::string& fallback)
{
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name) {
            return argv[i + 1];
        }
    }
    return fallback;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string root = option(argc, argv, "--root", ".");
    const std::string locales = option(argc, argv, "--locales", "build/locales");
    const std::string casePath = option(argc, argv, "--case", root + "/examples/beslut-uvas.xml");
    const int letters = std::stoi(option(argc, argv, "--letters", "200"));
    const std::size_t group = static_cast<std::size_t>(std::stoi(option(argc, argv, "--group", "20")));
    const unsigned threads = static_cast<unsigned>(std::stoi(option(argc, argv, "--threads", "2")));
    const std::string dir = Poco::TemporaryFile::tempName();
    Poco::File(dir).createDirectories();

    try {
        pipeline::PipelineConfig config;
        config.rootDir = root;
        config.localeDir = locales;
        config.workers = threads;
        config.queueLimit = 64;
        config.taggedWorkers = 0;
        config.auditDatabase = dir + "/audit.sqlite";
        pipeline::DocumentPipeline pipeline(config);
        const std::string xml = bench::readFile(casePath);

        // Warm: every engine process has made a letter.
        for (unsigned i = 0; i < threads * 2; ++i) {
            pipeline.produce(xml, pipeline::OutputFormat::Pdf, "bench");
        }

        using Clock = std::chrono::steady_clock;
        auto seconds = [](Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); };

        const std::vector<double> beforeSingle = [&] {
            std::vector<double> sums;
            for (const auto& stage : pipeline.stats().stages) {
                sums.push_back(stage.sum);
            }
            return sums;
        }();
        // One at a time: `threads` callers, as the service's documents path is used.
        std::atomic<int> next{0};
        auto started = Clock::now();
        std::vector<std::thread> callers;
        for (unsigned t = 0; t < threads; ++t) {
            callers.emplace_back([&] {
                while (next++ < letters) {
                    pipeline.produce(xml, pipeline::OutputFormat::Pdf, "bench");
                }
            });
        }
        for (auto& c : callers) {
            c.join();
        }
        const double single = letters / seconds(started);
        // Where a letter's time goes (CPU seconds summed over the callers), per stage and path.
        auto stageSums = [&] {
            std::vector<double> sums;
            for (const auto& stage : pipeline.stats().stages) {
                sums.push_back(stage.sum);
            }
            return sums;
        };
        const std::vector<double> afterSingle = stageSums();
        {
            const auto stages = pipeline.stats().stages;
            for (std::size_t i = 0; i < stages.size(); ++i) {
                std::printf("batch.single_stage_ms.%s=%.2f\n", stages[i].stage.c_str(),
                            1000.0 * (afterSingle[i] - beforeSingle[i]) / letters);
            }
        }

        // Batches: groups of `group` letters, `threads` callers (a node's batch workers).
        std::atomic<int> taken{0};
        std::atomic<int> made{0};
        std::atomic<int> grouped{0};
        started = Clock::now();
        callers.clear();
        for (unsigned t = 0; t < threads; ++t) {
            callers.emplace_back([&] {
                for (;;) {
                    const int first = taken.fetch_add(static_cast<int>(group));
                    if (first >= letters) {
                        return;
                    }
                    const int count = std::min(static_cast<int>(group), letters - first);
                    const std::vector<std::string> xmls(static_cast<std::size_t>(count), xml);
                    for (const auto& r : pipeline.produceBatch(xmls, "bench", "en", group)) {
                        made += r.made ? 1 : 0;
                        grouped += r.grouped ? 1 : 0;
                    }
                }
            });
        }
        for (auto& c : callers) {
            c.join();
        }
        const double batch = letters / seconds(started);
        const std::vector<double> afterBatch = stageSums();
        const auto stages = pipeline.stats().stages;
        for (std::size_t i = 0; i < stages.size(); ++i) {
            std::printf("batch.stage_ms.%s=%.2f\n", stages[i].stage.c_str(),
                        1000.0 * (afterBatch[i] - afterSingle[i]) / letters);
        }
        std::printf("batch.letters=%d\nbatch.group=%zu\nbatch.threads=%u\n", letters, group, threads);
        std::printf("batch.single_letters_per_s=%.1f\nbatch.letters_per_s=%.1f\nbatch.vs_single=%.2f\n", single, batch,
                    batch / single);
        std::printf("batch.made=%d\nbatch.grouped=%d\n", made.load(), grouped.load());
    } catch (const Error& e) {
        std::cerr << "batch_bench: " << codeName(e.code()) << ": " << e.publicMessage() << " (" << e.internalDetail()
                  << ")\n";
        Poco::File(dir).remove(true);
        return 1;
    }
    Poco::File(dir).remove(true);
    return 0;
}
