#pragma once
// The law book as the legal department ships it, read once for all tests.

#include "casefile/LawBookReader.h"
#include "law/LawBook.h"

#include <ostream>

namespace kansli {

// Test-only printers so Boost.Test can show values that differ.
inline std::ostream& operator<<(std::ostream& out, const Date& date)
{
    return out << date.iso();
}

inline std::ostream& operator<<(std::ostream& out, Weekday weekday)
{
    return out << static_cast<int>(weekday);
}

} // namespace kansli

namespace kansli::law::test {

inline const LawBook& shippedLawBook()
{
    static const LawBook BOOK = casefile::LawBookReader::read(KANSLI_SOURCE_DIR "/templates/law");
    return BOOK;
}

inline Date d(const char* iso)
{
    return Date::parseIso(iso).value();
}

} // namespace kansli::law::test
