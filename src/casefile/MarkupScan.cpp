#include "casefile/MarkupScan.h"

#include <map>
#include <string>
#include <vector>

namespace kansli::casefile {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool endsName(char c)
{
    return isSpace(c) || c == '/' || c == '>' || c == '=';
}

/// One open element on the path: its name and how many children of each name it has had.
struct Open {
    std::string step; ///< "criterion[2]"
    std::map<std::string, int> children;
};

class Scanner {
public:
    Scanner(std::string_view bytes, const MarkupLimits& limits)
        : _bytes(bytes)
        , _limits(limits)
    {
    }

    std::optional<Finding> run()
    {
        while (_at < _bytes.size()) {
            const std::size_t lt = _bytes.find('<', _at);
            if (lt == std::string_view::npos) {
                advanceTo(_bytes.size());
                break;
            }
            advanceTo(lt);
            const std::string_view rest = _bytes.substr(lt);
            if (rest.substr(0, 4) == "<!--") {
                if (!skipPast("-->", 4))
                    return std::nullopt;
            } else if (rest.substr(0, 9) == "<![CDATA[") {
                if (!skipPast("]]>", 9))
                    return std::nullopt;
            } else if (rest.substr(0, 2) == "<?") {
                if (!skipPast("?>", 2))
                    return std::nullopt;
            } else if (rest.substr(0, 2) == "<!") {
                return std::nullopt; // a DOCTYPE: the parser refuses it before anything else
            } else if (rest.substr(0, 2) == "</") {
                advanceTo(lt + 2);
                const std::string_view name = readName();
                if (name.size() > _limits.maxNameLength)
                    return nameTooLong("endTag");
                if (!_path.empty())
                    _path.pop_back();
                const std::size_t gt = _bytes.find('>', _at);
                if (gt == std::string_view::npos)
                    return std::nullopt;
                advanceTo(gt + 1);
            } else {
                std::optional<Finding> finding;
                if (!startTag(lt, finding))
                    return finding;
            }
        }
        return std::nullopt;
    }

private:
    /// Reads one start tag from `lt`. False when scanning stops (`finding` set when a limit was hit).
    bool startTag(std::size_t lt, std::optional<Finding>& finding)
    {
        advanceTo(lt + 1);
        const std::string_view name = readName();
        if (name.empty())
            return false; // a stray '<': the parser reports it
        if (name.size() > _limits.maxNameLength) {
            finding = nameTooLong("element");
            return false;
        }
        open(name);
        std::size_t attributes = 0;
        for (;;) {
            skipSpaces();
            if (_at >= _bytes.size())
                return false;
            const char c = _bytes[_at];
            if (c == '>') {
                advanceTo(_at + 1);
                return true;
            }
            if (c == '/') {
                if (_at + 1 < _bytes.size() && _bytes[_at + 1] == '>') {
                    advanceTo(_at + 2);
                    close();
                    return true;
                }
                return false;
            }
            const std::string_view attribute = readName();
            if (attribute.empty())
                return false;
            if (attribute.size() > _limits.maxNameLength) {
                finding = nameTooLong("attribute");
                return false;
            }
            if (++attributes > _limits.maxAttributes) {
                finding = make(CODE_XML_ATTRIBUTES, "xml.attributes",
                               {FindingArg{"max", std::to_string(_limits.maxAttributes), FindingArg::Kind::Number}});
                return false;
            }
            skipSpaces();
            if (_at >= _bytes.size() || _bytes[_at] != '=')
                return false;
            advanceTo(_at + 1);
            skipSpaces();
            if (_at >= _bytes.size() || (_bytes[_at] != '"' && _bytes[_at] != '\''))
                return false;
            const std::size_t close = _bytes.find(_bytes[_at], _at + 1);
            if (close == std::string_view::npos)
                return false;
            advanceTo(close + 1);
        }
    }

    std::string_view readName()
    {
        const std::size_t start = _at;
        std::size_t end = start;
        while (end < _bytes.size() && !endsName(_bytes[end]) && _bytes[end] != '<' && _bytes[end] != '"'
            && _bytes[end] != '\'') {
            ++end;
        }
        advanceTo(end);
        return _bytes.substr(start, end - start);
    }

    void skipSpaces()
    {
        std::size_t end = _at;
        while (end < _bytes.size() && isSpace(_bytes[end]))
            ++end;
        advanceTo(end);
    }

    bool skipPast(std::string_view terminator, std::size_t from)
    {
        const std::size_t end = _bytes.find(terminator, _at + from);
        if (end == std::string_view::npos)
            return false;
        advanceTo(end + terminator.size());
        return true;
    }

    /// Moves forward, counting lines on the way (each byte is counted once).
    void advanceTo(std::size_t to)
    {
        for (; _at < to && _at < _bytes.size(); ++_at) {
            if (_bytes[_at] == '\n')
                ++_line;
        }
    }

    void open(std::string_view name)
    {
        if (static_cast<int>(_path.size()) >= _limits.maxDepth) {
            _path.push_back({"*", {}});
            return;
        }
        std::string step(name);
        if (!_path.empty()) {
            const int n = ++_path.back().children[step];
            if (n > 1)
                step += "[" + std::to_string(n) + "]";
        }
        _path.push_back({step, {}});
    }

    void close()
    {
        if (!_path.empty())
            _path.pop_back();
    }

    std::string xpath() const
    {
        std::string out;
        for (const auto& open : _path)
            out += "/" + open.step;
        return out;
    }

    /// `what`: endTag, element or attribute (the catalog message selects its words by it).
    Finding nameTooLong(const char* what)
    {
        return make(CODE_XML_NAME, "xml.name-too-long",
                    {FindingArg{"what", what, FindingArg::Kind::Text},
                     FindingArg{"max", std::to_string(_limits.maxNameLength), FindingArg::Kind::Number}});
    }

    /// A finding with the catalogs' message "finding.<messageId>" (locales/).
    Finding make(const char* code, const char* messageId, std::vector<FindingArg> args) const
    {
        Finding finding;
        finding.code = code;
        finding.messageId = messageId;
        finding.args = std::move(args);
        finding.line = _line;
        finding.xpath = xpath();
        return finding;
    }

    std::string_view _bytes;
    const MarkupLimits& _limits;
    std::size_t _at = 0;
    int _line = 1;
    std::vector<Open> _path;
};

} // namespace

std::optional<Finding> scanMarkup(std::string_view bytes, const MarkupLimits& limits)
{
    return Scanner(bytes, limits).run();
}

} // namespace kansli::casefile
