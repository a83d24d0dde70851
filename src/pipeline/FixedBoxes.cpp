#include "pipeline/FixedBoxes.h"
#include "pipeline/ComposedLetter.h"

#include "casefile/XmlNode.h"
#include "core/Error.h"
#include "i18n/UnicodeText.h"
#include "render/TextMeasure.h"

#include <libxml/parser.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace kansli::pipeline {

namespace {

constexpr double MM_PER_PT = 25.4 / 72.0;
/// TextMeasure agrees with the engine within 1 %; a line may use 98 % of its column.
constexpr double WIDTH_MARGIN = 0.98;

struct ParagraphStyle {
    render::TextStyle text;
    double lineHeight = 1.35; ///< CSS line-height, a multiple of the font size
    double marginBottomMm = 0.0;

    double pitchMm() const { return text.sizePt * lineHeight * MM_PER_PT; }
};

/// One fixed box of page 1, as xsl/layout.xsl sets it.
struct BoxSpec {
    const char* htmlClass;
    const char* code;
    const char* key;    ///< the box in the findings' catalog keys (layout.lines.<key>, …)
    double widthMm;     ///< CSS width (content box)
    double heightMm;    ///< height available to the text
    ParagraphStyle body;
    /// Paragraph classes with their own style.
    std::vector<std::pair<const char*, ParagraphStyle>> special;
    /// The case file's element the finding names: the first of these paths that exists.
    std::vector<std::vector<const char*>> fields;
};

const std::vector<BoxSpec>& boxes()
{
    static const std::vector<BoxSpec> specs = {
        // .window { width: 84mm; height: 37mm; padding: 5mm 0 0 2mm; font-size: 11pt; line-height: 1.3 }
        {"window", "layout.window-overflow", "window", 84.0, 37.0, {{11.0, false}, 1.3, 0.0}, {},
         {{"applicant", "address"}, {"applicant", "protectedIdentity", "forwardingAddress"}, {"applicant"}}},
        // .letterhead { height: 25mm } .sender { width: 92mm } .sender .namnd { bold 12pt }
        {"sender", "layout.letterhead-overflow", "sender", 92.0, 25.0,
         {{11.0, false}, 1.35, 0.0}, {{"namnd", {{12.0, true}, 1.35, 0.0}}}, {{"authority"}}},
        // .docinfo { width: 72mm } .docinfo .kind { bold 13pt; margin-bottom: 1.5mm }
        {"docinfo", "layout.letterhead-overflow", "docinfo", 72.0, 25.0,
         {{11.0, false}, 1.35, 0.0}, {{"kind", {{13.0, true}, 1.35, 1.5}}}, {{"diarienummer"}}},
    };
    return specs;
}

const xmlNode* findBox(const xmlNode* node, const char* htmlClass)
{
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (isXhtmlElement(n, "div") && hasClass(n, htmlClass)) {
            return n;
        }
        if (const xmlNode* inside = findBox(n->children, htmlClass)) {
            return inside;
        }
    }
    return nullptr;
}

/// The paragraphs of a box in document order (a nested div's paragraphs count as the box's).
void paragraphs(const xmlNode* node, std::vector<const xmlNode*>& out)
{
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
        if (isXhtmlElement(n, "p")) {
            out.push_back(n);
        } else if (n->type == XML_ELEMENT_NODE) {
            paragraphs(n->children, out);
        }
    }
}

bool containsBold(const xmlNode* node)
{
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
        if (isXhtmlElement(n, "strong") || isXhtmlElement(n, "b") || (n->type == XML_ELEMENT_NODE && containsBold(n->children))) {
            return true;
        }
    }
    return false;
}

/// The first span of class "nobr" inside `node` (a number set on one line), or null.
const xmlNode* findNobr(const xmlNode* node)
{
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
        if (isXhtmlElement(n, "span") && hasClass(n, "nobr")) {
            return n;
        }
        if (n->type == XML_ELEMENT_NODE) {
            if (const xmlNode* inside = findNobr(n->children)) {
                return inside;
            }
        }
    }
    return nullptr;
}

/// The text of a paragraph before and after its unbroken span.
std::pair<std::string, std::string> around(const xmlNode* p, const xmlNode* nobr)
{
    std::string before;
    std::string after;
    bool seen = false;
    std::function<void(const xmlNode*)> walk = [&](const xmlNode* node) {
        for (const xmlNode* n = node; n != nullptr; n = n->next) {
            if (n == nobr) {
                seen = true;
                continue;
            }
            if (n->type == XML_TEXT_NODE && n->content != nullptr) {
                (seen ? after : before) += reinterpret_cast<const char*>(n->content);
            }
            walk(n->children);
        }
    };
    walk(p->children);
    return {before, after};
}

const xmlNode* caseField(const xmlDoc* caseDocument, const BoxSpec& box)
{
    const xmlNode* root = xmlDocGetRootElement(caseDocument);
    for (const auto& path : box.fields) {
        const xmlNode* node = root;
        for (const char* step : path) {
            node = node != nullptr ? casefile::xml::child(node, step) : nullptr;
        }
        if (node != nullptr) {
            return node;
        }
    }
    return root;
}

} // namespace

int windowLineCapacity()
{
    const BoxSpec& window = boxes().front();
    return static_cast<int>(std::floor(window.heightMm / window.body.pitchMm()));
}

Findings checkFixedBoxes(const xmlDoc* letter, const xmlDoc* caseDocument, const render::TextMeasure& measure)
{
    Findings findings;
    for (const BoxSpec& box : boxes()) {
        const xmlNode* div = findBox(xmlDocGetRootElement(const_cast<xmlDoc*>(letter)), box.htmlClass);
        if (div == nullptr) {
            continue; // a document without this box (none today): nothing to clip
        }
        std::vector<const xmlNode*> ps;
        paragraphs(div->children, ps);
        double heightMm = 0.0;
        int lineTotal = 0;
        bool unbreakable = false; ///< a number (span.nobr) wider than the column
        std::string perParagraph;
        for (const xmlNode* p : ps) {
            ParagraphStyle style = box.body;
            for (const auto& [htmlClass, special] : box.special) {
                if (hasClass(p, htmlClass)) {
                    style = special;
                }
            }
            if (containsBold(p->children)) {
                style.text.bold = true;
            }
            const double column = box.widthMm * WIDTH_MARGIN;
            const std::string text = casefile::xml::text(p);
            int lines = measure.lines(text, style.text, column);
            if (const xmlNode* nobr = findNobr(p->children)) {
                // An unbroken number: on the line with what precedes it, or on a line of its own.
                const std::string number = casefile::xml::text(nobr);
                if (measure.widthMm(number, style.text) > column) {
                    unbreakable = true;
                }
                const auto [before, after] = around(p, nobr);
                lines = measure.widthMm(text, style.text) <= column
                    ? 1
                    : (i18n::isBlank(before) ? 0 : measure.lines(before, style.text, column)) + 1
                        + (i18n::isBlank(after) ? 0 : measure.lines(after, style.text, column));
            }
            heightMm += lines * style.pitchMm() + style.marginBottomMm;
            lineTotal += lines;
            perParagraph += (perParagraph.empty() ? "" : ", ") + std::to_string(lines);
        }
        if (heightMm <= box.heightMm + 1e-9 && !unbreakable) {
            continue;
        }
        const xmlNode* field = caseField(caseDocument, box);
        Finding finding;
        finding.code = box.code;
        const std::string element = reinterpret_cast<const char*>(field->name);
        auto number = [](const char* name, double value) {
            return FindingArg{name, std::to_string(static_cast<long long>(std::ceil(value - 1e-9))), FindingArg::Kind::Number};
        };
        // As the schema's findings: "Element 'x': " and the message (locales/, finding.layout.*).
        std::string messageId;
        finding.args = {FindingArg{"element", "'" + element + "'", FindingArg::Kind::Text}, number("width", box.widthMm)};
        if (unbreakable) {
            messageId = std::string("layout.unbreakable.") + box.key;
        } else if (box.special.empty()) {
            messageId = std::string("layout.lines.") + box.key;
            finding.args.push_back(number("capacity", windowLineCapacity()));
            finding.args.push_back(number("lines", lineTotal));
        } else {
            messageId = std::string("layout.height.") + box.key;
            finding.args.push_back(number("height", box.heightMm));
            finding.args.push_back(number("needed", heightMm));
        }
        finding.args.push_back(FindingArg{"perParagraph", perParagraph, FindingArg::Kind::Text});
        finding.args.push_back(FindingArg{"message", messageId, FindingArg::Kind::Message});
        finding.messageId = "schema.at.element";
        finding.line = casefile::xml::lineOf(field);
        finding.xpath = casefile::xml::xpathOf(field);
        findings.push_back(std::move(finding));
    }
    return findings;
}

} // namespace kansli::pipeline
