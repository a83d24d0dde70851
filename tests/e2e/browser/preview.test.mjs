// The caseworker preview (/preview) in Debian's headless Chromium, driven by playwright-core.
//   node preview.test.mjs --kansli BUILD/bin/kansli --source REPO --out BUILD/browser [--docs-screenshot]
// Starts `kansli serve` on a free port, pastes a good and a broken case file, uses the keyboard
// only for the main path, and saves screenshots to --out (with --docs-screenshot also to
// docs/preview.png). Case content never appears in a URL or in localStorage.
import { spawn } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import assert from 'node:assert/strict';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const KANSLI = opt('--kansli');
const SOURCE = opt('--source', join(HERE, '..', '..', '..'));
const OUT = opt('--out', join(tmpdir(), 'kansli-browser'));
const CHROMIUM = process.env.KANSLI_CHROMIUM || '/usr/bin/chromium';

function fail(message) {
  console.error('browser test: ' + message);
  process.exit(1);
}

if (!existsSync(join(HERE, 'node_modules', 'playwright-core'))) {
  fail('node_modules is missing: run `npm ci --prefix tests/e2e/browser` (scripts/install-deps does it)');
}
if (!KANSLI || !existsSync(KANSLI)) { fail('give the kansli binary with --kansli PATH'); }
if (!existsSync(CHROMIUM)) { fail(CHROMIUM + ' is missing: apt-get install -y chromium'); }
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const freePort = () => new Promise((resolve, reject) => {
  const server = net.createServer();
  server.unref();
  server.on('error', reject);
  server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(base, child) {
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) { throw new Error('kansli serve exited with ' + child.exitCode); }
    try { if ((await fetch(base + '/healthz')).ok) { return; } } catch { /* not yet */ }
    await sleep(200);
  }
  throw new Error('kansli serve did not answer /healthz within 30 s');
}

// Until the service serves /preview itself, the same files are served here, in front of kansli,
// so that the page and the API share one origin exactly as they will.
function startFrontProxy(kansliPort, port) {
  const types = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/preview' || path === '/preview/' || /^\/preview\/[a-z]+\.(html|js|css)$/.test(path)) {
      const file = path.startsWith('/preview/') && path.length > 9 ? path.slice(9) : 'index.html';
      const full = join(SOURCE, 'src', 'http', 'preview', file);
      if (!existsSync(full)) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'Content-Type': types[file.split('.').pop()], 'Cache-Control': 'no-store' });
      res.end(readFileSync(full));
      return;
    }
    const upstream = httpRequest({ host: '127.0.0.1', port: kansliPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => { res.writeHead(answer.statusCode, answer.headers); answer.pipe(res); });
    upstream.on('error', () => { res.writeHead(502); res.end(); });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const goodXml = readFileSync(join(SOURCE, 'examples', 'beslut-uvas.xml'), 'utf8');
// A decision date that does not exist: the schema refuses it at /case/decision/date.
const brokenXml = goodXml.replace(/(<decision>[\s\S]*?<date>)[^<]*(<\/date>)/, '$12026-13-45$2');
assert.notEqual(brokenXml, goodXml, 'the broken case must differ from the good one');
const brokenLine = brokenXml.split('\n').findIndex((l) => l.includes('2026-13-45')) + 1;

mkdirSync(OUT, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'kansli-browser-'));
const token = 'browser-test-' + Math.random().toString(36).slice(2);
let child, proxy, browser;
// The service must not outlive the test, even when the test is stopped (CTest timeout, Ctrl-C).
process.on('exit', () => { if (child && child.exitCode === null) { child.kill('SIGKILL'); } });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) { process.on(signal, () => process.exit(1)); }
const checks = [];
const check = (name) => { checks.push(name); console.log('ok - ' + name); };

try {
  const port = await freePort();
  child = spawn(KANSLI, ['serve', '--port', String(port)], {
    env: { ...process.env, KANSLI_TOKENS: 'browser-test:caseworker:' + token },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let serverLog = '';
  child.stderr.on('data', (d) => { serverLog += d; });
  child.on('exit', (code) => { if (code) { console.error(serverLog.slice(-4000)); } });
  let base = 'http://127.0.0.1:' + port;
  await waitForHealth(base, child);

  // A browser opening /preview sends no Authorization header: the page itself must be public
  // (it holds no data; the API calls carry the token).
  const own = await fetch(base + '/preview');
  if (own.status !== 200 || !(await own.text()).includes('preview.js')) {
    const front = await freePort();
    proxy = await startFrontProxy(port, front);
    base = 'http://127.0.0.1:' + front;
    console.log('# NOTE: kansli answers a browser\'s GET /preview with HTTP ' + own.status
      + '; the test serves the page in front of it (see docs/preview.md)');
  }

  const profile = join(work, 'profile');
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
  });
  const page = browser.pages()[0] || await browser.newPage();
  const external = [];
  // Anything over the network that is not the service (the built-in PDF viewer's own
  // chrome-extension: files are not network requests).
  browser.on('request', (r) => {
    const url = r.url();
    if (/^(https?|wss?|ftp):/.test(url) && !url.startsWith(base + '/')) { external.push(url); }
  });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') { consoleErrors.push(m.text()); } });

  await page.goto(base + '/preview');
  assert.equal(await page.getAttribute('html', 'lang'), 'sv');
  check('the page opens in Swedish');

  // The token, by keyboard: focus the field, type, Enter.
  await page.focus('#token');
  await page.keyboard.type(token);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('token-status').textContent.includes('sparad för'));
  assert.equal(await page.inputValue('#token'), '');
  check('the token is kept for the tab (sessionStorage) and the field is cleared');

  // The good case, keyboard only: paste into the textarea, Tab to the button, Enter.
  await page.focus('#arende');
  await page.keyboard.insertText(goodXml);
  await page.keyboard.press('Tab'); // the file input
  await page.keyboard.press('Tab'); // "Granska och visa brevet"
  assert.equal(await page.evaluate(() => document.activeElement.id), 'granska');
  const focusStyle = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focusStyle, 'none', 'the focused button shows a focus ring');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('brev').hidden, null, { timeout: 30000 });
  const letterText = await page.frameLocator('#brev').locator('body').innerText();
  assert.ok(letterText.includes('Laglighetsprövning'), 'the letter explains laglighetsprövning');
  assert.equal(await page.getAttribute('#brev', 'sandbox'), '');
  const live = await page.textContent('#meddelande');
  assert.match(live, /Inga fynd|\d+ fynd/);
  check('Tab reaches the button, Enter shows the letter in a sandboxed frame; live region: ' + live.trim());
  // The letter frame is painted only once it has been on screen.
  await page.locator('#brev').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, 'preview-letter.png'), fullPage: true });

  // The PDF: a blob URL in the page, the case never in an address.
  await page.focus('#skapa-pdf');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('pdf-lank').hidden, null, { timeout: 60000 });
  const pdfHref = await page.getAttribute('#pdf-lank', 'href');
  assert.ok(pdfHref.startsWith('blob:'), 'the PDF is shown from a blob URL');
  const magic = await page.evaluate(async (href) => {
    const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
    return String.fromCharCode(...bytes.slice(0, 5));
  }, pdfHref);
  assert.equal(magic, '%PDF-');
  check('Skapa PDF gives a PDF from a blob URL');

  // Every letter of the caseworker's process previews as the decision does: each example, its
  // outcome sentence in the frame.
  for (const [example, phrase] of [
    ['kommunicering-lss-insats', 'Vi kommer troligen att avslå din ansökan'],
    ['fortsatt-uvas', 'Du får fortsatt särskilt individanpassad stödinsats'],
    ['rattidsprovning-i-tid', 'Överlämnande av överklagande'],
    ['rattidsprovning-for-sent', 'Vi avvisar ditt överklagande'],
    ['yttrande-uvas', 'bestrider bifall till överklagandet'],
    ['avslut-uvas', 'Vi avslutar din särskilt individanpassade stödinsats'],
    ['slutrapport-lss-insats', 'Deltagaren har gått vidare till arbete'],
  ]) {
    await page.fill('#arende', readFileSync(join(SOURCE, 'examples', example + '.xml'), 'utf8'));
    await page.focus('#granska');
    await page.keyboard.press('Enter');
    // The frame is sandboxed (no same origin): wait through the frame locator.
    await page.frameLocator('#brev').locator('body', { hasText: phrase }).waitFor({ timeout: 30000 });
    const text = await page.frameLocator('#brev').locator('body').innerText();
    assert.ok(text.includes(phrase), example + ' shows "' + phrase + '"');
  }
  check('the kommunicering, fortsatt, rättidsprövning, yttrande, avslut and slutrapport letters preview');

  // At phone width (375 px) the letter's header block stacks: the sender, the document's kind,
  // date and diarienummer and the address each on full width, nothing wider than the frame.
  await page.fill('#arende', goodXml);
  await page.focus('#granska');
  await page.keyboard.press('Enter');
  await page.frameLocator('#brev').locator('body', { hasText: 'Laglighetsprövning' }).waitFor({ timeout: 30000 });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForTimeout(300);
  const letter = page.frameLocator('#brev');
  const frameWidth = await page.$eval('#brev', (f) => f.clientWidth);
  for (const selector of ['.sender', '.docinfo', '.window', '.applicant']) {
    const box = await letter.locator(selector).first().boundingBox();
    const frameBox = await page.locator('#brev').boundingBox();
    assert.ok(box && box.x + box.width <= frameBox.x + frameWidth + 1,
      selector + ' fits the frame at phone width: ' + JSON.stringify(box) + ' in ' + frameWidth);
  }
  const overflow = await letter.locator('body').evaluate((b) => b.scrollWidth - b.clientWidth);
  assert.ok(overflow <= 1, 'the letter does not scroll sideways at phone width: ' + overflow);
  const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(pageOverflow <= 1, 'the page does not scroll sideways at phone width: ' + pageOverflow);
  await page.locator('#brev').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.locator('#brev').screenshot({ path: join(OUT, 'preview-phone.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  check('at phone width the letter\'s header block stacks and nothing scrolls sideways');

  // A broken case: the finding names the field's XPath and its line, and the line is marked.
  await page.fill('#arende', brokenXml);
  await page.focus('#granska');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#fynd-lista li').length > 0
    && document.getElementById('meddelande').textContent.includes('fel'), null, { timeout: 30000 });
  const findingsText = await page.textContent('#fynd-lista');
  assert.ok(findingsText.includes('/case/decision/date'), 'the findings name the XPath: ' + findingsText);
  assert.ok(findingsText.includes('Beslutsdatumet'), 'the findings name the field in words: ' + findingsText);
  assert.ok(findingsText.includes('Rad ' + brokenLine), 'the findings name line ' + brokenLine + ': ' + findingsText);
  assert.ok(await page.$eval('#rad-' + brokenLine, (li) => li.classList.contains('has-error')), 'the line is marked');
  assert.ok(await page.$eval('#brev', (f) => f.hidden), 'no letter for a refused case');
  assert.ok(await page.$eval('#pdf', (f) => f.hidden), 'no PDF of the earlier text next to the new findings');
  const announced = await page.textContent('#meddelande');
  assert.match(announced, /\d+ fynd/);
  assert.equal(await page.getAttribute('#meddelande', 'aria-live'), 'polite');
  check('a broken case: XPath and line ' + brokenLine + ' named, the line marked; announced: ' + announced.trim());

  // Following the finding's line link by keyboard moves focus to the marked line.
  await page.focus('#fynd-lista a');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'rad-' + brokenLine);
  check('the finding link takes focus to its line');
  await page.screenshot({ path: join(OUT, 'preview.png'), fullPage: true });

  // Privacy: nothing of the case in the address or in localStorage.
  assert.ok(!page.url().includes('case') && new URL(page.url()).search === '', 'nothing in the address: ' + page.url());
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), ['kansli.token']);
  assert.deepEqual(external, [], 'no request leaves the service');
  assert.deepEqual(consoleErrors.filter((e) => !e.includes('Failed to load resource')), []);
  check('no case content in the URL or storage; no external requests; no script errors');

  if (args.includes('--docs-screenshot')) {
    copyFileSync(join(OUT, 'preview.png'), join(SOURCE, 'docs', 'preview.png'));
    console.log('# docs/preview.png updated');
  }
  console.log('# screenshots: ' + join(OUT, 'preview.png') + ', ' + join(OUT, 'preview-letter.png'));
  console.log(`1..${checks.length}`);
} catch (error) {
  console.error('not ok - ' + (error && error.stack ? error.stack : error));
  process.exitCode = 1;
} finally {
  if (browser) { await browser.close().catch(() => {}); }
  if (proxy) { proxy.close(); }
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => { const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 5000); child.on('exit', () => { clearTimeout(t); r(); }); });
  }
  rmSync(work, { recursive: true, force: true });
}
