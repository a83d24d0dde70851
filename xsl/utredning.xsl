<?xml version="1.0" encoding="UTF-8"?>
<!--
  Sammanfattning av utredningsåtgärder (Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen)): the check against each criterion
  of the target group, initial bedömning del 2, information from Arbetsförmedlingen, samlad
  bedömning and the proposed decision. The statutes are those in force on the decision date when
  known, else on the day the investigation was completed, else on the application date.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k"
                k:template-id="utredning"
                k:template-version="1.1.0">

  <xsl:include href="layout.xsl"/>

  <xsl:variable name="inv" select="/c:case/c:investigation"/>
  <xsl:variable name="doc-key" select="'utredning'"/>
  <xsl:variable name="doc-date">
    <xsl:choose>
      <xsl:when test="$inv/c:completed"><xsl:value-of select="$inv/c:completed"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="/c:case/c:application/c:received"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="statute-date">
    <xsl:choose>
      <xsl:when test="/c:case/c:decision/c:date"><xsl:value-of select="/c:case/c:decision/c:date"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$doc-date"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="c:case" mode="body">
    <p><xsl:value-of select="k:msg('utredning.basis')"/></p>
    <table class="facts">
      <tbody>
        <tr><th><xsl:value-of select="k:msg('common.targetGroup')"/></th><td><xsl:value-of select="k:msg(concat('group.', $group))"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('common.programme')"/></th><td><xsl:value-of select="k:msg(concat('programme.', c:application/c:programme))"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('utredning.received')"/></th><td><xsl:value-of select="k:date(c:application/c:received)"/></td></tr>
        <tr>
          <th><xsl:value-of select="k:msg('utredning.investigator')"/></th>
          <td>
            <xsl:value-of select="$inv/c:investigator/c:name"/>, <xsl:value-of select="$inv/c:investigator/c:title"/>
            <xsl:if test="$inv/c:investigator/c:unit">, <xsl:value-of select="$inv/c:investigator/c:unit"/></xsl:if>
          </td>
        </tr>
        <xsl:if test="$inv/c:completed">
          <tr><th><xsl:value-of select="k:msg('utredning.completed')"/></th><td><xsl:value-of select="k:date($inv/c:completed)"/></td></tr>
        </xsl:if>
      </tbody>
    </table>
    <xsl:apply-templates select="c:application/c:appliedFor/c:p" mode="text"/>

    <xsl:call-template name="criteria-table">
      <xsl:with-param name="with-evidence" select="true()"/>
      <xsl:with-param name="lead-key" select="'utredning.criteria.heading'"/>
      <xsl:with-param name="lead-element" select="'h2'"/>
    </xsl:call-template>

    <h2><xsl:value-of select="k:msg('utredning.initial.heading')"/></h2>
    <xsl:apply-templates select="$inv/c:initialAssessment/c:p" mode="text"/>

    <h2><xsl:value-of select="k:msg('utredning.af.heading')"/></h2>
    <xsl:if test="$inv/c:arbetsformedlingen/@date">
      <p class="label"><xsl:value-of select="k:msg('utredning.af.date', 'date', k:date($inv/c:arbetsformedlingen/@date))"/></p>
    </xsl:if>
    <xsl:apply-templates select="$inv/c:arbetsformedlingen/c:p" mode="text"/>

    <h2><xsl:value-of select="k:msg('utredning.overall.heading')"/></h2>
    <xsl:apply-templates select="$inv/c:overallAssessment/c:p" mode="text"/>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('utredning.proposed.heading')"/></h2>
      <p><xsl:value-of select="k:msg('utredning.proposed.step1', 'statute', k:statute('ratt-till-bistand', $statute-date))"/></p>
      <p><strong><xsl:value-of select="k:msg(concat('utredning.proposed.', $inv/c:proposedDecision/@outcome), 'statute', k:statute('bistand-utover', $statute-date))"/></strong></p>
      <xsl:if test="$inv/c:proposedDecision/c:period">
        <p><xsl:value-of select="k:msg('utredning.proposed.period', 'from', k:date($inv/c:proposedDecision/c:period/@from), 'to', k:date($inv/c:proposedDecision/c:period/@to))"/></p>
      </xsl:if>
      <xsl:apply-templates select="$inv/c:proposedDecision/c:motivation/c:p" mode="text"/>
    </div>
  </xsl:template>
</xsl:stylesheet>
