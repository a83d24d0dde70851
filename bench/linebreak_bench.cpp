// linebreak_bench: what `word-wrap: break-word` costs the engine, as the before/after ratio of
// one run. Before: the rule on every block, as the letters had it until December 2026. After:
// the rule only where layout.xsl keeps it (letterhead, window row, table cells) and on blocks
// kansli marks as holding a word too long for a line (pipeline/LongWords.h) — the example has
// none. Both alternately on one warm worker: the letter alone (pool.render: engine, labels,
// PDF/A) and 20 copies laid out as one batch job (layOutGroup: the engine's time only).
//
// Usage: linebreak_bench --xhtml FILE [--docs N]
//   --xhtml  the example decision as kansli composes it now (kansli render --format html)
// Output: human-readable lines, then key=value lines that bench/run collects.

#include "BenchSupport.h"
#include "pipeline/LetterGroup.h"
#include "render/WorkerPool.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

using namespace kansli;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int GROUP = 20;

render::RenderOptions options()
{
    render::RenderOptions o = bench::letterOptions();
    o.page.marginLeftMm = 22.0; // the letters' margin (compose::PageGeometry)
    return o;
}

/// The letter as it was set before: the rule on the body and on every paragraph, item and cell.
std::string withRuleEverywhere(const std::string& xhtml)
{
    std::string out = xhtml;
    const std::size_t head = out.find("</head>");
    out.insert(head, "<style type=\"text/css\">body, td, th, p, li { word-wrap: break-word; }</style>");
    return out;
}

/// `GROUP` copies of the letter joined as the batch path joins them.
std::string group(const std::string& xhtml, int& maxMarker)
{
    pipeline::LetterGroup joined;
    for (int i = 0; i < GROUP; ++i) {
        joined.add(xhtml, joined.reserveStart(), -1);
    }
    maxMarker = joined.maxMarker();
    return joined.xhtml();
}

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

} // namespace

int main(int argc, char** argv)
{
    std::string after;
    int docs = 40;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--xhtml") {
            after = bench::readFile(argv[i + 1]);
        } else if (a == "--docs") {
            docs = std::max(2, std::atoi(argv[i + 1]));
        }
    }
    if (after.find("</head>") == std::string::npos) {
        std::cerr << "usage: linebreak_bench --xhtml FILE [--docs N]\n";
        return 64;
    }
    try {
        const std::string before = withRuleEverywhere(after);
        int beforeMarker = 0;
        int afterMarker = 0;
        const std::string beforeGroup = group(before, beforeMarker);
        const std::string afterGroup = group(after, afterMarker);

        render::WorkerPoolConfig config;
        config.workers = 1;
        render::WorkerPool pool(config);
        for (int i = 0; i < 3; ++i) { // warm-up: the page label layers, the engine's fonts
            pool.render(before, options());
            pool.render(after, options());
        }
        std::vector<double> singleBefore, singleAfter, groupBefore, groupAfter;
        for (int i = 0; i < docs; ++i) {
            auto t0 = Clock::now();
            pool.render(before, options());
            singleBefore.push_back(msSince(t0));
            t0 = Clock::now();
            pool.render(after, options());
            singleAfter.push_back(msSince(t0));
        }
        for (int i = 0; i < std::max(2, docs / 10); ++i) {
            auto t0 = Clock::now();
            pool.layOutGroup(beforeGroup, options(), beforeMarker);
            groupBefore.push_back(msSince(t0) / GROUP);
            t0 = Clock::now();
            pool.layOutGroup(afterGroup, options(), afterMarker);
            groupAfter.push_back(msSince(t0) / GROUP);
        }
        const double sb = bench::percentile(singleBefore, 0.5), sa = bench::percentile(singleAfter, 0.5);
        const double gb = bench::percentile(groupBefore, 0.5), ga = bench::percentile(groupAfter, 0.5);
        std::cout << "the letter alone (engine, labels, PDF/A), p50: " << sb << " ms with the rule everywhere, " << sa
                  << " ms with it where needed\n"
                  << GROUP << " copies in one engine job, p50 per letter: " << gb << " ms before, " << ga << " ms now\n";
        std::cout << "linebreak.single_before_ms=" << sb << "\n"
                  << "linebreak.single_after_ms=" << sa << "\n"
                  << "linebreak.single_ratio=" << static_cast<int>(sb / sa * 100.0) / 100.0 << "\n"
                  << "linebreak.group_before_ms=" << gb << "\n"
                  << "linebreak.group_after_ms=" << ga << "\n"
                  << "linebreak.group_ratio=" << static_cast<int>(gb / ga * 100.0) / 100.0 << "\n";
    } catch (const std::exception& e) {
        std::cerr << "linebreak_bench: " << e.what() << "\n";
        return 70;
    }
    return 0;
}
