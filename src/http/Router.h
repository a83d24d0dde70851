#pragma once
/// Maps method and path to a handler. Unknown paths get 404, known paths with the wrong method 405.

#include "http/RequestLog.h"
#include "pipeline/DocumentPipeline.h"

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <string>

namespace kansli::http {

class Router : public Poco::Net::HTTPRequestHandlerFactory {
public:
    /// `apiDir` holds the files served as they are (the XSD); it is the data root's templates/schema.
    Router(pipeline::DocumentPipeline& pipeline, RequestLog& log, std::string rootDir);

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

private:
    pipeline::DocumentPipeline& _pipeline;
    RequestLog& _log;
    std::string _rootDir;
};

} // namespace kansli::http
