// kansli förhandsgranskning: a caseworker checks a case file and sees the letter.
// Case content stays in this page's memory: it goes only into request bodies, never into a URL,
// localStorage or sessionStorage. Only the access token is kept (sessionStorage, this tab).
'use strict';

(function () {
  const TOKEN_KEY = 'kansli.token';
  const $ = (id) => document.getElementById(id);

  const el = {
    tokenForm: $('token-form'), token: $('token'), tokenForget: $('token-forget'), tokenStatus: $('token-status'),
    caseForm: $('case-form'), xml: $('arende'), file: $('fil'), pdfButton: $('skapa-pdf'), checkButton: $('granska'),
    message: $('meddelande'), summary: $('fynd-sammanfattning'), findings: $('fynd-lista'), lines: $('rader'),
    letter: $('brev'), letterStatus: $('brev-status'),
    pdf: $('pdf'), pdfLink: $('pdf-lank'), pdfStatus: $('pdf-status'),
  };
  let pdfUrl = null;

  // ------------------------------------------------------------------ token
  function storedToken() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }
  function showTokenState() {
    el.tokenStatus.textContent = storedToken()
      ? 'En token är sparad för den här fliken.'
      : 'Ingen token sparad. Tjänsten kan kräva en.';
  }
  el.tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = el.token.value.trim();
    try {
      if (value) { sessionStorage.setItem(TOKEN_KEY, value); } else { sessionStorage.removeItem(TOKEN_KEY); }
    } catch (e) { /* private mode: the token is then used for this page only */ }
    el.token.value = '';
    showTokenState();
  });
  el.tokenForget.addEventListener('click', () => {
    try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing stored */ }
    showTokenState();
    el.token.focus();
  });

  function headers(accept) {
    // The findings in the page's own language (Swedish), whatever the browser's settings.
    const h = { 'Content-Type': 'application/xml', 'Accept': accept,
      'Accept-Language': document.documentElement.lang || 'sv' };
    const token = storedToken();
    if (token) { h.Authorization = 'Bearer ' + token; }
    return h;
  }

  // What the service said when it refused, in words for a caseworker.
  async function problemText(response) {
    if (response.status === 401) { return 'Åtkomsttoken saknas eller är fel. Ange din token under Behörighet.'; }
    if (response.status === 403) { return 'Din token ger inte rätt att förhandsgranska brev.'; }
    if (response.status === 413) { return 'Filen är för stor.'; }
    if (response.status === 503) { return 'Tjänsten är upptagen just nu. Försök igen om en stund.'; }
    try {
      const problem = await response.json();
      if (problem && problem.detail) { return problem.detail + ' (HTTP ' + response.status + ')'; }
    } catch (e) { /* not problem+json */ }
    return 'Tjänsten svarade med fel (HTTP ' + response.status + ').';
  }

  function say(text, isError) {
    el.message.textContent = text;
    el.message.classList.toggle('error', Boolean(isError));
  }

  function authProblem(response) {
    if (response.status === 401 || response.status === 403) { el.token.focus(); }
  }

  // ------------------------------------------------------------------ file input
  el.file.addEventListener('change', () => {
    const file = el.file.files && el.file.files[0];
    if (!file) { return; }
    file.text().then((text) => {
      el.xml.value = text;
      say('Filen ' + file.name + ' är inläst. Välj ”Granska och visa brevet”.');
    }, () => say('Filen kunde inte läsas.', true));
  });

  // ------------------------------------------------------------------ findings
  const SEVERITY = { error: 'Fel', warning: 'Varning', info: 'Information' };

  function countText(findings) {
    const errors = findings.filter((f) => f.severity === 'error').length;
    const warnings = findings.length - errors;
    if (findings.length === 0) { return 'Inga fynd.'; }
    const parts = [];
    if (errors) { parts.push(errors + (errors === 1 ? ' fel' : ' fel')); }
    if (warnings) { parts.push(warnings + (warnings === 1 ? ' varning' : ' varningar')); }
    return findings.length + (findings.length === 1 ? ' fynd: ' : ' fynd: ') + parts.join(', ') + '.';
  }

  function lineId(n) { return 'rad-' + n; }

  function findingNode(f, withLineLink) {
    const item = document.createElement('li');
    item.className = 'finding ' + (f.severity === 'error' ? 'is-error' : 'is-warning');
    const head = document.createElement('p');
    const sev = document.createElement('strong');
    sev.textContent = (SEVERITY[f.severity] || f.severity) + ': ';
    head.appendChild(sev);
    head.appendChild(document.createTextNode(f.message || ''));
    item.appendChild(head);

    const meta = document.createElement('p');
    meta.className = 'meta';
    if (f.line) {
      if (withLineLink) {
        const link = document.createElement('a');
        link.href = '#' + lineId(f.line);
        link.textContent = 'Rad ' + f.line;
        link.addEventListener('click', (event) => {
          event.preventDefault();
          const target = document.getElementById(lineId(f.line));
          if (target) { target.focus(); target.scrollIntoView({ block: 'center' }); }
        });
        meta.appendChild(link);
      } else {
        meta.appendChild(document.createTextNode('Rad ' + f.line));
      }
      meta.appendChild(document.createTextNode(' · '));
    }
    const label = document.createElement('span');
    label.textContent = 'Fält: ';
    meta.appendChild(label);
    // The field in words (the legal department's name for it), beside its XPath.
    if (f.field) {
      const words = document.createElement('span');
      words.className = 'field';
      words.textContent = f.field + ' ';
      meta.appendChild(words);
    }
    const xpath = document.createElement('code');
    xpath.className = 'xpath';
    xpath.textContent = f.xpath || '(hela filen)';
    meta.appendChild(xpath);
    meta.appendChild(document.createTextNode(' · kod ' + (f.code || '?') + (f.source ? ' · ' + f.source : '')));
    item.appendChild(meta);
    return item;
  }

  function showFindings(findings, xml) {
    el.findings.replaceChildren(...findings.map((f) => findingNode(f, true)));
    el.summary.textContent = countText(findings);

    // The numbered view is of the text that was checked, so the line numbers match the findings.
    const byLine = new Map();
    for (const f of findings) {
      const n = f.line > 0 ? f.line : 1;
      if (!byLine.has(n)) { byLine.set(n, []); }
      byLine.get(n).push(f);
    }
    const rows = xml.split(/\r\n|\n|\r/).map((text, index) => {
      const n = index + 1;
      const row = document.createElement('li');
      row.id = lineId(n);
      row.tabIndex = -1;
      const number = document.createElement('span');
      number.className = 'n';
      number.setAttribute('aria-hidden', 'true');
      number.textContent = String(n);
      const code = document.createElement('span');
      code.className = 'code';
      code.textContent = text || ' ';
      row.append(number, code);
      const here = byLine.get(n);
      if (here) {
        row.classList.add(here.some((f) => f.severity === 'error') ? 'has-error' : 'has-warning');
        const notes = document.createElement('ul');
        notes.className = 'line-findings';
        notes.append(...here.map((f) => findingNode(f, false)));
        row.appendChild(notes);
      }
      return row;
    });
    el.lines.replaceChildren(...rows);
  }

  // ------------------------------------------------------------------ requests
  function currentXml() {
    const xml = el.xml.value;
    if (!xml.trim()) {
      say('Klistra in en ärendefil eller välj en fil först.', true);
      el.xml.focus();
      return null;
    }
    return xml;
  }

  // A PDF of an earlier text must not stay next to the findings of a new one.
  function clearPdf(text) {
    if (pdfUrl) { URL.revokeObjectURL(pdfUrl); pdfUrl = null; }
    el.pdf.hidden = true;
    el.pdf.removeAttribute('src');
    el.pdfLink.hidden = true;
    el.pdfLink.removeAttribute('href');
    el.pdfStatus.textContent = text;
  }

  async function check(event) {
    event.preventDefault();
    const xml = currentXml();
    if (xml === null) { return; }
    clearPdf('Välj ”Skapa PDF” för att se brevet som PDF.');
    el.checkButton.disabled = true;
    say('Granskar …');
    try {
      const response = await fetch('/v1/validate', { method: 'POST', headers: headers('application/json'), body: xml,
        cache: 'no-store', credentials: 'omit' });
      if (!response.ok) { say(await problemText(response), true); authProblem(response); return; }
      const report = await response.json();
      const findings = Array.isArray(report.findings) ? report.findings : [];
      showFindings(findings, xml);
      if (!report.valid) {
        hideLetter('Brevet kan inte skapas förrän felen är rättade.');
        say(countText(findings) + ' Brevet kan inte skapas förrän felen är rättade.', true);
        return;
      }
      await showLetter(xml, countText(findings));
    } catch (e) {
      say('Tjänsten kunde inte nås. Kontrollera anslutningen och försök igen.', true);
    } finally {
      el.checkButton.disabled = false;
    }
  }

  function hideLetter(text) {
    el.letter.hidden = true;
    el.letter.removeAttribute('srcdoc');
    el.letterStatus.textContent = text;
  }

  // The letter's CSS enlarges everything for wkhtmltopdf, which shrinks pages (docs/templates.md);
  // a browser does not, so the preview undoes that and shows the text width of an A4 page.
  // At phone width the letterhead and the address block stack instead of standing side by side
  // at their printed widths (the PDF is unchanged): the header block stays readable, nothing
  // scrolls sideways.
  const SCREEN_STYLE = '<style>body { zoom: 1 !important; max-width: 168mm; margin: 10mm auto !important; }'
    + '@media (max-width: 40rem) { body { margin: 4mm !important; }'
    + ' .letterhead, .window, .window-row { height: auto !important; min-height: 0 !important; overflow: visible !important; }'
    + ' .sender, .docinfo, .window, .applicant { float: none !important; width: auto !important; padding: 0 !important; margin: 0 0 3mm 0 !important; }'
    + ' table.rows tr { display: block !important; } table.rows td, table.rows th { display: block; width: auto !important; }'
    + ' .facts th { width: auto !important; } }</style>';
  function onScreen(xhtml) {
    const at = xhtml.indexOf('</head>');
    return at < 0 ? xhtml : xhtml.slice(0, at) + SCREEN_STYLE + xhtml.slice(at);
  }

  async function showLetter(xml, findingsText) {
    const response = await fetch('/v1/documents?format=html', { method: 'POST', headers: headers('application/xhtml+xml'),
      body: xml, cache: 'no-store', credentials: 'omit' });
    if (!response.ok) {
      const text = await problemText(response);
      hideLetter(text);
      say(findingsText + ' ' + text, true);
      authProblem(response);
      return;
    }
    // sandbox="" (set in the HTML): no scripts, no forms, no same-origin access from the letter.
    el.letter.srcdoc = onScreen(await response.text());
    el.letter.hidden = false;
    el.letterStatus.textContent = 'Brevet som HTML, så som det skrivs ut.';
    say(findingsText + ' Brevet visas under rubriken Brevet.');
  }

  async function makePdf() {
    const xml = currentXml();
    if (xml === null) { return; }
    el.pdfButton.disabled = true;
    el.pdfStatus.textContent = 'Skapar PDF …';
    say('Skapar PDF …');
    try {
      const response = await fetch('/v1/documents', { method: 'POST', headers: headers('application/pdf'), body: xml,
        cache: 'no-store', credentials: 'omit' });
      if (!response.ok) {
        const text = await problemText(response);
        clearPdf(text);
        say(text + ' Välj ”Granska och visa brevet” för att se fynden.', true);
        authProblem(response);
        return;
      }
      const blob = await response.blob();
      clearPdf('');
      pdfUrl = URL.createObjectURL(blob);
      el.pdf.src = pdfUrl;
      el.pdf.hidden = false;
      el.pdfLink.href = pdfUrl;
      el.pdfLink.hidden = false;
      el.pdfStatus.textContent = 'PDF:en är klar (' + Math.max(1, Math.round(blob.size / 1024)) + ' kB).';
      say('PDF:en är klar. Den visas under rubriken PDF och kan laddas ned.');
    } catch (e) {
      el.pdfStatus.textContent = 'Tjänsten kunde inte nås.';
      say('Tjänsten kunde inte nås. Kontrollera anslutningen och försök igen.', true);
    } finally {
      el.pdfButton.disabled = false;
    }
  }

  el.caseForm.addEventListener('submit', check);
  el.pdfButton.addEventListener('click', makePdf);
  window.addEventListener('pagehide', () => { if (pdfUrl) { URL.revokeObjectURL(pdfUrl); } });
  showTokenState();
})();
