<?xml version="1.0" encoding="UTF-8"?>
<!--
  The decision on a continued insats (fortsatt insats): the two-step decision of beslut.xsl, with
  both steps and both appeal routes as in any decision, which says what it continues (the previous
  decision by date and diarienummer, and its period) and on which new assessment it rests:
  the outreach groups after six months together with Arbetsförmedlingen (Riktlinje för uppsökande
  uppdrag (Arbetsmarknadsnämnden, juni 2022)), Insteg after four months after consultation with
  the Jobbtorg coach (Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj
  2022, dnr 3.1.1-70/2022)). The legal preflight has checked that the new period follows the old
  one without gap or overlap, and the särskilda skäl beyond two years of the whole insats.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k"
                k:template-id="fortsatt"
                k:template-version="1.1.0">

  <!-- Everything of the decision letter; the templates below take precedence over its own. -->
  <xsl:import href="beslut.xsl"/>

  <xsl:variable name="doc-key" select="'fortsatt'"/>
  <xsl:variable name="continuation" select="/c:case/c:continuationOf"/>
  <xsl:variable name="previous" select="$continuation/c:previousDecision"/>

  <xsl:template name="outcome">
    <p class="outcome">
      <strong>
        <xsl:choose>
          <xsl:when test="$granted and $decision/c:step2/c:period">
            <xsl:value-of select="k:msg('fortsatt.outcome.bifall', 'from', k:date($decision/c:step2/c:period/@from), 'to', k:date($decision/c:step2/c:period/@to))"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="k:msg('fortsatt.outcome.avslag', 'to', k:date($previous/c:period/@to))"/>
          </xsl:otherwise>
        </xsl:choose>
      </strong>
    </p>
  </xsl:template>

  <xsl:template name="application">
    <p><xsl:value-of select="k:msg('common.application.continuation', 'date', k:date(c:application/c:received))"/></p>
    <p><xsl:call-template name="msg-nobr">
      <xsl:with-param name="text" select="k:msg('fortsatt.previous', 'date', k:date($previous/@date), 'dnr', $k:NOBR, 'from', k:date($previous/c:period/@from), 'to', k:date($previous/c:period/@to))"/>
      <xsl:with-param name="value" select="$previous/@diarienummer"/>
      <xsl:with-param name="short-only" select="true()"/>
    </xsl:call-template></p>
    <xsl:apply-templates select="c:application/c:appliedFor/c:p" mode="text"/>
    <table class="facts">
      <tbody>
        <tr>
          <th><xsl:value-of select="k:msg('common.targetGroup')"/></th>
          <td><xsl:value-of select="k:msg(concat('group.', $group))"/></td>
        </tr>
        <tr>
          <th><xsl:value-of select="k:msg('common.programme')"/></th>
          <td><xsl:value-of select="k:msg(concat('programme.', c:application/c:programme))"/></td>
        </tr>
        <xsl:if test="$continuation/c:insatsStarted">
          <tr>
            <th><xsl:value-of select="k:msg('fortsatt.insatsStarted')"/></th>
            <td><xsl:value-of select="k:date($continuation/c:insatsStarted)"/></td>
          </tr>
        </xsl:if>
      </tbody>
    </table>
    <!-- The new assessment the guidelines require before a continuation. -->
    <div class="keep">
      <h2><xsl:value-of select="k:msg('fortsatt.assessment.heading')"/></h2>
      <p><xsl:value-of select="k:msg(concat('fortsatt.assessment.', substring('none', 1, 4 * number(not($continuation/c:assessment/@consulted))), $continuation/c:assessment/@consulted), 'date', k:date($continuation/c:assessment/@date))"/></p>
      <xsl:apply-templates select="$continuation/c:assessment/c:p[1]" mode="text"/>
    </div>
    <xsl:apply-templates select="$continuation/c:assessment/c:p[position() &gt; 1]" mode="text"/>
  </xsl:template>
</xsl:stylesheet>
