#pragma once
// A throwaway copy of the repository's template set (xsl/, locales/, templates/ and fonts/).

#include "Run.h"

#include <Poco/File.h>

#include <stdexcept>
#include <string>

namespace kansli::test {

inline const std::string SOURCE = KANSLI_SOURCE_DIR;
inline const std::string KANSLI = KANSLI_BINARY;

struct TemplateCopy {
    /// A label on the first page of every decision (locales/sv.txt), and what the tests make of it.
    static constexpr const char* WORD = "{ \"Målgrupp\" }";
    static constexpr const char* NEW_WORD = "Målgruppstillhörighet";
    static constexpr const char* NEW_ENTRY = "{ \"Målgruppstillhörighet\" }";

    std::string dir = makeTempDir("kansli-templates");
    std::string root = dir + "/root";

    TemplateCopy()
    {
        Poco::File(root).createDirectories();
        for (const char* folder : {"xsl", "locales", "templates", "fonts"}) {
            Poco::File(SOURCE + "/" + folder).copyTo(root + "/" + folder);
        }
    }
    ~TemplateCopy() { Poco::File(dir).remove(true); }
    TemplateCopy(const TemplateCopy&) = delete;
    TemplateCopy& operator=(const TemplateCopy&) = delete;

    void replaceInFile(const std::string& relative, const std::string& from, const std::string& to) const
    {
        std::string text = readFile(root + "/" + relative);
        const auto at = text.find(from);
        if (at == std::string::npos) {
            throw std::runtime_error("not in " + relative + ": " + from);
        }
        text.replace(at, from.size(), to);
        writeFile(root + "/" + relative, text);
    }
};

} // namespace kansli::test
