#include "render/JobDirectory.h"

#include "core/Error.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace kansli::render {

JobDirectory::JobDirectory(const std::string& base)
{
    std::string pattern = base + "/kansli-render-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr)
        throw Error(ErrorCode::Io, "A temporary folder could not be made",
                    "mkdtemp in " + base + ": " + std::strerror(errno));
    _path = buffer.data();
}

JobDirectory::~JobDirectory()
{
    std::error_code ignored;
    std::filesystem::remove_all(_path, ignored);
}

void JobDirectory::write(const std::string& name, const std::string& content) const
{
    std::ofstream out(file(name), std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    if (!out)
        throw Error(ErrorCode::Io, "A temporary file could not be written", "write " + file(name));
}

std::string JobDirectory::read(const std::string& name) const
{
    std::ifstream in(file(name), std::ios::binary);
    if (!in)
        return {};
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace kansli::render
