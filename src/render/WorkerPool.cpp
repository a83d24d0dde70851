#include "render/WorkerPool.h"

#include "core/Error.h"
#include "render/ChromiumProcess.h"
#include "render/EngineCommand.h"
#include "render/EngineProcess.h"
#include "render/JobDirectory.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <algorithm>
#include <future>
#include <istream>

namespace kansli::render {

struct WorkerPool::Job {
    ConversionRequest request;
    std::promise<std::string> result;
};

struct WorkerPool::Worker {
    std::unique_ptr<EngineProcess> process; // touched only by this worker's thread
    std::thread thread;
    std::atomic<pid_t> pid{-1};
    std::atomic<bool> busy{false};
    std::atomic<long> memoryKb{0};
    std::atomic<unsigned> documents{0};
};

namespace {

constexpr auto WARM_UP_TIMEOUT = std::chrono::seconds(30);
constexpr auto IDLE_CHECK = std::chrono::milliseconds(200);

const char* const WARM_UP_XHTML =
    "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta charset=\"utf-8\"/>"
    "</head><body><p>.</p></body></html>";

/// "0.12.6" from `wkhtmltopdf --version` ("wkhtmltopdf 0.12.6"); empty when it cannot be read.
std::string wkhtmltopdfVersion(const std::string& executable)
{
    try {
        Poco::Pipe out;
        Poco::ProcessHandle handle = Poco::Process::launch(executable, {"--version"}, nullptr, &out, nullptr);
        Poco::PipeInputStream in(out);
        std::string name;
        std::string version;
        in >> name >> version;
        handle.wait();
        return version;
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace

WorkerPool::WorkerPool(WorkerPoolConfig config)
    : _config(std::move(config)), _tempDir(resolveTempDir(_config.engine.tempDir))
{
    if (_config.workers == 0)
        _config.workers = std::max(1u, std::thread::hardware_concurrency());
    if (_config.engine.documentTimeout.count() <= 0)
        throw Error(ErrorCode::Config, "Invalid render configuration", "documentTimeout must be positive");
    _runtimeDir = std::make_unique<JobDirectory>(_tempDir);
    if (_config.engine.kind == EngineKind::Wkhtmltopdf) {
        const std::string version = wkhtmltopdfVersion(
            _config.engine.executable.empty() ? std::string("wkhtmltopdf") : _config.engine.executable);
        std::lock_guard lock(_mutex);
        _version = version;
    }
    _renderer = std::make_unique<DocumentRenderer>(*this, _config.finishing);

    for (unsigned i = 0; i < _config.workers; ++i)
        _workers.push_back(std::make_unique<Worker>());
    for (auto& worker : _workers) {
        Worker* w = worker.get();
        w->thread = std::thread([this, w] { runWorker(*w); });
    }
}

WorkerPool::~WorkerPool()
{
    std::deque<std::shared_ptr<Job>> abandoned;
    {
        std::lock_guard lock(_mutex);
        _stopping = true;
        abandoned.swap(_queue);
    }
    _wake.notify_all();
    for (auto& job : abandoned)
        job->result.set_exception(std::make_exception_ptr(
            Error(ErrorCode::Overloaded, "The PDF engine is shutting down", "pool stopped with queued work")));
    for (auto& worker : _workers)
        if (worker->thread.joinable())
            worker->thread.join();
}

std::string WorkerPool::render(const std::string& xhtml, const RenderOptions& options, RenderTimings* timings)
{
    return _renderer->render(xhtml, options, timings);
}

std::string WorkerPool::render(Relayout& layout, const RenderOptions& options, const RelayoutLimits& limits,
                               RelayoutStats* stats,
                               RenderTimings* timings)
{
    return _renderer->render(layout, options, limits, stats, timings);
}

LaidOutGroup WorkerPool::layOutGroup(const std::string& xhtml, const RenderOptions& options, int maxMarker)
{
    return _renderer->layOutGroup(xhtml, options, maxMarker);
}

std::string WorkerPool::finishPages(LaidOutGroup& group, int first, int end, const RenderOptions& options)
{
    return _renderer->finishPages(group, first, end, options);
}

std::string WorkerPool::convert(const ConversionRequest& request)
{
    auto job = std::make_shared<Job>();
    job->request = request;
    auto future = job->result.get_future();
    {
        std::lock_guard lock(_mutex);
        if (_stopping)
            throw Error(ErrorCode::Overloaded, "The PDF engine is shutting down", "pool stopped");
        if (request.urgent) {
            _queue.push_front(job);
        } else {
            if (_queue.size() >= _config.queueCapacity) {
                ++_rejected;
                throw Error(ErrorCode::Overloaded, "Too many documents are being rendered; try again later",
                            "render queue full (" + std::to_string(_config.queueCapacity) + ")");
            }
            _queue.push_back(job);
        }
    }
    _wake.notify_one();
    return future.get();
}

std::string WorkerPool::engineVersion() const
{
    std::lock_guard lock(_mutex);
    return std::string(engineName(_config.engine.kind)) + (_version.empty() ? "" : " " + _version);
}

WorkerPoolStats WorkerPool::stats() const
{
    WorkerPoolStats s;
    {
        std::lock_guard lock(_mutex);
        s.queueDepth = _queue.size();
    }
    for (const auto& worker : _workers) {
        if (worker->pid.load() > 0)
            ++s.workersAlive;
        if (worker->busy.load())
            ++s.workersBusy;
    }
    s.documentsRendered = _rendered.load();
    s.documentsFailed = _failed.load();
    s.rejected = _rejected.load();
    s.restarts = _restarts.load();
    s.recycles = _recycles.load();
    s.crashes = _crashes.load();
    s.timeouts = _timeouts.load();
    s.retries = _retries.load();
    return s;
}

std::vector<WorkerState> WorkerPool::workers() const
{
    std::vector<WorkerState> result;
    for (const auto& worker : _workers)
        result.push_back({worker->pid.load(), worker->busy.load(), worker->memoryKb.load(), worker->documents.load()});
    return result;
}

void WorkerPool::startProcess(Worker& worker, bool replacing)
{
    if (worker.process)
        worker.process->shutdown();
    worker.process.reset();
    worker.pid = -1;
    worker.memoryKb = 0; // the next process's figure is read after its own documents
    if (replacing)
        ++_restarts;
    auto process = startEngineProcess(_config.engine, _runtimeDir->path());
    worker.pid = process->pid();
    if (const auto* chromium = dynamic_cast<const ChromiumProcess*>(process.get())) {
        std::lock_guard lock(_mutex);
        _version = chromium->version();
    }
    if (_config.warmUp) {
        JobDirectory dir(_tempDir);
        ConversionRequest warm;
        warm.xhtml = WARM_UP_XHTML;
        warm.tagged = _config.engine.kind == EngineKind::Chromium;
        if (process->convert(warm, dir, WARM_UP_TIMEOUT).outcome != EngineProcess::Outcome::Done) {
            worker.pid = -1;
            throw Error(ErrorCode::Render, "The PDF engine could not be started", "warm-up document failed");
        }
    }
    worker.process = std::move(process);
}

void WorkerPool::runWorker(Worker& worker)
{
    try {
        startProcess(worker, false);
    } catch (const std::exception&) {
        // Tried again when the first document arrives; that document then carries the error.
    }
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(_mutex);
            // Woken by work, or every IDLE_CHECK to see whether the idle process died: a dead
            // worker is reaped and counted as gone at once, not when the next document finds it.
            if (!_wake.wait_for(lock, IDLE_CHECK, [this] { return _stopping || !_queue.empty(); })) {
                lock.unlock();
                reapIfDead(worker);
                continue;
            }
            if (_queue.empty())
                break; // stopping
            job = std::move(_queue.front());
            _queue.pop_front();
            worker.busy = true;
        }
        try {
            std::string pdf = convertOnWorker(worker, *job);
            ++_rendered;
            job->result.set_value(std::move(pdf));
        } catch (...) {
            ++_failed;
            job->result.set_exception(std::current_exception());
        }
        try {
            retireIfWorn(worker);
        } catch (const std::exception&) {
            // A failed restart is retried with the next document.
        }
        worker.busy = false;
    }
    if (worker.process)
        worker.process->shutdown();
    worker.process.reset();
    worker.pid = -1;
}

std::string WorkerPool::convertOnWorker(Worker& worker, Job& job)
{
    for (int attempt = 0;; ++attempt) {
        if (!worker.process || !worker.process->alive()) {
            if (worker.process)
                ++_crashes; // died while idle
            startProcess(worker, worker.process != nullptr || attempt > 0);
        }
        JobDirectory dir(_tempDir);
        auto result = worker.process->convert(job.request, dir, _config.engine.documentTimeout);
        switch (result.outcome) {
        case EngineProcess::Outcome::Done:
            return std::move(result.pdf);
        case EngineProcess::Outcome::TimedOut:
            ++_timeouts;
            worker.process.reset();
            worker.pid = -1;
            try {
                startProcess(worker, true);
            } catch (const std::exception&) {
            }
            throw Error(ErrorCode::Render, "The PDF engine took too long",
                        "document timeout " + std::to_string(_config.engine.documentTimeout.count()) + " ms");
        case EngineProcess::Outcome::Died:
            ++_crashes;
            worker.process.reset();
            worker.pid = -1;
            if (attempt >= 1)
                throw Error(ErrorCode::Render, "The PDF engine failed",
                            "worker died twice on one document; " + result.diagnostics);
            ++_retries;
            startProcess(worker, true);
            break;
        }
    }
}

void WorkerPool::reapIfDead(Worker& worker)
{
    if (!worker.process || worker.process->alive())
        return;
    ++_crashes; // died while idle
    worker.process.reset(); // reaps it
    worker.pid = -1;
    try {
        startProcess(worker, true);
    } catch (const std::exception&) {
        // Tried again with the next document, which then carries the error.
    }
}

void WorkerPool::retireIfWorn(Worker& worker)
{
    if (!worker.process)
        return;
    const unsigned documents = worker.process->documents();
    worker.documents = documents;
    const unsigned interval = std::max(1u, worker.process->memoryReadInterval());
    if (documents % interval == 0)
        worker.memoryKb = worker.process->rssKb();
    if (documents >= _config.recycleAfterDocuments || worker.memoryKb > _config.maxRssKb) {
        ++_recycles;
        startProcess(worker, true);
    }
}

} // namespace kansli::render
