// The ledger record of each routing outcome, failing closed when the ledger refuses appends,
// and rebuilding today's spend from a real ledger file after a restart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import OpenAI, { APIError } from 'openai';
import { ManualClock } from '../../electron/core/model/clock';
import { loadTodaySpend } from '../../electron/core/budget/spend-restore';
import { ledgerTimeMs } from '../../electron/ledger/ledger-time';
import { LedgerWriter } from '../../electron/ledger/writer';
import { verifyFile } from '../../electron/ledger/verify-file';
import { errno, flakyDisk } from '../helpers/flaky-disk';
import { FakeUpstream } from './fake-upstream';
import {
  costOf,
  hello,
  metric,
  MODEL,
  providerFor,
  rawPost,
  startCore,
  testConfig,
  TOKEN,
  type Running,
} from './harness';

let up: FakeUpstream;
let gw: Running | undefined;

beforeEach(async () => {
  up = await FakeUpstream.start('openai', 'fake');
});

afterEach(async () => {
  await gw?.close();
  gw = undefined;
  await up.close();
});

async function start(...args: Parameters<typeof startCore>): Promise<Running> {
  gw = await startCore(...args);
  return gw;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('one ledger entry per routing outcome', () => {
  it('served, cache hit, stream, 404, 429, 502 and 503 each append exactly one entry with the full metrics', async () => {
    const g = await start(testConfig([providerFor(up, { timeoutMs: 300 })], { dailyLimitUsd: 10 }));
    const c = g.client;
    const heard: string[] = [];
    g.core.onDecision((d) => heard.push(d.decision_id));
    const fail = (p: Promise<unknown>): Promise<unknown> => p.catch((e: unknown) => e);
    await c.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 }); // ROUTE miss
    await c.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 }); // ROUTE hit
    for await (const _ of await c.chat.completions.create({ model: MODEL, messages: hello, stream: true })) {
      // drain
    }
    await fail(c.chat.completions.create({ model: 'unknown', messages: hello })); // 404
    await fail(c.chat.completions.create({ model: MODEL, messages: hello, max_tokens: 100_000 })); // 429 hard: $200 worst case
    up.script({ kind: 'status', status: 500 });
    await fail(c.chat.completions.create({ model: MODEL, messages: hello })); // 502
    await g.core.forceOpenBreaker('fake', 'test', 'check the 503 path'); // FORCE_OPEN entry
    await fail(c.chat.completions.create({ model: MODEL, messages: hello })); // 503

    const ds = g.ledger.decisions;
    expect(ds.map((d) => d.decision)).toEqual([
      'ROUTE',
      'ROUTE',
      'ROUTE',
      'BLOCK',
      'BLOCK',
      'BLOCK',
      'FORCE_OPEN',
      'BLOCK',
    ]);
    expect(ds.map((d) => d.violations)).toEqual([
      [],
      [],
      [],
      ['model_not_found'],
      ['budget_hard_limit'],
      ['upstream_failure'],
      [],
      ['no_provider_available'],
    ]);
    expect(new Set(ds.map((d) => d.decision_id)).size).toBe(ds.length);
    expect(heard).toEqual(ds.map((d) => d.decision_id)); // onDecision hears each one, once it is in the ledger
    const routing = ds.filter((d) => d.decision !== 'FORCE_OPEN');
    for (const d of routing) {
      expect(d.decision_id).toMatch(UUID);
      expect(d.reason.length).toBeGreaterThan(5);
      expect(Object.keys(d.metrics ?? {}).sort()).toEqual(
        [
          'attempts',
          'cache',
          'completion_tokens',
          'cost_usd',
          'latency_ms',
          'model',
          'prompt_tokens',
          'provider',
          'stream',
          'usage_source',
        ].sort(),
      );
      expect(Object.keys(d.gates_passed ?? {}).sort()).toEqual(['breaker', 'budget', 'cache_integrity']);
      expect(costOf(d)).toBeGreaterThanOrEqual(0);
    }
    expect(routing.map((d) => metric(d, 'cache'))).toEqual([
      'miss',
      'hit',
      'bypass',
      'bypass',
      'bypass',
      'bypass',
      'bypass',
    ]);
    expect(routing.map((d) => metric(d, 'stream'))).toEqual([false, false, true, false, false, false, false]);
    expect(metric(routing[0], 'attempts')).toEqual([
      { provider: 'fake', outcome: 'ok', status: 200, latency_ms: expect.anything() },
    ]);
    expect(metric(routing[0], 'prompt_tokens')).toBe(10);
    expect(metric(routing[0], 'completion_tokens')).toBe(5);
    expect(metric(routing[5], 'attempts')).toEqual([
      { provider: 'fake', outcome: 'http_error', status: 500, latency_ms: expect.anything() },
    ]);
  });

  it('every answer the router gives names its ledger entry (x-penin-decision-id), refusals and streams too', async () => {
    const g = await start(testConfig([providerFor(up)], { dailyLimitUsd: 10 }));
    const c = g.client;
    const ids: (string | null)[] = [];
    const plain = await c.chat.completions.create({ model: MODEL, messages: hello }).withResponse();
    ids.push(plain.response.headers.get('x-penin-decision-id'));
    const stream = await c.chat.completions
      .create({ model: MODEL, messages: hello, stream: true })
      .withResponse();
    ids.push(stream.response.headers.get('x-penin-decision-id'));
    for await (const _ of stream.data) {
      // drain
    }
    const refused = await c.chat.completions
      .create({ model: MODEL, messages: hello, max_tokens: 100_000 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(APIError);
    expect((refused as APIError).status).toBe(429);
    ids.push((refused as APIError).headers?.get('x-penin-decision-id') ?? null);

    // In the order answered, each is exactly the decision_id of the entry that records it.
    expect(ids).toEqual(g.ledger.decisions.map((d) => d.decision_id));
    for (const id of ids) expect(id).toMatch(UUID);

    // A malformed request never reaches the router nor the ledger: no entry to name.
    const bad = await rawPost(g.core.url, '/v1/chat/completions', '{"model": 5}', {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-penin-decision-id')).toBeNull();
    expect(g.ledger.decisions).toHaveLength(3);
  });
});

describe('fail closed when the ledger refuses appends', () => {
  it('answers 503 ledger_unavailable, keeps the spend, dispatches nothing more, and catches up once it works', async () => {
    const gw = await start(testConfig([providerFor(up)]));
    const heard: string[] = [];
    gw.core.onDecision((d) => heard.push(d.decision));
    gw.ledger.failWith = new Error('ENOSPC: no space left on device');

    const e1 = await gw.client.chat.completions
      .create({ model: MODEL, messages: hello })
      .catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(OpenAI.InternalServerError);
    expect((e1 as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
    expect((e1 as InstanceType<typeof OpenAI.APIError>).code).toBe('ledger_unavailable');
    expect((e1 as InstanceType<typeof OpenAI.APIError>).message).toMatch(/no space left/);
    expect(up.count).toBe(1); // the provider had already answered: that money is spent...
    expect(gw.core.budgetView.snapshot().spendUsd).toBeCloseTo(0.02, 10); // ...and counted
    expect(gw.core.ledgerBacklog()).toBe(1);

    const e2 = await gw.client.chat.completions
      .create({ model: MODEL, messages: hello })
      .catch((e: unknown) => e);
    expect((e2 as InstanceType<typeof OpenAI.APIError>).code).toBe('ledger_unavailable');
    expect(up.count).toBe(1); // nothing dispatched while the ledger is down

    gw.ledger.failWith = null;
    const ok = await gw.client.chat.completions.create({ model: MODEL, messages: hello });
    expect(ok.choices[0].message.content).toBe('Hello from fake');
    expect(gw.core.ledgerBacklog()).toBe(0);

    const ds = gw.ledger.decisions;
    expect(ds.map((d) => d.decision)).toEqual(['BLOCK', 'BLOCK', 'ROUTE']);
    expect(heard).toEqual(['BLOCK', 'BLOCK', 'ROUTE']); // nothing was announced before it was recorded
    expect(ds[0].violations).toEqual(['ledger_unavailable']);
    expect(ds[0].reason).toMatch(/decision was ROUTE/);
    expect(costOf(ds[0])).toBeCloseTo(0.02, 10); // the withheld answer's spend is in the ledger
    expect(ds[1].violations).toEqual(['ledger_unavailable']);
    expect(costOf(ds[1])).toBe(0);
    const total = ds.reduce((s, d) => s + costOf(d), 0);
    expect(total).toBeCloseTo(gw.core.budgetView.snapshot().spendUsd, 10);
  });

  it('with the real writer, a full disk answers 503, and once it has room again requests are served without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penin-full-'));
    const path = join(dir, 'ledger.jsonl');
    const disk = flakyDisk();
    const writer = await LedgerWriter.open(path, { retryMs: 20, disk });
    try {
      const gw = await start(testConfig([providerFor(up)]), { ledger: writer });
      await gw.client.chat.completions.create({ model: MODEL, messages: hello });
      disk.failWrite = errno('ENOSPC', 'no space left on device, write');
      const refused = await gw.client.chat.completions
        .create({ model: MODEL, messages: hello })
        .catch((e: unknown) => e);
      expect((refused as InstanceType<typeof OpenAI.APIError>).code).toBe('ledger_unavailable');
      disk.failWrite = null;
      let served = null;
      for (let i = 0; i < 100 && !served; i++) {
        served = await gw.client.chat.completions.create({ model: MODEL, messages: hello }).catch(() => null);
        if (!served) await new Promise((r) => setTimeout(r, 10));
      }
      expect(served?.choices[0].message.content).toBe('Hello from fake');
      expect(gw.core.ledgerBacklog()).toBe(0);
    } finally {
      await writer.close();
    }
    const entries = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const kinds = entries.map(
      (e) =>
        `${String(e.decision)}${(e.violations as string[]).length ? ` ${(e.violations as string[]).join(',')}` : ''}`,
    );
    expect(kinds[0]).toBe('ROUTE');
    expect(kinds[1]).toBe('RECOVER write_failure');
    expect(kinds[2]).toBe('BLOCK ledger_unavailable'); // the refused answer, spend and all, recorded first
    expect(kinds.at(-1)).toBe('ROUTE');
    expect((await verifyFile(path)).valid).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('ends a stream with a ledger_unavailable error event instead of [DONE]', async () => {
    const gw = await start(testConfig([providerFor(up)]));
    gw.ledger.failWith = new Error('lock lost');
    const stream = await gw.client.chat.completions.create({ model: MODEL, messages: hello, stream: true });
    const err = await (async () => {
      for await (const _ of stream) {
        // drain
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toMatch(/ledger cannot record/);
    expect(gw.core.budgetView.snapshot().spendUsd).toBeCloseTo(0.02, 10);
  });
});

describe('restart rebuilds today spend from the ledger file', () => {
  it('restores what today cost, ignoring yesterday and free entries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'penin-restore-'));
    const path = join(dir, 'ledger.jsonl');
    try {
      const old = await LedgerWriter.open(path, { now: () => new Date(Date.now() - 2 * 86_400_000) });
      await old.append({
        decision_id: 'old',
        decision: 'ROUTE',
        reason: 'two days ago',
        metrics: { cost_usd: 5, prompt_tokens: 1, completion_tokens: 1 },
      });
      await old.close();

      let writer = await LedgerWriter.open(path);
      let gw = await start(testConfig([providerFor(up)]), { ledger: writer, ledgerPath: path });
      await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 });
      await gw.client.chat.completions.create({ model: MODEL, messages: hello, temperature: 0 }); // cache hit: free
      await gw.client.chat.completions.create({ model: MODEL, messages: hello });
      expect(gw.core.budgetView.snapshot().spendUsd).toBeCloseTo(0.04, 10);
      await gw.close();
      await writer.close();

      writer = await LedgerWriter.open(path);
      gw = await start(testConfig([providerFor(up)]), { ledger: writer, ledgerPath: path });
      const snap = gw.core.budgetView.snapshot();
      expect(snap.spendUsd).toBeCloseTo(0.04, 10);
      expect(snap.tokens).toBe(30);
      expect(snap.byProvider.fake?.spendUsd).toBeCloseTo(0.04, 10);
      await gw.close();
      await writer.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the ledger in the budget time zone and tolerates a missing file', async () => {
    expect(ledgerTimeMs('2025-10-01T23:30:00.123456')).toBe(Date.parse('2025-10-01T23:30:00.123Z'));
    expect(ledgerTimeMs('2025-10-01T23:30:00')).toBe(Date.parse('2025-10-01T23:30:00Z'));
    expect(ledgerTimeMs('yesterday')).toBeNull();
    const clock = new ManualClock('2025-10-02T01:00:00Z');
    expect(await loadTodaySpend('/nonexistent/ledger.jsonl', 'America/Sao_Paulo', clock)).toEqual([]);
  });
});
