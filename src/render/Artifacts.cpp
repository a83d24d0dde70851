#include "render/Artifacts.h"

#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <set>
#include <string>
#include <vector>

namespace kansli::render {

namespace {

// ISO 32000-1 8.5 (paths), 9.4.3 (text showing), 8.8/8.9.7 (XObjects, inline images), 8.7.4.2 (sh).
const std::set<std::string> UNIT_START = {"m", "re", "Tj", "TJ", "'", "\"", "Do", "BI", "sh"};
const std::set<std::string> UNIT_END = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n",
                                        "Tj", "TJ", "'", "\"", "Do", "EI", "sh"};

/// Walks one content stream token by token. With `wrap`, writes it out with every painting
/// unit outside marked content inside `/Artifact BMC ... EMC`; always counts those units.
class ArtifactFilter : public QPDFObjectHandle::TokenFilter {
public:
    explicit ArtifactFilter(bool wrap) : _wrap(wrap) {}

    void handleToken(QPDFTokenizer::Token const& token) override
    {
        if (token.getType() != QPDFTokenizer::tt_word) {
            _operands.push_back(token);
            return;
        }
        const std::string op = token.getValue();
        if (op == "BDC" || op == "BMC") {
            ++_depth;
        } else if (op == "EMC") {
            _depth = _depth > 0 ? _depth - 1 : 0;
        } else if (_depth == 0 && !_open && UNIT_START.count(op) > 0) {
            ++_units;
            _open = true;
            emit("/Artifact BMC\n");
        }
        flush(token);
        if (_open && UNIT_END.count(op) > 0) {
            _open = false;
            emit("\nEMC\n");
        }
    }

    void handleEOF() override
    {
        for (const auto& t : _operands)
            if (_wrap)
                writeToken(t);
        _operands.clear();
        if (_open)
            emit("\nEMC\n"); // a unit cut off at the end of the stream
        _open = false;
    }

    int units() const noexcept { return _units; }

private:
    void emit(const char* text)
    {
        if (_wrap)
            write(text);
    }

    void flush(QPDFTokenizer::Token const& op)
    {
        if (_wrap) {
            for (const auto& t : _operands)
                writeToken(t);
            writeToken(op);
        }
        _operands.clear();
    }

    bool _wrap;
    int _depth = 0;
    bool _open = false;
    int _units = 0;
    std::vector<QPDFTokenizer::Token> _operands;
};

} // namespace

int markUntaggedAsArtifacts(QPDF& pdf)
{
    int wrapped = 0;
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        ArtifactFilter filter(true);
        Pl_Buffer out("artifacts");
        page.filterContents(&filter, &out);
        if (filter.units() == 0)
            continue;
        wrapped += filter.units();
        std::unique_ptr<Buffer> data(out.getBuffer());
        page.getObjectHandle().replaceKey(
            "/Contents",
            QPDFObjectHandle::newStream(&pdf, std::string(reinterpret_cast<const char*>(data->getBuffer()), data->getSize())));
    }
    return wrapped;
}

int countUntaggedContent(QPDF& pdf)
{
    int units = 0;
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        ArtifactFilter filter(false);
        page.filterContents(&filter);
        units += filter.units();
    }
    return units;
}

} // namespace kansli::render
