#include "templates/LayoutCheck.h"

#include "core/Error.h"
#include "i18n/Catalog.h"
#include "i18n/FindingText.h"
#include "i18n/UnicodeText.h"
#include "templates/Tool.h"

#include <Poco/DirectoryIterator.h>
#include <Poco/Path.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace kansli::templates {

namespace {

constexpr double MM = 72.0 / 25.4; // points per millimetre

/// The letter's page (xsl/layout.xsl, compose::PageGeometry): A4, margins 20 mm top and bottom,
/// 22 mm left, 20 mm right; the envelope window 20-110 mm across, 45-90 mm down, and inside it
/// the window field (div.window), whose text is clipped below 87 mm.
constexpr double TEXT_LEFT_MM = 22.0, TEXT_RIGHT_MM = 190.0, TEXT_TOP_MM = 20.0, TEXT_BOTTOM_MM = 277.0;
constexpr double WINDOW_LEFT_MM = 20.0, WINDOW_RIGHT_MM = 110.0, WINDOW_TOP_MM = 45.0, WINDOW_BOTTOM_MM = 87.5;
constexpr double TOLERANCE_MM = 1.0;
/// Body text: 11 pt Liberation Sans, whose word box is 1.117 em high (docs/templates.md).
constexpr double BODY_WORD_HEIGHT_PT = 11.0 * 1.117;

struct Word {
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
};

struct Page {
    std::vector<Word> words;
};

double attribute(const std::string& tag, const char* name)
{
    const std::string key = std::string(name) + "=\"";
    const auto at = tag.find(key);
    return at == std::string::npos ? 0.0 : std::stod(tag.substr(at + key.size()));
}

std::vector<Page> readPages(const std::string& pdf)
{
    const ToolOutput r = runTool("pdftotext", {"-bbox", "-enc", "UTF-8", pdf, "-"});
    if (r.exitCode != 0) {
        throw Error(ErrorCode::Io, "pdftotext could not read a rendered letter", r.text);
    }
    std::vector<Page> pages;
    std::size_t at = 0;
    while ((at = r.text.find('<', at)) != std::string::npos) {
        if (r.text.compare(at, 6, "<page ") == 0) {
            pages.emplace_back();
        } else if (r.text.compare(at, 6, "<word ") == 0 && !pages.empty()) {
            const std::string tag = r.text.substr(at, r.text.find('>', at) - at);
            pages.back().words.push_back(
                {attribute(tag, "xMin"), attribute(tag, "yMin"), attribute(tag, "xMax"), attribute(tag, "yMax")});
        }
        ++at;
    }
    return pages;
}

std::string mm(double points)
{
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << points / MM;
    return out.str();
}

/// The text as a reader compares it: NFKC, without white space, controls and invisible characters.
std::set<UChar32> visibleCharacters(const std::string& utf8)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    if (U_SUCCESS(status)) {
        text = nfkc->normalize(text, status);
    }
    std::set<UChar32> out;
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
        const UChar32 c = text.char32At(i);
        if (u_isUWhiteSpace(c) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || u_iscntrl(c)) {
            continue;
        }
        out.insert(c);
    }
    return out;
}

/// The visible characters of `utf8` (NFKC), each with its count.
std::map<UChar32, int> characterCounts(const std::string& utf8)
{
    std::map<UChar32, int> counts;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
    if (U_SUCCESS(status)) {
        text = nfkc->normalize(text, status);
    }
    for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
        const UChar32 c = text.char32At(i);
        if (!u_isUWhiteSpace(c) && !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) && !u_iscntrl(c)) {
            ++counts[c];
        }
    }
    return counts;
}

/// Whether `page` shows `opener`. Left-to-right text as a substring; right-to-left text, which
/// pdftotext gives back with direction marks, split combining marks and lam-alef turned round,
/// by its characters: every one of the opener's, as often, in the page.
bool pageShows(const std::string& page, const std::string& opener)
{
    if (page.find(opener) != std::string::npos) {
        return true;
    }
    const auto wanted = characterCounts(opener);
    const bool rightToLeft = std::any_of(wanted.begin(), wanted.end(), [](const auto& entry) {
        const auto direction = u_charDirection(entry.first);
        return direction == U_RIGHT_TO_LEFT || direction == U_RIGHT_TO_LEFT_ARABIC;
    });
    if (!rightToLeft) {
        return false;
    }
    const auto found = characterCounts(page);
    return std::all_of(wanted.begin(), wanted.end(), [&](const auto& entry) {
        const auto at = found.find(entry.first);
        return at != found.end() && at->second >= entry.second;
    });
}

/// The text content of the composed XHTML's body (libxml2; the composer's output is well-formed).
std::string bodyText(const std::string& xhtml)
{
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        xmlReadMemory(xhtml.data(), static_cast<int>(xhtml.size()), "letter.xhtml", "UTF-8",
                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
        &xmlFreeDoc);
    if (!doc) {
        throw Error(ErrorCode::Internal, "the composed letter could not be read back", "LayoutCheck: not well-formed");
    }
    // The body only: the head holds the style sheet, which is not printed.
    const xmlNode* body = xmlDocGetRootElement(doc.get());
    for (const xmlNode* n = body != nullptr ? body->children : nullptr; n != nullptr; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, reinterpret_cast<const xmlChar*>("body"))) {
            body = n;
        }
    }
    xmlChar* content = xmlNodeGetContent(body);
    const std::string text = content != nullptr ? reinterpret_cast<const char*>(content) : "";
    xmlFree(content);
    return text;
}

std::string lastLineOf(const std::string& page)
{
    std::string last;
    std::istringstream lines(page);
    for (std::string line; std::getline(lines, line);) {
        const auto first = line.find_first_not_of(" \t\r");
        if (first != std::string::npos) {
            last = line.substr(first);
        }
    }
    return last;
}

} // namespace

namespace {

/// The values of the keys `wanted` says yes to, in every catalog in `localesDir`, each up to its
/// first parameter and at least 4 bytes long.
std::vector<std::string> catalogValues(const std::string& localesDir, const std::function<bool(const std::string&)>& wanted)
{
    std::vector<std::string> values;
    for (Poco::DirectoryIterator it(localesDir), end; it != end; ++it) {
        if (Poco::Path(it.name()).getExtension() != "txt") {
            continue;
        }
        std::ifstream in(it.path().toString());
        for (std::string line; std::getline(in, line);) {
            const auto key = line.find('"');
            const auto keyEnd = key == std::string::npos ? key : line.find('"', key + 1);
            const auto value = keyEnd == std::string::npos ? keyEnd : line.find("{ \"", keyEnd);
            if (value == std::string::npos) {
                continue;
            }
            const std::string name = line.substr(key + 1, keyEnd - key - 1);
            if (!wanted(name)) {
                continue;
            }
            const auto close = line.rfind("\" }");
            if (close == std::string::npos || close < value + 3) {
                continue;
            }
            std::string text = line.substr(value + 3, close - value - 3);
            text = text.substr(0, text.find('{'));
            if (text.size() >= 4) {
                values.push_back(text);
            }
        }
    }
    return values;
}

} // namespace

std::vector<std::string> catalogHeadings(const std::string& localesDir)
{
    return catalogValues(localesDir, [](const std::string& name) {
        const bool heading = name.size() > 8 && name.compare(name.size() - 8, 8, ".heading") == 0;
        return heading || name == "beslut.motivation";
    });
}

std::vector<std::string> catalogPartOpeners(const std::string& localesDir)
{
    return catalogValues(localesDir, [](const std::string& name) {
        return name == "translation.heading" || name == "summary.heading" || name == "draft.banner";
    });
}

std::vector<std::string> checkLayout(const LayoutInput& input, const i18n::Catalog& words)
{
    std::vector<std::string> problems;
    const std::vector<Page> pages = readPages(input.pdfPath);
    const ToolOutput plain = runTool("pdftotext", {"-layout", "-enc", "UTF-8", input.pdfPath, "-"});
    std::vector<std::string> pageTexts;
    std::istringstream split(plain.text);
    for (std::string page; std::getline(split, page, '\f');) {
        pageTexts.push_back(page);
    }

    // Body type size: the most common word height of the whole letter, to 0.1 pt. The engine
    // shrinks a whole letter at once, and a page may hold only the 9.5 pt contact block.
    {
        std::map<long, int> heights;
        for (const Page& page : pages) {
            for (const Word& w : page.words) {
                ++heights[std::lround((w.yMax - w.yMin) * 10)];
            }
        }
        if (!heights.empty()) {
            const auto common = std::max_element(heights.begin(), heights.end(),
                [](const auto& a, const auto& b) { return a.second < b.second; });
            const double height = static_cast<double>(common->first) / 10.0;
            if (height < 0.95 * BODY_WORD_HEIGHT_PT) {
                std::ostringstream out;
                out.precision(1);
                out << std::fixed << height / 1.117;
                problems.push_back(words.message("tool.layout.shrunk", {{"size", out.str()}}));
            }
        }
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const std::int64_t page = static_cast<std::int64_t>(i) + 1;
        const auto& boxes = pages[i].words;
        // Text area, page label, window.
        double lowest = 0.0;
        int outside = 0;
        std::string firstLeft;
        std::string firstTop;
        for (const Word& w : boxes) {
            const bool label = w.yMax < (TEXT_TOP_MM - TOLERANCE_MM) * MM && w.xMin > 100 * MM;
            lowest = label ? lowest : std::max(lowest, w.yMax);
            const bool inside = label
                || (w.xMin >= (TEXT_LEFT_MM - TOLERANCE_MM) * MM && w.xMax <= (TEXT_RIGHT_MM + TOLERANCE_MM) * MM
                    && w.yMin >= (TEXT_TOP_MM - 1.5) * MM && w.yMax <= (TEXT_BOTTOM_MM + TOLERANCE_MM) * MM);
            if (!inside && outside++ == 0) {
                firstLeft = mm(w.xMin);
                firstTop = mm(w.yMin);
            }
            if (i == 0 && w.yMin >= WINDOW_TOP_MM * MM && w.yMin < 89 * MM && w.xMin < 112 * MM) {
                const bool inWindow = w.xMin >= WINDOW_LEFT_MM * MM && w.xMax <= WINDOW_RIGHT_MM * MM
                    && w.yMax <= WINDOW_BOTTOM_MM * MM;
                if (!inWindow) {
                    problems.push_back(words.message("tool.layout.outside-window",
                                                     {{"page", page}, {"left", mm(w.xMin)}, {"right", mm(w.xMax)},
                                                      {"top", mm(w.yMin)}, {"bottom", mm(w.yMax)}}));
                }
            }
        }
        if (outside > 0) {
            problems.push_back(words.message("tool.layout.outside-text-area",
                                             {{"page", page}, {"count", std::int64_t{outside}}, {"left", firstLeft}, {"top", firstTop}}));
        }
        // Page flow: all but the last page, and but the page before a part that opens a page.
        bool partFollows = false;
        if (i + 1 < pageTexts.size()) {
            const std::string next = pageTexts[i + 1].substr(0, 1200);
            for (const std::string& opener : input.partOpeners) {
                partFollows = partFollows || pageShows(next, opener);
            }
        }
        if (i + 1 < pages.size()) {
            const double filled = (TEXT_TOP_MM + (TEXT_BOTTOM_MM - TEXT_TOP_MM) * 2.0 / 3.0) * MM;
            if (lowest < filled && !partFollows) {
                problems.push_back(words.message("tool.layout.third-empty", {{"page", page}, {"bottom", mm(lowest)}}));
            }
            if (i < pageTexts.size()) {
                const std::string last = lastLineOf(pageTexts[i]);
                for (const std::string& heading : input.headings) {
                    if (last.rfind(heading, 0) == 0) {
                        problems.push_back(words.message("tool.layout.heading-at-foot", {{"page", page}}));
                        break;
                    }
                }
            }
        }
    }

    // Every character of the letter is in the PDF.
    const std::set<UChar32> wanted = visibleCharacters(bodyText(input.xhtml));
    const std::set<UChar32> found = visibleCharacters(plain.text);
    int missing = 0;
    std::string firstMissing;
    for (const UChar32 c : wanted) {
        if (found.count(c) == 0 && missing++ == 0) {
            firstMissing = i18n::scriptDisplayName(i18n::scriptCode(static_cast<char32_t>(c)), words.localeId());
        }
    }
    if (missing > 0) {
        problems.push_back(words.message("tool.layout.missing-characters",
                                         {{"count", std::int64_t{missing}}, {"script", firstMissing}}));
    }
    return problems;
}

} // namespace kansli::templates
