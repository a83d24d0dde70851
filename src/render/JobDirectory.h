#pragma once
/// A private temporary folder (mode 0700) for one conversion, removed with everything in it
/// when the object goes away.

#include <string>

namespace kansli::render {

class JobDirectory {
public:
    /// Makes `<base>/kansli-render-XXXXXX`. Throws kansli::Error(ErrorCode::Io) when it cannot.
    explicit JobDirectory(const std::string& base);
    ~JobDirectory();
    JobDirectory(const JobDirectory&) = delete;
    JobDirectory& operator=(const JobDirectory&) = delete;

    const std::string& path() const noexcept { return _path; }
    /// `<path>/<name>`
    std::string file(const std::string& name) const { return _path + "/" + name; }
    /// Writes `content` to `<path>/<name>`. Throws kansli::Error(ErrorCode::Io).
    void write(const std::string& name, const std::string& content) const;
    /// Reads `<path>/<name>`; empty when it does not exist.
    std::string read(const std::string& name) const;

private:
    std::string _path;
};

} // namespace kansli::render
