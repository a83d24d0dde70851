// relayout_bench: what repeating a continued table's header row costs (pipeline/ContinuedTables),
// as the before/after ratio of one run: each letter rendered the way kansli did before (one
// engine pass, no markers) and the way it does now (markers, read back, split and laid out
// again while a table continues without its header), alternately, on one warm worker.
//
// Usage: relayout_bench --fits XHTML --continues XHTML [--docs N]
//   --fits       a letter whose tables fit on their pages (the example decision): the cost of
//                the markers and of reading them back
//   --continues  a letter with a long table (a job plan of 30 activities): the extra passes
// Output: human-readable lines, then key=value lines that bench/run collects.

#include "BenchSupport.h"
#include "pipeline/ContinuedTables.h"
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

render::RenderOptions options()
{
    render::RenderOptions o = bench::letterOptions();
    o.page.marginLeftMm = 22.0; // the letters' margin (compose::PageGeometry)
    return o;
}

struct Pair {
    double beforeMs = 0;
    double afterMs = 0;
    int passes = 0;
};

Pair measure(render::WorkerPool& pool, const std::string& xhtml, int docs)
{
    std::vector<double> before;
    std::vector<double> after;
    int passes = 0;
    for (int i = 0; i < docs; ++i) {
        auto t0 = Clock::now();
        pool.render(xhtml, options());
        before.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        t0 = Clock::now();
        pipeline::ContinuedTables tables(xhtml);
        render::RelayoutStats stats;
        pool.render(tables, options(), render::RelayoutLimits{}, &stats);
        after.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        passes = stats.passes;
    }
    return Pair{bench::percentile(before, 0.5), bench::percentile(after, 0.5), passes};
}

} // namespace

int main(int argc, char** argv)
{
    std::string fits;
    std::string continues;
    int docs = 40;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--fits") {
            fits = bench::readFile(argv[i + 1]);
        } else if (a == "--continues") {
            continues = bench::readFile(argv[i + 1]);
        } else if (a == "--docs") {
            docs = std::max(1, std::atoi(argv[i + 1]));
        }
    }
    if (fits.empty() || continues.empty()) {
        std::cerr << "usage: relayout_bench --fits XHTML --continues XHTML [--docs N]\n";
        return 64;
    }
    try {
        render::WorkerPoolConfig config;
        config.workers = 1;
        render::WorkerPool pool(config);
        measure(pool, fits, 5); // warm-up: the page label layers, the engine's fonts
        const Pair a = measure(pool, fits, docs);
        const Pair b = measure(pool, continues, docs);
        std::cout << "letter whose tables fit: p50 " << a.beforeMs << " ms before, " << a.afterMs << " ms with markers ("
                  << a.passes << " pass)\n"
                  << "letter with a 30-row table: p50 " << b.beforeMs << " ms before (headers missing), " << b.afterMs
                  << " ms with repeated headers (" << b.passes << " passes)\n";
        std::cout << "relayout.fit_cost_pct=" << static_cast<int>((a.afterMs / a.beforeMs - 1.0) * 1000.0) / 10.0 << "\n"
                  << "relayout.long_ratio=" << static_cast<int>(b.afterMs / b.beforeMs * 100.0) / 100.0 << "\n"
                  << "relayout.long_passes=" << b.passes << "\n";
    } catch (const std::exception& e) {
        std::cerr << "relayout_bench: " << e.what() << "\n";
        return 70;
    }
    return 0;
}
