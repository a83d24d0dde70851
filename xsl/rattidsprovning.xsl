<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rättidsprövning of an appeal of step 1 (förvaltningslagen (2017:900) 45-46 §§; delegated by the
  nämnd to the förvaltningschef, Tjänsteutlåtande om delegation 30 maj 2023
  (Arbetsmarknadsförvaltningen), beslutspunkt 6). The last day is three weeks from the day the
  applicant received the decision (FL 44 §, lag (1930:173)); the appeal counts as come in on the
  day it reached the authority (FL 22 §). Two letters, chosen here from the case's dates:
  - on time, or late but not to be dismissed (FL 45 § second paragraph: the decision letter gave
    wrong appeal information, or the appeal reached the court within the time; the composer's
    parameter appeal-late-excused): the letter forwarding the appeal and the case's documents to
    Förvaltningsrätten (FL 46 §), with a copy to the appellant;
  - late: the decision to dismiss the appeal (avvisning), to the appellant, with its own appeal
    information (förvaltningsbesvär, FL 43-44 §§).
  A laglighetsprövning (step 2) is never tried here: the preflight refuses it.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k"
                k:template-id="rattidsprovning"
                k:template-version="1.0.3">

  <!-- Imported, not included: the forwarding letter's window holds the court's address. -->
  <xsl:import href="layout.xsl"/>

  <xsl:variable name="appeal" select="/c:case/c:appeal"/>
  <xsl:variable name="decision" select="/c:case/c:decision"/>
  <xsl:variable name="doc-date" select="string($appeal/c:trial/c:date)"/>
  <xsl:variable name="received" select="string($decision/c:delivery/@received)"/>
  <xsl:variable name="last-day" select="k:deadline($received, 3)"/>
  <xsl:variable name="late">
    <xsl:call-template name="after">
      <xsl:with-param name="a" select="string($appeal/@received)"/>
      <xsl:with-param name="b" select="$last-day"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="forwarded" select="$late = '0' or $appeal-late-excused != ''"/>
  <xsl:variable name="doc-key">
    <xsl:choose>
      <xsl:when test="$forwarded">overlamnande</xsl:when>
      <xsl:otherwise>avvisning</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="applicant-label-key" select="'layout.appellant'"/>
  <xsl:variable name="maker" select="$appeal/c:trial/c:decisionMaker"/>

  <!-- The forwarding letter goes to the court; the dismissal to the appellant. -->
  <xsl:template match="c:applicant" mode="recipient">
    <xsl:choose>
      <xsl:when test="$forwarded"><xsl:call-template name="court-recipient"/></xsl:when>
      <xsl:otherwise><xsl:apply-imports/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="c:case" mode="body">
    <xsl:choose>
      <xsl:when test="$forwarded"><xsl:call-template name="forwarding"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="dismissal"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The dates the trial rests on, in both letters. -->
  <xsl:template name="dates">
    <table class="facts">
      <tbody>
        <tr><th><xsl:value-of select="k:msg('rattidsprovning.decision')"/></th><td><xsl:value-of select="k:date($decision/c:date)"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('rattidsprovning.received')"/></th><td><xsl:value-of select="k:date($received)"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('rattidsprovning.lastDay')"/></th><td><xsl:value-of select="k:date($last-day)"/></td></tr>
        <tr><th><xsl:value-of select="k:msg('rattidsprovning.appealReceived')"/></th><td><xsl:value-of select="k:date($appeal/@received)"/></td></tr>
        <xsl:if test="$appeal/@receivedByCourt">
          <tr><th><xsl:value-of select="k:msg('rattidsprovning.receivedByCourt')"/></th><td><xsl:value-of select="k:date($appeal/@receivedByCourt)"/></td></tr>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <!-- Who tried it (a delegated decision, FL 31 §). -->
  <xsl:template name="trial-maker">
    <xsl:variable name="title">
      <xsl:call-template name="title-in-sentence"><xsl:with-param name="title" select="$maker/c:title"/></xsl:call-template>
    </xsl:variable>
    <p><xsl:value-of select="k:msg('rattidsprovning.maker', 'name', $maker/c:name, 'title', $title, 'unit', $maker/c:unit, 'delegation', normalize-space($maker/c:delegation))"/></p>
  </xsl:template>

  <!-- ============================================================ on time: to the court -->
  <xsl:template name="forwarding">
    <p class="outcome"><strong><xsl:call-template name="msg-nobr">
      <xsl:with-param name="text" select="k:msg('overlamnande.outcome', 'date', k:date($decision/c:date), 'dnr', $k:NOBR, 'statute', k:statute('fl-overlamnande', $doc-date))"/>
      <xsl:with-param name="value" select="$case/c:diarienummer"/>
    </xsl:call-template></strong></p>
    <p><xsl:value-of select="k:msg('overlamnande.what', 'right', k:statute('ratt-till-bistand', string($decision/c:date)))"/></p>
    <div class="keep">
      <h2><xsl:value-of select="k:msg('rattidsprovning.heading')"/></h2>
      <xsl:call-template name="dates"/>
      <p><strong>
        <xsl:choose>
          <xsl:when test="$late = '0'"><xsl:value-of select="k:msg('overlamnande.onTime', 'statute', k:statute('fl-rattidsprovning', $doc-date))"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="k:msg(concat('overlamnande.late.', $appeal-late-excused), 'statute', k:statute('fl-rattidsprovning', $doc-date))"/></xsl:otherwise>
        </xsl:choose>
      </strong></p>
    </div>
    <div class="keep">
      <h2><xsl:value-of select="k:msg('overlamnande.documents.heading')"/></h2>
      <ul>
        <li><xsl:value-of select="k:msg('overlamnande.documents.appeal', 'date', k:date($appeal/@received))"/></li>
        <li><xsl:value-of select="k:msg('overlamnande.documents.decision', 'date', k:date($decision/c:date))"/></li>
        <xsl:for-each select="$appeal/c:documents/c:item">
          <li>
            <xsl:value-of select="."/>
            <xsl:if test="@date"><xsl:text> (</xsl:text><xsl:value-of select="k:date(@date)"/><xsl:text>)</xsl:text></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </div>
    <p><xsl:value-of select="k:msg('overlamnande.statement')"/></p>
    <div class="section keep">
      <h2><xsl:value-of select="k:msg('rattidsprovning.maker.heading')"/></h2>
      <xsl:call-template name="trial-maker"/>
    </div>
    <xsl:call-template name="copy-to-appellant"/>
  </xsl:template>

  <!-- ============================================================ the reader's summary -->
  <!-- After the dismissal, in the reader's language (layout.xsl, translation = 'summary'): the
       easy-to-read box, whatever document/@easyToRead says for the letter itself, and how to
       appeal the dismissal (förvaltningsbesvär, as the letter's appeal section). The forwarding
       letter goes to the court and has none: the pipeline refuses document/@readerLanguage there. -->
  <xsl:template match="c:case" mode="summary">
    <xsl:if test="not($forwarded)">
      <div class="box easy">
        <h2><xsl:value-of select="k:msg('easy.avvisning.heading')"/></h2>
        <p><xsl:value-of select="k:msg('easy.avvisning.late', 'date', k:date($last-day))"/></p>
        <p><xsl:value-of select="k:msg('easy.avvisning.court')"/></p>
      </div>
      <div class="box easy keep">
        <h2><xsl:value-of select="k:msg('easy.appeal.heading')"/></h2>
        <p><xsl:value-of select="k:msg('easy.avvisning.appeal.what')"/></p>
        <p><xsl:value-of select="k:msg('easy.appeal1.how')"/></p>
        <p><xsl:value-of select="k:msg('easy.appeal1.when')"/></p>
        <xsl:call-template name="easy-help"/>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- ============================================================ late: the dismissal -->
  <xsl:template name="dismissal">
    <p class="outcome"><strong><xsl:value-of select="k:msg('avvisning.outcome')"/></strong></p>
    <xsl:if test="k:easyToRead($group, string(c:document/@easyToRead))">
      <div class="box easy">
        <h2><xsl:value-of select="k:msg('easy.avvisning.heading')"/></h2>
        <p><xsl:value-of select="k:msg('easy.avvisning.late', 'date', k:date($last-day))"/></p>
        <p><xsl:value-of select="k:msg('easy.avvisning.court')"/></p>
        <p><xsl:value-of select="k:msg('easy.avvisning.appeal')"/></p>
        <xsl:call-template name="easy-help"/>
      </div>
    </xsl:if>
    <div class="keep">
      <h2><xsl:value-of select="k:msg('rattidsprovning.heading')"/></h2>
      <xsl:call-template name="dates"/>
    </div>
    <div class="keep">
      <h3 class="sub"><xsl:value-of select="k:msg('beslut.motivation')"/></h3>
      <p><xsl:value-of select="k:msg('avvisning.reason', 'received', k:date($received), 'lastDay', k:date($last-day), 'appealReceived', k:date($appeal/@received), 'statute', k:statute('fl-rattidsprovning', $doc-date), 'time', k:statute('fl-overklagande-tid', $doc-date))"/></p>
    </div>
    <p><xsl:value-of select="k:msg('avvisning.reapply')"/></p>
    <div class="section keep">
      <h2><xsl:value-of select="k:msg('rattidsprovning.maker.heading')"/></h2>
      <xsl:call-template name="trial-maker"/>
    </div>
    <!-- The dismissal is itself a decision the appellant may appeal (förvaltningsbesvär). -->
    <div class="appeal section keep">
      <h2><xsl:value-of select="k:msg('avvisning.appeal.heading')"/></h2>
      <p><xsl:value-of select="k:msg('avvisning.appeal.who')"/></p>
      <p><xsl:value-of select="k:msg('appeal.step1.where', 'unit', $maker/c:unit, 'form', k:statute('fl-overklagande-form', $doc-date))"/></p>
      <p><xsl:value-of select="k:msg('avvisning.appeal.when', 'time', k:statute('fl-overklagande-tid', $doc-date))"/></p>
      <p><xsl:call-template name="msg-nobr">
        <xsl:with-param name="text" select="k:msg('appeal.step1.content', 'dnr', $k:NOBR)"/>
        <xsl:with-param name="value" select="$case/c:diarienummer"/>
      </xsl:call-template></p>
    </div>
    <p class="interpreter"><xsl:value-of select="k:msg('beslut.interpreter')"/></p>
  </xsl:template>
</xsl:stylesheet>
