#pragma once
/// Tagged letters: content that the structure tree does not hold is marked as an artifact.
///
/// In a tagged PDF every painted thing is either real content (inside a marked-content sequence
/// with an MCID that the structure tree points at) or an artifact (ISO 32000-1 14.8.2.2; PDF/UA-1
/// 7.1, Matterhorn checkpoint 01-005 "content is neither marked as Artifact nor tagged as real
/// content"). Chromium leaves the page background, content its accessibility tree leaves out and
/// our own page-label layer outside any sequence. Each such painting unit is wrapped in
/// `/Artifact BMC ... EMC`: a path (construction to painting operator), a text-showing operator
/// (inside its text object), an XObject or inline image, a shading. Graphics-state operators
/// stay where they are, so the wrapping nests with q/Q and BT/ET. The bytes between are copied as
/// they were: only the two markers are inserted.

#include <string>

class QPDF;

namespace kansli::render {

/// Whether `name` ("/P", "/Strong") is one of the standard structure types of ISO 32000-1
/// 14.8.4, which PDF/UA-1 is built on (others must be role-mapped to one).
bool isStandardStructureType(const std::string& name);

/// Wraps every painting unit outside marked content on every page of `pdf` as an artifact;
/// returns how many it wrapped. Content already inside a sequence (tagged or artifact) is left
/// as it is. Throws what libqpdf throws for a content stream it cannot read.
int markUntaggedAsArtifacts(QPDF& pdf);

/// Painting units outside any marked-content sequence, over every page (0 for a letter that
/// went through markUntaggedAsArtifacts). For the PDF/UA preflight.
int countUntaggedContent(QPDF& pdf);

} // namespace kansli::render
