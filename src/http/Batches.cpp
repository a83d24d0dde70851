#include "http/Batches.h"

#include "core/JsonLog.h"
#include "http/Problem.h"
#include "http/Service.h"
#include "i18n/FindingText.h"
#include "render/DocumentRenderer.h"

#include <Poco/DigestEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <Poco/Zip/Compress.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <cstdio>
#include <sstream>

namespace kansli::http {

using Poco::Net::HTTPResponse;

namespace {

/// The TLS client context of an https:// webhook: the server's certificate verified against
/// `caFile` (or the system's authorities), its name included; TLS 1.2 at least. A certificate
/// that does not verify is refused, never asked about (Poco's default handler would prompt on a
/// console).
Poco::Net::Context::Ptr webhookContext(const std::string& caFile)
{
    static std::once_flag initialized;
    std::call_once(initialized, [] { Poco::Net::initializeSSL(); });
    try {
        Poco::Net::Context::Params params;
        params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
        params.caLocation = caFile;
        params.loadDefaultCAs = caFile.empty();
        Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        Poco::Net::SSLManager::instance().initializeClient(
            nullptr, new Poco::Net::RejectCertificateHandler(false), context);
        return context;
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Config, "the webhook's certificate authorities (kansli.batch.webhookCaFile) could not be read",
                    e.displayText());
    }
}

/// All of `in`, refused (413, naming the case file by its place) beyond `max` bytes as it comes.
std::string readCaseFile(std::istream& in, std::size_t max, std::size_t place)
{
    std::string bytes;
    char buffer[16384];
    while (in) {
        in.read(buffer, sizeof buffer);
        bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > max) {
            throw Error(ErrorCode::PayloadTooLarge,
                        "case file " + std::to_string(place) + " of the batch is larger than kansli.input.maxBytes");
        }
    }
    return bytes;
}

/// Every case file of a multipart/form-data body: the parts with a file name, in order.
class CaseFileParts : public Poco::Net::PartHandler {
public:
    CaseFileParts(std::size_t maxFile, std::vector<audit::BatchInput>& out) : _maxFile(maxFile), _out(out) { }

    void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override
    {
        std::string disposition;
        Poco::Net::NameValueCollection parameters;
        Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, parameters);
        std::string bytes = readCaseFile(stream, _maxFile, _out.size() + 1);
        _out.push_back({parameters.get("filename", "case-" + std::to_string(_out.size() + 1) + ".xml"), std::move(bytes)});
    }

private:
    std::size_t _maxFile;
    std::vector<audit::BatchInput>& _out;
};

/// Every .xml file of a ZIP, in the order of their names (Poco's ZipArchive keeps entries by
/// name; name them 0001-..., 0002-... for an order of your own); folders and other files are
/// passed over. Two entries of one name make the ZIP unreadable (400).
std::vector<audit::BatchInput> readZip(const std::string& body, std::size_t maxFile, std::size_t maxLetters)
{
    std::vector<audit::BatchInput> out;
    std::istringstream in(body);
    Poco::Zip::ZipArchive archive(in);
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
        const Poco::Zip::ZipLocalFileHeader& header = it->second;
        const std::string& name = header.getFileName();
        if (!header.isFile() || name.size() < 4 || name.compare(name.size() - 4, 4, ".xml") != 0) {
            continue;
        }
        if (out.size() >= maxLetters) {
            throw Error(ErrorCode::PayloadTooLarge,
                        "the batch holds more than kansli.batch.maxLetters (" + std::to_string(maxLetters) + ") case files");
        }
        // The declared size is checked first, and the bytes as they come (a ZIP may lie).
        if (header.getUncompressedSize() > maxFile) {
            throw Error(ErrorCode::PayloadTooLarge,
                        "case file " + std::to_string(out.size() + 1) + " of the batch is larger than kansli.input.maxBytes");
        }
        in.clear();
        Poco::Zip::ZipInputStream entry(in, header);
        std::string bytes = readCaseFile(entry, maxFile, out.size() + 1);
        out.push_back({name, std::move(bytes)});
    }
    return out;
}

std::string stringify(const Poco::JSON::Object::Ptr& object)
{
    std::ostringstream text;
    object->stringify(text);
    return text.str();
}

std::string stateOf(const audit::BatchSummary& summary)
{
    if (!summary.finishedAt.empty()) {
        return "finished";
    }
    return summary.made + summary.refused + summary.failed == 0 ? "queued" : "working";
}

bool isRefusal(ErrorCode code)
{
    return code == ErrorCode::XmlMalformed || code == ErrorCode::SchemaInvalid || code == ErrorCode::LegalInconsistent
           || code == ErrorCode::UnknownDocument;
}

} // namespace

bool parseBatchPath(const std::string& path, std::string& id, BatchHandler::Part& part)
{
    const std::string prefix = "/v1/batches/";
    if (path.rfind(prefix, 0) != 0) {
        return false;
    }
    const std::string rest = path.substr(prefix.size());
    const std::size_t slash = rest.find('/');
    id = rest.substr(0, slash);
    if (id.empty() || id.size() > 36
        || id.find_first_not_of("0123456789abcdefABCDEF-") != std::string::npos) {
        return false;
    }
    if (slash == std::string::npos) {
        part = BatchHandler::Part::Progress;
        return true;
    }
    const std::string tail = rest.substr(slash + 1);
    if (tail == "letters.zip") {
        part = BatchHandler::Part::Letters;
        return true;
    }
    if (tail == "print.pdf") {
        part = BatchHandler::Part::PrintFile;
        return true;
    }
    return false;
}

void BatchesHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
{
    Service& svc = service();
    if (svc.batches == nullptr) {
        throw Error(ErrorCode::NotFound, "this service takes no batches (no audit database for their jobs)");
    }
    const Poco::Net::MediaType type(request.get("Content-Type", "application/octet-stream"));
    const bool multipart = type.matches("multipart", "form-data");
    const bool zip = type.matches("application", "zip");
    if (!multipart && !zip) {
        throw Error(ErrorCode::UnsupportedMediaType,
                    "send the case files as multipart/form-data (one file part each) or as one application/zip");
    }
    const std::string body = readBody(request, svc.batchMaxBytes, false);
    const std::size_t maxFile = svc.pipeline.config().maxInputBytes;
    std::vector<audit::BatchInput> letters;
    try {
        if (multipart) {
            CaseFileParts parts(maxFile, letters);
            Poco::Net::HTMLForm form;
            form.setFieldLimit(static_cast<int>(svc.batchMaxLetters) + 1);
            std::istringstream in(body);
            form.load(request, in, parts);
        } else {
            letters = readZip(body, maxFile, svc.batchMaxLetters);
        }
    } catch (const Error&) {
        throw;
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Usage, multipart ? "the multipart body could not be read" : "the ZIP could not be read",
                    e.displayText());
    }
    if (letters.empty()) {
        throw Error(ErrorCode::Usage, "the batch holds no case file (multipart: parts with a file name; ZIP: .xml files)");
    }
    if (letters.size() > svc.batchMaxLetters) {
        throw Error(ErrorCode::PayloadTooLarge,
                    "the batch holds more than kansli.batch.maxLetters (" + std::to_string(svc.batchMaxLetters) + ") case files");
    }
    const std::string language = i18n::preferredLanguage(request.get("Accept-Language", ""));
    const std::string id = svc.batches->submit(caller()->name, language, letters);
    logField("batch", id);
    logField("letters", letters.size());
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("id", id);
    o->set("state", std::string("queued"));
    o->set("letters", letters.size());
    o->set("href", "/v1/batches/" + id);
    response.set("Location", "/v1/batches/" + id);
    sendText(response, HTTPResponse::HTTP_ACCEPTED, "application/json", stringify(o));
}

void BatchHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response)
{
    Service& svc = service();
    if (svc.batches == nullptr) {
        throw Error(ErrorCode::NotFound, "this service takes no batches");
    }
    // Another caller's batch is not found: its existence is not told either.
    const std::optional<audit::BatchSummary> summary = svc.batches->find(_id, caller()->name);
    if (!summary) {
        throw Error(ErrorCode::NotFound, "no such batch for this caller");
    }
    logField("batch", _id);
    const std::vector<audit::BatchLetter> letters = svc.batches->letters(_id);
    if (_part == Part::Progress) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("id", summary->id);
        o->set("state", stateOf(*summary));
        o->set("createdAt", summary->createdAt);
        o->set("finishedAt", summary->finishedAt.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(summary->finishedAt));
        o->set("letters", summary->letters);
        o->set("waiting", summary->waiting);
        o->set("made", summary->made);
        o->set("refused", summary->refused);
        o->set("failed", summary->failed);
        Poco::JSON::Array::Ptr results = new Poco::JSON::Array;
        int printPage = 1;
        for (const auto& letter : letters) {
            Poco::JSON::Object::Ptr r = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
            r->set("position", letter.position);
            r->set("name", letter.name);
            r->set("state", letter.state);
            if (letter.state == "made") {
                r->set("documentId", letter.documentId);
                r->set("sha256", letter.sha256);
                r->set("pages", letter.pages);
                r->set("printFirstPage", printPage); // where it starts in print.pdf
                printPage += letter.pages;
            } else if (letter.state == "refused" || letter.state == "failed") {
                r->set("code", letter.code);
                r->set("message", letter.message);
                if (!letter.findings.empty()) {
                    r->set("findings", Poco::JSON::Parser().parse(letter.findings));
                }
            }
            results->add(r);
        }
        o->set("results", results);
        if (!summary->finishedAt.empty()) {
            o->set("lettersHref", "/v1/batches/" + _id + "/letters.zip");
            o->set("printHref", "/v1/batches/" + _id + "/print.pdf");
        }
        sendText(response, HTTPResponse::HTTP_OK, "application/json", stringify(o));
        return;
    }
    if (summary->finishedAt.empty()) {
        throw Error(ErrorCode::BatchNotFinished, "the batch is not finished; its letters come when it is");
    }
    if (_part == Part::Letters) {
        // Each letter under its position and its own name: "0007-<name>.pdf" in the batch's order.
        std::ostringstream zip;
        Poco::Zip::Compress compress(zip, true);
        for (const auto& letter : letters) {
            if (letter.state != "made") {
                continue;
            }
            char number[16];
            std::snprintf(number, sizeof number, "%04d", letter.position + 1);
            std::string base = Poco::Path(letter.name).getBaseName();
            std::string safe;
            for (char c : base) {
                const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                                   || c == '_' || c == '.';
                safe += plain ? c : '_';
            }
            std::istringstream pdf(svc.batches->pdf(_id, letter.position));
            compress.addFile(pdf, Poco::DateTime(), Poco::Path(std::string(number) + "-" + safe.substr(0, 80) + ".pdf"),
                             Poco::Zip::ZipCommon::CM_STORE); // PDFs are compressed already
        }
        compress.close();
        response.set("Content-Disposition", "attachment; filename=\"batch-" + _id + ".zip\"");
        sendText(response, HTTPResponse::HTTP_OK, "application/zip", zip.str());
        return;
    }
    std::vector<std::string> pdfs;
    for (const auto& letter : letters) {
        if (letter.state == "made") {
            pdfs.push_back(svc.batches->pdf(_id, letter.position));
        }
    }
    if (pdfs.empty()) {
        throw Error(ErrorCode::NotFound, "no letter of this batch was made");
    }
    response.set("Content-Disposition", "attachment; filename=\"batch-" + _id + "-print.pdf\"");
    sendText(response, HTTPResponse::HTTP_OK, "application/pdf", render::concatenatePdfs(pdfs));
}

// ------------------------------------------------------------------------------------ runner

BatchRunner::BatchRunner(pipeline::DocumentPipeline& pipeline, BatchRunnerConfig config, std::ostream& log)
    : _pipeline(pipeline), _config(std::move(config)), _log(log)
{
    if (_config.webhookUrl.rfind("https://", 0) == 0) {
        _tls = webhookContext(_config.webhookCaFile);
    }
    _queue = std::make_unique<audit::BatchQueue>(_config.database, _config.node);
    for (unsigned i = 0; i < _config.workers; ++i) {
        _threads.emplace_back([this, i] { run(i); });
    }
}

BatchRunner::~BatchRunner()
{
    _stopping = true;
    _wake.notify_all();
    for (auto& t : _threads) {
        t.join();
    }
}

std::string BatchRunner::signature(const std::string& secret, const std::string& body)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
         reinterpret_cast<const unsigned char*>(body.data()), body.size(), digest, &length);
    return "sha256=" + Poco::DigestEngine::digestToHex(Poco::DigestEngine::Digest(digest, digest + length));
}

void BatchRunner::run(unsigned index)
{
    auto purgedAt = std::chrono::steady_clock::time_point{};
    while (!_stopping) {
        bool worked = false;
        try {
            if (index == 0 && std::chrono::steady_clock::now() - purgedAt > std::chrono::minutes(10)) {
                const auto before = std::chrono::system_clock::now() - std::chrono::hours(_config.retentionHours);
                const std::time_t t = std::chrono::system_clock::to_time_t(before);
                char iso[32];
                std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%S.000Z", std::gmtime(&t));
                _queue->purge(iso);
                purgedAt = std::chrono::steady_clock::now();
            }
            worked = workOnce();
        } catch (const Error& e) {
            Poco::JSON::Object::Ptr fields = JsonLog::fields();
            fields->set("code", std::string(codeName(e.code())));
            fields->set("detail", e.internalDetail().empty() ? e.publicMessage() : e.internalDetail());
            JsonLog(_log).event("error", "batch-work-failed", fields);
        }
        if (!worked) {
            std::unique_lock<std::mutex> lock(_mutex);
            _wake.wait_for(lock, std::chrono::milliseconds(_config.pollMs), [this] { return _stopping.load(); });
        }
    }
}

bool BatchRunner::workOnce()
{
    // A node printing from another template set than the approved one takes no letters: they
    // wait for the nodes that have it (their leases would only run out here).
    if (!_pipeline.templateSetActive()) {
        return false;
    }
    const std::vector<audit::LeasedLetter> leased
        = _queue->lease(_config.groupSize, std::chrono::milliseconds(_config.leaseMs));
    if (leased.empty()) {
        return false;
    }
    std::vector<std::string> xmls;
    for (const auto& letter : leased) {
        xmls.push_back(letter.caseFile);
    }
    // Every leased letter is of one batch: one caller, one language. A failure of the whole
    // group (the template set not approved here, the trail gone) leaves the leases to run out.
    const std::vector<pipeline::BatchLetterResult> results
        = _pipeline.produceBatch(xmls, leased.front().caller, leased.front().language, _config.groupSize);
    for (std::size_t i = 0; i < leased.size(); ++i) {
        const pipeline::BatchLetterResult& r = results.at(i);
        if (r.made) {
            _queue->storeMade(leased[i], r.produced.documentId, r.produced.sha256, r.pages, r.produced.bytes);
        } else {
            _queue->storeNotMade(leased[i], isRefusal(r.code), codeName(r.code), r.message,
                                 r.findings.empty() ? std::string() : findingsJson(r.findings));
        }
    }
    if (_queue->finishIfDone(leased.front().batchId)) {
        announce(leased.front().batchId);
    }
    return true;
}

void BatchRunner::announce(const std::string& batchId)
{
    Poco::JSON::Object::Ptr fields = JsonLog::fields();
    fields->set("batch", batchId);
    JsonLog(_log).event("info", "batch-finished", fields);
    if (_config.webhookUrl.empty()) {
        return;
    }
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("event", std::string("batch.finished"));
    o->set("batch", batchId);
    o->set("href", "/v1/batches/" + batchId);
    const std::string body = stringify(o);
    try {
        const Poco::URI uri(_config.webhookUrl);
        std::unique_ptr<Poco::Net::HTTPClientSession> connection;
        if (_tls) {
            connection = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), _tls);
        } else {
            connection = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        }
        Poco::Net::HTTPClientSession& session = *connection;
        session.setTimeout(Poco::Timespan(10, 0));
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                                       Poco::Net::HTTPRequest::HTTP_1_1);
        request.setContentType("application/json");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
        request.set("X-Kansli-Signature", signature(_config.webhookSecret, body));
        session.sendRequest(request) << body;
        Poco::Net::HTTPResponse answer;
        session.receiveResponse(answer);
        fields->set("webhookStatus", static_cast<int>(answer.getStatus()));
        JsonLog(_log).event("info", "batch-webhook", fields);
    } catch (const Poco::Exception& e) {
        // The batch is finished all the same; its caller can poll GET /v1/batches/{id}.
        fields->set("detail", e.displayText());
        JsonLog(_log).event("warn", "batch-webhook-failed", fields);
    }
}

} // namespace kansli::http
