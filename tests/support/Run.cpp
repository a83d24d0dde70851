#include "Run.h"

#include <Poco/File.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Path.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/TemporaryFile.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace kansli::test {

RunResult run(const std::string& program, const std::vector<std::string>& args, const std::string& input,
              const std::map<std::string, std::string>& env)
{
    Poco::Pipe inPipe, outPipe, errPipe;
    Poco::Process::Env environment(env.begin(), env.end());
    Poco::ProcessHandle handle =
        Poco::Process::launch(program, Poco::Process::Args(args.begin(), args.end()), std::string(), &inPipe,
                              &outPipe, &errPipe, environment);
    RunResult result;
    // Read both streams on their own threads so a full pipe cannot block the child.
    std::thread errReader([&] {
        Poco::PipeInputStream err(errPipe);
        Poco::StreamCopier::copyToString(err, result.err);
    });
    std::thread outReader([&] {
        Poco::PipeInputStream out(outPipe);
        Poco::StreamCopier::copyToString(out, result.out);
    });
    {
        Poco::PipeOutputStream in(inPipe);
        in << input;
        in.close();
    }
    outReader.join();
    errReader.join();
    result.exitCode = handle.wait();
    return result;
}

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path);
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void writeFile(const std::string& path, const std::string& content)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

std::string collapseWhitespace(const std::string& text)
{
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
            space = true;
            continue;
        }
        if (space && !out.empty()) {
            out += ' ';
        }
        space = false;
        out += c;
    }
    return out;
}

unsigned short freePort()
{
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

std::string makeTempDir(const std::string& prefix)
{
    Poco::Path path(Poco::TemporaryFile::tempName());
    path.setFileName(prefix + "-" + path.getFileName());
    Poco::File(path).createDirectories();
    return path.toString();
}

} // namespace kansli::test
