#include "law/AppealRoute.h"

#include "law/StatuteTable.h"

#include "core/Error.h"

namespace kansli::law {

const char* legalBasisOf(Step step)
{
    return step == Step::One ? concepts::RATT_TILL_BISTAND : concepts::BISTAND_UTOVER;
}

const char* appealKindName(AppealKind kind)
{
    return kind == AppealKind::Forvaltningsbesvar ? "forvaltningsbesvar" : "laglighetsprovning";
}

AppealRoute appealRouteFor(std::string_view legalBasisConcept)
{
    AppealRoute route;
    route.legalBasis = std::string(legalBasisConcept);
    route.weeks = 3; // FL 44 §, KL 13 kap. 5 §
    if (legalBasisConcept == concepts::RATT_TILL_BISTAND) {
        // SoL 16 kap. 3 § (2001:453) / 35 kap. 1 § (2025:400): decisions on the right to
        // bistånd are appealed by förvaltningsbesvär; the court may change the decision.
        route.kind = AppealKind::Forvaltningsbesvar;
        route.whoMayAppeal = "part";
        route.fileWith = "beslutande-myndighet";        // FL 43 §
        route.deadlineStartsAt = "delivery";            // FL 44 §
        route.courtMayChange = true;
        route.legalityGroundsOnly = false;
        route.statuteConcepts = {concepts::OVERKLAGBARA_BESLUT, concepts::FL_OVERKLAGANDE_FORM,
                                 concepts::FL_OVERKLAGANDE_TID};
    } else if (legalBasisConcept == concepts::BISTAND_UTOVER) {
        // Bistånd utöver is not an appealable decision under SoL: only laglighetsprövning.
        route.kind = AppealKind::Laglighetsprovning;
        route.whoMayAppeal = "kommunmedlem";            // KL 13 kap. 1 §
        route.fileWith = "forvaltningsratten-i-stockholm"; // KL 13 kap. 4 §
        route.deadlineStartsAt = "notice";              // KL 13 kap. 5 §
        route.courtMayChange = false;                   // KL 13 kap. 8 §: only quash
        route.legalityGroundsOnly = true;
        route.statuteConcepts = {concepts::KL_LAGLIGHETSPROVNING};
    } else {
        throw Error(ErrorCode::LegalInconsistent, "no appeal route for this legal basis",
                    "concept " + route.legalBasis);
    }
    route.code = appealKindName(route.kind);
    return route;
}

AppealRoute appealRoute(Step step, const std::optional<Date>& deliveredOn,
                        const std::optional<Date>& noticeAnnouncedOn)
{
    AppealRoute route = appealRouteFor(legalBasisOf(step));
    const std::optional<Date>& start =
        route.kind == AppealKind::Forvaltningsbesvar ? deliveredOn : noticeAnnouncedOn;
    if (start) {
        route.deadline = computeDeadline(*start, route.weeks);
    }
    return route;
}

} // namespace kansli::law
