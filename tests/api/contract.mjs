// The API contract against the live server: every response docs/openapi.yaml documents is driven
// by a real request, and every answer the server gives to these requests must be documented —
// status, content type and the headers the description promises (X-Request-Id on success,
// WWW-Authenticate on 401, Retry-After on 429 and 503, Allow on 405).
//
// usage: node contract.mjs KANSLI_BINARY SOURCE_DIR
// Starts `kansli serve` on a free loopback port with its own audit database and tokens, and stops
// it at the end. Exit 0 when the contract holds; otherwise every broken row is printed.

import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const [kansli, source] = process.argv.slice(2);
if (!kansli || !source) {
  console.error('usage: node contract.mjs KANSLI_BINARY SOURCE_DIR');
  process.exit(2);
}

const api = parse(readFileSync(path.join(source, 'docs/openapi.yaml'), 'utf8'));
const example = readFileSync(path.join(source, 'examples/beslut-uvas.xml'), 'utf8');
const accessibleExample = readFileSync(path.join(source, 'examples/beslut-uvas-tillganglig.xml'), 'utf8');
const TOKENS = {
  system: 'contract-case-system-000001', worker: 'contract-caseworker-00002', legal: 'contract-legal-0000000003',
  system2: 'contract-case-system-000004',
};

// ---------------------------------------------------------------- the server
const dir = mkdtempSync(path.join(os.tmpdir(), 'kansli-contract-'));
const port = await new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});
writeFileSync(path.join(dir, 'kansli.properties'), [
  `kansli.audit.database = ${dir}/var/audit.sqlite`,
  'kansli.render.workers = 1',
  'kansli.render.queueLimit = 1', // a third document at the same time is 503
  'kansli.server.maxDocumentsPerCaller = 2', // a third from one caller at the same time is 429
  'kansli.server.requestTimeoutMs = 1500',
  'kansli.input.maxBytes = 1048576',
  'kansli.auth.probes = token', // so that the probes' 401 can be driven from loopback too
  // This node takes batches but makes none of their letters: a batch stays unfinished (409)
  // until a second node, started by the row that needs it, makes them.
  'kansli.batch.workers = 0',
  'kansli.batch.pollMs = 50',
].join('\n') + '\n');
const server = spawn(kansli, ['serve', '--port', String(port), '--config', path.join(dir, 'kansli.properties')], {
  env: {
    ...process.env,
    KANSLI_TOKENS: `sys:case-system:${TOKENS.system},cw:caseworker:${TOKENS.worker},law:legal:${TOKENS.legal},sys2:case-system:${TOKENS.system2}`,
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let serverLog = '';
server.stderr.on('data', (d) => { serverLog += d; });
const exited = new Promise((resolve) => server.on('exit', resolve));

// ---------------------------------------------------------------- raw HTTP over a socket
function exchange(raw, { slowTail = null } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(30000, () => { socket.destroy(); reject(new Error('no answer within 30 s')); });
    socket.on('connect', () => {
      socket.write(raw);
      if (slowTail === null) socket.end();
    });
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => {}); // a reset after the answer is fine
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      const headEnd = bytes.indexOf('\r\n\r\n');
      const head = bytes.subarray(0, headEnd < 0 ? bytes.length : headEnd).toString('latin1');
      const lines = head.split('\r\n');
      // A 100 Continue may come first; the final answer is the last status line before a body.
      const status = Number((lines[0] || '').split(' ')[1] || 0);
      const headers = {};
      for (const line of lines.slice(1)) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status, headers, body: headEnd < 0 ? '' : bytes.subarray(headEnd + 4).toString('utf8') });
    });
  });
}

function request(method, target, { token = null, body = null, type = 'application/xml', extra = '' } = {}) {
  let head = `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`;
  if (token) head += `Authorization: Bearer ${token}\r\n`;
  if (body !== null) {
    if (type) head += `Content-Type: ${type}\r\n`;
    head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  }
  return exchange(head + extra + '\r\n' + (body ?? ''));
}

async function waitUntilUp() {
  for (let i = 0; i < 150; ++i) {
    try {
      if ((await request('GET', '/healthz', { token: TOKENS.system })).status === 200) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the service did not start:\n' + serverLog);
}

// ---------------------------------------------------------------- what is documented
function documented(pathName, method) {
  const op = api.paths[pathName]?.[method.toLowerCase()];
  if (!op) return null;
  const responses = {};
  for (const [status, value] of Object.entries(op.responses)) {
    const ref = value.$ref ? value.$ref.split('/').pop() : null;
    responses[status] = ref ? api.components.responses[ref] : value;
  }
  return { op, responses };
}

// ---------------------------------------------------------------- the rows
const xml = 'application/xml';
const badCase = example.replace('<received>2026-10-28', '<received>2026-02-30');
const rows = [
  // [path, method, expected status, request]
  ['/v1/documents', 'POST', 200, () => request('POST', '/v1/documents', { token: TOKENS.system, body: example })],
  // The second engine: a tagged letter names it (docs/accessibility.md).
  ['/v1/documents', 'POST', 200, async () => {
    const answer = await request('POST', '/v1/documents', { token: TOKENS.system, body: accessibleExample });
    if (!(answer.headers['x-kansli-engine'] || '').startsWith('chromium ') || answer.headers['x-kansli-accessible'] !== 'true') {
      broken.push(`POST /v1/documents (accessible): engine ${answer.headers['x-kansli-engine']}, accessible ${answer.headers['x-kansli-accessible']}`);
    }
    return answer;
  }],
  ['/v1/documents', 'POST', 400, () => request('POST', '/v1/documents', { token: TOKENS.system, body: '<case>' })],
  ['/v1/documents', 'POST', 401, () => request('POST', '/v1/documents', { body: example })],
  ['/v1/documents', 'POST', 403, () => request('POST', '/v1/documents', { token: TOKENS.legal, body: example })],
  ['/v1/documents', 'POST', 408, () => exchange(`POST /v1/documents HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.system}\r\nContent-Type: ${xml}\r\nContent-Length: 100\r\n\r\n<case`, { slowTail: true })],
  ['/v1/documents', 'POST', 411, () => exchange(`POST /v1/documents HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.system}\r\nContent-Type: ${xml}\r\nConnection: close\r\n\r\n`)],
  ['/v1/documents', 'POST', 413, () => exchange(`POST /v1/documents HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.system}\r\nContent-Type: ${xml}\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n`)],
  ['/v1/documents', 'POST', 415, () => request('POST', '/v1/documents', { token: TOKENS.system, body: example, type: 'text/plain' })],
  ['/v1/documents', 'POST', 422, () => request('POST', '/v1/documents', { token: TOKENS.system, body: badCase })],
  // An Idempotency-Key sent again with another case file.
  ['/v1/documents', 'POST', 422, async () => {
    const key = `contract-reused-${port}`;
    await request('POST', '/v1/documents', { token: TOKENS.system, body: example, extra: `Idempotency-Key: ${key}\r\n` });
    return request('POST', '/v1/documents', { token: TOKENS.system, body: example + '<!-- another -->', extra: `Idempotency-Key: ${key}\r\n` });
  }],
  // The document of a key no longer comes out as recorded: its record is made to say another
  // SHA-256, as a record made with an earlier template set would.
  ['/v1/documents', 'POST', 409, async () => {
    const key = `contract-replay-${port}`;
    await request('POST', '/v1/documents', { token: TOKENS.system, body: example, extra: `Idempotency-Key: ${key}\r\n` });
    execFileSync('sqlite3', [path.join(dir, 'var/audit.sqlite'),
      `UPDATE documents SET output_sha256 = '${'0'.repeat(64)}' WHERE idempotency_key = '${key}'`]);
    return request('POST', '/v1/documents', { token: TOKENS.system, body: example, extra: `Idempotency-Key: ${key}\r\n` });
  }],
  ['/v1/documents', 'POST', 501, () => exchange(`POST /v1/documents HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.system}\r\nContent-Type: ${xml}\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n`)],
  ['/v1/documents', 'POST', 505, () => exchange(`POST /v1/documents HTTP/2.0\r\nHost: k\r\nConnection: close\r\n\r\n`)],
  ['/v1/documents', 'POST', 503, async () => {
    // One worker and one queue place: of six documents at once from three callers (two each,
    // their share), some are turned away by the full queue.
    const callers = [TOKENS.system, TOKENS.system, TOKENS.worker, TOKENS.worker, TOKENS.system2, TOKENS.system2];
    const answers = await Promise.all(callers.map((token) => request('POST', '/v1/documents', { token, body: example })));
    return answers.find((a) => a.status === 503) ?? answers[0];
  }],
  ['/v1/documents', 'POST', 429, async () => {
    // Five at once from one caller: beyond its share of two, each is answered 429.
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => request('POST', '/v1/documents', { token: TOKENS.system, body: example })));
    return answers.find((a) => a.status === 429) ?? answers[0];
  }],
  ['/v1/documents', 'POST', 500, async () => {
    const db = path.join(dir, 'var/audit.sqlite');
    chmodSync(db, 0o444);
    try {
      return await request('POST', '/v1/documents', { token: TOKENS.system, body: example });
    } finally {
      chmodSync(db, 0o644);
    }
  }],
  ['/v1/validate', 'POST', 200, () => request('POST', '/v1/validate', { token: TOKENS.worker, body: badCase })],
  ['/v1/validate', 'POST', 400, () => request('POST', '/v1/validate', { token: TOKENS.worker, body: '' })],
  ['/v1/validate', 'POST', 401, () => request('POST', '/v1/validate', { token: 'not-a-token-of-this-server', body: example })],
  ['/v1/validate', 'POST', 403, () => request('POST', '/v1/validate', { token: TOKENS.legal, body: example })],
  ['/v1/validate', 'POST', 408, () => exchange(`POST /v1/validate HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.worker}\r\nContent-Type: ${xml}\r\nContent-Length: 50\r\n\r\n<c`, { slowTail: true })],
  ['/v1/validate', 'POST', 411, () => exchange(`POST /v1/validate HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.worker}\r\nConnection: close\r\n\r\n`)],
  ['/v1/validate', 'POST', 413, () => exchange(`POST /v1/validate HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.worker}\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n`)],
  ['/v1/validate', 'POST', 415, () => request('POST', '/v1/validate', { token: TOKENS.worker, body: example, type: 'application/json' })],
  ['/v1/validate', 'POST', 501, () => exchange(`POST /v1/validate HTTP/1.1\r\nHost: k\r\nTransfer-Encoding: br\r\nConnection: close\r\n\r\n`)],
  ['/v1/validate', 'POST', 505, () => exchange(`POST /v1/validate HTTP/3.0\r\nHost: k\r\nConnection: close\r\n\r\n`)],
];
// The GET operations share their error rows.
const gets = [
  ['/v1/templates', TOKENS.legal, TOKENS.worker],
  ['/v1/schemas/case-1.xsd', TOKENS.worker, null],
  ['/v1/openapi.yaml', TOKENS.system, null],
  ['/healthz', TOKENS.worker, null],
  ['/readyz', TOKENS.worker, null],
  ['/metrics', TOKENS.legal, null],
  ['/preview', null, null],
  ['/preview/{file}', null, null],
];
for (const [p, token, wrongRole] of gets) {
  const target = p === '/preview/{file}' ? '/preview/preview.js' : p;
  rows.push([p, 'GET', 200, () => request('GET', target, { token })]);
  rows.push([p, 'GET', 400, () => exchange(`GET ${target} HTTP/1.1\r\nConnection: close\r\n\r\n`)]); // no Host
  rows.push([p, 'GET', 408, () => exchange(`GET ${target} HTTP/1.1\r\nHost: k\r\n`, { slowTail: true })]);
  rows.push([p, 'GET', 501, () => exchange(`GET ${target} HTTP/1.1\r\nHost: k\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n`)]);
  rows.push([p, 'GET', 505, () => exchange(`GET ${target} HTTP/2.0\r\nHost: k\r\nConnection: close\r\n\r\n`)]);
  if (token) rows.push([p, 'GET', 401, () => request('GET', target)]);
  if (wrongRole) rows.push([p, 'GET', 403, () => request('GET', target, { token: wrongRole })]);
}
rows.push(['/preview/{file}', 'GET', 404, () => request('GET', '/preview/no-such-file.js')]);
rows.push(['/problems/{code}', 'GET', 200, () => request('GET', '/problems/schema-invalid')]);
rows.push(['/problems/{code}', 'GET', 404, () => request('GET', '/problems/no-such-problem')]);
for (const [status, raw] of [[400, 'GET /problems/audit HTTP/1.1\r\nConnection: close\r\n\r\n'],
  [501, 'GET /problems/audit HTTP/1.1\r\nHost: k\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n'],
  [505, 'GET /problems/audit HTTP/2.0\r\nHost: k\r\nConnection: close\r\n\r\n']]) {
  rows.push(['/problems/{code}', 'GET', status, () => exchange(raw)]);
}
rows.push(['/problems/{code}', 'GET', 408, () => exchange('GET /problems/audit HTTP/1.1\r\nHost: k\r\n', { slowTail: true })]);
rows.push(['/readyz', 'GET', 503, async () => {
  const db = path.join(dir, 'var/audit.sqlite');
  chmodSync(db, 0o444);
  try {
    await request('POST', '/v1/documents', { token: TOKENS.system, body: example }); // the failed write marks it
    return await request('GET', '/readyz', { token: TOKENS.system });
  } finally {
    chmodSync(db, 0o644);
    await request('POST', '/v1/documents', { token: TOKENS.system, body: example });
  }
}]);
// ---------------------------------------------------------------- batches
const boundary = 'contract-boundary-5e1f';
const batchBody = `--${boundary}\r\nContent-Disposition: form-data; name="case"; filename="beslut.xml"\r\n`
  + `Content-Type: application/xml\r\n\r\n${example}\r\n--${boundary}--\r\n`;
const multipart = `multipart/form-data; boundary=${boundary}`;
let batchId = null; // made by the first 202 row
let helper = null;  // the second node that makes the batch's letters
async function startHelper() {
  if (helper) return;
  const helperPort = await new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  helper = spawn(kansli, ['serve', '--port', String(helperPort), '--config', path.join(dir, 'kansli.properties')], {
    env: { ...process.env, KANSLI_TOKENS: `sys:case-system:${TOKENS.system}`, KANSLI_BATCH_WORKERS: '1' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  for (let i = 0; i < 600; ++i) {
    const state = await request('GET', `/v1/batches/${batchId}`, { token: TOKENS.system });
    if (state.status === 200 && JSON.parse(state.body).state === 'finished') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  broken.push('the batch was not finished by the second node');
}
rows.push(['/v1/batches', 'POST', 202, async () => {
  const answer = await request('POST', '/v1/batches', { token: TOKENS.system, body: batchBody, type: multipart });
  batchId = JSON.parse(answer.body).id;
  return answer;
}]);
rows.push(['/v1/batches', 'POST', 400, () => request('POST', '/v1/batches', { token: TOKENS.system, body: `--${boundary}--\r\n`, type: multipart })]);
rows.push(['/v1/batches', 'POST', 401, () => request('POST', '/v1/batches', { body: batchBody, type: multipart })]);
rows.push(['/v1/batches', 'POST', 403, () => request('POST', '/v1/batches', { token: TOKENS.worker, body: batchBody, type: multipart })]);
rows.push(['/v1/batches', 'POST', 408, () => exchange(`POST /v1/batches HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.system}\r\nContent-Type: application/zip\r\nContent-Length: 100\r\n\r\nPK`, { slowTail: true })]);
rows.push(['/v1/batches', 'POST', 411, () => exchange(`POST /v1/batches HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.system}\r\nContent-Type: application/zip\r\nConnection: close\r\n\r\n`)]);
rows.push(['/v1/batches', 'POST', 413, () => exchange(`POST /v1/batches HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.system}\r\nContent-Type: application/zip\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n`)]);
rows.push(['/v1/batches', 'POST', 415, () => request('POST', '/v1/batches', { token: TOKENS.system, body: example })]);
rows.push(['/v1/batches', 'POST', 501, () => exchange(`POST /v1/batches HTTP/1.1\r\nHost: k\r\nAuthorization: Bearer ${TOKENS.system}\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n`)]);
rows.push(['/v1/batches', 'POST', 505, () => exchange(`POST /v1/batches HTTP/2.0\r\nHost: k\r\nConnection: close\r\n\r\n`)]);
const batchPaths = ['/v1/batches/{id}', '/v1/batches/{id}/letters.zip', '/v1/batches/{id}/print.pdf'];
for (const p of batchPaths.slice(1)) {
  rows.push([p, 'GET', 409, () => request('GET', p.replace('{id}', batchId), { token: TOKENS.system })]);
}
for (const p of batchPaths) {
  const target = () => p.replace('{id}', batchId);
  rows.push([p, 'GET', 200, async () => {
    if (p !== '/v1/batches/{id}') await startHelper();
    return request('GET', target(), { token: TOKENS.system });
  }]);
  rows.push([p, 'GET', 400, () => exchange(`GET ${target()} HTTP/1.1\r\nConnection: close\r\n\r\n`)]);
  rows.push([p, 'GET', 401, () => request('GET', target())]);
  rows.push([p, 'GET', 403, () => request('GET', target(), { token: TOKENS.worker })]);
  rows.push([p, 'GET', 404, () => request('GET', p.replace('{id}', '00000000-0000-0000-0000-000000000000'), { token: TOKENS.system })]);
  rows.push([p, 'GET', 408, () => exchange(`GET ${target()} HTTP/1.1\r\nHost: k\r\n`, { slowTail: true })]);
  rows.push([p, 'GET', 501, () => exchange(`GET ${target()} HTTP/1.1\r\nHost: k\r\nTransfer-Encoding: gzip\r\nConnection: close\r\n\r\n`)]);
  rows.push([p, 'GET', 505, () => exchange(`GET ${target()} HTTP/2.0\r\nHost: k\r\nConnection: close\r\n\r\n`)]);
}

// A method a path does not serve: 405 with Allow (OpenAPI cannot list undocumented methods, the
// description says so).
const notServed = [['/v1/documents', 'GET'], ['/v1/validate', 'PUT'], ['/healthz', 'DELETE']];

// ---------------------------------------------------------------- run
const broken = [];
const driven = new Set();
const problemPages = new Map();
try {
  await waitUntilUp();
  for (const [p, method, expected, send] of rows) {
    const doc = documented(p, method);
    const label = `${method} ${p} -> ${expected}`;
    if (!doc) { broken.push(`${label}: the operation is not documented`); continue; }
    if (process.env.CONTRACT_TRACE) console.error("row", label);
    const answer = await send();
    driven.add(`${method} ${p} ${answer.status}`);
    const response = doc.responses[String(answer.status)];
    if (answer.status !== expected) broken.push(`${label}: the server answered ${answer.status}`);
    if (!response) { broken.push(`${label}: status ${answer.status} is not documented`); continue; }
    const type = (answer.headers['content-type'] || '').split(';')[0].trim();
    if (response.content && !Object.keys(response.content).includes(type)) {
      broken.push(`${label}: content type ${type || '(none)'} is not documented (${Object.keys(response.content).join(', ')})`);
    }
    for (const header of Object.keys(response.headers || {})) {
      // X-Kansli-* and X-Request-Id are promised on this response; check each is sent.
      if (answer.headers[header.toLowerCase()] === undefined) broken.push(`${label}: header ${header} is documented but not sent`);
    }
    if (answer.status === 401 && !answer.headers['www-authenticate']) broken.push(`${label}: no WWW-Authenticate`);
    if ((answer.status === 503 || answer.status === 429) && type === 'application/problem+json' && !answer.headers['retry-after']) broken.push(`${label}: no Retry-After`);
    if (type === 'application/problem+json') {
      const problem = JSON.parse(answer.body);
      // The type is a page this service serves, with the problem's title.
      if (!problemPages.has(problem.type)) {
        const page = await request('GET', problem.type);
        problemPages.set(problem.type, page);
      }
      const page = problemPages.get(problem.type);
      if (page.status !== 200 || !page.body.includes(`<h1>${problem.title}</h1>`)) broken.push(`${label}: type ${problem.type} is not served with its title`);
      const codes = api.components.schemas.Problem.properties.code.enum;
      if (!codes.includes(problem.code)) broken.push(`${label}: problem code ${problem.code} is not in the documented enum`);
      if (problem.status !== answer.status) broken.push(`${label}: problem status ${problem.status} differs from the HTTP status`);
    }
  }
  // Every documented response was driven.
  for (const [p, item] of Object.entries(api.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || !op.responses) continue;
      if (!op.operationId) broken.push(`${method.toUpperCase()} ${p}: no operationId`);
      for (const status of Object.keys(op.responses)) {
        if (!driven.has(`${method.toUpperCase()} ${p} ${status}`)) broken.push(`${method.toUpperCase()} ${p} -> ${status}: documented but not produced by any row`);
      }
    }
  }
  for (const [p, method] of notServed) {
    const answer = await request(method, p, { token: TOKENS.system });
    if (answer.status !== 405 || !answer.headers.allow) broken.push(`${method} ${p}: expected 405 with Allow, got ${answer.status}`);
  }
} finally {
  if (helper) helper.kill('SIGTERM');
  server.kill('SIGTERM');
  await exited;
  rmSync(dir, { recursive: true, force: true });
}
if (broken.length) {
  console.error(`contract broken in ${broken.length} place(s):\n  ` + broken.join('\n  '));
  process.exit(1);
}
console.log(`contract holds: ${rows.length} rows, ${driven.size} distinct answers, ${notServed.length} unserved methods`);
