#pragma once
/// The legal preflight: run by `kansli validate`, by render and by the HTTP API before anything
/// is rendered. It collects every finding; the caller refuses when kansli::hasErrors() is true.
///
/// Codes are stable (see docs/law-rules.md). Messages are English and never carry a value from
/// the case file, only the field (XPath) and the rule's source.

#include "law/CaseFacts.h"
#include "law/LawBook.h"

#include "core/Finding.h"

namespace kansli::law {

kansli::Findings preflight(const CaseFacts& facts, const LawBook& book);

} // namespace kansli::law
