<?xml version="1.0" encoding="UTF-8"?>
<!--
  The layout shared by every kansli letter: A4 page geometry, letterhead, the window-envelope
  address field, headings, tables and the contact block. Included by every document's template
  (beslut, utredning, jobbplan, kommunicering, rattidsprovning; fortsatt imports beslut), each of
  which defines:
    $doc-key   the document type (message keys doc.<key>.title / .subject / .kind / .dateLabel)
    $doc-date  the ISO date printed as the document's date
    a template  match="c:case" mode="body"  writing the document's own sections.

  Rules (docs/templates.md): no wording here, only k:msg('key'); caller text only through
  xsl:value-of (escaped), never disable-output-escaping; no computation beyond choosing what to
  print, the k: functions do the rest.

  Page geometry, kept in one place (the <meta name="kansli.*"> below and docs/templates.md):
  wkhtmltopdf margins top 20 mm, right 20 mm, bottom 20 mm, left 22 mm (given by render on the
  command line); the page label "Sida N (M)" is underlaid by render at 12 mm from the top and
  20 mm from the right edge, 9 pt, inside the top margin, so no content can reach it.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k">

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"
              doctype-system="about:legacy-compat"/>

  <!-- Set by kansli::compose::Composer for every transform. -->
  <xsl:param name="language" select="'sv'"/>
  <xsl:param name="template-id" select="''"/>
  <xsl:param name="template-version" select="''"/>
  <!-- 'true' when this transform writes the translation that follows the Swedish decision
       (språklagen 10 §): no letterhead or window, a banner that says what it is. 'summary' when
       it writes the summary in the reader's language (document/@readerLanguage): the
       easy-to-read boxes and the appeal with its dates, in that language's catalog (mode
       "summary" of the document's template). -->
  <xsl:param name="translation" select="'false'"/>
  <!-- Rättidsprövning only: why a late appeal is forwarded, not dismissed (FL 45 § second
       paragraph): 'wrong-information', 'court-in-time', or empty. Set by the composer from the
       audit trail and the law book, never from caller text. -->
  <xsl:param name="appeal-late-excused" select="''"/>

  <xsl:variable name="case" select="/c:case"/>
  <!-- The day the letter is printed: what happens after it (the applicant's receipt, a planned
       notice) is never stated as done. -->
  <xsl:variable name="print-date">
    <xsl:choose>
      <xsl:when test="string-length(/c:case/c:document/@generatedAt) &gt;= 10">
        <xsl:value-of select="substring(/c:case/c:document/@generatedAt, 1, 10)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="k:today()"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="group" select="string(/c:case/c:application/c:targetGroup)"/>

  <xsl:template match="/">
    <html lang="{$language}" xml:lang="{$language}">
      <head>
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <!-- The summary's head is dropped when it is joined to the letter; its catalog holds
             only the summary's keys. -->
        <xsl:if test="$translation != 'summary'">
          <title><xsl:value-of select="k:msg(concat('doc.', $doc-key, '.title'))"/></title>
          <meta name="author" content="{$case/c:authority/c:namnd}"/>
          <meta name="description" content="{k:msg(concat('doc.', $doc-key, '.subject'), 'dnr', $case/c:diarienummer)}"/>
        </xsl:if>
        <meta name="kansli.template-id" content="{$template-id}"/>
        <meta name="kansli.template-version" content="{$template-version}"/>
        <meta name="kansli.page-margins-mm" content="top=20;right=20;bottom=20;left=22"/>
        <meta name="kansli.page-label" content="top=12mm;right=20mm;size=9pt;key=page.label"/>
        <style type="text/css">
/* wkhtmltopdf (Debian, unpatched Qt) shrinks everything by ~0.786: zoom restores true sizes
   (RENDERING.md); body text measures 11 pt in the PDF. Margins come from render's command line
   (docs/templates.md). This engine ignores thead repetition and tr page-break-inside (measured),
   so data tables (class "rows") lay out each row as its own fixed-layout table: a block the
   engine does keep whole. The generic thead/tr rules stay for engines that honour them. */
body { zoom: 1.2727; margin: 0; padding: 0; color: #000; background: #fff;
       font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.35; }
/* A token longer than its line or cell (a file name, an e-mail address) breaks inside it: wider
   content would make wkhtmltopdf shrink the whole letter (its smart shrinking cannot be turned
   off in this build) and move the address out of the envelope window. The rule makes this
   engine measure every character of every word it sets (40 % of its time for a decision), so it
   is set only where columns are narrow and on the blocks kansli marks "k-long-word": those
   holding a word that may be wider than the narrowest line of body text (pipeline/LongWords.h;
   any other block has no word the rule would break). Not on .window-row: the engine reads the
   letter as HTML, where <div class="clear"/> does not close, so the rest of the letter lies
   inside that row. */
.letterhead, .window, .applicant, td, th, .k-long-word { word-wrap: break-word; }
p { margin: 0 0 2.2mm 0; }
h1 { font-size: 17pt; font-weight: bold; margin: 4mm 0 3mm 0; }
h2 { font-size: 13pt; font-weight: bold; margin: 6mm 0 2mm 0; page-break-after: avoid; }
h3 { font-size: 12.5pt; font-weight: bold; margin: 5mm 0 1.5mm 0; page-break-after: avoid; }
/* A label over a block of body text ("Motivering"): body size, set apart by italics rather than
   made smaller; bold is for the decision sentences and the headings. */
h4, h3.sub { font-size: 11pt; font-weight: normal; font-style: italic; margin: 2.5mm 0 1mm 0; page-break-after: avoid; }
/* h3.sub: a sub-heading (Motivering) directly under an h2; it looks like an h4 but keeps the
   heading levels unbroken for screen readers (PDF/UA, Matterhorn 14-003; docs/accessibility.md). */
.section { page-break-inside: auto; }
.keep { page-break-inside: avoid; }
/* First page: 25 mm letterhead, then the 45 mm envelope-window row (window 45-90 mm from the top). */
.letterhead { height: 25mm; overflow: hidden; }
.sender { float: left; width: 92mm; }
.sender p { margin: 0; }
.sender .namnd { font-weight: bold; font-size: 12pt; }
.docinfo { float: right; width: 72mm; }
.docinfo p { margin: 0; }
.docinfo .kind { font-weight: bold; font-size: 13pt; text-transform: uppercase; letter-spacing: 0.3mm; margin-bottom: 1.5mm; }
.label { font-size: 9pt; color: #333; }
/* At least 45 mm: the window stays where it is; a longer right-hand column (protected identity
   note and caseworker) moves what follows down instead of being cut off. */
.window-row { clear: both; min-height: 45mm; }
.window { float: left; width: 84mm; height: 37mm; padding: 5mm 0 0 2mm; overflow: hidden; font-size: 11pt; line-height: 1.3; }
.window p { margin: 0; }
.applicant .note { margin-top: 2mm; font-size: 9pt; }
/* 62 mm wide, flush right: its left edge is about 129 mm from the paper's left edge, more than
   15 mm from the window (20-110 mm), so a sheet shifted in the envelope never shows the
   personnummer, a protected-identity note or the caseworker (measured: tests/e2e facts). */
.applicant { float: right; width: 62mm; padding-top: 5mm; }
.handler { margin-top: 3mm; }
.applicant p { margin: 0; }
.clear { clear: both; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm 0; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { page-break-inside: avoid; }
th { text-align: left; font-weight: bold; border-bottom: 0.4mm solid #000; padding: 1.2mm 2mm 1.2mm 0; vertical-align: bottom; }
td { text-align: left; border-bottom: 0.2mm solid #999; padding: 1.5mm 2mm 1.5mm 0; vertical-align: top; }
td p { margin: 0 0 1mm 0; }
.facts td, .facts th { border: none; padding: 0.6mm 3mm 0.6mm 0; }
.facts th { font-weight: normal; color: #333; width: 45mm; vertical-align: top; }
/* Fixed layout: a long token in a value cell (a court's case number, another case's
   diarienummer) breaks inside its cell instead of widening the table and shrinking the letter. */
table.facts { table-layout: fixed; }
.met { white-space: nowrap; }
/* A diarienummer or a phone number is never broken at its hyphen or space: the letterhead check
   (FixedBoxes) refuses a diarienummer wider than the letterhead column, the schema keeps phone
   numbers short, so a span never outgrows its column (which would shrink the whole letter). */
.nobr { white-space: nowrap; }
.box { border: 0.4mm solid #000; padding: 3mm 4mm; margin: 3mm 0 4mm 0; }
.easy { font-size: 13pt; line-height: 1.5; page-break-inside: avoid; }
.easy.split { page-break-inside: auto; }
.easy h2 { margin-top: 0; }
.easy p { margin: 0 0 1.2mm 0; }
.appeal { page-break-inside: auto; }
ul { margin: 0 0 2.2mm 0; padding-left: 6mm; }
li { margin: 0 0 1mm 0; }
table.rows, table.rows thead, table.rows tbody { display: block; width: 100%; }
table.rows tr { display: table; width: 100%; table-layout: fixed; border-collapse: collapse; page-break-inside: avoid; }
table.criteria td:first-child, table.criteria th:first-child { width: 78%; }
table.criteria.evidence td:first-child, table.criteria.evidence th:first-child { width: 40%; }
table.criteria.evidence td + td, table.criteria.evidence th + th { width: 16%; }
table.criteria.evidence td + td + td, table.criteria.evidence th + th + th { width: 44%; }
table.activities td:first-child, table.activities th:first-child { width: 32%; }
table.activities td + td, table.activities th + th { width: 28%; }
table.activities td + td + td, table.activities th + th + th { width: 22%; }
table.activities td + td + td + td, table.activities th + th + th + th { width: 18%; }
.contact { margin-top: 8mm; border-top: 0.3mm solid #000; padding-top: 2mm; font-size: 9.5pt; page-break-inside: avoid; }
.contact p { margin: 0; }
.generated { margin-top: 3mm; font-size: 9.5pt; }
.translation { page-break-before: always; }
/* A summary in Arabic or Persian is set right to left; the letter around it stays left to right. */
.translation[dir="rtl"] { direction: rtl; text-align: right; }
.translation[dir="rtl"] ul { padding-left: 0; padding-right: 6mm; }
/* A phone number, a postal address or a diarienummer keeps its own left-to-right order inside
   right-to-left text: "08-508 00 000" is not to be read as "000 00 508-08". */
.translation[dir="rtl"] .nobr { direction: ltr; unicode-bidi: isolate; }
/* A draft (document/@draft): never to be sent. The page label says UTKAST on every page too. */
.draft { border: 0.8mm solid #000; padding: 2mm 3mm; margin: 0 0 3mm 0; font-weight: bold; font-size: 12pt; }
        </style>
      </head>
      <body>
        <xsl:if test="$translation = 'false'">
          <xsl:call-template name="draft-banner"/>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$translation = 'summary'">
            <div class="translation summary" lang="{$language}" xml:lang="{$language}">
              <xsl:if test="$language = 'ar' or $language = 'fa'">
                <xsl:attribute name="dir">rtl</xsl:attribute>
              </xsl:if>
              <xsl:call-template name="draft-banner"/>
              <div class="box">
                <h2><xsl:value-of select="k:msg('summary.heading')"/></h2>
                <p><xsl:call-template name="msg-nobr">
                  <xsl:with-param name="text" select="k:msg('summary.of', 'date', k:date($doc-date), 'dnr', $k:NOBR)"/>
                  <xsl:with-param name="value" select="$case/c:diarienummer"/>
                </xsl:call-template></p>
                <p><xsl:value-of select="k:msg('summary.banner')"/></p>
              </div>
              <xsl:apply-templates select="$case" mode="summary"/>
            </div>
          </xsl:when>
          <xsl:when test="$translation = 'true'">
            <div class="translation" lang="{$language}" xml:lang="{$language}">
              <xsl:call-template name="draft-banner"/>
              <div class="box">
                <h2><xsl:value-of select="k:msg('translation.heading')"/></h2>
                <p><xsl:call-template name="msg-nobr">
                  <xsl:with-param name="text" select="k:msg('translation.of', 'date', k:date($doc-date), 'dnr', $k:NOBR)"/>
                  <xsl:with-param name="value" select="$case/c:diarienummer"/>
                </xsl:call-template></p>
                <p><xsl:value-of select="k:msg('translation.banner')"/></p>
              </div>
              <h1><xsl:value-of select="k:msg(concat('doc.', $doc-key, '.title'))"/></h1>
              <xsl:apply-templates select="$case" mode="body"/>
              <xsl:apply-templates select="$case/c:copyTo" mode="copies"/>
              <xsl:apply-templates select="$case/c:authority" mode="contact"/>
            </div>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="$case" mode="letterhead"/>
            <xsl:apply-templates select="$case" mode="window"/>
            <h1><xsl:value-of select="k:msg(concat('doc.', $doc-key, '.title'))"/></h1>
            <xsl:apply-templates select="$case" mode="body"/>
            <xsl:apply-templates select="$case/c:copyTo" mode="copies"/>
            <xsl:apply-templates select="$case/c:authority" mode="contact"/>
          </xsl:otherwise>
        </xsl:choose>
      </body>
    </html>
  </xsl:template>

  <!-- A draft (document/@draft) says so first, in the language of the part it opens. -->
  <xsl:template name="draft-banner">
    <xsl:if test="$case/c:document/@draft = 'true' or $case/c:document/@draft = '1'">
      <p class="draft"><xsl:value-of select="k:msg('draft.banner')"/></p>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ letterhead -->
  <xsl:template match="c:case" mode="letterhead">
    <div class="letterhead">
      <div class="sender">
        <p class="namnd"><xsl:value-of select="c:authority/c:namnd"/></p>
        <p><xsl:value-of select="c:authority/c:forvaltning"/></p>
        <p><xsl:value-of select="c:authority/c:unit"/></p>
      </div>
      <div class="docinfo">
        <p class="kind"><xsl:value-of select="k:msg(concat('doc.', $doc-key, '.kind'))"/></p>
        <p><span class="label"><xsl:value-of select="k:msg(concat('doc.', $doc-key, '.dateLabel'))"/>: </span><xsl:value-of select="k:date($doc-date)"/></p>
        <p><span class="label"><xsl:value-of select="k:msg('layout.dnr')"/>: </span><xsl:call-template name="nobr"><xsl:with-param name="value" select="c:diarienummer"/></xsl:call-template></p>

      </div>
    </div>
  </xsl:template>

  <!-- ============================================================ envelope window -->
  <!-- Window envelope C5/E65, window 20 mm from the left edge, 45 mm from the top, 90 x 45 mm.
       With the 22 mm left margin the text starts 2 mm inside the window. -->
  <xsl:template match="c:case" mode="window">
    <div class="window-row">
      <div class="window">
        <xsl:apply-templates select="c:applicant" mode="recipient"/>
      </div>
      <div class="applicant">
        <p class="label"><xsl:value-of select="k:msg($applicant-label-key)"/></p>
        <p><bdi><xsl:value-of select="c:applicant/c:givenName"/></bdi><xsl:text> </xsl:text><bdi><xsl:value-of select="c:applicant/c:familyName"/></bdi></p>
        <xsl:choose>
          <xsl:when test="c:applicant/c:samordningsnummer">
            <p><span class="label"><xsl:value-of select="k:msg('layout.samordningsnummer')"/>: </span><xsl:value-of select="c:applicant/c:samordningsnummer"/></p>
          </xsl:when>
          <xsl:otherwise>
            <p><span class="label"><xsl:value-of select="k:msg('layout.personnummer')"/>: </span><xsl:value-of select="c:applicant/c:personnummer"/></p>
          </xsl:otherwise>
        </xsl:choose>
        <!-- Not in the window: the envelope must not show that the identity is protected. -->
        <xsl:if test="c:applicant/c:protectedIdentity">
          <p class="note"><xsl:value-of select="k:msg('layout.protected.note')"/></p>
          <p class="note"><xsl:value-of select="c:applicant/c:protectedIdentity/c:forwardingRoute"/></p>
        </xsl:if>
        <!-- The caseworker to contact, at the top as Swedish authority letters put it. -->
        <xsl:if test="c:handler">
          <div class="handler">
            <p class="label"><xsl:value-of select="k:msg('layout.handler')"/></p>
            <p><xsl:value-of select="c:handler/c:name"/></p>
            <p><span class="label"><xsl:value-of select="k:msg('layout.phone')"/>: </span><xsl:call-template name="nobr"><xsl:with-param name="value" select="c:handler/c:phone"/></xsl:call-template></p>
            <xsl:if test="c:handler/c:email">
              <p><span class="label"><xsl:value-of select="k:msg('layout.email')"/>: </span><xsl:value-of select="c:handler/c:email"/></p>
            </xsl:if>
          </div>
        </xsl:if>
      </div>
      <div class="clear"></div>
    </div>
  </xsl:template>

  <xsl:variable name="applicant-label-key">
    <xsl:choose>
      <xsl:when test="$doc-key = 'jobbplan'">layout.participant</xsl:when>
      <xsl:otherwise>layout.applicant</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="c:applicant" mode="recipient">
    <!-- Each name isolated (<bdi>): a name written in a right-to-left script is laid out on its
         own, without reordering what stands around it. -->
    <p><bdi><xsl:value-of select="c:givenName"/></bdi><xsl:text> </xsl:text><bdi><xsl:value-of select="c:familyName"/></bdi></p>
    <xsl:choose>
      <!-- Protected personal data: never the applicant's own address; the forwarding route's postal
           address from the case system, so that the post can deliver the letter. -->
      <xsl:when test="c:protectedIdentity">
        <xsl:apply-templates select="c:protectedIdentity/c:forwardingAddress" mode="lines"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="c:address" mode="lines"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="c:address | c:postalAddress | c:forwardingAddress" mode="lines">
    <xsl:for-each select="c:careOf | c:street">
      <p><xsl:value-of select="."/></p>
    </xsl:for-each>
    <p><xsl:value-of select="c:postalCode"/><xsl:text>  </xsl:text><xsl:value-of select="c:city"/></p>
  </xsl:template>

  <!-- ============================================================ contact block -->
  <xsl:template match="c:authority" mode="contact">
    <div class="contact">
      <p><strong><xsl:value-of select="k:msg('layout.contact.heading')"/></strong></p>
      <p><xsl:value-of select="c:namnd"/>, <xsl:value-of select="c:forvaltning"/>, <xsl:value-of select="c:unit"/></p>
      <xsl:if test="c:postalAddress">
        <p>
          <xsl:value-of select="k:msg('layout.postal')"/>
          <xsl:text>: </xsl:text>
          <xsl:for-each select="c:postalAddress/c:careOf | c:postalAddress/c:street">
            <xsl:value-of select="."/>
            <xsl:text>, </xsl:text>
          </xsl:for-each>
          <xsl:value-of select="c:postalAddress/c:postalCode"/>
          <xsl:text> </xsl:text>
          <xsl:value-of select="c:postalAddress/c:city"/>
        </p>
      </xsl:if>
      <xsl:if test="c:phone"><p><xsl:value-of select="k:msg('layout.phone')"/>: <xsl:call-template name="nobr"><xsl:with-param name="value" select="c:phone"/></xsl:call-template></p></xsl:if>
      <xsl:if test="c:email"><p><xsl:value-of select="k:msg('layout.email')"/>: <xsl:value-of select="c:email"/></p></xsl:if>
      <xsl:if test="c:web"><p><xsl:value-of select="k:msg('layout.web')"/>: <xsl:value-of select="c:web"/></p></xsl:if>
      <p class="generated"><xsl:value-of select="k:msg('layout.generated')"/></p>
    </div>
  </xsl:template>

  <!-- ============================================================ copies -->
  <xsl:template match="c:copyTo" mode="copies">
    <div class="section keep">
      <p class="label"><xsl:value-of select="k:msg('layout.copies.heading')"/></p>
      <xsl:for-each select="c:recipient">
        <p><xsl:value-of select="c:name"/> (<xsl:value-of select="c:role"/>)</p>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- The unit's postal address on one line ("Box 7049, 164 07 Kista"). -->
  <xsl:template name="postal-line">
    <xsl:for-each select="$case/c:authority/c:postalAddress/c:careOf | $case/c:authority/c:postalAddress/c:street">
      <xsl:value-of select="."/>
      <xsl:text>, </xsl:text>
    </xsl:for-each>
    <xsl:value-of select="$case/c:authority/c:postalAddress/c:postalCode"/>
    <xsl:text> </xsl:text>
    <xsl:value-of select="$case/c:authority/c:postalAddress/c:city"/>
  </xsl:template>

  <!-- The authority's postal address in running text, each part ("Box 5031", "121 05
       Johanneshov") kept on one line when it is short enough to fit any line of the letter. -->
  <xsl:template name="postal-line-nobr">
    <xsl:for-each select="$case/c:authority/c:postalAddress/c:careOf | $case/c:authority/c:postalAddress/c:street">
      <xsl:call-template name="nobr-if-short"><xsl:with-param name="value" select="."/></xsl:call-template>
      <xsl:text>, </xsl:text>
    </xsl:for-each>
    <xsl:call-template name="nobr-if-short">
      <xsl:with-param name="value" select="concat($case/c:authority/c:postalAddress/c:postalCode, ' ', $case/c:authority/c:postalAddress/c:city)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- At most 32 characters stay on one line (about 85 mm at 13 pt, less than any column that
       sets running text); a longer part may break, so it can never widen the page. -->
  <xsl:template name="nobr-if-short">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="string-length(normalize-space($value)) &lt;= 32">
        <xsl:call-template name="nobr"><xsl:with-param name="value" select="$value"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($value)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A catalog sentence with a phone number ($k:NOBR) and a postal address ($k:ADDRESS) in it,
       in whichever order the language puts them. -->
  <xsl:template name="msg-phone-address">
    <xsl:param name="text"/>
    <xsl:param name="phone"/>
    <xsl:variable name="phone-first"
                  select="contains($text, $k:NOBR) and (not(contains($text, $k:ADDRESS)) or string-length(substring-before($text, $k:NOBR)) &lt; string-length(substring-before($text, $k:ADDRESS)))"/>
    <xsl:choose>
      <xsl:when test="$phone-first">
        <xsl:value-of select="substring-before($text, $k:NOBR)"/>
        <xsl:call-template name="nobr"><xsl:with-param name="value" select="$phone"/></xsl:call-template>
        <xsl:call-template name="msg-phone-address">
          <xsl:with-param name="text" select="substring-after($text, $k:NOBR)"/>
          <xsl:with-param name="phone" select="$phone"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="contains($text, $k:ADDRESS)">
        <xsl:value-of select="substring-before($text, $k:ADDRESS)"/>
        <xsl:call-template name="postal-line-nobr"/>
        <xsl:call-template name="msg-phone-address">
          <xsl:with-param name="text" select="substring-after($text, $k:ADDRESS)"/>
          <xsl:with-param name="phone" select="$phone"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A sentence naming how to reach the unit, by phone and by post: the catalog key `key` when
       both are known, else `key`.noPhone, .noAddress or .neither (the schema makes the unit's
       phone and postal address optional), so no sentence is printed with an empty place. -->
  <xsl:template name="contact-sentence">
    <xsl:param name="key"/>
    <xsl:param name="phone"/>
    <xsl:variable name="has-phone" select="normalize-space($phone) != ''"/>
    <xsl:variable name="has-address" select="boolean($case/c:authority/c:postalAddress)"/>
    <xsl:variable name="variant">
      <xsl:choose>
        <xsl:when test="$has-phone and $has-address"></xsl:when>
        <xsl:when test="$has-address">.noPhone</xsl:when>
        <xsl:when test="$has-phone">.noAddress</xsl:when>
        <xsl:otherwise>.neither</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="msg-phone-address">
      <xsl:with-param name="text" select="k:msg(concat($key, $variant), 'unit', $case/c:authority/c:unit, 'phone', $k:NOBR, 'address', $k:ADDRESS)"/>
      <xsl:with-param name="phone" select="$phone"/>
    </xsl:call-template>
  </xsl:template>

  <!-- How to reach the unit, in every easy-to-read box. -->
  <xsl:template name="easy-help">
    <p><xsl:call-template name="contact-sentence">
      <xsl:with-param name="key" select="'easy.help'"/>
      <xsl:with-param name="phone" select="string($case/c:authority/c:phone)"/>
    </xsl:call-template></p>
  </xsl:template>

  <!-- FL 25 §: a decision that goes against the applicant says that the applicant saw the material
       before it, and answered or not, or why it was not sent (the preflight refuses one with
       neither). Keys <prefix>.communicated.* and <prefix>.communication.notNeeded.<ground>. -->
  <xsl:template name="communicated">
    <xsl:param name="not-needed"/>
    <xsl:param name="prefix"/>
    <xsl:variable name="communication" select="$case/c:communication"/>
    <xsl:choose>
      <xsl:when test="$communication/c:answer">
        <p><xsl:value-of select="k:msg(concat($prefix, '.communicated.answered'), 'sent', k:date($communication/@sent), 'answered', k:date($communication/c:answer/@received))"/></p>
      </xsl:when>
      <xsl:when test="$communication">
        <p><xsl:value-of select="k:msg(concat($prefix, '.communicated.noAnswer'), 'sent', k:date($communication/@sent), 'lastDay', k:date(k:answerBy($communication/@sent, string($communication/@answerDays))))"/></p>
      </xsl:when>
      <xsl:when test="$not-needed">
        <p><xsl:value-of select="k:msg(concat($prefix, '.communication.notNeeded.', $not-needed/@ground), 'statute', k:statute('fl-kommunicering', $doc-date))"/></p>
        <xsl:apply-templates select="$not-needed/c:p" mode="text"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The court's address, for the window of a letter to Förvaltningsrätten. -->
  <xsl:template name="court-recipient">
    <p><xsl:value-of select="k:msg('court.stockholm.name')"/></p>
    <p><xsl:value-of select="k:msg('court.stockholm.street')"/></p>
    <p><xsl:value-of select="k:msg('court.stockholm.postal')"/></p>
  </xsl:template>

  <!-- "Kopia till" the appellant, on a letter to the court. -->
  <xsl:template name="copy-to-appellant">
    <div class="section keep">
      <p class="label"><xsl:value-of select="k:msg('layout.copies.heading')"/></p>
      <p><bdi><xsl:value-of select="$case/c:applicant/c:givenName"/></bdi><xsl:text> </xsl:text><bdi><xsl:value-of select="$case/c:applicant/c:familyName"/></bdi><xsl:text> (</xsl:text><xsl:value-of select="k:msg('overlamnande.copy.role')"/><xsl:text>)</xsl:text></p>
    </div>
  </xsl:template>

  <!-- A title is lower-case inside a sentence ("biträdande enhetschef"), but an abbreviation
       keeps its capitals ("LSS-handläggare"): only a capital followed by a small letter is lowered. -->
  <xsl:template name="title-in-sentence">
    <xsl:param name="title"/>
    <xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ'"/>
    <xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyzåäöéü'"/>
    <xsl:variable name="t" select="normalize-space($title)"/>
    <xsl:variable name="second" select="substring($t, 2, 1)"/>
    <xsl:choose>
      <xsl:when test="translate($second, $upper, $lower) != $second">
        <xsl:value-of select="$t"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(translate(substring($t, 1, 1), $upper, $lower), substring($t, 2))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 1 when ISO date $a is after ISO date $b, else 0 (XSLT 1.0 has no date type). -->
  <xsl:template name="after">
    <xsl:param name="a"/>
    <xsl:param name="b"/>
    <xsl:value-of select="number(number(translate($a, '-', '')) &gt; number(translate($b, '-', '')))"/>
  </xsl:template>

  <!-- ============================================================ shared pieces -->
  <!-- Caller free text: one <p> per paragraph, always as escaped text. -->
  <xsl:template match="c:p" mode="text">
    <p><xsl:value-of select="."/></p>
  </xsl:template>

  <xsl:template name="heading2">
    <xsl:param name="key"/>
    <h2><xsl:value-of select="k:msg($key)"/></h2>
  </xsl:template>

  <!-- The criteria of the case, in the order of the target group (templates/law). -->
  <!-- `key-prefix`: 'criterion.' gives the guidelines' wording (the investigation);
       'letter.criterion.' the same criterion addressed to the applicant as "du" (the decision). -->
  <!-- The criteria table, with its lead-in (a heading or a sentence, given by catalog key) kept on
       one page with the header row and the first row: a lead-in never ends a page apart from its
       table. The rest of the rows follow as a second table of the same columns (each row is its
       own fixed-layout block, so the columns line up). This engine cannot repeat a header row, so
       kansli does: a rows table that continues on the next page is split there and the rest
       start a page under a copy of the header (docs/templates.md, page flow). -->
  <xsl:template name="criteria-table">
    <xsl:param name="with-evidence" select="false()"/>
    <xsl:param name="key-prefix" select="'criterion.'"/>
    <xsl:param name="lead-key"/>
    <xsl:param name="lead-element" select="'p'"/>
    <xsl:variable name="class">
      <xsl:text>rows criteria</xsl:text>
      <xsl:if test="$with-evidence"> evidence</xsl:if>
    </xsl:variable>
    <xsl:variable name="ids" select="concat(normalize-space(k:group($group, 'criteria')), ' ')"/>
    <div class="keep">
      <xsl:if test="$lead-key">
        <xsl:element name="{$lead-element}" namespace="http://www.w3.org/1999/xhtml"><xsl:value-of select="k:msg($lead-key)"/></xsl:element>
      </xsl:if>
      <table class="{$class}">
        <thead>
          <tr>
            <th><xsl:value-of select="k:msg('common.col.criterion')"/></th>
            <th><xsl:value-of select="k:msg('common.col.assessment')"/></th>
            <xsl:if test="$with-evidence"><th><xsl:value-of select="k:msg('common.col.evidence')"/></th></xsl:if>
          </tr>
        </thead>
        <tbody>
          <xsl:call-template name="criteria-rows">
            <xsl:with-param name="ids" select="$ids"/>
            <xsl:with-param name="with-evidence" select="$with-evidence"/>
            <xsl:with-param name="key-prefix" select="$key-prefix"/>
            <xsl:with-param name="first" select="1"/>
            <xsl:with-param name="last" select="1"/>
          </xsl:call-template>
        </tbody>
      </table>
    </div>
    <table class="{$class}">
      <tbody>
        <xsl:call-template name="criteria-rows">
          <xsl:with-param name="ids" select="$ids"/>
          <xsl:with-param name="with-evidence" select="$with-evidence"/>
          <xsl:with-param name="key-prefix" select="$key-prefix"/>
          <xsl:with-param name="first" select="2"/>
        </xsl:call-template>
      </tbody>
    </table>
  </xsl:template>

  <!-- One row per criterion id of the group, in the group's order (the legal department's
       target-group data), whatever order the case file gives them in. -->
  <xsl:template name="criteria-rows">
    <xsl:param name="ids"/>
    <xsl:param name="with-evidence"/>
    <xsl:param name="key-prefix"/>
    <xsl:param name="first" select="1"/>     <!-- the first row to print, 1-based -->
    <xsl:param name="last" select="1000"/>   <!-- the last row to print -->
    <xsl:param name="at" select="1"/>        <!-- the number of the next row -->
    <xsl:if test="string-length($ids) &gt; 0 and $at &lt;= $last">
      <xsl:variable name="id" select="substring-before($ids, ' ')"/>
      <xsl:variable name="here" select="$case/c:investigation/c:criteria/c:criterion[@id = $id]"/>
      <xsl:for-each select="$here[$at &gt;= $first]">
        <tr>
          <td><xsl:value-of select="k:msg(concat($key-prefix, @id))"/></td>
          <td class="met"><xsl:value-of select="k:msg(concat('common.met.', string(@met = 'true' or @met = '1')))"/></td>
          <xsl:if test="$with-evidence"><td><xsl:apply-templates select="c:evidence/c:p" mode="text"/></td></xsl:if>
        </tr>
      </xsl:for-each>
      <xsl:call-template name="criteria-rows">
        <xsl:with-param name="ids" select="substring-after($ids, ' ')"/>
        <xsl:with-param name="with-evidence" select="$with-evidence"/>
        <xsl:with-param name="key-prefix" select="$key-prefix"/>
        <xsl:with-param name="first" select="$first"/>
        <xsl:with-param name="last" select="$last"/>
        <xsl:with-param name="at" select="$at + count($here)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="text()" mode="body"/>
  <!-- ============================================================ unbroken numbers -->
  <!-- A diarienummer or phone number, kept on one line (.nobr). -->
  <xsl:template name="nobr">
    <xsl:param name="value"/>
    <span class="nobr"><xsl:value-of select="normalize-space($value)"/></span>
  </xsl:template>

  <!-- A catalog sentence with one number in it kept on one line: the sentence is looked up with
       $k:NOBR (a private-use character no case text reaches the letter with) in the number's
       place, and the number is set where the marker stands. -->
  <xsl:variable name="k:NOBR" select="'&#xE000;'"/>
  <!-- The place of a postal address in a catalog sentence (set by postal-line-nobr). -->
  <xsl:variable name="k:ADDRESS" select="'&#xE001;'"/>
  <!-- short-only: a number the letter's own checks do not bound (another case's diarienummer,
       the court's case number) stays on one line only when short (nobr-if-short): a long one
       may break rather than widen the page and shrink the letter. -->
  <xsl:template name="msg-nobr">
    <xsl:param name="text"/>
    <xsl:param name="value"/>
    <xsl:param name="short-only" select="false()"/>
    <xsl:choose>
      <xsl:when test="contains($text, $k:NOBR) and $short-only">
        <xsl:value-of select="substring-before($text, $k:NOBR)"/>
        <xsl:call-template name="nobr-if-short"><xsl:with-param name="value" select="$value"/></xsl:call-template>
        <xsl:value-of select="substring-after($text, $k:NOBR)"/>
      </xsl:when>
      <xsl:when test="contains($text, $k:NOBR)">
        <xsl:value-of select="substring-before($text, $k:NOBR)"/>
        <xsl:call-template name="nobr"><xsl:with-param name="value" select="$value"/></xsl:call-template>
        <xsl:value-of select="substring-after($text, $k:NOBR)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
