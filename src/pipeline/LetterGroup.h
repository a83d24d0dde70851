#pragma once
/// Several letters laid out as one engine job (the batch path, docs/batches.md).
///
/// Part of the engine's time per job is the job's own, not the letter's: measured on one warm
/// worker (bench/linebreak_bench, December 2026), the example decision alone ~27-31 ms in the
/// bare engine, twenty of it in one job ~9.5-18 ms a letter (the spread is this machine's). So
/// the batch path joins letters of one template into one XHTML — the first letter's head, then each
/// letter's body in a block that starts a new page — and splits the engine's PDF by page again.
/// Where each letter starts is read back from the PDF, not guessed: each letter's first paragraph
/// opens with a row marker of its own (render/RowMarkers.h), which takes no room in its line.
/// The letters' own row markers (continued tables) are numbered after the ones before them.

#include <string>
#include <vector>

namespace kansli::pipeline {

class LetterGroup {
public:
    /// The marker number the next letter starts with (its own markers follow it).
    int reserveStart();
    /// The first number free for a letter's own row markers.
    int nextMarker() const noexcept { return _next; }

    /// Adds a letter: its XHTML as the engine would get it (markers already in), the marker
    /// reserved for its start, and the highest marker it holds (-1: none). Throws
    /// kansli::Error(Internal) when it is not a composed letter (no <body>, no paragraph).
    void add(const std::string& xhtml, int startMarker, int lastMarker);

    /// The joined XHTML; the highest marker in it; the start marker of each letter in order.
    std::string xhtml() const;
    int maxMarker() const noexcept { return _next - 1; }
    const std::vector<int>& starts() const noexcept { return _starts; }
    std::size_t size() const noexcept { return _starts.size(); }

private:
    std::string _head; ///< the first letter up to and including <body>
    std::string _bodies;
    std::vector<int> _starts;
    int _next = 0;
};

} // namespace kansli::pipeline
