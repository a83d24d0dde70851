#pragma once
/// What the benchmark programs that drive the engine share: reading an input file, a percentile of timings, and the
/// finishing options of the example letter (page labels, metadata) as render_bench,
/// relayout_bench and linebreak_bench pass them.

#include "render/RenderOptions.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace kansli::bench {

/// The file's bytes; empty when it cannot be read.
inline std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The `p`-th percentile (0..1) of `values`, nearest rank; 0 for none.
inline double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

/// Page labels "Sida N (M)", a fixed date and a title: what the service adds to a letter
/// (the page geometry is left at RenderOptions' defaults).
inline render::RenderOptions letterOptions()
{
    render::RenderOptions o;
    o.pageLabelFormat = "Sida {page} ({pages})";
    o.generatedAt = "2026-11-25T14:03:00+01:00";
    o.title = "Beslut";
    o.author = "Bench";
    o.language = "sv-SE";
    o.templateId = "bench";
    o.templateVersion = "1";
    return o;
}

} // namespace kansli::bench
