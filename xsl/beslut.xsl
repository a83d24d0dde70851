<?xml version="1.0" encoding="UTF-8"?>
<!--
  The two-step decision letter (förvaltningslagen (2017:900) 31–33, 43–45 §§; kommunallagen (2017:725) 13 kap.; Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen); Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022); Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022)).
  Step 1: tried under the right to bistånd and rejected, with the standard motivation.
  Step 2: tried straight away as bistånd utöver, granted or rejected.
  Both appeal routes follow from the step, never from caller text. Statute references come from
  k:statute(concept, decision date); deadlines from k:deadline (lag 1930:173).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns="http://www.w3.org/1999/xhtml"
                xmlns:c="urn:se:stockholm:kansli:case:1"
                xmlns:k="urn:se:stockholm:kansli:xslt"
                exclude-result-prefixes="c k"
                k:template-id="beslut"
                k:template-version="1.3.0">

  <xsl:include href="layout.xsl"/>

  <xsl:variable name="doc-key" select="'beslut'"/>
  <xsl:variable name="doc-date" select="string(/c:case/c:decision/c:date)"/>
  <xsl:variable name="decision" select="/c:case/c:decision"/>
  <xsl:variable name="granted" select="$decision/c:step2/@outcome = 'bifall'"/>
  <xsl:variable name="lss" select="$group = 'lss-insteg' or $group = 'lss-insats'"/>

  <xsl:variable name="sol-right" select="k:statute('ratt-till-bistand', $doc-date)"/>
  <xsl:variable name="sol-beyond" select="k:statute('bistand-utover', $doc-date)"/>

  <xsl:template match="c:case" mode="body">
    <xsl:call-template name="outcome"/>
    <xsl:call-template name="application"/>
    <xsl:variable name="easy" select="k:easyToRead($group, string(c:document/@easyToRead))"/>
    <!-- The decision in brief stands before the decision; the easy-to-read appeal box opens the
         appeal section, next to what it summarises, so the two boxes together never push the
         decision off page 1. -->
    <xsl:if test="$easy">
      <xsl:call-template name="easy-to-read"/>
    </xsl:if>
    <xsl:call-template name="decision"/>
    <xsl:call-template name="decision-maker"/>
    <xsl:if test="$easy">
      <xsl:call-template name="easy-appeal"/>
    </xsl:if>
    <xsl:call-template name="appeal"/>
    <!-- FL 13 §: an interpreter or a translation when the applicant needs one. -->
    <p class="interpreter"><xsl:value-of select="k:msg('beslut.interpreter')"/></p>
  </xsl:template>

  <!-- ============================================================ the outcome, first -->
  <!-- One plain sentence under the title says what the applicant gets; the two steps follow. -->
  <xsl:template name="outcome">
    <p class="outcome">
      <strong>
        <xsl:choose>
          <xsl:when test="$granted and $decision/c:step2/c:period">
            <xsl:value-of select="k:msg('beslut.outcome.bifall', 'from', k:date($decision/c:step2/c:period/@from), 'to', k:date($decision/c:step2/c:period/@to))"/>
          </xsl:when>
          <xsl:when test="$granted"><xsl:value-of select="k:msg('beslut.outcome.bifall.noPeriod')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="k:msg('beslut.outcome.avslag')"/></xsl:otherwise>
        </xsl:choose>
      </strong>
    </p>
  </xsl:template>

  <!-- Is the notice of the approved protocol after the print date (a planned date)? -->
  <xsl:variable name="notice-planned">
    <xsl:call-template name="after">
      <xsl:with-param name="a" select="string($decision/c:protocolNotice/@announced)"/>
      <xsl:with-param name="b" select="$print-date"/>
    </xsl:call-template>
  </xsl:variable>

  <!-- ============================================================ the application -->
  <xsl:template name="application">
    <xsl:choose>
      <xsl:when test="c:application/c:continuation = 'true' or c:application/c:continuation = '1'">
        <p><xsl:value-of select="k:msg('common.application.continuation', 'date', k:date(c:application/c:received))"/></p>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="k:msg('common.application', 'date', k:date(c:application/c:received))"/></p>
      </xsl:otherwise>
    </xsl:choose>
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
      </tbody>
    </table>
  </xsl:template>

  <!-- ============================================================ the decision -->
  <xsl:template name="decision">
    <h2><xsl:value-of select="k:msg('beslut.heading.decision')"/></h2>
    <p><xsl:value-of select="k:msg('beslut.summary')"/></p>

    <div class="section step1">
      <div class="keep">
        <h3><xsl:value-of select="k:msg('beslut.step1.heading')"/></h3>
        <p><xsl:value-of select="k:msg('beslut.step1.decision', 'statute', $sol-right)"/></p>
      </div>
      <div class="keep">
        <h4><xsl:value-of select="k:msg('beslut.motivation')"/></h4>
        <p><xsl:value-of select="k:msg('beslut.step1.standard', 'statute', $sol-right, 'statute2', $sol-beyond)"/></p>
      </div>
      <xsl:apply-templates select="$decision/c:step1/c:motivation/c:p" mode="text"/>
    </div>

    <div class="section step2">
      <div class="keep">
        <h3><xsl:value-of select="k:msg('beslut.step2.heading')"/></h3>
        <p><strong><xsl:value-of select="k:msg(concat('beslut.step2.', $decision/c:step2/@outcome), 'statute', $sol-beyond)"/></strong></p>
      </div>
      <xsl:if test="$granted and $decision/c:step2/c:period">
        <p><strong><xsl:value-of select="k:msg('beslut.period.text', 'from', k:date($decision/c:step2/c:period/@from), 'to', k:date($decision/c:step2/c:period/@to))"/></strong></p>
      </xsl:if>
      <div class="keep">
        <h4><xsl:value-of select="k:msg('beslut.motivation')"/></h4>
        <xsl:apply-templates select="$decision/c:step2/c:motivation/c:p[1]" mode="text"/>
      </div>
      <xsl:apply-templates select="$decision/c:step2/c:motivation/c:p[position() &gt; 1]" mode="text"/>
      <xsl:if test="not($granted)">
        <xsl:call-template name="communicated">
          <xsl:with-param name="not-needed" select="$decision/c:communicationNotNeeded"/>
          <xsl:with-param name="prefix" select="'beslut'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="c:investigation/c:criteria/c:criterion">
        <xsl:call-template name="criteria-table">
          <xsl:with-param name="key-prefix" select="'letter.criterion.'"/>
          <xsl:with-param name="lead-key" select="'beslut.criteria.intro'"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:if test="$decision/c:step2/c:specialReasons">
        <h3><xsl:value-of select="k:msg('beslut.specialReasons.heading')"/></h3>
        <xsl:apply-templates select="$decision/c:step2/c:specialReasons/c:p" mode="text"/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$granted">
          <h3><xsl:value-of select="k:msg('beslut.conditions.heading')"/></h3>
          <p><xsl:value-of select="k:msg(concat('beslut.conditions.', $group))"/></p>
          <xsl:apply-templates select="$decision/c:step2/c:conditions/c:p" mode="text"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="alternatives"/>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>

  <!-- What the applicant can do after a rejection (Riktlinjer för särskilt individanpassad stödinsats (Socialförvaltningen, maj 2022, dnr 3.1.1-70/2022): re-apply, Insteg, daglig verksamhet;
       Tjänsteutlåtande om delegation 30 maj 2023 (Arbetsmarknadsförvaltningen); Riktlinje för uppsökande uppdrag (Arbetsmarknadsnämnden, juni 2022): contact the district's social services). -->
  <xsl:template name="alternatives">
    <h3><xsl:value-of select="k:msg('beslut.alternatives.heading')"/></h3>
    <ul>
      <li><xsl:value-of select="k:msg('beslut.alternatives.reapply')"/></li>
      <xsl:if test="$group = 'lss-insats'">
        <li><xsl:value-of select="k:msg('beslut.alternatives.insteg')"/></li>
      </xsl:if>
      <xsl:if test="$lss">
        <li><xsl:value-of select="k:msg('beslut.alternatives.daglig-verksamhet')"/></li>
      </xsl:if>
      <xsl:if test="$group = 'socialpsykiatri'">
        <li><xsl:value-of select="k:msg('beslut.alternatives.sysselsattning')"/></li>
      </xsl:if>
      <li><xsl:value-of select="k:msg('beslut.alternatives.district')"/></li>
    </ul>
    <p><xsl:value-of select="k:msg('beslut.alternatives.contact', 'unit', $decision/c:decisionMaker/c:unit)"/></p>
  </xsl:template>

  <!-- ============================================================ who decided -->
  <!-- KL 6 kap. 38 §: a named human decides; kansli only prints (FL 31 §: who decided). -->
  <xsl:template name="decision-maker">
    <div class="section keep">
      <h2><xsl:value-of select="k:msg('beslut.maker.heading')"/></h2>
      <xsl:variable name="maker" select="$decision/c:decisionMaker"/>
      <xsl:variable name="title-in-sentence">
        <xsl:call-template name="title-in-sentence"><xsl:with-param name="title" select="$maker/c:title"/></xsl:call-template>
      </xsl:variable>
      <!-- The decision-maker is stated once: who, in which role and unit, under which delegation. -->
      <p><xsl:value-of select="k:msg('beslut.maker.statement', 'name', $maker/c:name, 'title', $title-in-sentence, 'unit', $maker/c:unit, 'delegation', normalize-space($maker/c:delegation))"/></p>
      <xsl:if test="$decision/c:presenter">
        <p>
          <xsl:value-of select="k:msg('beslut.presenter')"/><xsl:text>: </xsl:text>
          <xsl:value-of select="$decision/c:presenter/c:name"/>, <xsl:value-of select="$decision/c:presenter/c:title"/>
          <xsl:if test="$decision/c:presenter/c:unit">, <xsl:value-of select="$decision/c:presenter/c:unit"/></xsl:if>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- ============================================================ how to appeal -->
  <xsl:template name="appeal">
    <div class="appeal">
      <!-- Page flow: a heading never ends a page, so each heading is kept with the text that
           follows it (h2, the intro, the first step's heading and first paragraph as one block);
           the rest flows, so no page is left a third empty for a section moved whole. -->
      <div class="section">
        <div class="keep">
          <h2><xsl:value-of select="k:msg('appeal.heading')"/></h2>
          <p><xsl:value-of select="k:msg('appeal.intro')"/></p>
          <!-- Step 1: förvaltningsbesvär (FL 43-44 §§) -->
          <h3><xsl:value-of select="k:msg('appeal.step1.heading')"/></h3>
          <p><xsl:value-of select="k:msg('appeal.step1.who', 'statute', $sol-right, 'appealable', k:statute('overklagbara-beslut', $doc-date))"/></p>
        </div>
        <p><xsl:value-of select="k:msg('appeal.step1.where', 'unit', $decision/c:decisionMaker/c:unit, 'form', k:statute('fl-overklagande-form', $doc-date))"/></p>
        <p><xsl:value-of select="k:msg('appeal.step1.when', 'time', k:statute('fl-overklagande-tid', $doc-date))"/></p>
        <xsl:if test="$decision/c:delivery/@received">
          <p><strong><xsl:value-of select="k:msg('appeal.step1.lastDay', 'received', k:date($decision/c:delivery/@received), 'lastDay', k:date(k:deadline($decision/c:delivery/@received, 3)))"/></strong></p>
        </xsl:if>
        <p><xsl:call-template name="msg-nobr">
          <xsl:with-param name="text" select="k:msg('appeal.step1.content', 'dnr', $k:NOBR)"/>
          <xsl:with-param name="value" select="/c:case/c:diarienummer"/>
        </xsl:call-template></p>
      </div>

      <!-- Step 2: laglighetsprövning (KL 13 kap.) -->
      <div class="section">
        <div class="keep">
          <h3><xsl:value-of select="k:msg('appeal.step2.heading')"/></h3>
          <p><xsl:value-of select="k:msg('appeal.step2.basis', 'statute', $sol-beyond, 'kl', k:statute('kl-laglighetsprovning', $doc-date))"/></p>
        </div>
        <p><xsl:value-of select="k:msg('appeal.step2.who')"/></p>
        <p><xsl:value-of select="k:msg('appeal.step2.where', 'court', k:msg('court.stockholm'))"/></p>
        <p><xsl:value-of select="k:msg('appeal.step2.when')"/></p>
        <xsl:if test="normalize-space($decision/c:decisionMaker/c:delegation) != ''">
          <p><xsl:value-of select="k:msg('appeal.step2.delegation')"/></p>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$decision/c:protocolNotice/@announced and $notice-planned = '1'">
            <p><strong><xsl:value-of select="k:msg('appeal.step2.lastDay.planned', 'announced', k:date($decision/c:protocolNotice/@announced), 'lastDay', k:date(k:deadline($decision/c:protocolNotice/@announced, 3)))"/></strong></p>
          </xsl:when>
          <xsl:when test="$decision/c:protocolNotice/@announced">
            <p><strong><xsl:value-of select="k:msg('appeal.step2.lastDay', 'announced', k:date($decision/c:protocolNotice/@announced), 'lastDay', k:date(k:deadline($decision/c:protocolNotice/@announced, 3)))"/></strong></p>
          </xsl:when>
          <xsl:otherwise>
            <p><xsl:value-of select="k:msg('appeal.step2.noNotice', 'unit', $decision/c:decisionMaker/c:unit)"/></p>
          </xsl:otherwise>
        </xsl:choose>
        <p><xsl:value-of select="k:msg('appeal.step2.scope')"/></p>
        <p><xsl:value-of select="k:msg('appeal.step2.grounds')"/></p>
      </div>
    </div>
  </xsl:template>

  <!-- ============================================================ the reader's summary -->
  <!-- After the Swedish decision, in the reader's language (layout.xsl, translation = 'summary'):
       the two easy-to-read boxes, whatever document/@easyToRead says for the letter itself. -->
  <xsl:template match="c:case" mode="summary">
    <xsl:call-template name="easy-to-read"/>
    <xsl:call-template name="easy-appeal"/>
  </xsl:template>

  <!-- ============================================================ lättläst -->
  <!-- Short sentences, one idea per line (lag (2018:1937)). Two boxes, each kept on one page. -->
  <xsl:template name="easy-to-read">
    <div class="box easy">
      <h2><xsl:value-of select="k:msg('easy.heading')"/></h2>
      <p><xsl:value-of select="k:msg('easy.read')"/></p>
      <p><xsl:value-of select="k:msg('easy.twoWays')"/></p>
      <p><xsl:value-of select="k:msg('easy.step1')"/></p>
      <p><xsl:value-of select="k:msg(concat('easy.step2.', $decision/c:step2/@outcome))"/></p>
      <xsl:choose>
        <xsl:when test="$granted">
          <p><strong><xsl:value-of select="k:msg('easy.granted')"/></strong></p>
          <xsl:if test="$decision/c:step2/c:period">
            <p><xsl:value-of select="k:msg('easy.from', 'date', k:date($decision/c:step2/c:period/@from))"/></p>
            <p><xsl:value-of select="k:msg('easy.to', 'date', k:date($decision/c:step2/c:period/@to))"/></p>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <p><strong><xsl:value-of select="k:msg('easy.rejected')"/></strong></p>
          <p><xsl:value-of select="k:msg('easy.rejected.reapply')"/></p>
          <xsl:if test="$group = 'lss-insats'">
            <p><xsl:value-of select="k:msg('easy.rejected.insteg')"/></p>
          </xsl:if>
          <xsl:if test="$lss">
            <p><xsl:value-of select="k:msg('easy.rejected.daglig')"/></p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="easy-help"/>
    </div>
  </xsl:template>

  <!-- The easy-to-read appeal box. May split between its two parts (how to appeal each answer)
       rather than leave a page a third empty; each part stays whole. -->
  <xsl:template name="easy-appeal">
    <div class="box easy split">
      <div class="keep">
      <h2><xsl:value-of select="k:msg('easy.appeal.heading')"/></h2>
      <p><xsl:value-of select="k:msg('easy.appeal1')"/></p>
      <p><xsl:value-of select="k:msg('easy.appeal1.how')"/></p>
      <p><xsl:value-of select="k:msg('easy.appeal1.when')"/></p>
      <xsl:if test="$decision/c:delivery/@received">
        <p><xsl:value-of select="k:msg('easy.appeal1.last', 'date', k:date(k:deadline($decision/c:delivery/@received, 3)))"/></p>
      </xsl:if>
      </div>
      <div class="keep">
      <p><xsl:value-of select="k:msg('easy.appeal2')"/></p>
      <p><xsl:value-of select="k:msg('easy.appeal2.what')"/></p>
      <p><xsl:value-of select="k:msg('easy.appeal2.how', 'court', k:msg('court.stockholm'))"/></p>
      <p><xsl:value-of select="k:msg('easy.appeal2.when')"/></p>
      <xsl:choose>
        <xsl:when test="$decision/c:protocolNotice/@announced and $notice-planned = '1'">
          <p><xsl:value-of select="k:msg('easy.appeal2.last.planned', 'announced', k:date($decision/c:protocolNotice/@announced), 'date', k:date(k:deadline($decision/c:protocolNotice/@announced, 3)))"/></p>
        </xsl:when>
        <xsl:when test="$decision/c:protocolNotice/@announced">
          <p><xsl:value-of select="k:msg('easy.appeal2.last', 'date', k:date(k:deadline($decision/c:protocolNotice/@announced, 3)))"/></p>
        </xsl:when>
      </xsl:choose>
      <xsl:call-template name="easy-help"/>
      </div>
    </div>
  </xsl:template>

</xsl:stylesheet>
