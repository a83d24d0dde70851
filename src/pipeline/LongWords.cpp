#include "pipeline/LongWords.h"

#include "pipeline/ComposedLetter.h"

#include <libxml/xmlstring.h>

#include <array>
#include <string>
#include <vector>

namespace kansli::pipeline {

namespace {

/// Elements whose content starts a line of its own in XHTML: their text is never joined to the
/// text around them. Everything else counts as inline.
bool isBlock(const xmlNode* node)
{
    static constexpr std::array<const char*, 40> BLOCKS = {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"};
    for (const char* name : BLOCKS) {
        if (isXhtmlElement(node, name)) {
            return true;
        }
    }
    return false;
}

/// Elements that end a line where they stand.
bool breaksLine(const xmlNode* node)
{
    return isXhtmlElement(node, "br") || isXhtmlElement(node, "wbr");
}

/// Elements whose content is never set as text.
bool isHidden(const xmlNode* node)
{
    return isXhtmlElement(node, "style") || isXhtmlElement(node, "script") || isXhtmlElement(node, "template");
}

/// A block and the text set in it (its inline content; the text of blocks inside it is theirs).
struct Block {
    xmlNode* element = nullptr;
    std::string text;
};

class Walk {
public:
    std::vector<Block> done;

    void block(xmlNode* element)
    {
        _open.push_back({element, {}});
        inlineContent(element, false);
        done.push_back(std::move(_open.back()));
        _open.pop_back();
    }

private:
    std::vector<Block> _open;

    void inlineContent(xmlNode* parent, bool noBreak)
    {
        for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
            if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
                append(reinterpret_cast<const char*>(child->content), noBreak);
            } else if (child->type != XML_ELEMENT_NODE || isHidden(child)) {
                continue;
            } else if (isBlock(child)) {
                _open.back().text += '\n';
                block(child);
                _open.back().text += '\n';
            } else if (breaksLine(child)) {
                _open.back().text += '\n';
            } else {
                // white-space: nowrap (xsl/layout.xsl) sets a nobr span's spaces unbroken
                inlineContent(child, noBreak || hasClass(child, "nobr"));
            }
        }
    }

    void append(const char* text, bool noBreak)
    {
        if (text == nullptr) {
            return;
        }
        std::string& out = _open.back().text;
        if (!noBreak) {
            out += text;
            return;
        }
        for (const char* c = text; *c != '\0'; ++c) {
            if (*c == ' ' || *c == '\t' || *c == '\n' || *c == '\r') {
                out += "\xC2\xA0"; // U+00A0: joins, as nowrap does
            } else {
                out += *c;
            }
        }
    }
};

void addClass(xmlNode* element, const char* name)
{
    xmlChar* old = xmlGetProp(element, BAD_CAST "class");
    std::string value = old != nullptr ? reinterpret_cast<const char*>(old) : "";
    xmlFree(old);
    value += value.empty() ? "" : " ";
    value += name;
    xmlSetProp(element, BAD_CAST "class", BAD_CAST value.c_str());
}

xmlNode* bodyOf(xmlDoc* letter)
{
    xmlNode* html = xmlDocGetRootElement(letter);
    if (html == nullptr) {
        return nullptr;
    }
    for (xmlNode* child = html->children; child != nullptr; child = child->next) {
        if (isXhtmlElement(child, "body")) {
            return child;
        }
    }
    return nullptr;
}

} // namespace

int markLongWords(xmlDoc* letter, const render::TextMeasure& measure)
{
    xmlNode* body = bodyOf(letter);
    if (body == nullptr) {
        return 0;
    }
    Walk walk;
    walk.block(body);
    int marked = 0;
    for (const Block& b : walk.done) {
        if (measure.hasWordWiderThan(b.text, LONG_WORD_STYLE, LONG_WORD_LIMIT_MM)) {
            addClass(b.element, LONG_WORD_CLASS);
            ++marked;
        }
    }
    return marked;
}

} // namespace kansli::pipeline
