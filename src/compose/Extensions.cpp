#include "compose/Extensions.h"

#include "core/Clock.h"

#include "i18n/Catalog.h"
#include "law/Deadline.h"
#include "law/IdentityNumber.h"
#include "law/LawBook.h"
#include "law/Period.h"

#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/xsltutils.h>

#include <charconv>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace kansli::compose {

namespace {

/// Pops every argument as a string (node-sets become their string value), first argument first.
std::vector<std::string> popStrings(xmlXPathParserContextPtr ctxt, int nargs)
{
    std::vector<std::string> args(static_cast<std::size_t>(nargs));
    for (int i = nargs - 1; i >= 0; --i) {
        xmlChar* value = xmlXPathPopString(ctxt);
        args[static_cast<std::size_t>(i)] = value != nullptr ? reinterpret_cast<const char*>(value) : "";
        xmlFree(value);
    }
    return args;
}

Error functionError(const char* function, const std::string& what)
{
    return Error(ErrorCode::Template, std::string("template function k:") + function + ": " + what,
                 std::string("compose: k:") + function + ": " + what);
}

Date isoDate(const char* function, const std::string& text, const char* argument)
{
    const auto date = Date::parseIso(text);
    if (!date) {
        // The value may be personal data: name the argument, not what it held.
        throw functionError(function, std::string("argument '") + argument + "' is not an ISO date (YYYY-MM-DD)");
    }
    return *date;
}

int integer(const char* function, const std::string& text, const char* argument)
{
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value); // classic, locale-free
    if (ec != std::errc() || ptr != end) {
        throw functionError(function, std::string("argument '") + argument + "' is not an integer");
    }
    return value;
}


/// Runs one function body: arity check, state lookup, and every exception turned into a stopped
/// transform (exceptions must never cross libxslt's C frames).
void run(xmlXPathParserContextPtr ctxt, int nargs, const char* name, int minArgs, int maxArgs,
         const std::function<std::string(TransformState&, std::vector<std::string>&)>& body,
         bool boolean = false)
{
    xsltTransformContextPtr tctxt = xsltXPathGetTransformContext(ctxt);
    auto* state = tctxt != nullptr ? static_cast<TransformState*>(tctxt->_private) : nullptr;
    if (state == nullptr) {
        xmlXPathSetError(ctxt, XPATH_UNKNOWN_FUNC_ERROR);
        return;
    }
    try {
        if (nargs < minArgs || (maxArgs >= 0 && nargs > maxArgs)) {
            xmlXPathSetArityError(ctxt);
            throw functionError(name, "wrong number of arguments");
        }
        std::vector<std::string> args = popStrings(ctxt, nargs);
        const std::string result = body(*state, args);
        if (boolean) {
            valuePush(ctxt, xmlXPathNewBoolean(result == "true" ? 1 : 0));
        } else {
            valuePush(ctxt, xmlXPathNewString(reinterpret_cast<const xmlChar*>(result.c_str())));
        }
        return;
    } catch (const Error& error) {
        if (!state->error) {
            state->error = error;
        }
    } catch (const std::exception& error) {
        if (!state->error) {
            state->error = functionError(name, std::string("failed: ") + error.what());
        }
    }
    xsltTransformError(tctxt, nullptr, tctxt->inst, "kansli: k:%s failed\n", name);
    tctxt->state = XSLT_STATE_STOPPED;
    valuePush(ctxt, xmlXPathNewCString(""));
}

void msgFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(ctxt, nargs, "msg", 1, -1, [](TransformState& state, std::vector<std::string>& args) {
        if (args.size() % 2 == 0) {
            throw functionError("msg", "arguments after the key must be name, value pairs (key " + args.at(0) + ")");
        }
        i18n::MessageArgs params;
        for (std::size_t i = 1; i + 1 < args.size(); i += 2) {
            params.push_back({args.at(i), args.at(i + 1)});
        }
        return state.catalog->message(args.at(0), params);
    });
}

void dateFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(ctxt, nargs, "date", 1, 1, [](TransformState& state, std::vector<std::string>& args) {
        return state.catalog->formatDate(isoDate("date", args.at(0), "isoDate"));
    });
}

void statuteFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(ctxt, nargs, "statute", 2, 2, [](TransformState& state, std::vector<std::string>& args) {
        const Date date = isoDate("statute", args.at(1), "isoDate");
        const law::StatuteRow* row = state.lawBook->statutes().find(args.at(0), date);
        if (row == nullptr) {
            throw functionError("statute", "no statute row for concept '" + args.at(0) + "' on " + date.iso());
        }
        return row->reference;
    });
}

void deadlineFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(ctxt, nargs, "deadline", 1, 2, [](TransformState&, std::vector<std::string>& args) {
        const Date from = isoDate("deadline", args.at(0), "isoFrom");
        const int weeks = args.size() > 1 ? integer("deadline", args.at(1), "weeks") : 3;
        return law::computeDeadline(from, weeks).last.iso();
    });
}

/// k:answerBy(isoSent[, days]): the last day to answer a kommunicering (FL 25 §), the days given
/// or else the legal department's default, moved off weekends and holidays.
void answerByFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(ctxt, nargs, "answerBy", 1, 2, [](TransformState& state, std::vector<std::string>& args) {
        const Date sent = isoDate("answerBy", args.at(0), "isoSent");
        std::string days = args.size() > 1 ? args.at(1) : std::string();
        if (!days.empty() && days.front() == '+') {
            days.erase(0, 1);
        }
        const int count = days.empty() ? state.lawBook->groupsEdition().communicationAnswerDays
                                       : integer("answerBy", days, "days");
        return law::computeDayDeadline(sent, count).last.iso();
    });
}

void periodEndFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(ctxt, nargs, "periodEnd", 2, 2, [](TransformState&, std::vector<std::string>& args) {
        return law::periodEnd(isoDate("periodEnd", args.at(0), "isoFrom"), integer("periodEnd", args.at(1), "months"))
            .iso();
    });
}

void ageFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(ctxt, nargs, "age", 2, 2, [](TransformState&, std::vector<std::string>& args) {
        const Date on = isoDate("age", args.at(1), "isoDate");
        const auto parsed = law::IdentityNumber::parse(args.at(0), on);
        if (!parsed.number) {
            throw functionError("age", "argument 'identityNumber' is not a valid identity number");
        }
        return std::to_string(parsed.number->ageOn(on));
    });
}

/// k:today(): the print date when the case file gives no generatedAt (YYYY-MM-DD, UTC).
void todayFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(ctxt, nargs, "today", 0, 0, [](TransformState&, std::vector<std::string>&) { return utcDateToday(); });
}

void groupFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(ctxt, nargs, "group", 2, 2, [](TransformState& state, std::vector<std::string>& args) {
        const law::TargetGroupRule* group = state.lawBook->group(args.at(0));
        if (group == nullptr) {
            throw functionError("group", "unknown target group '" + args.at(0) + "'");
        }
        const std::string& what = args.at(1);
        if (what == "standardMonths") {
            return std::to_string(group->standardMonths);
        }
        if (what == "programme") {
            return group->programme;
        }
        if (what == "longer") {
            return std::string(group->longer == law::LongerPeriod::Forbidden ? "forbidden" : "special-reasons");
        }
        if (what == "criteria") {
            std::string ids;
            for (const std::string& id : group->criterionIds()) {
                ids += (ids.empty() ? "" : " ") + id;
            }
            return ids;
        }
        throw functionError("group", "unknown property '" + what + "'");
    });
}

void easyToReadFunction(xmlXPathParserContextPtr ctxt, int nargs)
{
    run(
        ctxt, nargs, "easyToRead", 2, 2,
        [](TransformState&, std::vector<std::string>& args) {
            return std::string(wantsEasyToRead(args.at(0), args.at(1)) ? "true" : "false");
        },
        true);
}

} // namespace

bool wantsEasyToRead(const std::string& targetGroup, const std::string& attribute)
{
    if (attribute == "true" || attribute == "1") {
        return true;
    }
    if (attribute == "false" || attribute == "0") {
        return false;
    }
    // Many applicants in the LSS groups have intellectual disabilities: the easy-to-read summary serves them.
    return targetGroup == "lss-insteg" || targetGroup == "lss-insats" || targetGroup == "socialpsykiatri";
}

void registerExtensions(xsltTransformContextPtr context, TransformState& state)
{
    context->_private = &state;
    const auto* uri = reinterpret_cast<const xmlChar*>(EXTENSION_NAMESPACE);
    const struct {
        const char* name;
        xmlXPathFunction function;
    } FUNCTIONS[] = {
        {"msg", msgFunction},         {"date", dateFunction},           {"statute", statuteFunction},
        {"deadline", deadlineFunction}, {"periodEnd", periodEndFunction}, {"age", ageFunction},
        {"group", groupFunction},     {"easyToRead", easyToReadFunction}, {"today", todayFunction},
        {"answerBy", answerByFunction},
    };
    for (const auto& entry : FUNCTIONS) {
        if (xsltRegisterExtFunction(context, reinterpret_cast<const xmlChar*>(entry.name), uri, entry.function) != 0) {
            throw Error(ErrorCode::Internal, "template engine setup failed",
                        std::string("compose: cannot register k:") + entry.name);
        }
    }
}

} // namespace kansli::compose
