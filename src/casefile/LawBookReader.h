#pragma once
/// Reads the legal department's data files (templates/law/*.xml) into a law::LawBook.
///
/// The files are trusted configuration, but are still parsed without network access or entity
/// expansion. Every error names the file and line.

#include "law/LawBook.h"

#include <string>
#include <vector>

namespace kansli::casefile {

class LawBookReader {
public:
    /// Reads `<lawDirectory>/target-groups.xml`, `statutes.xml` and `appeal-information.xml`.
    /// Throws kansli::Error: io when a file cannot be read, config when it is malformed or
    /// breaks a rule of law::LawBook / law::StatuteTable.
    static law::LawBook read(const std::string& lawDirectory);

    static law::TargetGroupsEdition readTargetGroups(const std::string& path);
    static law::StatuteTable readStatutes(const std::string& path);
    /// The template versions listed as printing wrong appeal information (may be none).
    static std::vector<law::AppealInformationDefect> readAppealInformation(const std::string& path);

    /// The namespace of the files.
    static constexpr const char* NAMESPACE = "urn:se:stockholm:kansli:law:1";
};

} // namespace kansli::casefile
