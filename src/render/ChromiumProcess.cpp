#include "render/ChromiumProcess.h"

#include "core/Error.h"
#include "render/JobDirectory.h"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unistd.h>

namespace kansli::render {

namespace {

constexpr auto START_TIMEOUT = std::chrono::seconds(30);
/// The longest message the browser may send (a printed letter, base64): a 150-page job plan is
/// ~10 MB. Beyond it the browser is stopped rather than read without bound.
constexpr std::size_t MAX_MESSAGE_BYTES = 256u * 1024 * 1024;
constexpr double MM_PER_INCH = 25.4;

struct PaperMm {
    const char* name;
    double width;
    double height;
};
// The page-size names render accepts (wkhtmltopdf's, as the templates use them).
const PaperMm PAPER[] = {{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"Letter", 215.9, 279.4},
                         {"Legal", 215.9, 355.6}};

Poco::JSON::Object::Ptr object()
{
    return new Poco::JSON::Object;
}

std::string text(const Poco::JSON::Object& o, const std::string& key)
{
    return o.has(key) && o.get(key).isString() ? o.getValue<std::string>(key) : std::string();
}

Error renderError(const std::string& what, const std::string& detail)
{
    return Error(ErrorCode::Render, what, detail);
}

} // namespace

ChromiumProcess::ChromiumProcess(const EngineConfig& config, const std::string& runtimeDir)
{
    char pattern[] = "chromium-XXXXXX";
    const std::string base = runtimeDir + "/" + pattern;
    std::vector<char> path(base.begin(), base.end());
    path.push_back('\0');
    if (::mkdtemp(path.data()) == nullptr)
        throw renderError("The PDF engine could not be started", "no profile folder under the runtime folder");
    _profileDir = path.data();
    const std::string executable = config.executable.empty() ? "chromium" : config.executable;
    // --no-sandbox: Chromium's own sandbox needs user namespaces, which the service's systemd unit
    // forbids (RestrictNamespaces) and root may not use; the engine is held instead by what is set
    // here (no script, no request leaves the page, no network) and the unit (docs/accessibility.md).
    const std::vector<std::string> argv = {executable,
        "--headless", "--remote-debugging-pipe", "--no-sandbox", "--user-data-dir=" + _profileDir,
        "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--disable-breakpad", "--mute-audio", "--password-store=basic",
        "--blink-settings=scriptEnabled=false", "--proxy-server=http://127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank"};
    SpawnOptions options;
    options.controlPipes = true;
    options.processGroup = true;
    options.discardStderr = true;
    _child = ChildProcess::spawn(argv,
        {"XDG_CONFIG_HOME=" + _profileDir, "XDG_CACHE_HOME=" + _profileDir, "HOME=" + _profileDir}, options);
    const auto deadline = std::chrono::steady_clock::now() + START_TIMEOUT;
    try {
        const auto version = call("Browser.getVersion", object(), false, deadline);
        const std::string product = text(*version, "product"); // "HeadlessChrome/156.0.8078.114"
        _version = product.substr(product.find('/') == std::string::npos ? 0 : product.find('/') + 1);
        auto target = object();
        target->set("url", "about:blank");
        const std::string targetId = text(*call("Target.createTarget", target, false, deadline), "targetId");
        auto attach = object();
        attach->set("targetId", targetId);
        attach->set("flatten", true);
        _sessionId = text(*call("Target.attachToTarget", attach, false, deadline), "sessionId");
        auto noScript = object();
        noScript->set("value", true);
        call("Emulation.setScriptExecutionDisabled", noScript, true, deadline);
        // Every request the page makes is paused and refused (onEvent).
        Poco::JSON::Array::Ptr patterns = new Poco::JSON::Array;
        auto all = object();
        all->set("urlPattern", "*");
        patterns->add(all);
        auto fetch = object();
        fetch->set("patterns", patterns);
        call("Fetch.enable", fetch, true, deadline);
        const auto tree = call("Page.getFrameTree", object(), true, deadline);
        _frameId = text(*tree->getObject("frameTree")->getObject("frame"), "id");
    } catch (const Ended& ended) {
        shutdown();
        throw renderError("The PDF engine could not be started",
                          ended.outcome == Outcome::TimedOut ? "chromium did not answer in time" : "chromium exited");
    } catch (...) {
        shutdown();
        throw;
    }
    if (_sessionId.empty() || _frameId.empty()) {
        shutdown();
        throw renderError("The PDF engine could not be started", "chromium opened no page");
    }
}

ChromiumProcess::~ChromiumProcess()
{
    shutdown();
}

bool ChromiumProcess::alive()
{
    return !_child.poll();
}

void ChromiumProcess::shutdown()
{
    if (_child.running()) {
        // Browser.close lets it end its helpers; the group is killed after a short grace anyway.
        try {
            send("Browser.close", object(), {}, ++_nextId);
        } catch (...) {
        }
        _child.terminate(std::chrono::milliseconds(1000));
    }
    if (!_profileDir.empty()) {
        std::error_code ec;
        std::filesystem::remove_all(_profileDir, ec);
        _profileDir.clear();
    }
}

void ChromiumProcess::send(const std::string& method, Poco::JSON::Object::Ptr params, const std::string& sessionId,
                           long id)
{
    Poco::JSON::Object message;
    message.set("id", id);
    message.set("method", method);
    message.set("params", params);
    if (!sessionId.empty())
        message.set("sessionId", sessionId);
    std::ostringstream out;
    message.stringify(out);
    out << '\0';
    if (!_child.writeControl(out.str()))
        throw Ended{Outcome::Died};
}

void ChromiumProcess::onEvent(const Poco::JSON::Object& message)
{
    const std::string method = text(message, "method");
    if (method == "Fetch.requestPaused") {
        // Nothing leaves the page: not the network, not a file, not another page.
        ++_blocked;
        auto params = message.getObject("params");
        auto fail = object();
        fail->set("requestId", text(*params, "requestId"));
        fail->set("errorReason", "AccessDenied");
        send("Fetch.failRequest", fail, text(message, "sessionId"), ++_nextId);
    } else if (method == "Inspector.targetCrashed" || method == "Target.targetCrashed"
               || method == "Target.detachedFromTarget") {
        throw Ended{Outcome::Died};
    }
}

Poco::JSON::Object::Ptr ChromiumProcess::call(const std::string& method, Poco::JSON::Object::Ptr params, bool onPage,
                                              std::chrono::steady_clock::time_point deadline)
{
    const long id = ++_nextId;
    send(method, params, onPage ? _sessionId : std::string(), id);
    Poco::JSON::Parser parser;
    std::size_t scanned = 0;
    for (;;) {
        const std::size_t end = _buffer.find('\0', scanned);
        if (end == std::string::npos) {
            scanned = _buffer.size();
            if (_buffer.size() > MAX_MESSAGE_BYTES)
                throw Ended{Outcome::Died};
            switch (_child.readControl(_buffer, deadline)) {
            case ChildProcess::ReadStatus::Data:
                continue;
            case ChildProcess::ReadStatus::EndOfFile:
                throw Ended{Outcome::Died};
            case ChildProcess::ReadStatus::Timeout:
                throw Ended{Outcome::TimedOut};
            }
        }
        parser.reset();
        const auto parsed = parser.parse(_buffer.substr(0, end));
        _buffer.erase(0, end + 1);
        scanned = 0;
        const auto message = parsed.extract<Poco::JSON::Object::Ptr>();
        if (message->has("method")) {
            onEvent(*message);
            continue;
        }
        if (!message->has("id") || message->getValue<long>("id") != id)
            continue; // the answer to a command nobody waits for (Fetch.failRequest)
        if (message->has("error")) {
            const auto error = message->getObject("error");
            throw renderError("The PDF engine failed", method + ": " + text(*error, "message"));
        }
        return message->has("result") ? message->getObject("result") : object();
    }
}

EngineProcess::Result ChromiumProcess::convert(const ConversionRequest& request, const JobDirectory&,
                                              std::chrono::milliseconds timeout)
{
    if (!request.allowDirs.empty())
        throw renderError("The PDF engine cannot make this document",
                          "chromium reads nothing outside the document (allowDirs is for wkhtmltopdf)");
    const PaperMm* paper = nullptr;
    for (const auto& p : PAPER)
        paper = request.page.pageSize == p.name ? &p : paper;
    if (paper == nullptr)
        throw renderError("The PDF engine cannot make this document", "page size not known to the chromium engine");

    Result result;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    try {
        auto content = object();
        content->set("frameId", _frameId);
        content->set("html", request.xhtml);
        call("Page.setDocumentContent", content, true, deadline);
        auto print = object();
        print->set("paperWidth", paper->width / MM_PER_INCH);
        print->set("paperHeight", paper->height / MM_PER_INCH);
        print->set("marginTop", request.page.marginTopMm / MM_PER_INCH);
        print->set("marginBottom", request.page.marginBottomMm / MM_PER_INCH);
        print->set("marginLeft", request.page.marginLeftMm / MM_PER_INCH);
        print->set("marginRight", request.page.marginRightMm / MM_PER_INCH);
        print->set("scale", CHROMIUM_PRINT_SCALE);
        print->set("printBackground", !request.noBackground);
        print->set("preferCSSPageSize", false);
        print->set("displayHeaderFooter", false);
        print->set("generateTaggedPDF", request.tagged);
        print->set("generateDocumentOutline", false);
        const auto printed = call("Page.printToPDF", print, true, deadline);
        std::istringstream encoded(text(*printed, "data"));
        Poco::Base64Decoder decoder(encoded);
        result.pdf.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
    } catch (const Ended& ended) {
        _child.kill();
        result.outcome = ended.outcome;
        result.diagnostics = ended.outcome == Outcome::TimedOut ? "chromium did not finish in time" : "chromium exited";
        return result;
    } catch (const Poco::Exception& e) {
        _child.kill(); // a message that is not JSON: the channel cannot be trusted any more
        result.outcome = Outcome::Died;
        result.diagnostics = "unreadable DevTools message: " + e.message();
        return result;
    }
    if (!looksLikePdf(result.pdf))
        throw renderError("The PDF engine produced no complete document",
                          "chromium returned " + std::to_string(result.pdf.size()) + " bytes without %PDF- header or %%EOF");
    ++_documents;
    result.outcome = Outcome::Done;
    return result;
}

} // namespace kansli::render
