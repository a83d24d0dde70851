#include "templates/Tool.h"

#include "core/Error.h"

#include <Poco/Exception.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <sstream>

namespace kansli::templates {

ToolOutput runTool(const std::string& program, const std::vector<std::string>& args)
{
    Poco::Pipe pipe;
    ToolOutput result;
    try {
        Poco::ProcessHandle handle = Poco::Process::launch(program, args, nullptr, &pipe, &pipe);
        Poco::PipeInputStream in(pipe);
        std::ostringstream text;
        text << in.rdbuf();
        result.text = text.str();
        result.exitCode = handle.wait();
    } catch (const Poco::Exception& e) {
        throw Error(ErrorCode::Config, "cannot run " + program + " (is it installed?)", e.displayText());
    }
    return result;
}

} // namespace kansli::templates
