<?xml version="1.0" encoding="UTF-8"?>
<!--
  The decision to end an insats before its period ends: at the applicant's request, because the
  applicant has started work or studies, or because the applicant no longer meets the criteria.
  The last goes against the applicant: it revokes a favourable decision, which förvaltningslagen
  (2017:900) 37 § allows only on the grounds it names (ending/@revocationGround), it is
  communicated first (25 §), motivated (32 §), and carries appeal information (33 §). The insats
  was granted as bistånd utöver rätten, so the decision to end it is reviewed by laglighetsprövning
  (kommunallagen (2017:725) 13 kap.), not by förvaltningsbesvär.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k"
                k:template-id="avslut"
                k:template-version="1.0.4">

  <xsl:include href="layout.xsl"/>

  <xsl:variable name="doc-key" select="'avslut'"/>
  <xsl:variable name="ending" select="/c:case/c:ending"/>
  <xsl:variable name="doc-date" select="string($ending/c:date)"/>
  <xsl:variable name="adverse" select="$ending/@reason = 'criteria-not-met'"/>
  <xsl:variable name="granted" select="$ending/c:grantedBy"/>
  <xsl:variable name="maker" select="$ending/c:decisionMaker"/>
  <xsl:variable name="notice-planned">
    <xsl:call-template name="after">
      <xsl:with-param name="a" select="string($ending/c:protocolNotice/@announced)"/>
      <xsl:with-param name="b" select="$print-date"/>
    </xsl:call-template>
  </xsl:variable>

  <xsl:template match="c:case" mode="body">
    <p class="outcome"><strong><xsl:value-of select="k:msg(concat('avslut.outcome.', $ending/@reason), 'endsOn', k:date($ending/c:endsOn))"/></strong></p>
    <p><xsl:call-template name="msg-nobr">
      <xsl:with-param name="text" select="k:msg('avslut.grantedBy', 'date', k:date($granted/@date), 'dnr', $k:NOBR, 'from', k:date($granted/c:period/@from), 'to', k:date($granted/c:period/@to))"/>
      <xsl:with-param name="value" select="$granted/@diarienummer"/>
      <xsl:with-param name="short-only" select="true()"/>
    </xsl:call-template></p>

    <xsl:if test="k:easyToRead($group, string(c:document/@easyToRead))">
      <div class="box easy">
        <h2><xsl:value-of select="k:msg('easy.avslut.heading')"/></h2>
        <p><xsl:value-of select="k:msg('easy.avslut.ends', 'date', k:date($ending/c:endsOn))"/></p>
        <p><xsl:value-of select="k:msg(concat('easy.avslut.', $ending/@reason))"/></p>
        <xsl:if test="$adverse">
          <p><xsl:value-of select="k:msg('easy.avslut.appeal')"/></p>
        </xsl:if>
        <xsl:call-template name="easy-help"/>
      </div>
    </xsl:if>

    <div class="section">
      <div class="keep">
        <h2><xsl:value-of select="k:msg('beslut.heading.decision')"/></h2>
        <p><strong><xsl:value-of select="k:msg('avslut.decision', 'endsOn', k:date($ending/c:endsOn), 'statute', k:statute('bistand-utover', $doc-date))"/></strong></p>
      </div>
      <xsl:if test="$ending/c:motivation or $adverse">
        <div class="keep">
          <h3 class="sub"><xsl:value-of select="k:msg('beslut.motivation')"/></h3>
          <xsl:apply-templates select="$ending/c:motivation/c:p[1]" mode="text"/>
        </div>
        <xsl:apply-templates select="$ending/c:motivation/c:p[position() &gt; 1]" mode="text"/>
      </xsl:if>
      <xsl:if test="$adverse">
        <p><xsl:value-of select="k:msg(concat('avslut.revocation.', $ending/@revocationGround), 'statute', k:statute('fl-andring', $doc-date))"/></p>
        <xsl:call-template name="communicated">
          <xsl:with-param name="not-needed" select="$ending/c:communicationNotNeeded"/>
          <xsl:with-param name="prefix" select="'avslut'"/>
        </xsl:call-template>
      </xsl:if>
    </div>

    <div class="section keep">
      <h2><xsl:value-of select="k:msg('beslut.maker.heading')"/></h2>
      <xsl:variable name="title">
        <xsl:call-template name="title-in-sentence"><xsl:with-param name="title" select="$maker/c:title"/></xsl:call-template>
      </xsl:variable>
      <p><xsl:value-of select="k:msg('beslut.maker.statement', 'name', $maker/c:name, 'title', $title, 'unit', $maker/c:unit, 'delegation', normalize-space($maker/c:delegation))"/></p>
    </div>

    <xsl:choose>
      <xsl:when test="$adverse"><xsl:call-template name="appeal"/></xsl:when>
      <xsl:otherwise><p><xsl:value-of select="k:msg(concat('avslut.noAppeal.', $ending/@reason), 'unit', c:authority/c:unit)"/></p></xsl:otherwise>
    </xsl:choose>
    <p class="interpreter"><xsl:value-of select="k:msg('beslut.interpreter')"/></p>
  </xsl:template>

  <!-- ============================================================ the reader's summary -->
  <!-- After the Swedish decision, in the reader's language (layout.xsl, translation = 'summary'):
       the easy-to-read box, whatever document/@easyToRead says for the letter itself, and, when
       the decision goes against the applicant, how to ask the court to review it (laglighets-
       prövning, as the letter's appeal section) with the last day. -->
  <xsl:template match="c:case" mode="summary">
    <div class="box easy">
      <h2><xsl:value-of select="k:msg('easy.avslut.heading')"/></h2>
      <p><xsl:value-of select="k:msg('easy.avslut.ends', 'date', k:date($ending/c:endsOn))"/></p>
      <p><xsl:value-of select="k:msg(concat('easy.avslut.', $ending/@reason))"/></p>
      <xsl:if test="not($adverse)">
        <xsl:call-template name="easy-help"/>
      </xsl:if>
    </div>
    <xsl:if test="$adverse">
      <div class="box easy keep">
        <h2><xsl:value-of select="k:msg('easy.appeal.heading')"/></h2>
        <p><xsl:value-of select="k:msg('easy.avslut.appeal.court')"/></p>
        <p><xsl:value-of select="k:msg('easy.appeal2.what')"/></p>
        <p><xsl:value-of select="k:msg('easy.appeal2.how', 'court', k:msg('court.stockholm'))"/></p>
        <p><xsl:value-of select="k:msg('easy.appeal2.when')"/></p>
        <xsl:choose>
          <xsl:when test="$ending/c:protocolNotice/@announced and $notice-planned = '1'">
            <p><xsl:value-of select="k:msg('easy.avslut.appeal.last.planned', 'announced', k:date($ending/c:protocolNotice/@announced), 'date', k:date(k:deadline($ending/c:protocolNotice/@announced, 3)))"/></p>
          </xsl:when>
          <xsl:when test="$ending/c:protocolNotice/@announced">
            <p><xsl:value-of select="k:msg('easy.avslut.appeal.last', 'date', k:date(k:deadline($ending/c:protocolNotice/@announced, 3)))"/></p>
          </xsl:when>
        </xsl:choose>
        <xsl:call-template name="easy-help"/>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Laglighetsprövning only: the insats was bistånd utöver rätten (KL 13 kap.). -->
  <xsl:template name="appeal">
    <div class="appeal section">
      <div class="keep">
        <h2><xsl:value-of select="k:msg('appeal.heading')"/></h2>
        <p><xsl:value-of select="k:msg('avslut.appeal.basis', 'statute', k:statute('bistand-utover', $doc-date), 'kl', k:statute('kl-laglighetsprovning', $doc-date))"/></p>
      </div>
      <p><xsl:value-of select="k:msg('appeal.step2.who')"/></p>
      <p><xsl:value-of select="k:msg('appeal.step2.where', 'court', k:msg('court.stockholm'))"/></p>
      <p><xsl:value-of select="k:msg('appeal.step2.when')"/></p>
      <xsl:if test="normalize-space($maker/c:delegation) != ''">
        <p><xsl:value-of select="k:msg('appeal.step2.delegation')"/></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$ending/c:protocolNotice/@announced and $notice-planned = '1'">
          <p><strong><xsl:value-of select="k:msg('appeal.step2.lastDay.planned', 'announced', k:date($ending/c:protocolNotice/@announced), 'lastDay', k:date(k:deadline($ending/c:protocolNotice/@announced, 3)))"/></strong></p>
        </xsl:when>
        <xsl:when test="$ending/c:protocolNotice/@announced">
          <p><strong><xsl:value-of select="k:msg('appeal.step2.lastDay', 'announced', k:date($ending/c:protocolNotice/@announced), 'lastDay', k:date(k:deadline($ending/c:protocolNotice/@announced, 3)))"/></strong></p>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="k:msg('appeal.step2.noNotice', 'unit', $maker/c:unit)"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <p><xsl:value-of select="k:msg('appeal.step2.scope')"/></p>
      <p><xsl:value-of select="k:msg('appeal.step2.grounds')"/></p>
    </div>
  </xsl:template>
</xsl:stylesheet>
