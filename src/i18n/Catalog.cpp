#include "i18n/Catalog.h"

#include "core/Error.h"

#include <unicode/locid.h>
#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

namespace kansli::i18n {

namespace {

constexpr const char* DATE_PATTERN_KEY = "format.date";
constexpr const char* PAGE_LABEL_KEY = "page.label";
constexpr const char* APPROVAL_KEY = "catalog.approval";
constexpr double MILLIS_PER_DAY = 86400000.0;

// The letters are Swedish authority letters: English ones use British conventions
// ("25 November 2026"), which is also what the issue asks for.
std::string localeFor(std::string_view language)
{
    if (language == "sv") {
        return "sv_SE";
    }
    if (language == "en") {
        return "en_GB";
    }
    // Reader languages (summaries after the Swedish decision): ICU's conventions for each, on
    // the Gregorian calendar the decision and its deadlines are dated in (ICU's default for
    // Persian is the Solar Hijri calendar).
    for (const char* reader : {"ar", "fa", "so", "ti"}) {
        if (language == reader) {
            return std::string(reader) + "@calendar=gregorian";
        }
    }
    return {};
}

std::string toUtf8(const icu::UnicodeString& text)
{
    std::string out;
    text.toUTF8String(out);
    return out;
}

Error templateError(std::string_view key, const std::string& what)
{
    return Error(ErrorCode::Template, "message catalog: " + what + ": " + std::string(key),
                 "i18n: " + what + " for key '" + std::string(key) + "'");
}

} // namespace

struct Catalog::Impl {
    icu::Locale locale;
    std::unordered_map<std::string, icu::UnicodeString> messages;
    // Made on first use and kept: building a date formatter reads the locale's data, which was a
    // third of composing a letter when done for every date. Formatting takes the lock (an ICU
    // formatter is not to be used by two threads at once).
    std::mutex dateMutex;
    std::unique_ptr<icu::SimpleDateFormat> dateFormat;
};

Catalog::Catalog(const std::string& bundleDir, const std::string& language)
    : _language(language), _localeId(localeFor(language)), _impl(std::make_unique<Impl>())
{
    if (_localeId.empty()) {
        throw Error(ErrorCode::Config, "unsupported letter language", "i18n: language '" + language + "'");
    }
    _impl->locale = icu::Locale(_localeId.c_str());

    std::string dir = bundleDir;
    if (dir.empty() || dir.back() != '/') {
        dir += '/'; // ures_openDirect takes the directory as a path prefix
    }
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle* bundle = ures_openDirect(dir.c_str(), language.c_str(), &status);
    if (U_FAILURE(status) || bundle == nullptr) {
        if (bundle != nullptr) {
            ures_close(bundle);
        }
        throw Error(ErrorCode::Config, "message catalog missing for language " + language,
                    "i18n: ures_openDirect(" + dir + ", " + language + "): " + u_errorName(status));
    }
    ures_resetIterator(bundle);
    while (ures_hasNext(bundle)) {
        UErrorCode itemStatus = U_ZERO_ERROR;
        UResourceBundle* item = ures_getNextResource(bundle, nullptr, &itemStatus);
        if (U_FAILURE(itemStatus)) {
            ures_close(bundle);
            throw Error(ErrorCode::Config, "message catalog unreadable", std::string("i18n: ") + u_errorName(itemStatus));
        }
        if (ures_getType(item) == URES_STRING) {
            int32_t length = 0;
            const UChar* text = ures_getString(item, &length, &itemStatus);
            if (U_SUCCESS(itemStatus)) {
                _impl->messages.emplace(ures_getKey(item), icu::UnicodeString(text, length));
            }
        }
        ures_close(item);
    }
    ures_close(bundle);
}

Catalog::~Catalog() = default;
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;

bool Catalog::has(std::string_view key) const
{
    return _impl->messages.count(std::string(key)) != 0;
}

std::vector<std::string> Catalog::keys() const
{
    std::vector<std::string> out;
    out.reserve(_impl->messages.size());
    for (const auto& entry : _impl->messages) {
        out.push_back(entry.first);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string Catalog::message(std::string_view key, const MessageArgs& args) const
{
    const auto found = _impl->messages.find(std::string(key));
    if (found == _impl->messages.end()) {
        throw templateError(key, "missing message key");
    }
    const icu::UnicodeString& pattern = found->second;

    // ICU prints an argument it was not given as "{name}": refuse instead, a letter with a
    // placeholder in it is worse than no letter.
    UParseError parseError{};
    UErrorCode status = U_ZERO_ERROR;
    icu::MessagePattern parts(pattern, &parseError, status);
    if (U_FAILURE(status)) {
        throw templateError(key, "malformed message pattern");
    }
    for (int32_t i = 0; i < parts.countParts(); ++i) {
        const icu::MessagePattern::Part& part = parts.getPart(i);
        if (part.getType() != UMSGPAT_PART_TYPE_ARG_NAME) {
            continue;
        }
        const std::string name = toUtf8(parts.getSubstring(part));
        const bool given = std::any_of(args.begin(), args.end(),
                                       [&](const MessageArg& arg) { return arg.name == name; });
        if (!given) {
            throw templateError(key, "message argument '" + name + "' not given");
        }
    }

    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(args.size());
    values.reserve(args.size());
    for (const MessageArg& arg : args) {
        names.push_back(icu::UnicodeString::fromUTF8(arg.name));
        if (const auto* text = std::get_if<std::string>(&arg.value)) {
            values.emplace_back(icu::UnicodeString::fromUTF8(*text));
        } else {
            values.emplace_back(static_cast<int64_t>(std::get<std::int64_t>(arg.value)));
        }
    }
    icu::MessageFormat format(pattern, _impl->locale, parseError, status);
    if (U_FAILURE(status)) {
        throw templateError(key, "malformed message pattern");
    }
    icu::UnicodeString result;
    format.format(names.data(), values.data(), static_cast<int32_t>(names.size()), result, status);
    if (U_FAILURE(status)) {
        throw templateError(key, std::string("message formatting failed (") + u_errorName(status) + ")");
    }
    return toUtf8(result);
}

std::string Catalog::formatDate(const Date& date) const
{
    const std::lock_guard<std::mutex> lock(_impl->dateMutex);
    if (!_impl->dateFormat) {
        const auto found = _impl->messages.find(DATE_PATTERN_KEY);
        if (found == _impl->messages.end()) {
            throw templateError(DATE_PATTERN_KEY, "missing message key");
        }
        UErrorCode status = U_ZERO_ERROR;
        auto format = std::make_unique<icu::SimpleDateFormat>(found->second, _impl->locale, status);
        if (U_FAILURE(status)) {
            throw templateError(DATE_PATTERN_KEY, "malformed date pattern");
        }
        // A civil date: format midnight UTC in UTC so that no time zone can move the day.
        format->adoptTimeZone(icu::TimeZone::createTimeZone("Etc/UTC"));
        _impl->dateFormat = std::move(format);
    }
    icu::UnicodeString result;
    _impl->dateFormat->format(static_cast<UDate>(static_cast<double>(date.dayNumber()) * MILLIS_PER_DAY), result);
    return toUtf8(result);
}

std::string Catalog::pageLabel(int page, int pages) const
{
    return message(PAGE_LABEL_KEY, {{"page", std::int64_t{page}}, {"pages", std::int64_t{pages}}});
}

Catalogs::Catalogs(const std::string& bundleDir)
{
    for (const std::string& language : supportedLanguages()) {
        _catalogs.emplace(language, Catalog(bundleDir, language));
    }
    for (const std::string& language : readerLanguages()) {
        _catalogs.emplace(language, Catalog(bundleDir, language));
    }
}

const std::vector<std::string>& Catalogs::readerLanguages()
{
    static const std::vector<std::string> LANGUAGES = {"ar", "fa", "so", "ti"};
    return LANGUAGES;
}

bool Catalogs::isReaderLanguage(std::string_view language)
{
    const auto& languages = readerLanguages();
    return std::find(languages.begin(), languages.end(), language) != languages.end();
}

bool Catalog::approved() const
{
    return !has(APPROVAL_KEY) || message(APPROVAL_KEY) == "approved";
}

bool Catalog::rightToLeft() const
{
    return _language == "ar" || _language == "fa";
}

const Catalog& Catalogs::forLanguage(std::string_view language) const
{
    const auto found = _catalogs.find(language);
    if (found == _catalogs.end()) {
        throw Error(ErrorCode::Config, "unsupported letter language",
                    "i18n: language '" + std::string(language) + "'");
    }
    return found->second;
}

const std::vector<std::string>& Catalogs::supportedLanguages()
{
    static const std::vector<std::string> LANGUAGES = {"sv", "en"};
    return LANGUAGES;
}

} // namespace kansli::i18n
