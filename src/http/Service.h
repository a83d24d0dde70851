#pragma once
/// What every request handler shares: the pipeline, the log, the metrics and the tokens.
/// Built once by the server (app/ServerApp) and outliving every request.

#include "audit/BatchQueue.h"
#include "http/Access.h"
#include "http/CallerGate.h"
#include "http/ConnectionRegistry.h"
#include "http/Metrics.h"
#include "http/RequestLog.h"
#include "pipeline/DocumentPipeline.h"

#include <string>

namespace kansli::http {

struct Service {
    pipeline::DocumentPipeline& pipeline;
    RequestLog& log;
    Metrics& metrics;
    const TokenStore& tokens;
    ProbeAccess probes = ProbeAccess::Loopback;
    std::string rootDir; ///< holds templates/schema/, docs/openapi.yaml and src/http/preview/
    const ConnectionRegistry* connections = nullptr; ///< open connections by phase, for /metrics
    CallerGate* documents = nullptr; ///< each caller's share of documents in progress; null: no share
    audit::BatchQueue* batches = nullptr; ///< the batch jobs (POST/GET /v1/batches); null: none
    std::size_t batchMaxBytes = 64u << 20;  ///< a POST /v1/batches body
    std::size_t batchMaxLetters = 1000;     ///< case files in one batch
};

} // namespace kansli::http
