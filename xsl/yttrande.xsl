<?xml version="1.0" encoding="UTF-8"?>
<!--
  Yttrande: the authority's statement to Förvaltningsrätten in an appealed step-1 case (the nämnd
  delegates it to the förvaltningschef, who may pass it on to the enhetschefer and biträdande
  enhetschefer at Jobbtorg: Tjänsteutlåtande om delegation 30 maj 2023
  (Arbetsmarknadsförvaltningen), beslutspunkt 5). The authority's position first, then the
  decision appealed, what the appellant asks for, and the authority's reasons; signed by the
  delegated chef. The window holds the court's address; the appellant gets a copy.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k"
                k:template-id="yttrande"
                k:template-version="1.0.2">

  <!-- Imported, not included: the window holds the court's address. -->
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="doc-key" select="'yttrande'"/>
  <xsl:variable name="statement" select="/c:case/c:courtStatement"/>
  <xsl:variable name="decision" select="/c:case/c:decision"/>
  <xsl:variable name="doc-date" select="string($statement/c:signed/c:date)"/>
  <xsl:variable name="decision-date" select="string($decision/c:date)"/>
  <xsl:variable name="applicant-label-key" select="'layout.appellant'"/>
  <xsl:variable name="signer" select="$statement/c:signed/c:signer"/>
  <!-- On time, or late and not dismissed (FL 45 § second paragraph: the composer's parameter);
       an appeal to be dismissed gets no statement (the preflight refuses it). -->
  <xsl:variable name="late">
    <xsl:call-template name="after">
      <xsl:with-param name="a" select="string($case/c:appeal/@received)"/>
      <xsl:with-param name="b" select="k:deadline(string($decision/c:delivery/@received), 3)"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:template match="c:applicant" mode="recipient">
    <xsl:call-template name="court-recipient"/>
  </xsl:template>

  <xsl:template match="c:case" mode="body">
    <!-- The position first. -->
    <p class="outcome"><strong><xsl:value-of select="k:msg(concat('yttrande.position.', $statement/@position), 'namnd', c:authority/c:namnd)"/></strong></p>
    <table class="facts">
      <tbody>
        <tr><th><xsl:value-of select="k:msg('yttrande.caseNumber')"/></th><td><xsl:call-template name="nobr-if-short"><xsl:with-param name="value" select="$statement/c:caseNumber"/></xsl:call-template></td></tr>
        <tr><th><xsl:value-of select="k:msg('layout.appellant')"/></th><td><bdi><xsl:value-of select="c:applicant/c:givenName"/></bdi><xsl:text> </xsl:text><bdi><xsl:value-of select="c:applicant/c:familyName"/></bdi></td></tr>
        <tr><th><xsl:value-of select="k:msg('rattidsprovning.decision')"/></th><td><xsl:value-of select="k:date($decision-date)"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('yttrande.request')"/></th><td><xsl:value-of select="k:date($statement/c:request/@received)"/></td></tr>
      </tbody>
    </table>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('yttrande.decision.heading')"/></h2>
      <p><xsl:value-of select="k:msg('yttrande.decision', 'date', k:date($decision-date), 'right', k:statute('ratt-till-bistand', $decision-date))"/></p>
      <p>
        <xsl:choose>
          <xsl:when test="$decision/c:step2/@outcome = 'bifall' and $decision/c:step2/c:period">
            <xsl:value-of select="k:msg('yttrande.step2.bifall', 'beyond', k:statute('bistand-utover', $decision-date), 'from', k:date($decision/c:step2/c:period/@from), 'to', k:date($decision/c:step2/c:period/@to))"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="k:msg('yttrande.step2.avslag', 'beyond', k:statute('bistand-utover', $decision-date))"/>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <p>
        <xsl:choose>
          <xsl:when test="$late = '1'"><xsl:value-of select="k:msg('yttrande.appealReceived.notDismissed', 'date', k:date($case/c:appeal/@received), 'statute', k:statute('fl-rattidsprovning', $doc-date))"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="k:msg('yttrande.appealReceived', 'date', k:date($case/c:appeal/@received))"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </div>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('yttrande.wants.heading')"/></h2>
      <xsl:apply-templates select="$statement/c:appellantWants/c:p[1]" mode="text"/>
    </div>
    <xsl:apply-templates select="$statement/c:appellantWants/c:p[position() &gt; 1]" mode="text"/>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('yttrande.reasons.heading')"/></h2>
      <p><xsl:value-of select="k:msg(concat('yttrande.position.', $statement/@position), 'namnd', c:authority/c:namnd)"/></p>
      <xsl:apply-templates select="$statement/c:reasons/c:p[1]" mode="text"/>
    </div>
    <xsl:apply-templates select="$statement/c:reasons/c:p[position() &gt; 1]" mode="text"/>

    <div class="section keep">
      <h2><xsl:value-of select="k:msg('yttrande.signed.heading')"/></h2>
      <xsl:variable name="title">
        <xsl:call-template name="title-in-sentence"><xsl:with-param name="title" select="$signer/c:title"/></xsl:call-template>
      </xsl:variable>
      <p><xsl:value-of select="k:msg('yttrande.signed', 'namnd', c:authority/c:namnd, 'name', $signer/c:name, 'title', $title, 'unit', $signer/c:unit, 'delegation', normalize-space($signer/c:delegation))"/></p>
    </div>
    <xsl:call-template name="copy-to-appellant"/>
  </xsl:template>
</xsl:stylesheet>
