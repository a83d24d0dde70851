#pragma once
/// PDF/A-2b finishing with libqpdf, in-process: metadata (XMP and an Info dictionary that agree),
/// an sRGB OutputIntent, /Lang, removal of what PDF/A forbids, and deterministic writing.
///
/// What is checked afterwards is PdfPreflight's job; this class only writes.

#include "render/RenderOptions.h"

#include <string>

class QPDF;

namespace kansli::render {

class PdfAFinisher {
public:
    /// Reads the sRGB ICC profile at `iccProfilePath`, or the first of the known Debian
    /// locations when empty. Throws kansli::Error(ErrorCode::Config) when none can be read or it
    /// is not an RGB profile.
    explicit PdfAFinisher(const std::string& iccProfilePath = {});

    /// Writes the metadata (always) and, when `options.pdfa`, the PDF/A-2b parts into `pdf`.
    /// Throws kansli::Error(ErrorCode::Usage) when `options.generatedAt` is missing or malformed.
    void finish(QPDF& pdf, const RenderOptions& options) const;

    /// The XMP packet for `options` (exposed for tests).
    static std::string xmpPacket(const RenderOptions& options);

    /// `pdf` written deterministically: content-derived /ID, no object streams, Flate, so that
    /// equal input gives byte-identical output.
    static std::string write(QPDF& pdf, bool pdfa);

    /// The profile's bytes.
    const std::string& iccProfile() const noexcept { return _icc; }

    /// The XMP namespace of kansli's own properties (template, input hash).
    static constexpr const char* XMP_NAMESPACE = "urn:x-kansli:render:1.0#";

private:
    void removeForbidden(QPDF& pdf) const;

    std::string _icc;
};

} // namespace kansli::render
