#pragma once
/// PDF/A-2b finishing with libqpdf, in-process: metadata (XMP and an Info dictionary that agree),
/// an sRGB OutputIntent, /Lang, removal of what PDF/A forbids, and deterministic writing.
/// A tagged letter (RenderOptions::accessible) is PDF/A-2u and PDF/UA-1 in the same file.
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

    /// The catalog of a tagged letter: DisplayDocTitle, MarkInfo, and a role map entry for
    /// every structure type that ISO 32000-1 does not define (PDF 2.0's Strong and Em, which
    /// Chromium writes, map to Span).
    static void finishTagged(QPDF& pdf);

private:
    void removeForbidden(QPDF& pdf) const;

    std::string _icc;
    std::string _iccFlate; ///< the same, Flate-compressed once
};

} // namespace kansli::render
