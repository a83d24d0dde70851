<?xml version="1.0" encoding="UTF-8"?>
<!--
  Slutrapport: the final report to the ordering district when an insats ends (Översyn av Jobbtorg
  Stockholm (Arbetsmarknadsförvaltningen, 2017): follow-up and final reports): the period, why it
  ended, the activities, the outcome (work, studies, other) and the participant's own view. The
  window holds the district's address.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k"
                k:template-id="slutrapport"
                k:template-version="1.0.1">

  <!-- Imported, not included: the window holds the district's address. -->
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="doc-key" select="'slutrapport'"/>
  <xsl:variable name="ending" select="/c:case/c:ending"/>
  <xsl:variable name="report" select="$ending/c:report"/>
  <xsl:variable name="doc-date" select="string($report/@written)"/>
  <xsl:variable name="applicant-label-key" select="'layout.participant'"/>

  <xsl:template match="c:applicant" mode="recipient">
    <p><xsl:value-of select="$report/c:recipient/c:name"/></p>
    <xsl:if test="$report/c:recipient/c:unit"><p><xsl:value-of select="$report/c:recipient/c:unit"/></p></xsl:if>
    <xsl:apply-templates select="$report/c:recipient/c:postalAddress" mode="lines"/>
  </xsl:template>

  <xsl:template match="c:case" mode="body">
    <p class="outcome"><strong><xsl:value-of select="k:msg(concat('slutrapport.outcome.', $report/@outcome), 'date', k:date($ending/c:endsOn))"/></strong></p>
    <table class="facts">
      <tbody>
        <tr><th><xsl:value-of select="k:msg('layout.participant')"/></th><td><bdi><xsl:value-of select="c:applicant/c:givenName"/></bdi><xsl:text> </xsl:text><bdi><xsl:value-of select="c:applicant/c:familyName"/></bdi></td></tr>
        <tr><th><xsl:value-of select="k:msg('common.targetGroup')"/></th><td><xsl:value-of select="k:msg(concat('group.', $group))"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('common.programme')"/></th><td><xsl:value-of select="k:msg(concat('programme.', c:application/c:programme))"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('slutrapport.granted')"/></th><td><xsl:call-template name="msg-nobr">
          <xsl:with-param name="text" select="k:msg('slutrapport.grantedBy', 'date', k:date($ending/c:grantedBy/@date), 'dnr', $k:NOBR)"/>
          <xsl:with-param name="value" select="$ending/c:grantedBy/@diarienummer"/>
      <xsl:with-param name="short-only" select="true()"/>
        </xsl:call-template></td></tr>
        <tr><th><xsl:value-of select="k:msg('slutrapport.period')"/></th><td><xsl:value-of select="k:msg('common.period', 'from', k:date($ending/c:grantedBy/c:period/@from), 'to', k:date($ending/c:grantedBy/c:period/@to))"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('slutrapport.ended')"/></th><td><xsl:value-of select="k:date($ending/c:endsOn)"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('slutrapport.reason')"/></th><td><xsl:value-of select="k:msg(concat('slutrapport.reason.', $ending/@reason))"/></td></tr>
      </tbody>
    </table>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('slutrapport.activities.heading')"/></h2>
      <xsl:apply-templates select="$report/c:activities/c:p[1]" mode="text"/>
    </div>
    <xsl:apply-templates select="$report/c:activities/c:p[position() &gt; 1]" mode="text"/>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('slutrapport.result.heading')"/></h2>
      <p><strong><xsl:value-of select="k:msg(concat('slutrapport.result.', $report/@outcome))"/></strong></p>
      <xsl:apply-templates select="$report/c:result/c:p[1]" mode="text"/>
    </div>
    <xsl:apply-templates select="$report/c:result/c:p[position() &gt; 1]" mode="text"/>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('slutrapport.view.heading')"/></h2>
      <xsl:apply-templates select="$report/c:participantView/c:p[1]" mode="text"/>
    </div>
    <xsl:apply-templates select="$report/c:participantView/c:p[position() &gt; 1]" mode="text"/>
    <xsl:if test="c:handler">
      <p><xsl:value-of select="k:msg('slutrapport.writtenBy', 'name', c:handler/c:name, 'unit', c:authority/c:unit)"/></p>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
