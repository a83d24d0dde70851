#include "pipeline/ContinuedTables.h"

#include "core/Error.h"
#include "casefile/XmlNode.h"
#include "render/RowMarkers.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include <algorithm>
#include <cstring>
#include <sstream>

namespace kansli::pipeline {

namespace {

/// The attribute's value; empty when absent.
std::string attribute(const xmlNode* node, const char* name)
{
    return casefile::xml::attribute(node, name).value_or(std::string());
}

void setAttribute(xmlNode* node, const char* name, const std::string& value)
{
    xmlSetProp(node, reinterpret_cast<const xmlChar*>(name), reinterpret_cast<const xmlChar*>(value.c_str()));
}

void addClass(xmlNode* node, const char* name)
{
    if (!hasClass(node, name)) {
        const std::string classes = attribute(node, "class");
        setAttribute(node, "class", classes.empty() ? name : classes + " " + name);
    }
}

void startPageBefore(xmlNode* node)
{
    setAttribute(node, "style", attribute(node, "style") + "page-break-before: always;");
}

std::vector<xmlNode*> childElements(xmlNode* parent, const char* name)
{
    std::vector<xmlNode*> out;
    for (xmlNode* child = parent->children; child != nullptr; child = child->next) {
        if (isXhtmlElement(child, name)) {
            out.push_back(child);
        }
    }
    return out;
}

/// The body rows of a table: `tr` in its `tbody` elements or directly in it, in order.
std::vector<xmlNode*> bodyRows(xmlNode* table)
{
    std::vector<xmlNode*> rows;
    for (xmlNode* child = table->children; child != nullptr; child = child->next) {
        if (isXhtmlElement(child, "tbody")) {
            for (xmlNode* tr : childElements(child, "tr")) {
                rows.push_back(tr);
            }
        } else if (isXhtmlElement(child, "tr")) {
            rows.push_back(child);
        }
    }
    return rows;
}

std::vector<xmlNode*> cells(xmlNode* tr)
{
    std::vector<xmlNode*> out;
    for (xmlNode* child = tr->children; child != nullptr; child = child->next) {
        if (isXhtmlElement(child, "td") || isXhtmlElement(child, "th")) {
            out.push_back(child);
        }
    }
    return out;
}

xmlNode* newMarker(xmlDoc* doc, xmlNs* ns, int id)
{
    xmlNode* img = xmlNewDocNode(doc, ns, reinterpret_cast<const xmlChar*>("img"), nullptr);
    setAttribute(img, "class", render::ROW_MARKER_CLASS);
    setAttribute(img, "alt", "");
    setAttribute(img, "style", render::ROW_MARKER_STYLE);
    setAttribute(img, "src", render::rowMarkerSource(id));
    return img;
}

void removeMarkers(xmlNode* node)
{
    xmlNode* child = node->children;
    while (child != nullptr) {
        xmlNode* next = child->next;
        if (isXhtmlElement(child, "img") && hasClass(child, render::ROW_MARKER_CLASS)) {
            xmlUnlinkNode(child);
            xmlFreeNode(child);
        } else if (child->type == XML_ELEMENT_NODE) {
            removeMarkers(child);
        }
        child = next;
    }
}

} // namespace

struct ContinuedTables::Row {
    xmlNode* tr = nullptr;
    int start = -1;         ///< marker at the start of its first cell; -1: none
    bool opensPage = false; ///< starts a page under a header row of its own (after a split)
};

struct ContinuedTables::Table {
    xmlNode* thead = nullptr; ///< the header to repeat
    int headStart = -1;       ///< marker in the header row
    std::vector<Row> rows;    ///< body rows, over every physical table of this logical one
};

ContinuedTables::ContinuedTables(std::string_view xhtml) : ContinuedTables(readComposedLetter(xhtml))
{
}

ContinuedTables::ContinuedTables(XmlDocPtr letter, int firstMarker) : _doc(std::move(letter)), _markers(firstMarker)
{
    auto nextMarker = [this]() { return _markers <= render::ROW_MARKER_MAX ? _markers++ : -1; };
    auto mark = [this](xmlNode* cell, int id) {
        if (id < 0) {
            return;
        }
        xmlNode* img = newMarker(_doc.get(), cell->ns, id);
        if (cell->children != nullptr) {
            xmlAddPrevSibling(cell->children, img);
        } else {
            xmlAddChild(cell, img);
        }
    };
    // Document order: a table without a header continues the one before it.
    std::vector<xmlNode*> stack{xmlDocGetRootElement(_doc.get())};
    std::vector<xmlNode*> tables;
    while (!stack.empty()) {
        xmlNode* node = stack.back();
        stack.pop_back();
        if (isXhtmlElement(node, "table") && hasClass(node, "rows")) {
            tables.push_back(node);
            continue; // no data table inside a data table
        }
        std::vector<xmlNode*> children;
        for (xmlNode* child = node->children; child != nullptr; child = child->next) {
            if (child->type == XML_ELEMENT_NODE) {
                children.push_back(child);
            }
        }
        stack.insert(stack.end(), children.rbegin(), children.rend());
    }
    for (xmlNode* table : tables) {
        const std::vector<xmlNode*> heads = childElements(table, "thead");
        if (!heads.empty()) {
            Table logical;
            logical.thead = heads.front();
            const std::vector<xmlNode*> headRows = childElements(logical.thead, "tr");
            if (!headRows.empty() && !cells(headRows.front()).empty()) {
                logical.headStart = nextMarker();
                mark(cells(headRows.front()).front(), logical.headStart);
            }
            _tables.push_back(std::move(logical));
        } else if (_tables.empty()) {
            continue; // rows without any header above them: nothing to repeat
        }
        for (xmlNode* tr : bodyRows(table)) {
            const std::vector<xmlNode*> rowCells = cells(tr);
            if (rowCells.empty()) {
                continue;
            }
            Row row;
            row.tr = tr;
            row.start = nextMarker();
            mark(rowCells.front(), row.start);
            _tables.back().rows.push_back(row);
        }
    }
}

ContinuedTables::~ContinuedTables() = default;

bool ContinuedTables::needed() const noexcept
{
    return std::any_of(_tables.begin(), _tables.end(),
                       [](const Table& t) { return t.headStart >= 0 && !t.rows.empty(); });
}

std::string ContinuedTables::xhtml() const
{
    return writeComposedLetter(_doc.get());
}

int ContinuedTables::maxMarker() const
{
    return _markers - 1;
}

bool ContinuedTables::relayout(const render::RowMarkerPages& pages)
{
    auto pageOf = [&pages](int id) {
        const auto it = pages.find(id);
        return it == pages.end() ? -1 : it->second;
    };
    for (Table& table : _tables) {
        int page = pageOf(table.headStart); // the page the table has reached so far
        if (page < 0) {
            continue;
        }
        for (std::size_t i = 0; i < table.rows.size(); ++i) {
            Row& row = table.rows[i];
            const int start = pageOf(row.start);
            if (start < 0) {
                continue; // not drawn (beyond the marker limit): nothing known
            }
            // The row begins on a page the header is not on.
            if (start > page && !row.opensPage) {
                split(table, i);
                return true;
            }
            page = start;
        }
    }
    return false;
}

void ContinuedTables::split(Table& table, std::size_t index)
{
    Row& row = table.rows[index];
    row.opensPage = true;
    xmlNode* section = row.tr->parent;
    xmlNode* physical = isXhtmlElement(section, "tbody") ? section->parent : section;
    const std::vector<xmlNode*> rows = bodyRows(physical);
    auto headerCopy = [&]() {
        xmlNode* copy = xmlDocCopyNode(table.thead, _doc.get(), 1);
        removeMarkers(copy);
        return copy;
    };
    if (!rows.empty() && rows.front() == row.tr) {
        if (!childElements(physical, "thead").empty()) {
            // The header row itself was left at a page foot: move the table, with the lead-in
            // kept with it (a `keep` block around it), to the next page.
            xmlNode* parent = physical->parent;
            startPageBefore(isXhtmlElement(parent, "div") && hasClass(parent, "keep") ? parent : physical);
            return;
        }
        // A continuation table that starts a page: it gets the header itself.
        xmlNode* first = physical->children;
        xmlNode* head = headerCopy();
        if (first != nullptr) {
            xmlAddPrevSibling(first, head);
        } else {
            xmlAddChild(physical, head);
        }
        addClass(physical, "continued");
        startPageBefore(physical);
        ++_repeated;
        return;
    }
    // The rest of the rows go into a table of their own, after this one.
    xmlNode* rest = xmlDocCopyNode(physical, _doc.get(), 2); // the element and its attributes
    xmlAddNextSibling(physical, rest);
    xmlAddChild(rest, headerCopy());
    xmlNode* body = xmlNewDocNode(_doc.get(), physical->ns, reinterpret_cast<const xmlChar*>("tbody"), nullptr);
    xmlAddChild(rest, body);
    bool moving = false;
    for (xmlNode* tr : rows) {
        moving = moving || tr == row.tr;
        if (moving) {
            xmlUnlinkNode(tr);
            xmlAddChild(body, tr);
        }
    }
    addClass(rest, "continued");
    startPageBefore(rest);
    ++_repeated;
}

} // namespace kansli::pipeline
