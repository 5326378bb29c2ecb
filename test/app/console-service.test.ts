import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConsoleService } from '../../electron/app/console-service';
import { tmpDir } from '../helpers/tmp';
import { FakeCore } from '../helpers/fakes/fake-core';
import { FakeSession } from '../helpers/fakes/fake-session';
import { served } from '../helpers/fakes/route-outcome';
import { routeDecision } from '../../electron/core/recording/ledger-record';

function make(auditLedgerPath: string | null = null) {
  const live = join(tmpDir(), 'live.jsonl');
  writeFileSync(live, '');
  const service = createConsoleService({
    mode: 'electron',
    version: '1.2.3',
    demo: false,
    openSession: (path) => new FakeSession(path),
    liveLedgerPath: live,
    auditLedgerPath,
    pollMs: 1000,
  });
  const events: [string, unknown][] = [];
  service.hub.subscribe((e, p) => events.push([e, p]));
  return { service, events, live, call: service.dispatcher.dispatch };
}

describe('console service (handlers over the core and the ledger sessions)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers core channels with unavailable until the core is set', async () => {
    const { call, service } = make();
    expect(await call('budget:get', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('starting') },
    });
    service.setCore(null, 'cannot listen on 127.0.0.1:8787: EADDRINUSE');
    expect(await call('breakers:list', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('EADDRINUSE') },
    });
    expect(await call('app:info', {})).toEqual({
      ok: true,
      value: {
        mode: 'electron',
        version: '1.2.3',
        demo: false,
        demoDataDir: null,
        gateway: null,
        liveLedgerPath: expect.stringMatching(/live\.jsonl$/),
        auditLedgerPath: null,
      },
    });
    service.close();
  });

  it('maps budget, breakers and cache onto the core', async () => {
    const { call, service } = make('/audit/me.jsonl');
    const core = new FakeCore();
    core.spendUsd = 1.5;
    service.setCore(core);
    expect(await call('app:info', {})).toMatchObject({
      ok: true,
      value: {
        gateway: core.gateway,
        liveLedgerPath: expect.stringMatching(/live\.jsonl$/),
        auditLedgerPath: '/audit/me.jsonl',
      },
    });
    expect(await call('budget:get', {})).toMatchObject({ ok: true, value: { spendUsd: 1.5 } });
    expect(await call('breakers:list', {})).toMatchObject({
      ok: true,
      value: [{ provider: 'openai' }, { provider: 'anthropic' }],
    });
    expect(await call('cache:stats', {})).toMatchObject({ ok: true, value: { entries: 1 } });
    expect(await call('budget:history', {})).toMatchObject({ ok: true, value: [{ spendUsd: 1.5 }] });
    // No lookups yet in the fake: no hit rate (null), not 0 %.
    expect(await call('cache:history', {})).toMatchObject({
      ok: true,
      value: [{ hitRate: null, entries: 1 }],
    });
    service.close();
  });

  it('resets and forces open known providers with the given reason; unknown provider is not_found', async () => {
    const { call, service } = make();
    const core = new FakeCore();
    service.setCore(core);
    expect(await call('breakers:reset', { provider: 'openai', reason: '  upstream fixed  ' })).toMatchObject({
      ok: true,
      value: { state: 'closed' },
    });
    expect(await call('breakers:forceOpen', { provider: 'anthropic', reason: 'maintenance' })).toMatchObject({
      ok: true,
      value: { state: 'open' },
    });
    expect(core.operations).toEqual(['reset openai: upstream fixed', 'forceOpen anthropic: maintenance']);
    expect(await call('breakers:reset', { provider: 'nope', reason: 'why not' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call('breakers:reset', { provider: 'openai', reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('reason') },
    });
    expect(core.operations).toHaveLength(2);
    service.close();
  });

  it('publishes changes as events: at once, after changes (throttled) and on the poll', async () => {
    const { events, service } = make();
    const core = new FakeCore();
    service.setCore(core);
    expect(events.map(([e]) => e).sort()).toEqual([
      'breakers:changed',
      'budget:changed',
      'cache:changed',
      'ledger:appended',
      'requests:changed',
    ]);
    events.length = 0;

    vi.advanceTimersByTime(5000); // polls: only the clock moved, nothing to publish
    expect(events).toEqual([]);

    for (let i = 1; i <= 1000; i++) {
      core.spendUsd = i / 100;
      core.head = { entries: i, head: `h${i}` };
      if (i % 10 === 0) core.recent.add(routeDecision(served(i)), i);
      core.changed();
    }
    vi.advanceTimersByTime(150);
    // Requests are announced by count (requests:recent lists them), coalesced like the rest.
    const requests = events.filter(([e]) => e === 'requests:changed');
    expect(requests.length).toBeLessThanOrEqual(2);
    expect(requests.at(-1)?.[1]).toEqual({ recorded: 100 });
    const budgets = events.filter(([e]) => e === 'budget:changed');
    expect(budgets.length).toBeLessThanOrEqual(2);
    expect(budgets.at(-1)?.[1]).toMatchObject({ spendUsd: 10 });
    expect(events.filter(([e]) => e === 'ledger:appended').at(-1)?.[1]).toEqual({
      entries: 1000,
      head: 'h1000',
    });

    events.length = 0;
    core.breakerList = [core.breakerList[0]!, { ...core.breakerList[1]!, state: 'half_open' }];
    vi.advanceTimersByTime(1000);
    expect(events.map(([e]) => e)).toEqual(['breakers:changed']);

    service.setCore(null);
    expect(core.listenerCount).toBe(0);
    service.close();
  });

  it('clears the cache with a reason; a reason too short is bad_request and clears nothing', async () => {
    const { call, service } = make();
    const core = new FakeCore();
    service.setCore(core);
    expect(await call('cache:clear', { reason: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('at least 3 characters') },
    });
    expect(await call('cache:clear', { reason: ' stale answers after a provider fix ' })).toMatchObject({
      ok: true,
      value: { entries: 0 },
    });
    expect(core.operations).toEqual(['clearCache: stale answers after a provider fix']);
    service.close();
  });

  it('raises an alert when a breaker opens, from the same feed', async () => {
    const { events, service } = make();
    const core = new FakeCore();
    service.setCore(core);
    expect(events.filter(([e]) => e === 'alert:raised')).toEqual([]);
    const open = { ...core.breakerList[0]!, state: 'open' as const, retryAfterMs: 30_000 };
    open.transitions = [{ at: 1, from: 'closed', to: 'open', cause: '5 consecutive failures: HTTP 502' }];
    core.breakerList = [open, core.breakerList[1]!];
    core.changed();
    vi.advanceTimersByTime(150);
    const alerts = events.filter(([e]) => e === 'alert:raised').map(([, p]) => p);
    expect(alerts).toMatchObject([{ title: 'Breaker openai opened', tone: 'bad', screen: 'breakers' }]);
    vi.advanceTimersByTime(5000); // polls see the same transition: no second alert
    expect(events.filter(([e]) => e === 'alert:raised')).toHaveLength(1);
    service.close();
  });

  it('keeps the last alerts for a console that connects later (alerts:recent)', async () => {
    const { call, service } = make();
    expect(await call('alerts:recent', {})).toEqual({ ok: true, value: [] }); // no core yet: nothing
    const core = new FakeCore();
    service.setCore(core);
    const open = { ...core.breakerList[0]!, state: 'open' as const, retryAfterMs: 30_000 };
    open.transitions = [{ at: 1, from: 'closed', to: 'open', cause: '5 consecutive failures: HTTP 502' }];
    core.breakerList = [open, core.breakerList[1]!];
    core.changed();
    vi.advanceTimersByTime(150);
    expect(await call('alerts:recent', {})).toMatchObject({
      ok: true,
      value: [{ title: 'Breaker openai opened', tone: 'bad' }],
    });
    service.close();
  });

  it('opens the live ledger and forwards requests to open a ledger', async () => {
    const { call, events, live, service } = make();
    expect(await call('ledger:openLive', {})).toMatchObject({
      ok: true,
      value: { path: live, readOnly: false },
    });
    service.requestOpenLedger('/ledgers/other.jsonl');
    expect(events).toContainEqual(['app:openLedger', { path: '/ledgers/other.jsonl' }]);
    expect(await call('app:info', {})).toMatchObject({
      ok: true,
      value: { auditLedgerPath: '/ledgers/other.jsonl' },
    });
    service.close();
    expect(service.sessions.size).toBe(0);
  });
});
