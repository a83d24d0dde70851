#pragma once
/// What every request handler shares: the pipeline, the log, the metrics and the tokens.
/// Built once by the server (app/ServerApp) and outliving every request.

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
};

} // namespace kansli::http
