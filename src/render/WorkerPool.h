#pragma once
/// A supervised pool of long-lived engine processes: the warm path of kansli's rendering.
///
/// Each worker is one thread that owns one engine process (`wkhtmltopdf --read-args-from-stdin`,
/// or a headless Chromium driven over the DevTools protocol: EngineConfig::kind) and takes
/// documents from one bounded queue. A worker is replaced (and its old process reaped)
/// after `recycleAfterDocuments` documents, when its resident memory exceeds `maxRssKb`, when it
/// dies, and when a document exceeds the timeout (it is then SIGKILLed and that document fails).
/// A document whose worker dies under it is retried once on a fresh worker.
///
/// `render` gives finished letters (page labels, PDF/A); `convert` the engine's bare output.
/// Both are thread-safe, block the caller for its own document only, and throw
/// kansli::Error(ErrorCode::Overloaded) at once when the queue is full.

#include "render/DocumentRenderer.h"
#include "render/PdfEngine.h"
#include "render/RenderOptions.h"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace kansli::render {

struct WorkerPoolConfig {
    EngineConfig engine;
    unsigned workers = 0;                ///< 0: std::thread::hardware_concurrency()
    std::size_t queueCapacity = 32;      ///< documents waiting (not counting those in progress)
    unsigned recycleAfterDocuments = 500;
    /// Recycle a worker above this memory (EngineProcess::rssKb: wkhtmltopdf's resident size,
    /// read after every document; a browser's helpers together by proportional size, ~420 MB
    /// after a few letters here, read after every 16th letter: EngineProcess::memoryReadInterval).
    long maxRssKb = 400 * 1024;
    /// Convert a tiny document right after each start, so no caller pays Qt's start-up (~60 ms).
    bool warmUp = true;
    FinishingConfig finishing;
};

/// Figures for metrics. A snapshot; counters only grow.
struct WorkerPoolStats {
    std::size_t queueDepth = 0;          ///< documents waiting for a worker
    unsigned workersAlive = 0;           ///< workers with a running process
    unsigned workersBusy = 0;
    unsigned long long documentsRendered = 0; ///< engine conversions that succeeded
    unsigned long long documentsFailed = 0;
    unsigned long long rejected = 0;     ///< refused with Overloaded
    unsigned long long restarts = 0;     ///< processes started to replace another (all reasons)
    unsigned long long recycles = 0;     ///< of which: planned (document count or memory)
    unsigned long long crashes = 0;      ///< of which: a process died by itself
    unsigned long long timeouts = 0;     ///< of which: killed for exceeding the timeout
    unsigned long long retries = 0;      ///< documents retried after their worker died
};

/// One worker as tests and diagnostics see it.
struct WorkerState {
    pid_t pid = -1;                      ///< -1 while no process runs
    bool busy = false;
    /// The engine's memory as last read (EngineProcess::rssKb, KiB, read after every
    /// EngineProcess::memoryReadInterval-th document); 0 before the first reading.
    long memoryKb = 0;
    unsigned documents = 0;              ///< documents of the current process (warm-up included)
};

class WorkerPool : public PdfEngine {
public:
    /// Starts the workers (and warms them up when configured). Throws kansli::Error with
    /// ErrorCode::Config for bad settings or a missing ICC profile.
    explicit WorkerPool(WorkerPoolConfig config = {});
    /// Fails queued documents with Overloaded, waits for those in progress, ends every process.
    ~WorkerPool() override;
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    /// XHTML to a finished PDF: engine, page labels when `options.pageLabelFormat` is set,
    /// PDF/A-2b finishing when `options.pdfa`. Byte-identical for identical inputs.
    std::string render(const std::string& xhtml, const RenderOptions& options, RenderTimings* timings = nullptr);
    /// The same for a letter laid out more than once (DocumentRenderer::render with a Relayout).
    std::string render(Relayout& layout, const RenderOptions& options, const RelayoutLimits& limits,
                       RelayoutStats* stats = nullptr,
                       RenderTimings* timings = nullptr);

    /// Several letters in one conversion, and one of them finished from its pages
    /// (DocumentRenderer::layOutGroup, finishPages).
    LaidOutGroup layOutGroup(const std::string& xhtml, const RenderOptions& options, int maxMarker);
    std::string finishPages(LaidOutGroup& group, int first, int end, const RenderOptions& options);

    /// The engine's own output for one request (no labels, no finishing).
    std::string convert(const ConversionRequest& request) override;
    /// "wkhtmltopdf 0.12.6" or "chromium 156.0.8078.114" (the version once a process reported it).
    std::string engineVersion() const override;

    WorkerPoolStats stats() const;
    std::vector<WorkerState> workers() const;
    const WorkerPoolConfig& config() const noexcept { return _config; }

private:
    struct Job;
    struct Worker;

    void runWorker(Worker& worker);
    std::string convertOnWorker(Worker& worker, Job& job);
    void startProcess(Worker& worker, bool replacing);
    void retireIfWorn(Worker& worker);
    void reapIfDead(Worker& worker);

    WorkerPoolConfig _config;
    std::string _tempDir;
    std::unique_ptr<class JobDirectory> _runtimeDir;

    mutable std::mutex _mutex;
    std::condition_variable _wake;
    std::deque<std::shared_ptr<Job>> _queue;
    std::string _version; // of the engine, once known
    bool _stopping = false;
    std::vector<std::unique_ptr<Worker>> _workers;

    std::atomic<unsigned long long> _rendered{0};
    std::atomic<unsigned long long> _failed{0};
    std::atomic<unsigned long long> _rejected{0};
    std::atomic<unsigned long long> _restarts{0};
    std::atomic<unsigned long long> _recycles{0};
    std::atomic<unsigned long long> _crashes{0};
    std::atomic<unsigned long long> _timeouts{0};
    std::atomic<unsigned long long> _retries{0};

    std::unique_ptr<DocumentRenderer> _renderer; // after the workers: uses this pool
};

} // namespace kansli::render
