#pragma once
/// The fixed wording of the letters in one language: an ICU resource bundle compiled from
/// locales/<language>.txt by genrb, plus ICU formatting of dates and numbers for that language.
///
/// A Catalog is immutable after construction and safe to use from many threads at once: the
/// bundle's strings are copied out when it is loaded, and every formatter is made per call.

#include "core/Date.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kansli::i18n {

/// One named MessageFormat argument: text is inserted as is, a number is formatted by ICU for
/// the catalog's locale.
struct MessageArg {
    std::string name;
    std::variant<std::string, std::int64_t> value;
};

using MessageArgs = std::vector<MessageArg>;

class Catalog {
public:
    /// Loads `<bundleDir>/<language>.res` with ures_openDirect (no locale fallback). `language`
    /// is a letter language ("sv", "en": every key) or a reader language ("ar", "fa", "so",
    /// "ti": the keys of the summary that follows a Swedish decision, Catalogs::readerLanguages).
    /// Throws kansli::Error (config) when the language is unknown or the bundle cannot be read.
    Catalog(const std::string& bundleDir, const std::string& language);
    ~Catalog();
    Catalog(const Catalog&) = delete;
    Catalog& operator=(const Catalog&) = delete;
    Catalog(Catalog&&) noexcept;
    Catalog& operator=(Catalog&&) noexcept;

    const std::string& language() const noexcept { return _language; }
    /// The ICU locale id used for formatting, e.g. "sv_SE", "en_GB".
    const std::string& localeId() const noexcept { return _localeId; }

    bool has(std::string_view key) const;
    /// Every key, sorted.
    std::vector<std::string> keys() const;

    /// The message `key` formatted with ICU MessageFormat and `args`, as UTF-8.
    /// Throws kansli::Error (template) naming the key when it is missing, when the pattern is
    /// malformed, or when it needs an argument that is not given.
    std::string message(std::string_view key, const MessageArgs& args = {}) const;

    /// The date in the letter's words, with the pattern of key "format.date"
    /// ("25 november 2026" in sv, "25 November 2026" in en).
    std::string formatDate(const Date& date) const;

    /// The page label for the render layer: message "page.label" with page and pages.
    std::string pageLabel(int page, int pages) const;

    /// False while the catalog's "catalog.approval" says anything but "approved": a translation
    /// no authorised translator and the legal department have read (docs/legal-department.md).
    /// A catalog without the key (sv, en: approved with the templates) is approved.
    bool approved() const;
    /// Written right to left (ar, fa).
    bool rightToLeft() const;

private:
    struct Impl;
    std::string _language;
    std::string _localeId;
    std::unique_ptr<Impl> _impl;
};

/// The catalogs of every supported language, loaded once from one directory.
class Catalogs {
public:
    /// Loads every language of supportedLanguages() from `bundleDir` (the build's `locales` dir
    /// holding sv.res and en.res). Throws as Catalog does.
    explicit Catalogs(const std::string& bundleDir);

    /// Throws kansli::Error (config) for a language that is not loaded.
    const Catalog& forLanguage(std::string_view language) const;

    /// The letter languages: every key, a whole letter can be written in them ("sv", "en").
    static const std::vector<std::string>& supportedLanguages();
    /// The reader languages: a summary in one follows the Swedish decision
    /// (document/@readerLanguage): "ar", "fa", "so", "ti".
    static const std::vector<std::string>& readerLanguages();
    static bool isReaderLanguage(std::string_view language);

private:
    std::map<std::string, Catalog, std::less<>> _catalogs;
};

} // namespace kansli::i18n
