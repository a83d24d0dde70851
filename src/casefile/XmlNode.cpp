#include "casefile/XmlNode.h"

#include <cstring>

namespace kansli::casefile::xml {

namespace {

bool isXmlSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char* chars(const xmlChar* text)
{
    return reinterpret_cast<const char*>(text);
}

bool inCaseNamespace(const xmlNode* node)
{
    return node->ns != nullptr && node->ns->href != nullptr
        && std::strcmp(chars(node->ns->href), CASE_NAMESPACE) == 0;
}

bool isCaseElement(const xmlNode* node, std::string_view name)
{
    return node->type == XML_ELEMENT_NODE && inCaseNamespace(node) && node->name != nullptr
        && name == chars(node->name);
}

bool sameName(const xmlNode* a, const xmlNode* b)
{
    if (a->type != b->type || a->name == nullptr || b->name == nullptr) {
        return false;
    }
    if (std::strcmp(chars(a->name), chars(b->name)) != 0) {
        return false;
    }
    const xmlChar* nsA = a->ns != nullptr ? a->ns->href : nullptr;
    const xmlChar* nsB = b->ns != nullptr ? b->ns->href : nullptr;
    if (nsA == nullptr || nsB == nullptr) {
        return nsA == nsB;
    }
    return std::strcmp(chars(nsA), chars(nsB)) == 0;
}

} // namespace

xmlNode* child(const xmlNode* parent, std::string_view name)
{
    if (parent == nullptr) {
        return nullptr;
    }
    for (xmlNode* node = parent->children; node != nullptr; node = node->next) {
        if (isCaseElement(node, name)) {
            return node;
        }
    }
    return nullptr;
}

std::vector<xmlNode*> children(const xmlNode* parent, std::string_view name)
{
    std::vector<xmlNode*> found;
    if (parent == nullptr) {
        return found;
    }
    for (xmlNode* node = parent->children; node != nullptr; node = node->next) {
        if (isCaseElement(node, name)) {
            found.push_back(node);
        }
    }
    return found;
}

xmlAttr* attributeNode(const xmlNode* element, std::string_view name)
{
    if (element == nullptr || element->type != XML_ELEMENT_NODE) {
        return nullptr;
    }
    for (xmlAttr* attr = element->properties; attr != nullptr; attr = attr->next) {
        // The case format's attributes are unqualified (attributeFormDefault="unqualified").
        if (attr->ns == nullptr && attr->name != nullptr && name == chars(attr->name)) {
            return attr;
        }
    }
    return nullptr;
}

std::optional<std::string> attribute(const xmlNode* element, std::string_view name)
{
    xmlAttr* attr = attributeNode(element, name);
    if (attr == nullptr) {
        return std::nullopt;
    }
    return text(reinterpret_cast<const xmlNode*>(attr));
}

std::string text(const xmlNode* node)
{
    if (node == nullptr) {
        return {};
    }
    xmlChar* content = xmlNodeGetContent(node);
    if (content == nullptr) {
        return {};
    }
    std::string result(chars(content));
    xmlFree(content);
    return result;
}

std::string ownText(const xmlNode* element)
{
    std::string own;
    for (const xmlNode* t = element != nullptr ? element->children : nullptr; t != nullptr; t = t->next) {
        if (t->type == XML_TEXT_NODE && t->content != nullptr) {
            own += chars(t->content);
        }
    }
    return own;
}

std::string trim(std::string_view text)
{
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && isXmlSpace(text[begin])) {
        ++begin;
    }
    while (end > begin && isXmlSpace(text[end - 1])) {
        --end;
    }
    return std::string(text.substr(begin, end - begin));
}

std::string collapse(std::string_view text)
{
    std::string result;
    result.reserve(text.size());
    bool pendingSpace = false;
    for (char c : text) {
        if (isXmlSpace(c)) {
            pendingSpace = !result.empty();
            continue;
        }
        if (pendingSpace) {
            result += ' ';
            pendingSpace = false;
        }
        result += c;
    }
    return result;
}

std::string xpathOf(const xmlNode* node)
{
    if (node == nullptr) {
        return {};
    }
    std::string suffix;
    if (node->type == XML_ATTRIBUTE_NODE) {
        suffix = "/@" + std::string(node->name != nullptr ? chars(node->name) : "");
        node = node->parent;
    }
    while (node != nullptr && node->type != XML_ELEMENT_NODE) {
        node = node->parent;
    }
    std::string path;
    for (; node != nullptr && node->type == XML_ELEMENT_NODE; node = node->parent) {
        int position = 0;
        int count = 0;
        const xmlNode* first = node->parent != nullptr ? node->parent->children : node;
        for (const xmlNode* sibling = first; sibling != nullptr; sibling = sibling->next) {
            if (sameName(sibling, node)) {
                ++count;
                if (sibling == node) {
                    position = count;
                }
            }
        }
        std::string step = "/" + std::string(node->name != nullptr ? chars(node->name) : "");
        if (count > 1) {
            step += "[" + std::to_string(position) + "]";
        }
        path = step + path;
    }
    return path + suffix;
}

int lineOf(const xmlNode* node)
{
    if (node == nullptr) {
        return 0;
    }
    if (node->type == XML_ATTRIBUTE_NODE) {
        node = node->parent;
    }
    if (node == nullptr) {
        return 0;
    }
    long line = xmlGetLineNo(node);
    return line > 0 && line <= 2147483647L ? static_cast<int>(line) : 0;
}

} // namespace kansli::casefile::xml
