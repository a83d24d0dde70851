#pragma once
/// How each step of the two-step decision is appealed (förvaltningslagen (2017:900) 43–45 §§; kommunallagen (2017:725) 13 kap.). The route follows from the
/// legal basis of the step, never from text the caller supplies: a decision on the right to
/// bistånd is appealable (förvaltningsbesvär); bistånd utöver is not among the appealable
/// decisions and can only be tried for legality (laglighetsprövning, KL 13 kap.).

#include "law/Deadline.h"

#include "core/Date.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::law {

enum class Step { One = 1, Two = 2 };

enum class AppealKind { Forvaltningsbesvar, Laglighetsprovning };

struct AppealRoute {
    AppealKind kind = AppealKind::Forvaltningsbesvar;
    std::string code;            ///< "forvaltningsbesvar" | "laglighetsprovning"
    std::string legalBasis;      ///< the step's statute concept, e.g. "ratt-till-bistand"
    std::string whoMayAppeal;    ///< "part" (the applicant) | "kommunmedlem" (any member)
    std::string fileWith;        ///< "beslutande-myndighet" | "forvaltningsratten-i-stockholm"
    std::string deadlineStartsAt;///< "delivery" (day received, FL 44 §) | "notice" (anslagstavla, KL 13 kap. 5 §)
    int weeks = 3;
    bool courtMayChange = false;       ///< false: the court can only quash (KL 13 kap. 8 §)
    bool legalityGroundsOnly = false;  ///< KL 13 kap. 8 §
    std::vector<std::string> statuteConcepts; ///< statute-table concepts the letter cites for the route
    std::optional<Deadline> deadline;  ///< set when the start day is known
};

/// The statute concept that is the legal basis of a step: step 1 "ratt-till-bistand", step 2
/// "bistand-utover".
const char* legalBasisOf(Step step);

/// The route for a legal basis concept. Throws kansli::Error (legal-inconsistent) for a concept
/// that is not a decision basis.
AppealRoute appealRouteFor(std::string_view legalBasisConcept);

/// The route of a step, with the deadline when its start day is known: for step 1 the day the
/// applicant received the decision, for step 2 the day the anslagstavla announced the approved
/// protocol. The other date is ignored.
AppealRoute appealRoute(Step step, const std::optional<Date>& deliveredOn,
                        const std::optional<Date>& noticeAnnouncedOn);

const char* appealKindName(AppealKind kind);

} // namespace kansli::law
