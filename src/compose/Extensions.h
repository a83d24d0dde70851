#pragma once
/// kansli's XSLT extension functions, namespace urn:se:stockholm:kansli:xslt (prefix k):
///
///   k:msg(key [, name1, value1, ...])   message of the letter's language, ICU MessageFormat
///   k:date(isoDate)                     "25 november 2026" / "25 November 2026"
///   k:statute(concept, isoDate)         statute reference valid on that date (law::StatuteTable)
///   k:deadline(isoFrom [, weeks])       ISO last day to act, lag (1930:173) (law::computeDeadline)
///   k:periodEnd(isoFrom, months)        ISO last day of a period (law::periodEnd)
///   k:age(identityNumber, isoDate)      completed years on that date (law::IdentityNumber)
///   k:group(code, what)                 target-group data: 'standardMonths', 'criteria'
///                                       (space-separated ids), 'programme', 'longer'
///   k:easyToRead(group, attribute)      whether the lättläst summary is printed
///
/// Every failure stops the transform and is kept as a kansli::Error in the TransformState;
/// nothing fails silently into an empty string.

#include "core/Error.h"

#include <libxslt/xsltInternals.h>

#include <optional>
#include <string>

namespace kansli::i18n {
class Catalog;
}
namespace kansli::law {
class LawBook;
}

namespace kansli::compose {

inline constexpr const char* EXTENSION_NAMESPACE = "urn:se:stockholm:kansli:xslt";

/// What the functions of one transform reach through xsltTransformContext::_private.
struct TransformState {
    const i18n::Catalog* catalog = nullptr;
    const law::LawBook* lawBook = nullptr;
    std::string readableDirectory; ///< canonical xsl directory: the only place document() may read
    std::optional<Error> error; ///< the first failure; the transform is stopped at once
};

/// Registers every k: function on this transform context and points _private at `state`,
/// which must outlive the transform.
void registerExtensions(xsltTransformContextPtr context, TransformState& state);

/// The lättläst rule (lag (2018:1937) om tillgänglighet till digital offentlig service; many applicants in the LSS groups have intellectual disabilities): 'true'/'1' prints it, 'false'/'0' leaves it out,
/// absent prints it for the LSS and socialpsykiatri groups only.
bool wantsEasyToRead(const std::string& targetGroup, const std::string& attribute);

} // namespace kansli::compose
