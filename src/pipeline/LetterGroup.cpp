#include "pipeline/LetterGroup.h"

#include "core/Error.h"
#include "render/RowMarkers.h"

#include <algorithm>

namespace kansli::pipeline {

int LetterGroup::reserveStart()
{
    return _next++;
}

void LetterGroup::add(const std::string& xhtml, int startMarker, int lastMarker)
{
    // The composer writes <body> without attributes and one <body> per letter.
    const std::string open = "<body>";
    const std::size_t body = xhtml.find(open);
    const std::size_t end = xhtml.rfind("</body>");
    if (body == std::string::npos || end == std::string::npos || end < body) {
        throw Error(ErrorCode::Internal, "a letter could not be joined to a batch", "no <body> in the composed letter");
    }
    const std::size_t inner = body + open.size();
    // The first paragraph of the letter: its start marker goes at the head of its first line.
    std::size_t paragraph = xhtml.find("<p", inner);
    while (paragraph != std::string::npos && paragraph < end && xhtml[paragraph + 2] != '>'
           && xhtml[paragraph + 2] != ' ') {
        paragraph = xhtml.find("<p", paragraph + 2);
    }
    const std::size_t tagEnd = paragraph == std::string::npos ? std::string::npos : xhtml.find('>', paragraph);
    if (tagEnd == std::string::npos || tagEnd >= end) {
        throw Error(ErrorCode::Internal, "a letter could not be joined to a batch", "no paragraph in the composed letter");
    }
    if (_head.empty()) {
        _head = xhtml.substr(0, inner);
    }
    const std::string marker = std::string("<img class=\"") + render::ROW_MARKER_CLASS + "\" alt=\"\" style=\""
                               + render::ROW_MARKER_STYLE + "\" src=\"" + render::rowMarkerSource(startMarker) + "\"/>";
    // Every letter after the first starts a page of its own.
    _bodies += _starts.empty() ? "<div class=\"k-batch-letter\">" : "<div class=\"k-batch-letter\" style=\"page-break-before: always\">";
    _bodies.append(xhtml, inner, tagEnd + 1 - inner);
    _bodies += marker;
    _bodies.append(xhtml, tagEnd + 1, end - tagEnd - 1);
    _bodies += "</div>";
    _starts.push_back(startMarker);
    _next = std::max({_next, startMarker + 1, lastMarker + 1});
}

std::string LetterGroup::xhtml() const
{
    return _head + _bodies + "</body></html>";
}

} // namespace kansli::pipeline
