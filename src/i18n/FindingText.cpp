#include "i18n/FindingText.h"

#include "i18n/Catalog.h"

#include "core/Date.h"
#include "core/Error.h"

#include <Poco/NumberParser.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <charconv>
#include <iterator>

namespace kansli::i18n {

std::string fieldPath(std::string_view xpath)
{
    std::string path;
    std::string_view rest = xpath;
    constexpr std::string_view root = "/case";
    if (rest.substr(0, root.size()) == root) {
        rest.remove_prefix(root.size());
    }
    while (!rest.empty()) {
        if (rest.front() == '/') {
            rest.remove_prefix(1);
            continue;
        }
        const auto end = rest.find('/');
        std::string_view step = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
        if (const auto predicate = step.find('['); predicate != std::string_view::npos) {
            step = step.substr(0, predicate);
        }
        if (!step.empty() && step.front() == '@') {
            path += ":" + std::string(step.substr(1));
        } else if (!step.empty()) {
            path += (path.empty() ? "" : ".") + std::string(step);
        }
    }
    return path;
}

std::string fieldName(std::string_view xpath, const Catalog& catalog)
{
    std::string path = fieldPath(xpath);
    while (!path.empty()) {
        const std::string key = "field." + path;
        if (catalog.has(key)) {
            return catalog.message(key);
        }
        const auto cut = path.find_last_of(".:");
        path = cut == std::string::npos ? std::string() : path.substr(0, cut);
    }
    return {};
}

namespace {

/// The arguments of `finding` for `catalog`; a Message argument is written from its own key with
/// the other arguments (one level: a nested message holds no message argument).
MessageArgs messageArgs(const Finding& finding, const Catalog& catalog, bool nested)
{
    MessageArgs args;
    for (const FindingArg& arg : finding.args) {
        switch (arg.kind) {
        case FindingArg::Kind::Number: {
            std::int64_t number = 0;
            const auto [end, ec] = std::from_chars(arg.value.data(), arg.value.data() + arg.value.size(), number);
            if (ec == std::errc() && end == arg.value.data() + arg.value.size()) {
                args.push_back({arg.name, number});
            } else {
                args.push_back({arg.name, arg.value});
            }
            break;
        }
        case FindingArg::Kind::Date: {
            const auto date = Date::parseIso(arg.value);
            args.push_back({arg.name, date ? catalog.formatDate(*date) : arg.value});
            break;
        }
        case FindingArg::Kind::Text: args.push_back({arg.name, arg.value}); break;
        case FindingArg::Kind::Script: args.push_back({arg.name, scriptDisplayName(arg.value, catalog.localeId())}); break;
        case FindingArg::Kind::Language: args.push_back({arg.name, languageDisplayName(arg.value, catalog.localeId())}); break;
        case FindingArg::Kind::Message:
            if (!nested) {
                const std::string key = "finding." + arg.value;
                args.push_back({arg.name, catalog.has(key) ? catalog.message(key, messageArgs(finding, catalog, true))
                                                           : arg.value});
            }
            break;
        }
    }
    return args;
}

} // namespace

void localize(Findings& findings, const Catalog& catalog)
{
    for (Finding& finding : findings) {
        if (!finding.xpath.empty()) {
            finding.field = fieldName(finding.xpath, catalog);
        }
        if (finding.source.empty()) {
            // The rule's source: the catalogs cite it by message id, or by code for the kinds of
            // finding that share one (the fonts, the envelope window).
            for (const std::string& key : {"source." + finding.messageId, "source." + finding.code}) {
                if (key.size() > 7 && catalog.has(key)) {
                    try {
                        finding.source = catalog.message(key, messageArgs(finding, catalog, true));
                    } catch (const Error&) {
                        finding.source.clear();
                    }
                    break;
                }
            }
        }
        if (finding.messageId.empty()) {
            continue;
        }
        const std::string key = "finding." + finding.messageId;
        if (!catalog.has(key)) {
            finding.message = finding.code;
            continue;
        }
        try {
            finding.message = catalog.message(key, messageArgs(finding, catalog, false));
        } catch (const Error&) {
            finding.message = finding.code; // a pattern that needs an argument not given
        }
    }
}

namespace {

/// A name ICU gives in the language of `localeId` (uloc_getDisplayLanguage, ...Script); `code`
/// itself when it has none.
std::string displayName(decltype(&uloc_getDisplayLanguage) get, const std::string& id, const std::string& code,
                        const std::string& localeId)
{
    UChar name[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = get(id.c_str(), localeId.c_str(), name, static_cast<int32_t>(std::size(name)), &status);
    if (U_FAILURE(status) || length <= 0) {
        return code;
    }
    std::string out;
    icu::UnicodeString(name, length).toUTF8String(out);
    return out;
}

} // namespace

std::string languageDisplayName(const std::string& code, const std::string& localeId)
{
    return displayName(uloc_getDisplayLanguage, code, code, localeId);
}

std::string scriptDisplayName(const std::string& code, const std::string& localeId)
{
    return displayName(uloc_getDisplayScript, "und_" + code, code, localeId);
}

std::string preferredLanguage(std::string_view acceptLanguage)
{
    std::string best = "sv";
    double bestQ = 0.0;
    bool any = false;
    Poco::StringTokenizer ranges(std::string(acceptLanguage.substr(0, 1024)), ",",
                                 Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& range : ranges) {
        Poco::StringTokenizer parts(range, ";", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
        if (parts.count() == 0) {
            continue;
        }
        const std::string tag = Poco::toLower(parts[0]);
        double q = 1.0;
        for (std::size_t i = 1; i < parts.count(); ++i) {
            const std::string parameter = Poco::toLower(Poco::trim(parts[i]));
            double value = 0.0;
            if (parameter.rfind("q=", 0) == 0 && Poco::NumberParser::tryParseFloat(parameter.substr(2), value)) {
                q = value;
            }
        }
        const std::string primary = tag.substr(0, tag.find('-'));
        for (const std::string& language : Catalogs::supportedLanguages()) {
            if ((primary == language || tag == "*") && q > bestQ && q > 0.0) {
                best = tag == "*" ? std::string("sv") : language;
                bestQ = q;
                any = true;
            }
        }
    }
    return any ? best : std::string("sv");
}

} // namespace kansli::i18n
