<?xml version="1.0" encoding="UTF-8"?>
<!--
  Kommunicering before an adverse decision (förvaltningslagen (2017:900) 25 §): what the authority
  has found, the material the decision will rest on, and the last day the applicant may answer.
  The outcome the applicant should expect comes first; the letter says plainly that it is not a
  decision and cannot be appealed. The last day is k:answerBy: the day sent plus the days given
  (communication/@answerDays, else the legal department's default in templates/law), moved off
  weekends and holidays (lag (1930:173) 2 §).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k"
                k:template-id="kommunicering"
                k:template-version="1.0.1">

  <xsl:include href="layout.xsl"/>

  <xsl:variable name="doc-key" select="'kommunicering'"/>
  <xsl:variable name="communication" select="/c:case/c:communication"/>
  <xsl:variable name="doc-date" select="string($communication/@sent)"/>
  <xsl:variable name="last-day" select="k:answerBy($communication/@sent, string($communication/@answerDays))"/>

  <xsl:template match="c:case" mode="body">
    <!-- What the applicant should expect, and by when to answer, first. -->
    <p class="outcome"><strong><xsl:value-of select="k:msg('kommunicering.outcome', 'lastDay', k:date($last-day))"/></strong></p>
    <p><xsl:value-of select="k:msg('common.application', 'date', k:date(c:application/c:received))"/></p>
    <p><xsl:value-of select="k:msg('kommunicering.why', 'statute', k:statute('fl-kommunicering', $doc-date))"/></p>

    <xsl:if test="k:easyToRead($group, string(c:document/@easyToRead))">
      <div class="box easy">
        <h2><xsl:value-of select="k:msg('easy.kommunicering.heading')"/></h2>
        <p><xsl:value-of select="k:msg('easy.kommunicering.1')"/></p>
        <p><xsl:value-of select="k:msg('easy.kommunicering.2')"/></p>
        <p><xsl:value-of select="k:msg('easy.kommunicering.3', 'date', k:date($last-day))"/></p>
        <p><xsl:value-of select="k:msg('easy.kommunicering.4')"/></p>
        <xsl:call-template name="easy-help"/>
      </div>
    </xsl:if>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('kommunicering.findings.heading')"/></h2>
      <xsl:apply-templates select="$communication/c:findings/c:p[1]" mode="text"/>
    </div>
    <xsl:apply-templates select="$communication/c:findings/c:p[position() &gt; 1]" mode="text"/>
    <xsl:call-template name="criteria-table">
      <xsl:with-param name="key-prefix" select="'letter.criterion.'"/>
      <xsl:with-param name="lead-key" select="'kommunicering.criteria.intro'"/>
    </xsl:call-template>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('kommunicering.material.heading')"/></h2>
      <p><xsl:value-of select="k:msg('kommunicering.material.intro')"/></p>
      <ul>
        <xsl:for-each select="$communication/c:material/c:item">
          <li>
            <xsl:value-of select="."/>
            <xsl:if test="@date"><xsl:text> (</xsl:text><xsl:value-of select="k:date(@date)"/><xsl:text>)</xsl:text></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
      <p><xsl:value-of select="k:msg('kommunicering.material.read')"/></p>
    </div>

    <div class="section keep">
      <h2><xsl:value-of select="k:msg('kommunicering.answer.heading')"/></h2>
      <p><strong><xsl:value-of select="k:msg('kommunicering.answer.lastDay', 'lastDay', k:date($last-day))"/></strong></p>
      <!-- The caseworker's own number when there is one, else the unit's. -->
      <xsl:variable name="phone" select="string((c:authority/c:phone[not($case/c:handler)] | c:handler/c:phone)[1])"/>
      <p><xsl:call-template name="contact-sentence">
        <xsl:with-param name="key" select="'kommunicering.answer.how'"/>
        <xsl:with-param name="phone" select="$phone"/>
      </xsl:call-template></p>
      <p><xsl:value-of select="k:msg('kommunicering.answer.more-time')"/></p>
      <p><xsl:value-of select="k:msg('kommunicering.answer.none')"/></p>
    </div>

    <div class="section keep">
      <h2><xsl:value-of select="k:msg('kommunicering.notDecision.heading')"/></h2>
      <p><xsl:value-of select="k:msg('kommunicering.notDecision')"/></p>
    </div>
    <p class="interpreter"><xsl:value-of select="k:msg('kommunicering.interpreter')"/></p>
  </xsl:template>
</xsl:stylesheet>
