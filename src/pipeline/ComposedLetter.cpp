#include "pipeline/ComposedLetter.h"

#include "casefile/XmlNode.h"
#include "core/Error.h"

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include <cstring>
#include <sstream>

namespace kansli::pipeline {

XmlDocPtr readComposedLetter(std::string_view xhtml)
{
    XmlDocPtr doc(xmlReadMemory(xhtml.data(), static_cast<int>(xhtml.size()), "letter.xhtml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc) {
        throw Error(ErrorCode::Internal, "the composed letter could not be read back", "not well-formed XHTML");
    }
    return doc;
}

std::string writeComposedLetter(const xmlDoc* letter)
{
    xmlBufferPtr buffer = xmlBufferCreate();
    xmlSaveCtxtPtr save = xmlSaveToBuffer(buffer, "UTF-8", XML_SAVE_NO_DECL);
    xmlSaveDoc(save, const_cast<xmlDoc*>(letter));
    xmlSaveClose(save);
    std::string out(reinterpret_cast<const char*>(xmlBufferContent(buffer)), static_cast<std::size_t>(xmlBufferLength(buffer)));
    xmlBufferFree(buffer);
    return out;
}

bool isXhtmlElement(const xmlNode* node, const char* name)
{
    return node != nullptr && node->type == XML_ELEMENT_NODE
        && (node->ns == nullptr || std::strcmp(reinterpret_cast<const char*>(node->ns->href), "http://www.w3.org/1999/xhtml") == 0)
        && std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

bool hasClass(const xmlNode* node, const char* name)
{
    const auto value = casefile::xml::attribute(node, "class");
    if (!value) {
        return false;
    }
    std::istringstream words(*value);
    for (std::string word; words >> word;) {
        if (word == name) {
            return true;
        }
    }
    return false;
}

} // namespace kansli::pipeline
