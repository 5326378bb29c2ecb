// Previews the built renderer (dist/renderer) against a fake PENIN: serves the bundle and a fake
// WebSocket backend (canned data, live pushes) on 127.0.0.1, then takes screenshots of every
// screen with chromium into test-artifacts/preview/*.png.
//
//   npx vite build --config renderer/vite.config.ts && node scripts/preview-ui.mjs
//   node scripts/preview-ui.mjs --serve     # only serve, print the URL, keep running
/* global document, performance, requestAnimationFrame -- used inside page.evaluate, which runs in the browser */
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { WebSocketServer } from 'ws';

const ROOT = resolve('dist/renderer');
const OUT = resolve('test-artifacts/preview');
const TOKEN = 'preview-token';
const serveOnly = process.argv.includes('--serve');

// ---------- Canned data ----------

const now = () => Date.now();
const startOfDay = new Date();
startOfDay.setHours(0, 0, 0, 0);
const DAY_START = startOfDay.getTime();
const LIMIT = 50;
const PROVIDERS = ['openai', 'anthropic', 'mistral', 'groq', 'gemini'];
const MODELS = [
  'gpt-4o',
  'gpt-4o-mini',
  'claude-sonnet-4',
  'claude-haiku',
  'mistral-large',
  'llama-3.1-70b',
  'gemini-1.5-pro',
];

// The gateway's last requests, newest first: mostly served, some cache hits, a refusal, a failure.
function recentRequests() {
  return Array.from({ length: 50 }, (_, i) => {
    const outcome = i === 3 ? 'failed' : i === 7 ? 'refused' : i % 5 === 4 ? 'cached' : 'served';
    const model = MODELS[i % MODELS.length];
    const provider = outcome === 'refused' ? null : PROVIDERS[i % PROVIDERS.length];
    const paid = outcome === 'served';
    return {
      decisionId: `preview-${i}`,
      at: now() - i * 1_300,
      outcome,
      reason:
        outcome === 'failed'
          ? `failed: every provider failed (${provider}: HTTP 503)`
          : outcome === 'refused'
            ? 'refused: budget soft limit reached (95% of $50.00)'
            : outcome === 'cached'
              ? 'served from cache'
              : `served by "${provider}"`,
      model,
      provider,
      stream: outcome !== 'cached' && i % 3 === 0,
      promptTokens: paid ? 200 + ((i * 37) % 900) : 0,
      completionTokens: paid ? 40 + ((i * 53) % 400) : 0,
      costUsd: paid ? 0.0004 + ((i * 13) % 40) / 10_000 : 0,
      latencyMs: paid ? 180 + ((i * 97) % 1400) : outcome === 'failed' ? 1520 : 0.4,
      attempts: outcome === 'failed' || (paid && i % 9 === 0) ? 2 : paid ? 1 : 0,
      violations:
        outcome === 'failed' ? ['upstream_failure'] : outcome === 'refused' ? ['budget_soft_limit'] : [],
    };
  });
}

// Spend history every 10 s since midnight (thousands of points: the chart downsamples them).
const spendHistory = [];
{
  let s = 0;
  for (let t = DAY_START; t < now(); t += 10_000) {
    const hour = new Date(t).getHours();
    const busy = hour >= 8 && hour <= 19 ? 1 : 0.15;
    s += Math.max(0, busy * 0.0062 * (1 + Math.sin(t / 900_000)) + (Math.random() - 0.5) * 0.002);
    spendHistory.push({ at: t, spendUsd: Math.round(s * 10_000) / 10_000 });
  }
}
// Scale the day so far to a plausible $31 whatever the time of day.
{
  const last = spendHistory.at(-1)?.spendUsd || 1;
  for (const p of spendHistory) p.spendUsd = Math.round((p.spendUsd / last) * 31.4 * 10_000) / 10_000;
}
let spend = spendHistory.at(-1)?.spendUsd ?? 0;

function bucket(share, requests) {
  return { spendUsd: Math.round(spend * share * 100) / 100, requests, tokens: requests * 1450 };
}

function budget() {
  const projected = spend * 1.52; // a fixed rate for the preview
  const pct = (spend / LIMIT) * 100;
  return {
    day: new Date().toISOString().slice(0, 10),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    dailyLimitUsd: LIMIT,
    spendUsd: Math.round(spend * 100) / 100,
    reservedUsd: 0.42,
    remainingUsd: Math.max(0, Math.round((LIMIT - spend) * 100) / 100),
    percentUsed: pct,
    softLimitPct: 95,
    hardLimitPct: 100,
    softLimitMode: 'refuse',
    status: pct >= 100 ? 'HARD_LIMIT_EXCEEDED' : pct >= 95 ? 'SOFT_LIMIT_EXCEEDED' : 'OK',
    requests: 18_422,
    tokens: 26_710_554,
    byProvider: {
      openai: bucket(0.46, 8200),
      anthropic: bucket(0.31, 5100),
      mistral: bucket(0.12, 2800),
      groq: bucket(0.07, 1900),
      gemini: bucket(0.04, 422),
    },
    byModel: Object.fromEntries(
      MODELS.map((m, i) => [m, bucket([0.3, 0.16, 0.22, 0.09, 0.12, 0.07, 0.04][i], 3000 - i * 350)]),
    ),
    projectedEndOfDayUsd: Math.round(projected * 100) / 100,
    projection: {
      basis: 'last_hour',
      windowStartMs: now() - 3_600_000,
      usdPerHour: 2.5,
      softLimit: { kind: 'not_today' },
      hardLimit: { kind: 'not_today' },
      dayEndMs: now() + 6 * 3_600_000,
    },
    at: now(),
  };
}

const config = { failureThreshold: 5, timeoutMs: 30_000, successThreshold: 2, halfOpenMaxCalls: 1 };
const breakers = PROVIDERS.map((provider, i) => ({
  provider,
  state: 'closed',
  consecutiveFailures: i === 2 ? 2 : 0,
  halfOpenSuccesses: 0,
  totalSuccesses: 8000 - i * 1300,
  totalFailures: 12 + i * 7,
  totalRejected: 0,
  retryAfterMs: null,
  forcedOpen: false,
  transitions: [],
  config,
}));
{
  const t = now();
  Object.assign(breakers[1], {
    state: 'open',
    consecutiveFailures: 5,
    totalRejected: 214,
    retryAfterMs: 22_000,
    transitions: [
      { at: t - 52 * 60_000, from: 'closed', to: 'open', cause: '5 consecutive failures' },
      { at: t - 51 * 60_000, from: 'open', to: 'half_open', cause: 'timeout elapsed' },
      { at: t - 50.5 * 60_000, from: 'half_open', to: 'closed', cause: '2 successes in half-open' },
      {
        at: t - 8 * 60_000,
        from: 'closed',
        to: 'open',
        cause: '5 consecutive failures (HTTP 529 overloaded)',
      },
    ],
  });
  Object.assign(breakers[3], {
    state: 'half_open',
    halfOpenSuccesses: 1,
    transitions: [
      { at: t - 20 * 60_000, from: 'closed', to: 'open', cause: '5 consecutive failures' },
      { at: t - 30_000, from: 'open', to: 'half_open', cause: 'timeout elapsed' },
    ],
  });
}

const cache = {
  entries: 8_412,
  bytes: 61_400_000,
  maxEntries: 10_000,
  maxBytes: 100_000_000,
  hits: 5_210,
  misses: 9_880,
  hitRate: 0.345,
  evictions: 312,
  expired: 1_045,
  integrityFailures: 2,
};
const cacheHistory = [];
for (let t = now() - 6 * 3_600_000, i = 0; t < now(); t += 30_000, i++) {
  cacheHistory.push({
    at: t,
    hitRate: Math.min(0.9, 0.18 + i / 4400 + Math.sin(i / 40) * 0.03),
    entries: Math.min(10_000, 2000 + i * 9),
    bytes: Math.min(100_000_000, 15_000_000 + i * 65_000),
  });
}

// A synthetic 1,000,000-entry ledger: rows are computed from their index, never stored.
let liveTotal = 1_000_000;
const BREAKS = [
  {
    index: 41,
    kind: 'link',
    detail:
      "previous_hash 9f0c2a71e3d4… does not match entry 40's current_hash 5be81c09aa12…: an entry was deleted, inserted or moved",
  },
  {
    index: 41,
    kind: 'content',
    detail:
      'stored current_hash 9f0c2a71e3d4… differs from the recomputed 77ad03b1c2e9…: the entry was edited',
  },
  { index: 318_207, kind: 'parse', detail: 'not JSON: Expecting , delimiter at column 211' },
  {
    index: 640_000,
    kind: 'content',
    detail: 'stored current_hash 0a9b… differs from the recomputed 4c1e…: the entry was edited',
  },
  { index: 999_999, kind: 'torn_tail', detail: 'last line cut short (131 bytes, no newline)' },
];
function hashOf(i) {
  if (i < 0) return '0'.repeat(64);
  let h = (i * 2654435761) >>> 0;
  let out = '';
  while (out.length < 64) {
    h = (h * 1103515245 + 12345) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}
const decisionOf = (i) => (i % 23 === 0 ? 'BLOCK' : i % 997 === 0 ? 'RESET' : 'ROUTE');
function row(i) {
  const decision = decisionOf(i);
  const provider = decision === 'BLOCK' ? null : PROVIDERS[i % PROVIDERS.length];
  return {
    index: i,
    decisionId: `preview-decision-${i}`,
    timestamp: new Date(now() - (liveTotal - i) * 2_000).toISOString(),
    decision,
    reason:
      decision === 'BLOCK'
        ? 'budget_hard_limit'
        : decision === 'RESET'
          ? `operator alice reset the circuit breaker of provider "${provider}": incident resolved`
          : `routed ${MODELS[i % MODELS.length]} to ${provider}`,
    provider,
    costUsd: decision === 'ROUTE' ? Math.round((0.0004 + (i % 13) * 0.00031) * 1e6) / 1e6 : 0,
    previousHash: hashOf(i - 1),
    currentHash: hashOf(i),
    breaks: BREAKS.filter((b) => b.index === i).map((b) => b.kind),
  };
}
// Signed checkpoints: the live ledger is signed every 1,000 entries up to 999,000; the audited copy
// was rewritten from entry 523,410 on (every later checkpoint disagrees), cut short, and carries one
// forged checkpoint.
const KEY_ID = '88ab6acd5c12e51f';
function checkpointTime(entries) {
  return new Date(now() - (liveTotal - entries) * 2_000).toISOString();
}
function liveAnchors() {
  return {
    keyId: KEY_ID,
    checkpoints: { total: 999, valid: 999, coveredEntries: 999_000 },
    entries: liveTotal,
    breaks: [],
    notes: [
      {
        index: 999_000,
        kind: 'unsigned_tail',
        detail: `entries 999000 to ${liveTotal - 1} come after the last valid checkpoint: no signature covers them yet`,
      },
    ],
  };
}
function auditAnchors(pins) {
  const breaks = [];
  for (let entries = 530_000; entries <= 1_000_000; entries += 10_000) {
    breaks.push({
      index: entries - 1,
      kind: 'rewritten',
      detail: `the checkpoint signed at ${checkpointTime(entries)} says entry ${entries - 1} had current_hash ${hashOf(entries + 99).slice(0, 12)}…, the file has ${hashOf(entries - 1).slice(0, 12)}…: the chain was rewritten`,
    });
  }
  breaks.push({
    index: 369_999,
    kind: 'bad_signature',
    detail: `checkpoint line 37 (370000 entries, ${checkpointTime(370_000)}): the signature does not verify`,
  });
  breaks.push({
    index: liveTotal - 1,
    kind: 'truncated',
    detail: `the checkpoint signed at ${checkpointTime(1_004_000)} says entry 1003999 exists, but the file has ${liveTotal} entries: the newest entries were cut off`,
  });
  for (const pin of pins ?? []) {
    const [index] = pin.trim().split(':');
    breaks.push({
      index: Number(index),
      kind: 'rewritten',
      detail: `the pin ${pin.trim().slice(0, index.length + 13)}… says entry ${index} had current_hash ${pin.trim().slice(index.length + 1, index.length + 13)}…, the file has ${hashOf(Number(index)).slice(0, 12)}…: the chain was rewritten`,
    });
  }
  breaks.sort((a, b) => a.index - b.index);
  return {
    keyId: KEY_ID,
    checkpoints: { total: 101, valid: 100, coveredEntries: liveTotal },
    entries: liveTotal,
    breaks,
    notes: [],
  };
}
function breaksOf(sessionId) {
  const extra = sessions.get(sessionId)?.anchorBreaks ?? [];
  return extra.length ? [...BREAKS, ...extra].sort((a, b) => a.index - b.index) : BREAKS;
}
function rowOf(sessionId, i) {
  const r = row(i);
  const extra = (sessions.get(sessionId)?.anchorBreaks ?? []).filter((b) => b.index === i).map((b) => b.kind);
  return extra.length ? { ...r, breaks: [...new Set([...r.breaks, ...extra])] } : r;
}

const filterCache = new Map();
function positions(decision, text) {
  if (!decision && !text) return null;
  const key = `${decision ?? ''}\u0000${text ?? ''}`;
  if (!filterCache.has(key)) {
    const hits = [];
    const t = text?.toLowerCase();
    for (let i = 0; i < liveTotal; i++) {
      if (decision && decisionOf(i).toLowerCase() !== decision.toLowerCase()) continue;
      if (t) {
        const r = row(i);
        if (!`${r.decision} ${r.reason} ${r.provider}`.toLowerCase().includes(t)) continue;
      }
      hits.push(i);
    }
    filterCache.set(key, hits);
  }
  return filterCache.get(key);
}

const sessions = new Map();
function openSession(path, readOnly) {
  const sessionId = `s${sessions.size + 1}`;
  const s = { sessionId, path, readOnly, bytes: 1_392_114_688, startedAt: now(), anchorBreaks: [] };
  sessions.set(sessionId, s);
  return { sessionId, path, readOnly, bytes: s.bytes };
}
function progress(sessionId) {
  const s = sessions.get(sessionId);
  if (!s) throw wire('not_found', `no session ${sessionId}`);
  // Live sessions are verified already; audits take ~6 s in this preview.
  const f = s.readOnly ? Math.min(1, (now() - s.startedAt) / 6000) : 1;
  const entries = Math.round(liveTotal * f);
  return {
    sessionId,
    bytesRead: Math.round(s.bytes * f),
    totalBytes: s.bytes,
    entries,
    breaks: BREAKS.filter((b) => b.index < entries).length + s.anchorBreaks.length,
    done: f >= 1,
  };
}

// What the Gateway screen lists: four providers with their keys set, one without.
const PRICES = {
  'gpt-4o': [2.5, 10],
  'gpt-4o-mini': [0.15, 0.6],
  'claude-sonnet-4': [3, 15],
  'claude-haiku': [0.8, 4],
  'mistral-large': [2, 6],
  'llama-3.1-70b': [0.59, 0.79],
  'gemini-1.5-pro': [1.25, 5],
};
const SERVES = {
  openai: ['gpt-4o', 'gpt-4o-mini'],
  anthropic: ['claude-sonnet-4', 'claude-haiku'],
  mistral: ['mistral-large'],
  groq: ['llama-3.1-70b', 'gpt-4o-mini'],
  gemini: ['gemini-1.5-pro'],
};
const routing = {
  policy: 'priority',
  providers: PROVIDERS.map((name, i) => ({
    name,
    kind: name === 'anthropic' ? 'anthropic' : 'openai',
    baseUrl: `https://api.${name}.example/v1`,
    priority: (i + 1) * 10,
    active: name !== 'gemini',
    note: name === 'gemini' ? 'set GEMINI_API_KEY' : null,
  })),
  models: MODELS.map((id) => ({
    id,
    candidates: PROVIDERS.filter((p) => SERVES[p].includes(id)).map((provider) => ({
      provider,
      inputPerMTok: PRICES[id][0],
      outputPerMTok: PRICES[id][1],
      active: provider !== 'gemini',
    })),
  })).sort((a, b) => a.id.localeCompare(b.id)),
};

function wire(code, message) {
  return Object.assign(new Error(message), { wire: { code, message } });
}

const handlers = {
  'app:info': () => ({
    mode: 'browser',
    version: '0.1.0',
    demo: true,
    gateway: { url: 'http://127.0.0.1:8787', token: 'penin-preview-token-not-a-secret' },
    liveLedgerPath: '/var/lib/penin/ledger.jsonl',
    auditLedgerPath: null,
  }),
  'budget:get': () => budget(),
  'budget:history': () => spendHistory,
  'breakers:list': () => breakers,
  'breakers:reset': ({ provider, reason }) => {
    const b = breakers.find((x) => x.provider === provider);
    if (!b) throw wire('not_found', `no provider ${provider}`);
    b.transitions.push({
      at: now(),
      from: b.state,
      to: 'closed',
      cause: `operator reset: preview: ${reason}`,
    });
    Object.assign(b, { state: 'closed', consecutiveFailures: 0, retryAfterMs: null, forcedOpen: false });
    return b;
  },
  'breakers:forceOpen': ({ provider, reason }) => {
    const b = breakers.find((x) => x.provider === provider);
    if (!b) throw wire('not_found', `no provider ${provider}`);
    b.transitions.push({
      at: now(),
      from: b.state,
      to: 'open',
      cause: `operator forced open: preview: ${reason}`,
    });
    Object.assign(b, { state: 'open', forcedOpen: true, retryAfterMs: null });
    return b;
  },
  'cache:stats': () => cache,
  'cache:history': () => cacheHistory,
  'cache:clear': () => Object.assign(cache, { entries: 0, bytes: 0 }),
  'routing:table': () => routing,
  'requests:recent': ({ limit = 50, problems = false }) =>
    recentRequests()
      .filter((r) => !problems || r.outcome === 'refused' || r.outcome === 'failed')
      .slice(0, limit),
  'ledger:openLive': () => openSession('/var/lib/penin/ledger.jsonl', false),
  'ledger:openAudit': ({ path }) => {
    if (path.includes('missing'))
      throw wire('not_found', `ENOENT: no such file or directory, open '${path}'`);
    return openSession(path, true);
  },
  'ledger:progress': ({ sessionId }) => progress(sessionId),
  'ledger:rows': ({ sessionId, from, count, decision, text }) => {
    const pos = positions(decision, text);
    const total = pos ? pos.length : liveTotal;
    const rows = [];
    for (let p = from; p < Math.min(total, from + count); p++) rows.push(rowOf(sessionId, pos ? pos[p] : p));
    return { rows, total };
  },
  'ledger:entry': ({ sessionId, index }) => {
    if (index >= liveTotal)
      throw wire('not_found', `entry ${index} does not exist (the ledger has ${liveTotal})`);
    const r = rowOf(sessionId, index);
    const breaks = breaksOf(sessionId).filter((b) => b.index === index);
    const entry = {
      decision_id: `6f1c${index.toString(16).padStart(6, '0')}-8d2e-4b7a-9c51-1a2b3c4d5e6f`,
      timestamp: r.timestamp,
      version: '1.0',
      delta_linf: 0.0,
      caos_plus: 0.0,
      sr_score: 1.0,
      ethical_score: 1.0,
      decision: r.decision,
      reason: r.reason,
      metrics: {
        provider: r.provider,
        model: MODELS[index % MODELS.length],
        cost_usd: r.costUsd,
        latency_ms: 812.5,
        stream: false,
      },
      violations: [],
      gates_passed: { budget: true, breaker: true, cache_integrity: true },
      previous_hash: r.previousHash,
      current_hash: r.currentHash,
    };
    return {
      index,
      raw: JSON.stringify(entry),
      entry,
      storedHash: r.currentHash,
      recomputedHash: breaks.some((b) => b.kind === 'content') ? hashOf(index + 12345) : r.currentHash,
      previousHash: r.previousHash,
      priorCurrentHash: breaks.some((b) => b.kind === 'link') ? hashOf(index + 777) : hashOf(index - 1),
      breaks,
    };
  },
  'ledger:findBreak': ({ sessionId, from, direction }) =>
    direction === 'next'
      ? (breaksOf(sessionId).find((b) => b.index > from) ?? null)
      : ([...breaksOf(sessionId)].reverse().find((b) => b.index < from) ?? null),
  'ledger:findTime': ({ at }) => {
    // Entry i is (liveTotal - i) × 2 s before now: the first at or after `at`.
    const i = Math.max(0, Math.ceil(liveTotal - (now() - at) / 2_000));
    return i < liveTotal ? { index: i, timestamp: row(i).timestamp } : null;
  },
  'ledger:locate': ({ index, decision, text }) => {
    const pos = positions(decision, text);
    if (!pos) return { position: Math.min(index, liveTotal), total: liveTotal };
    const at = pos.findIndex((i) => i >= index);
    return { position: at < 0 ? pos.length : at, total: pos.length };
  },
  'ledger:report': ({ sessionId, format }) => ({
    format,
    fileName: `penin-verify-${sessionId}.${format}`,
    content:
      format === 'json'
        ? JSON.stringify({ valid: false, breaks: BREAKS }, null, 2)
        : '<!doctype html><h1>Report</h1>',
  }),
  'ledger:close': ({ sessionId }) => ({ closed: sessions.delete(sessionId) }),
  'ledger:anchors': ({ sessionId, publicKeyPath, pins }) => {
    const s = sessions.get(sessionId);
    if (!s) throw wire('not_found', `no session ${sessionId}`);
    if (publicKeyPath?.includes('missing'))
      throw wire('bad_request', `cannot use the public key: ${publicKeyPath}: no such file`);
    if (s.readOnly && !publicKeyPath && !pins)
      throw wire(
        'bad_request',
        'give the public key file of the ledger’s writer (or pins) to check its signatures',
      );
    const status = s.readOnly ? auditAnchors(pins) : liveAnchors();
    s.anchorBreaks = status.breaks;
    return status;
  },
};

// ---------- Servers ----------

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

const http = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
  const file = join(ROOT, rel);
  if (!file.startsWith(ROOT)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
});

const wss = new WebSocketServer({ server: http, path: '/ws' });
const clients = new Set();
const callCounts = new Map();
wss.on('connection', (ws) => {
  let greeted = false;
  ws.on('message', async (data) => {
    let msg;
    try {
      msg = JSON.parse(String(data));
    } catch {
      ws.close(4400, 'bad message');
      return;
    }
    if (!greeted) {
      if (msg.type !== 'hello' || msg.token !== TOKEN) {
        ws.close(4401, 'bad token');
        return;
      }
      greeted = true;
      clients.add(ws);
      ws.send(JSON.stringify({ type: 'ready' }));
      return;
    }
    if (msg.type !== 'call') return;
    callCounts.set(msg.channel, (callCounts.get(msg.channel) ?? 0) + 1);
    const handler = handlers[msg.channel];
    let result;
    try {
      if (!handler) throw wire('not_found', `no channel ${msg.channel}`);
      result = { ok: true, value: await handler(msg.request) };
    } catch (err) {
      result = { ok: false, error: err.wire ?? { code: 'internal', message: String(err) } };
    }
    ws.send(JSON.stringify({ type: 'result', id: msg.id, result }));
  });
  ws.on('close', () => clients.delete(ws));
});

function push(event, payload) {
  const text = JSON.stringify({ type: 'event', event, payload });
  for (const ws of clients) ws.send(text);
}

// Live pushes: spend creeps up, the cache moves, the live ledger grows, audits report progress.
const ticker = setInterval(() => {
  spend += 0.004 + Math.random() * 0.01;
  const b = budget();
  spendHistory.push({ at: b.at, spendUsd: b.spendUsd });
  push('budget:changed', b);
  cache.hits += 3;
  cache.misses += 2;
  cache.hitRate = cache.hits / (cache.hits + cache.misses);
  push('cache:changed', cache);
  liveTotal += 0; // kept fixed so screenshots are stable; the event still exercises the tail refresh
  push('ledger:appended', { entries: liveTotal, head: hashOf(liveTotal - 1) });
  for (const s of sessions.values()) if (s.readOnly) push('ledger:progress', progress(s.sessionId));
}, 1000);

await new Promise((r) => http.listen(0, '127.0.0.1', r));
const { port } = http.address();
const base = `http://127.0.0.1:${port}/`;
console.log(`PENIN Console preview at ${base}#token=${TOKEN}`);

if (serveOnly) {
  process.on('SIGINT', () => process.exit(0));
} else {
  try {
    await shoot(base);
  } finally {
    clearInterval(ticker);
    wss.close();
    http.close();
  }
}

// ---------- Screenshots ----------

async function shoot(base) {
  const { chromium } = await import('playwright-core');
  await mkdir(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const errors = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    const snap = async (name, fullPage = false) => {
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
      console.log(`  ${name}.png`);
    };
    const nav = (label) => page.getByRole('navigation').getByRole('button', { name: label }).click();

    await page.goto(`${base}#token=${TOKEN}`);
    await page.getByRole('meter', { name: /daily limit/ }).waitFor();
    await page.waitForTimeout(1500);
    await snap('1-spend');
    await page.locator('.app__main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await snap('1b-spend-bars');
    await page.locator('.app__main').evaluate((el) => el.scrollTo(0, 0));

    await nav('Breakers');
    await page.getByRole('article', { name: 'Breaker anthropic' }).waitFor();
    await snap('2-breakers');
    await page
      .getByRole('article', { name: 'Breaker anthropic' })
      .getByRole('button', { name: 'Reset' })
      .click();
    await page.getByRole('dialog').getByRole('textbox').fill('ok');
    await page.getByRole('dialog').getByRole('textbox').blur();
    await snap('3-breaker-reset-dialog');
    await page.getByRole('dialog').getByRole('textbox').fill('Anthropic status page: incident resolved');
    await page.getByRole('dialog').getByRole('button', { name: 'Reset breaker' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    push('alert:raised', {
      alertId: 'preview-1',
      at: now(),
      tone: 'bad',
      topic: 'breaker:mistral',
      title: 'Breaker mistral opened',
      body: '5 consecutive failures: HTTP 503 from mistral. Requests skip mistral; a trial call in 60 s.',
      screen: 'breakers',
    });
    await page.getByRole('alert', { name: 'Breaker mistral opened' }).waitFor();
    await snap('3b-alert-toast');
    await page.getByRole('button', { name: 'Dismiss: Breaker mistral opened' }).click();

    await nav('Cache');
    await page.getByRole('group', { name: 'Integrity failures' }).waitFor();
    await snap('4-cache');
    await page.getByRole('button', { name: 'Clear cache…' }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('integrity failures after the disk swap');
    await snap('4b-cache-clear-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await nav('Gateway');
    await page.getByRole('region', { name: 'Providers' }).waitFor();
    await snap('4c-gateway');

    await nav('Ledger');
    await snap('5-ledger-empty');
    await page.getByRole('button', { name: 'Open live ledger' }).click();
    await page.locator('[data-index="0"]').waitFor();
    await snap('6-ledger-live');
    // Smoothness check: sweep the whole million rows in 60 frames, as a fast scrollbar drag would.
    const before = callCounts.get('ledger:rows') ?? 0;
    const sweep = await page.evaluate(async () => {
      const grid = document.querySelector('[role="grid"]');
      const frames = [];
      let maxRows = 0;
      for (let i = 1; i <= 60; i++) {
        const t0 = performance.now();
        grid.scrollTop = (grid.scrollHeight - grid.clientHeight) * (i / 60);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        frames.push(performance.now() - t0);
        maxRows = Math.max(maxRows, grid.querySelectorAll('[data-index], .lrow--loading').length);
      }
      frames.sort((a, b) => a - b);
      return { p50: frames[30], p95: frames[57], maxRows, height: grid.scrollHeight };
    });
    await page.locator('[data-index="999999"]').waitFor();
    console.log(
      `  sweep of 1,000,000 rows: scrollHeight ${sweep.height}px, at most ${sweep.maxRows} rows in the DOM, ` +
        `2-frame p50 ${sweep.p50.toFixed(1)} ms / p95 ${sweep.p95.toFixed(1)} ms, ` +
        `${(callCounts.get('ledger:rows') ?? 0) - before} ledger:rows calls`,
    );
    await page.getByRole('grid').press('Home');
    await page.locator('[data-index="0"]').waitFor();

    await page.getByRole('button', { name: /Next break/ }).click();
    await page.getByRole('complementary', { name: 'Entry 41' }).getByText('MISMATCH').first().waitFor();
    await snap('7-ledger-break-detail');
    await page.getByRole('button', { name: /Next break/ }).click();
    await page.getByRole('complementary', { name: 'Entry 318207' }).waitFor();
    await page.getByRole('grid').press('ArrowDown');
    await page.getByRole('grid').press('Enter');
    await page.getByRole('complementary', { name: 'Entry 318208' }).waitFor();
    await page.getByRole('grid').press('ArrowUp');
    await snap('8-ledger-far-keyboard');
    await page.getByRole('combobox', { name: 'Filter by decision' }).fill('BLOCK');
    await page.getByText(/matching entries/).waitFor();
    await page.waitForTimeout(600);
    await snap('9-ledger-filtered');

    await page
      .getByRole('textbox', { name: 'Ledger file to audit' })
      .fill('/audits/2025-11/ledger-copy.jsonl');
    await page.getByRole('button', { name: 'Open for audit' }).click();
    await page.getByRole('progressbar').waitFor();
    await page.waitForTimeout(1200);
    await snap('10-ledger-audit-verifying');
    await page.getByText('Chain broken').waitFor({ timeout: 15_000 });
    await snap('11-ledger-audit-done');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export HTML report' }).click(),
    ]);
    console.log(`  report download: ${download.suggestedFilename()}`);

    // Signatures of the audited copy: the writer's public key and a pin the auditor noted earlier.
    const signatures = page.getByRole('region', { name: 'Signatures' });
    await signatures
      .getByRole('textbox', { name: 'Public key file' })
      .fill('/audits/2025-11/ledger-signing-key.pem.pub');
    await signatures.getByRole('textbox', { name: 'Pins' }).fill(`600000:${hashOf(600_123)}`);
    await signatures.getByRole('button', { name: 'Check signatures' }).click();
    await signatures.getByText(/^Rewrite detected/).waitFor();
    await snap('11b-ledger-signatures');
    await signatures.getByRole('button', { name: 'rewritten at entry 529999: go to it' }).click();
    await page.getByRole('complementary', { name: 'Entry 529999' }).waitFor();
    await snap('11c-ledger-signature-marker');

    await page.getByRole('button', { name: /Theme:/ }).click(); // system → dark
    await page.getByRole('button', { name: /Theme:/ }).click(); // dark → light
    await nav('Live spend');
    await page.waitForTimeout(800);
    await snap('12-spend-light');
    await nav('Ledger');
    await snap('13-ledger-light');
    await nav('Gateway');
    await page.getByRole('region', { name: 'Providers' }).waitFor();
    await snap('13b-gateway-light');

    const bad = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: 'dark' });
    const badPage = await bad.newPage();
    await badPage.goto(`${base}#token=wrong`);
    await badPage.getByRole('alert').first().waitFor();
    await badPage.waitForTimeout(500);
    await badPage.screenshot({ path: join(OUT, '14-token-refused.png') });
    console.log('  14-token-refused.png');
  } finally {
    await browser.close();
  }
  const unexpected = errors.filter((e) => !/status of 404|favicon/.test(e));
  if (unexpected.length) {
    console.log('Console errors:\n' + unexpected.map((e) => `  ${e}`).join('\n'));
    process.exitCode = 1;
  }
  console.log(`Screenshots in ${OUT}`);
}
