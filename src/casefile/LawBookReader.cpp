#include "casefile/LawBookReader.h"

#include "core/Error.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <charconv>
#include <filesystem>
#include <map>
#include <memory>

namespace kansli::casefile {

namespace {

using DocPtr = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

class Reader {
public:
    explicit Reader(std::string path) : _path(std::move(path)) {}

    DocPtr load(const char* rootName) const
    {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(_path, ec)) {
            Location where;
            where.file = _path;
            throw Error(ErrorCode::Io, "a law data file cannot be read", _path, where);
        }
        DocPtr doc(xmlReadFile(_path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING),
                   &xmlFreeDoc);
        if (!doc) {
            const xmlError* err = xmlGetLastError();
            Location where;
            where.file = _path;
            where.line = err != nullptr ? err->line : 0;
            throw Error(ErrorCode::Config, "a law data file is missing or not well-formed XML",
                        err != nullptr && err->message != nullptr ? err->message : "", where);
        }
        const xmlNode* root = xmlDocGetRootElement(doc.get());
        if (root == nullptr || !is(root, rootName)) {
            fail(root, std::string("the root element must be ") + rootName + " in " + LawBookReader::NAMESPACE);
        }
        return doc;
    }

    [[noreturn]] void fail(const xmlNode* node, const std::string& what) const
    {
        Location where;
        where.file = _path;
        where.line = node != nullptr ? static_cast<int>(xmlGetLineNo(node)) : 0;
        throw Error(ErrorCode::Config, "law data: " + what, {}, where);
    }

    static bool is(const xmlNode* node, const char* name)
    {
        return node->type == XML_ELEMENT_NODE && node->ns != nullptr
               && xmlStrEqual(node->ns->href, BAD_CAST LawBookReader::NAMESPACE)
               && xmlStrEqual(node->name, BAD_CAST name);
    }

    static std::vector<const xmlNode*> children(const xmlNode* node, const char* name)
    {
        std::vector<const xmlNode*> out;
        for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
            if (is(c, name)) {
                out.push_back(c);
            }
        }
        return out;
    }

    const xmlNode* child(const xmlNode* node, const char* name) const
    {
        const auto list = children(node, name);
        if (list.size() != 1) {
            fail(node, std::string("expected exactly one element ") + name);
        }
        return list.front();
    }

    static std::optional<std::string> attr(const xmlNode* node, const char* name)
    {
        xmlChar* v = xmlGetProp(node, BAD_CAST name);
        if (v == nullptr) {
            return std::nullopt;
        }
        std::string s(reinterpret_cast<const char*>(v));
        xmlFree(v);
        return s;
    }

    std::string required(const xmlNode* node, const char* name) const
    {
        auto v = attr(node, name);
        if (!v || v->empty()) {
            fail(node, std::string("missing attribute ") + name);
        }
        return *v;
    }

    static std::string text(const xmlNode* node)
    {
        xmlChar* v = xmlNodeGetContent(node);
        std::string s = v != nullptr ? reinterpret_cast<const char*>(v) : "";
        xmlFree(v);
        const auto first = s.find_first_not_of(" \t\r\n");
        const auto last = s.find_last_not_of(" \t\r\n");
        return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
    }

    Date date(const xmlNode* node, const std::string& value) const
    {
        const auto d = Date::parseIso(value);
        if (!d) {
            fail(node, "a date must be YYYY-MM-DD");
        }
        return *d;
    }

    int integer(const xmlNode* node, const std::string& value) const
    {
        int v = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
        if (ec != std::errc() || end != value.data() + value.size()) {
            fail(node, "expected a whole number");
        }
        return v;
    }

    int line(const xmlNode* node) const { return static_cast<int>(xmlGetLineNo(node)); }

private:
    std::string _path;
};

} // namespace

law::StatuteTable LawBookReader::readStatutes(const std::string& path)
{
    Reader r(path);
    const DocPtr doc = r.load("statutes");
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    std::vector<law::StatuteRow> rows;
    for (const xmlNode* n : Reader::children(root, "statute")) {
        law::StatuteRow row;
        row.key = r.required(n, "concept");
        row.validFrom = r.date(n, r.required(n, "validFrom"));
        if (const auto to = Reader::attr(n, "validTo")) {
            row.validTo = r.date(n, *to);
        }
        row.sfs = r.required(n, "sfs");
        row.reference = Reader::text(n);
        row.line = r.line(n);
        rows.push_back(std::move(row));
    }
    try {
        return law::StatuteTable(r.required(root, "version"), r.date(root, r.required(root, "validFrom")),
                                 std::move(rows));
    } catch (const Error& e) {
        Location where = e.location();
        where.file = path;
        throw Error(e.code(), e.publicMessage(), e.internalDetail(), where);
    }
}

law::TargetGroupsEdition LawBookReader::readTargetGroups(const std::string& path)
{
    Reader r(path);
    const DocPtr doc = r.load("targetGroups");
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    law::TargetGroupsEdition edition;
    edition.version = r.required(root, "version");
    edition.validFrom = r.date(root, r.required(root, "validFrom"));
    const xmlNode* jobPlan = r.child(root, "jobPlan");
    edition.jobPlanDueDays = r.integer(jobPlan, r.required(jobPlan, "dueWithinDays"));
    edition.jobPlanSource = r.required(jobPlan, "source");
    const xmlNode* communication = r.child(root, "communication");
    edition.communicationAnswerDays = r.integer(communication, r.required(communication, "answerDays"));
    edition.communicationMinDays = r.integer(communication, r.required(communication, "minDays"));
    edition.communicationMaxDays = r.integer(communication, r.required(communication, "maxDays"));
    edition.communicationSource = r.required(communication, "source");
    if (edition.communicationMinDays < 1 || edition.communicationMinDays > edition.communicationAnswerDays
        || edition.communicationAnswerDays > edition.communicationMaxDays || edition.communicationMaxDays > 365) {
        r.fail(communication, "communication needs 1 <= minDays <= answerDays <= maxDays <= 365");
    }

    struct Range { int min; int max; std::string source; };
    std::map<std::string, Range> ranges;
    for (const xmlNode* n : Reader::children(root, "ageRange")) {
        ranges[r.required(n, "id")] = Range{r.integer(n, r.required(n, "min")),
                                            r.integer(n, r.required(n, "max")), r.required(n, "source")};
    }

    for (const xmlNode* g : Reader::children(root, "targetGroup")) {
        law::TargetGroupRule rule;
        rule.code = r.required(g, "code");
        rule.programme = r.required(g, "programme");
        rule.source = r.required(g, "source");

        const xmlNode* age = r.child(g, "age");
        if (const auto ref = Reader::attr(age, "range")) {
            const auto it = ranges.find(*ref);
            if (it == ranges.end()) {
                r.fail(age, "unknown ageRange");
            }
            rule.minAge = it->second.min;
            rule.maxAge = it->second.max;
            rule.ageSource = it->second.source;
        } else {
            rule.minAge = r.integer(age, r.required(age, "min"));
            rule.maxAge = r.integer(age, r.required(age, "max"));
            rule.ageSource = r.required(age, "source");
        }

        for (const xmlNode* sex : Reader::children(g, "sex")) {
            rule.legalSex = Reader::text(sex);
            rule.sexSource = r.required(sex, "source");
            if (rule.legalSex != "female") {
                r.fail(sex, "sex must be female when given");
            }
        }

        const xmlNode* period = r.child(g, "period");
        rule.standardMonths = r.integer(period, r.required(period, "standardMonths"));
        const std::string longer = r.required(period, "longer");
        if (longer == "forbidden") {
            rule.longer = law::LongerPeriod::Forbidden;
        } else if (longer == "special-reasons") {
            rule.longer = law::LongerPeriod::WithSpecialReasons;
        } else {
            r.fail(period, "longer must be forbidden or special-reasons");
        }
        if (const auto max = Reader::attr(period, "maxMonths")) {
            rule.maxMonths = r.integer(period, *max);
        }
        rule.periodSource = r.required(period, "source");

        for (const xmlNode* c : Reader::children(r.child(g, "criteria"), "criterion")) {
            law::Criterion criterion;
            criterion.id = r.required(c, "id");
            criterion.ageCriterion = Reader::attr(c, "age").value_or("false") == "true";
            rule.criteria.push_back(std::move(criterion));
        }

        const auto deciderRules = [&](const char* element) {
            std::vector<law::DeciderRule> rules;
            for (const xmlNode* m : Reader::children(g, element)) {
                law::DeciderRule decider;
                decider.source = r.required(m, "source");
                for (const xmlNode* n : Reader::children(m, "role")) {
                    decider.roles.push_back(Reader::text(n));
                }
                for (const xmlNode* n : Reader::children(m, "unit")) {
                    decider.units.push_back(Reader::text(n));
                }
                for (const xmlNode* n : Reader::children(m, "unitEndsWith")) {
                    decider.unitSuffixes.push_back(Reader::text(n));
                }
                if (decider.roles.empty() || (decider.units.empty() && decider.unitSuffixes.empty())) {
                    r.fail(m, std::string(element) + " needs at least one role and one unit or unitEndsWith");
                }
                rules.push_back(std::move(decider));
            }
            return rules;
        };
        rule.deciders = deciderRules("mayDecide");
        rule.appealHandlers = deciderRules("mayHandleAppeals");

        for (const xmlNode* c : Reader::children(g, "continuation")) {
            rule.continuationConsult = Reader::attr(c, "consult").value_or("");
            rule.continuationCountsWholeInsats = Reader::attr(c, "countsWholeInsats").value_or("false") == "true";
            rule.continuationSource = r.required(c, "source");
            if (!rule.continuationConsult.empty() && rule.continuationConsult != "arbetsformedlingen"
                && rule.continuationConsult != "coach") {
                r.fail(c, "consult must be arbetsformedlingen or coach");
            }
        }
        edition.groups.push_back(std::move(rule));
    }
    for (const xmlNode* districts : Reader::children(root, "districts")) {
        edition.districtsSource = r.required(districts, "source");
        for (const xmlNode* d : Reader::children(districts, "district")) {
            edition.districts.push_back({r.required(d, "namnd"), r.required(d, "forvaltning")});
        }
    }
    return edition;
}

std::vector<law::AppealInformationDefect> LawBookReader::readAppealInformation(const std::string& path)
{
    Reader r(path);
    const DocPtr doc = r.load("appealInformation");
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    std::vector<law::AppealInformationDefect> defects;
    for (const xmlNode* n : Reader::children(root, "wrong")) {
        law::AppealInformationDefect defect;
        defect.templateId = r.required(n, "template");
        defect.version = r.required(n, "version");
        defect.source = r.required(n, "source");
        defect.what = Reader::text(n);
        if (defect.what.empty()) {
            r.fail(n, "say what was wrong in the element's text");
        }
        defects.push_back(std::move(defect));
    }
    return defects;
}

law::LawBook LawBookReader::read(const std::string& lawDirectory)
{
    const std::string groupsPath = lawDirectory + "/target-groups.xml";
    auto groups = readTargetGroups(groupsPath);
    auto statutes = readStatutes(lawDirectory + "/statutes.xml");
    auto defects = readAppealInformation(lawDirectory + "/appeal-information.xml");
    try {
        return law::LawBook(std::move(groups), std::move(statutes), std::move(defects));
    } catch (const Error& e) {
        Location where = e.location();
        where.file = groupsPath;
        throw Error(e.code(), e.publicMessage(), e.internalDetail(), where);
    }
}

} // namespace kansli::casefile
