<?xml version="1.0" encoding="UTF-8"?>
<!--
  Jobbplan / genomförandeplan (Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen); Översyn av Jobbtorg Stockholm (Arbetsmarknadsförvaltningen, 2017)): goal, activities and support, who
  does what and when, the participant's own views and wishes, who took part, when the plan was
  set, when and how it is followed up.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k"
                k:template-id="jobbplan"
                k:template-version="1.1.0">

  <xsl:include href="layout.xsl"/>

  <xsl:variable name="plan" select="/c:case/c:jobPlan"/>
  <xsl:variable name="doc-key" select="'jobbplan'"/>
  <xsl:variable name="doc-date" select="string($plan/c:established)"/>

  <xsl:template match="c:case" mode="body">
    <p><xsl:value-of select="k:msg('jobbplan.intro')"/></p>
    <table class="facts">
      <tbody>
        <tr><th><xsl:value-of select="k:msg('common.programme')"/></th><td><xsl:value-of select="k:msg(concat('programme.', c:application/c:programme))"/></td></tr>
        <tr>
          <th><xsl:value-of select="k:msg('jobbplan.coach')"/></th>
          <td>
            <xsl:value-of select="$plan/c:coach/c:name"/>, <xsl:value-of select="$plan/c:coach/c:title"/>
            <xsl:if test="$plan/c:coach/c:unit">, <xsl:value-of select="$plan/c:coach/c:unit"/></xsl:if>
            <xsl:if test="$plan/c:coach/c:phone">, <xsl:value-of select="k:msg('layout.phone')"/><xsl:text> </xsl:text><xsl:call-template name="nobr"><xsl:with-param name="value" select="$plan/c:coach/c:phone"/></xsl:call-template></xsl:if>
          </td>
        </tr>
        <tr><th><xsl:value-of select="k:msg('jobbplan.enrolled')"/></th><td><xsl:value-of select="k:date($plan/c:enrolled)"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('jobbplan.established')"/></th><td><xsl:value-of select="k:date($plan/c:established)"/></td></tr>
      </tbody>
    </table>

    <h2><xsl:value-of select="k:msg('jobbplan.goal.heading')"/></h2>
    <p><strong><xsl:value-of select="k:msg(concat('jobbplan.goal.', $plan/c:goal/@kind))"/></strong></p>
    <xsl:apply-templates select="$plan/c:goal/c:p" mode="text"/>

    <!-- The heading stays on the page of the header row and the first activity; the rest follow
         as a second table of the same columns (docs/templates.md, page flow). -->
    <div class="keep">
      <h2><xsl:value-of select="k:msg('jobbplan.activities.heading')"/></h2>
      <table class="rows activities">
        <thead>
          <tr>
            <th><xsl:value-of select="k:msg('jobbplan.col.what')"/></th>
            <th><xsl:value-of select="k:msg('jobbplan.col.support')"/></th>
            <th><xsl:value-of select="k:msg('jobbplan.col.responsible')"/></th>
            <th><xsl:value-of select="k:msg('jobbplan.col.when')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:apply-templates select="$plan/c:activities/c:activity[1]" mode="row"/>
        </tbody>
      </table>
    </div>
    <table class="rows activities">
      <tbody>
        <xsl:apply-templates select="$plan/c:activities/c:activity[position() &gt; 1]" mode="row"/>
      </tbody>
    </table>

    <h2><xsl:value-of select="k:msg('jobbplan.views.heading')"/></h2>
    <xsl:apply-templates select="$plan/c:participantViews/c:p" mode="text"/>

    <h2><xsl:value-of select="k:msg('jobbplan.wishes.heading')"/></h2>
    <xsl:apply-templates select="$plan/c:wishesConsidered/c:p" mode="text"/>

    <h2><xsl:value-of select="k:msg('jobbplan.participants.heading')"/></h2>
    <table class="rows participants">
      <thead>
        <tr>
          <th><xsl:value-of select="k:msg('jobbplan.col.name')"/></th>
          <th><xsl:value-of select="k:msg('jobbplan.col.role')"/></th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$plan/c:participants/c:participant">
          <tr><td><xsl:value-of select="c:name"/></td><td><xsl:value-of select="c:role"/></td></tr>
        </xsl:for-each>
      </tbody>
    </table>

    <div class="keep">
      <h2><xsl:value-of select="k:msg('jobbplan.followup.heading')"/></h2>
      <p class="label"><xsl:value-of select="k:msg('jobbplan.followup.dates')"/></p>
      <ul>
        <xsl:for-each select="$plan/c:followUp/c:date">
          <li><xsl:value-of select="k:date(.)"/></li>
        </xsl:for-each>
      </ul>
      <p class="label"><xsl:value-of select="k:msg('jobbplan.followup.method')"/></p>
      <xsl:apply-templates select="$plan/c:followUp/c:method/c:p" mode="text"/>
    </div>
  </xsl:template>
  <xsl:template match="c:activity" mode="row">
    <tr>
      <td><xsl:value-of select="c:what"/></td>
      <td><xsl:value-of select="c:support"/><xsl:if test="not(c:support)">–</xsl:if></td>
      <td><xsl:value-of select="c:responsible"/></td>
      <td><xsl:value-of select="c:when"/></td>
    </tr>
  </xsl:template>
</xsl:stylesheet>
