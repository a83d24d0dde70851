#pragma once
/// Case file -> XHTML letter, by the XSLT templates in xsl/ with kansli's extension functions
/// (namespace urn:se:stockholm:kansli:xslt, see docs/templates.md).
///
/// A Composer compiles every template once and is then safe to use from many threads at once:
/// the compiled stylesheets and the message catalogs are shared read-only, and every compose()
/// call has its own transform context.

#include "core/Error.h"
#include "law/LawBook.h"

#include <libxml/tree.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::i18n {
class Catalogs;
}

namespace kansli::compose {

class XsltSecurity;

struct ComposerConfig {
    std::string xslDirectory;    ///< holds one <type>.xsl per document type and layout.xsl
    std::string localeDirectory; ///< the compiled catalogs sv.res, en.res (<build>/locales)
    std::shared_ptr<const law::LawBook> lawBook; ///< statutes, target groups; must not be null
};

struct ComposeOptions {
    std::string documentType; ///< empty: /case/document/@type
    std::string language;     ///< empty: /case/document/@language, default "sv"
    /// Rättidsprövning: why an appeal that came in late is forwarded, not dismissed (FL 45 §
    /// second paragraph, law::appealTiming): "wrong-information" (the decision letter gave wrong
    /// appeal information; known only to a caller with the audit trail) or "court-in-time" (it
    /// reached the court within the time); empty otherwise. The XSLT parameter appeal-late-excused.
    std::string appealLateExcused;
};

/// The document types that are decisions: written in Swedish with any translation after it
/// (språklagen (2009:600) 10 §) and archived as PDF/A-2b. "beslut", "fortsatt", "rattidsprovning",
/// "avslut".
bool isDecision(std::string_view documentType);

/// The document types a summary in the reader's language can follow (document/@readerLanguage):
/// the decisions whose easy-to-read boxes and appeal the summary is made of, "beslut",
/// "fortsatt", "avslut" and "rattidsprovning" (the dismissal of a late appeal only: a
/// rättidsprövning that lets the appeal through is a letter to the court, refused by the pipeline).
bool hasReaderSummary(std::string_view documentType);

/// What render needs besides the XHTML: the PDF's Info/XMP fields. None carries personal data.
struct ComposedDocument {
    std::string xhtml;           ///< UTF-8, a complete XHTML document (polyglot HTML5)
    std::string title;           ///< e.g. "Beslut om särskilt individanpassad stödinsats"
    std::string author;          ///< the nämnd
    std::string subject;         ///< one sentence naming the document and the diarienummer
    std::string language;        ///< "sv" | "en"
    std::string templateId;      ///< the document type, e.g. "beslut", "kommunicering"
    std::string templateVersion; ///< e.g. "1.0.0"
};

struct TemplateInfo {
    std::string id;       ///< the document type it produces
    std::string version;
    std::string file;     ///< file name inside the xsl directory (archive/... for older versions)
    std::string validFrom; ///< k:valid-from, YYYY-MM-DD; empty: no lower bound
    std::string validTo;   ///< k:valid-to, YYYY-MM-DD, inclusive; empty: no upper bound
};

/// The page geometry the templates are laid out for; render passes the margins to wkhtmltopdf
/// and puts the page label there. Also written into every XHTML as <meta name="kansli.*">.
struct PageGeometry {
    static constexpr int MARGIN_TOP_MM = 20;
    static constexpr int MARGIN_RIGHT_MM = 20;
    static constexpr int MARGIN_BOTTOM_MM = 20;
    static constexpr int MARGIN_LEFT_MM = 22;
    static constexpr int LABEL_TOP_MM = 12;   ///< baseline area of "Sida N (M)", from the top edge
    static constexpr int LABEL_RIGHT_MM = 20; ///< right end of the label, from the right edge
    static constexpr int LABEL_SIZE_PT = 9;
    static constexpr const char* LABEL_FONT = "Liberation Sans"; ///< the body font (layout.xsl)
    static constexpr const char* PAGE_LABEL_KEY = "page.label";
};

class Composer {
public:
    /// Compiles every template and loads the catalogs. Throws kansli::Error (template) when a
    /// template cannot be compiled or lacks k:template-id / k:template-version, (config) when a
    /// catalog or the law book is missing.
    ///
    /// Older versions of a template may be kept as xsl/archive/<id>-<version>.xsl. Every version
    /// may declare k:valid-from / k:valid-to (YYYY-MM-DD, inclusive); compose() uses the version
    /// valid on the case's date (decision date, else investigation completed, else plan
    /// established, else application received). Two versions of one template valid on the same
    /// day are refused (template).
    explicit Composer(ComposerConfig config);
    ~Composer();
    Composer(const Composer&) = delete;
    Composer& operator=(const Composer&) = delete;

    /// `caseDoc` must be a schema-valid case file (casefile::CaseLoader); it is only read.
    /// Throws kansli::Error: unknown-document for a document type without a template,
    /// template when the transform fails (a missing message key, a statute concept without a
    /// row on the decision date, a malformed date...), with the template id and version in the
    /// error's Location. Messages name keys and fields, never case values.
    ///
    /// The Swedish decision is the decision (språklagen (2009:600) 10 §): a beslut asked for in
    /// another language is written in Swedish, followed on a new page by the translation, marked
    /// as one (its own lang attribute and a banner). The result's `language` is then "sv". A
    /// statement to the court (yttrande) is always written in Swedish.
    ComposedDocument compose(xmlDocPtr caseDoc, const ComposeOptions& options = {}) const;

    std::vector<TemplateInfo> templates() const;
    /// The catalogs, e.g. for render's page label (Catalog::pageLabel).
    const i18n::Catalogs& catalogs() const;

private:
    struct Compiled;
    /// What one transform writes: the letter, the translation after a Swedish decision, or the
    /// summary in the reader's language (the XSLT parameter translation: false, true, summary).
    enum class Part { Letter, Translation, Summary };
    /// One transform in `language`; the result document (the caller frees it) or an Error.
    xmlDocPtr transform(const Compiled& compiled, xmlDocPtr caseDoc, const std::string& language, Part part,
        const std::string& appealLateExcused, const Location& where) const;
    ComposerConfig _config;
    std::unique_ptr<i18n::Catalogs> _catalogs;
    std::unique_ptr<XsltSecurity> _security;
    std::multimap<std::string, std::unique_ptr<Compiled>> _templates; ///< by id; several versions
};

} // namespace kansli::compose
