#pragma once
/// The batch path over HTTP (docs/batches.md): POST /v1/batches takes many case files (a
/// multipart/form-data body or a ZIP) and answers 202 with the batch's id; GET /v1/batches/{id}
/// gives its progress and per-letter results, and once finished .../letters.zip (every letter,
/// in order) and .../print.pdf (all letters in one file for the print service). The jobs live in
/// the audit database (audit/BatchQueue.h); every node's BatchRunner works on them.

#include "audit/BatchQueue.h"
#include "http/SafeHandler.h"
#include "pipeline/DocumentPipeline.h"

#include <Poco/Net/Context.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kansli::http {

/// POST /v1/batches.
class BatchesHandler : public SafeHandler {
public:
    using SafeHandler::SafeHandler;

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;
};

/// GET /v1/batches/{id}, /v1/batches/{id}/letters.zip, /v1/batches/{id}/print.pdf.
class BatchHandler : public SafeHandler {
public:
    enum class Part { Progress, Letters, PrintFile };
    BatchHandler(std::string route, Service& service, Access access, std::string id, Part part)
        : SafeHandler(std::move(route), service, access), _id(std::move(id)), _part(part)
    {
    }

protected:
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override;

private:
    std::string _id;
    Part _part;
};

/// Splits "/v1/batches/{id}[/letters.zip|/print.pdf]"; false for any other path. The id must be
/// a UUID's characters (hex digits and dashes, at most 36).
bool parseBatchPath(const std::string& path, std::string& id, BatchHandler::Part& part);

struct BatchRunnerConfig {
    std::string database;      ///< the audit database (kansli.audit.database)
    std::string node;          ///< this node's name in leases
    unsigned workers = 1;
    std::size_t groupSize = 20;
    long leaseMs = 120000;
    long retentionHours = 72;
    long pollMs = 250;
    std::string webhookUrl;    ///< http:// or https://...; empty: none
    std::string webhookSecret;
    /// For an https:// webhook: a PEM file (or a folder of hashed PEM files) of the certificate
    /// authorities to trust; empty: the system's (/etc/ssl/certs). The server's certificate is
    /// always verified, its name included, over TLS 1.2 or later.
    std::string webhookCaFile;
};

/// The threads of a node that make batch letters: each leases a group of waiting letters, makes
/// them through DocumentPipeline::produceBatch, stores each result, and marks a batch finished
/// when its last letter is done — the node that does so calls the webhook, signed
/// (X-Kansli-Signature: sha256=<HMAC-SHA256 of the body with the shared secret, hex>), over
/// TLS for an https:// URL.
class BatchRunner {
public:
    /// Throws kansli::Error(Config) when an https:// webhook's certificate authorities cannot be
    /// read (kansli.batch.webhookCaFile).
    BatchRunner(pipeline::DocumentPipeline& pipeline, BatchRunnerConfig config, std::ostream& log);
    ~BatchRunner(); ///< stops the threads; letters in progress finish first
    BatchRunner(const BatchRunner&) = delete;
    BatchRunner& operator=(const BatchRunner&) = delete;

    /// The signature the webhook carries for `body`: "sha256=" and the HMAC's lowercase hex.
    static std::string signature(const std::string& secret, const std::string& body);

private:
    void run(unsigned index);
    bool workOnce();
    void announce(const std::string& batchId);

    pipeline::DocumentPipeline& _pipeline;
    BatchRunnerConfig _config;
    std::ostream& _log;
    std::unique_ptr<audit::BatchQueue> _queue;
    Poco::Net::Context::Ptr _tls; ///< for an https:// webhook
    std::mutex _mutex;
    std::condition_variable _wake;
    std::atomic<bool> _stopping{false};
    std::vector<std::thread> _threads;
};

} // namespace kansli::http
