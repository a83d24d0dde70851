#pragma once
/// A data table that continues on the next page repeats its header row there.
///
/// This wkhtmltopdf ignores `display: table-header-group` and runs no script, and where a page
/// breaks is only known after layout; so the letter is laid out, the engine's page breaks are
/// read back through row markers (render/RowMarkers.h), and a table that continues is split
/// there: the rest of its rows go into a table of their own that starts a page with a copy of
/// the header row. One split per pass (the copied header moves every later row), until no row
/// starts a page without its header above it. Letters whose tables fit on their pages are laid
/// out once.
///
/// One marker per row, at the start of its first cell (and one in the header row): each row is
/// laid out as a block this engine keeps whole (xsl/layout.xsl), so the page a row starts on is
/// the page it is on. Markers cost the engine about 0.14 ms each (measured on a 3-page job plan:
/// one per cell made the pass 70 % slower); the e2e family checks that every cell of a row is on
/// its row's page.
///
/// Data tables are `table` elements of class `rows` (xsl/layout.xsl). One with a `thead` opens
/// a logical table; a `rows` table without one continues the nearest preceding one (the
/// templates keep a lead-in, the header row and the first row together and let the rest follow
/// as a second table of the same columns). A row taller than a page cannot be helped and is
/// left as the engine breaks it.

#include "pipeline/ComposedLetter.h"
#include "render/DocumentRenderer.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::pipeline {

class ContinuedTables : public render::Relayout {
public:
    /// Reads the composed XHTML and puts row markers into its data tables. Throws
    /// kansli::Error(ErrorCode::Internal) when it is not well-formed (the composer's output
    /// always is).
    explicit ContinuedTables(std::string_view xhtml);
    /// The same for a letter already read (readComposedLetter); takes it over and changes it.
    /// Its markers are numbered from `firstMarker` (a letter laid out with others in one engine
    /// job numbers its markers after theirs).
    explicit ContinuedTables(XmlDocPtr letter, int firstMarker = 0);
    ~ContinuedTables() override;
    ContinuedTables(const ContinuedTables&) = delete;
    ContinuedTables& operator=(const ContinuedTables&) = delete;

    /// True when the letter has a data table with a header row of at least one body row: only
    /// then can a header be missing on a page, and only then is this pass worth taking.
    bool needed() const noexcept;

    std::string xhtml() const override;
    int maxMarker() const override;
    bool relayout(const render::RowMarkerPages& pages) override;

    /// Header rows added so far (one per page a table continues to).
    int headersRepeated() const noexcept { return _repeated; }

private:
    struct Row;
    struct Table;

    void split(Table& table, std::size_t row);

    XmlDocPtr _doc;
    std::vector<Table> _tables;
    int _markers = 0;
    int _repeated = 0;
};

} // namespace kansli::pipeline
