// The alerts the live feed raises, from successive snapshots: what each change gets, and what
// gets nothing (no change, history seen at start, half-open trials).
import { describe, expect, it } from 'vitest';
import { AlertDetector } from '../../electron/app/alerts';
import type {
  BreakerSnapshot,
  BreakerTransition,
  BudgetSnapshot,
  BudgetStatus,
  SoftLimitMode,
} from '../../shared/domain';
import { breaker } from '../helpers/fakes/fake-core';

function budget(
  status: BudgetStatus,
  spendUsd: number,
  day = '2026-11-25',
  softLimitMode: SoftLimitMode = 'refuse',
): BudgetSnapshot {
  return {
    day,
    timeZone: 'UTC',
    dailyLimitUsd: 10,
    spendUsd,
    reservedUsd: 0,
    remainingUsd: 10 - spendUsd,
    percentUsed: spendUsd * 10,
    softLimitPct: 95,
    hardLimitPct: 100,
    softLimitMode,
    status,
    requests: 1,
    tokens: 1,
    byProvider: {},
    byModel: {},
    projectedEndOfDayUsd: spendUsd,
    projection: {
      basis: 'no_data',
      windowStartMs: 0,
      usdPerHour: 0,
      softLimit: { kind: 'not_today' },
      hardLimit: { kind: 'not_today' },
      dayEndMs: 86_400_000,
    },
    at: 0,
  };
}

const t = (at: number, from: BreakerTransition['from'], to: BreakerTransition['to'], cause: string) => ({
  at,
  from,
  to,
  cause,
});

function withHistory(
  provider: string,
  transitions: BreakerTransition[],
  extra: Partial<BreakerSnapshot> = {},
): BreakerSnapshot {
  const state = transitions.length > 0 ? transitions[transitions.length - 1].to : 'closed';
  return { ...breaker(provider, state), forcedOpen: false, transitions, ...extra };
}

describe('AlertDetector', () => {
  it('budget: soft, hard, then a new day, each once; nothing while the status holds', () => {
    const d = new AlertDetector(() => 42);
    expect(d.observe(budget('OK', 1), [])).toEqual([]);
    expect(d.observe(budget('OK', 5), [])).toEqual([]);
    const [soft] = d.observe(budget('SOFT_LIMIT_EXCEEDED', 9.5), []);
    expect(soft).toEqual({
      alertId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: 42,
      tone: 'warn',
      topic: 'budget',
      screen: 'spend',
      title: 'Soft budget limit reached (95%): new requests refused',
      body:
        '$9.50 of the $10.00 daily limit spent. Past the soft limit: new requests are refused with 429 ' +
        'budget_exceeded (soft) until the day rolls over; cached answers are still served.',
    });
    expect(d.observe(budget('SOFT_LIMIT_EXCEEDED', 9.7), [])).toEqual([]);
    const [hard] = d.observe(budget('HARD_LIMIT_EXCEEDED', 10), []);
    expect(hard.tone).toBe('bad');
    expect(hard.title).toBe('Hard budget limit reached');
    expect(hard.body).toMatch(/paid requests are refused until the day rolls over \(UTC\)/);
    const [day] = d.observe(budget('OK', 0, '2026-11-26'), []);
    expect(day).toMatchObject({ tone: 'ok', title: 'New budget day: 2026-11-26' });
  });

  it('budget: the soft-limit alert says what the gateway does in the mode in force', () => {
    // refuse (the seed's, the default): the gateway answers 429 at the soft limit, so "still routed" would lie.
    const refuse = new AlertDetector().observe(budget('SOFT_LIMIT_EXCEEDED', 9.6), [])[0];
    expect(refuse.title).toMatch(/new requests refused/);
    expect(refuse.body).toMatch(/new requests are refused with 429 budget_exceeded \(soft\)/);
    expect(`${refuse.title} ${refuse.body}`).not.toMatch(/still routed|still routing/);
    // warn: the gateway keeps routing until a request's worst case would pass the hard limit.
    const warn = new AlertDetector().observe(budget('SOFT_LIMIT_EXCEEDED', 9.6, '2026-11-25', 'warn'), [])[0];
    expect(warn.tone).toBe('warn');
    expect(warn.title).toBe('Soft budget limit passed (95%): still routing');
    expect(warn.body).toMatch(
      /requests are still routed while their worst-case cost fits under the hard limit \(100%\)/,
    );
    expect(warn.body).toMatch(/429 budget_exceeded \(hard\)/);
    expect(warn.body).not.toMatch(/\(soft\)/);
  });

  it('budget: already past a limit at start is reported at once', () => {
    const d = new AlertDetector();
    expect(d.observe(budget('HARD_LIMIT_EXCEEDED', 10), []).map((a) => a.title)).toEqual([
      'Hard budget limit reached',
    ]);
  });

  it('breakers: opening, a failed trial and closing each raise one alert; half-open raises none', () => {
    const d = new AlertDetector();
    const h: BreakerTransition[] = [];
    expect(d.observe(budget('OK', 0), [withHistory('openai', h)])).toEqual([]);
    h.push(t(1, 'closed', 'open', '5 consecutive failures: HTTP 503'));
    const [opened] = d.observe(budget('OK', 0), [withHistory('openai', [...h], { retryAfterMs: 59_500 })]);
    expect(opened).toMatchObject({
      tone: 'bad',
      topic: 'breaker:openai',
      screen: 'breakers',
      title: 'Breaker openai opened',
      body: '5 consecutive failures: HTTP 503. Requests skip openai; a trial call in 60 s.',
    });
    h.push(t(2, 'open', 'half_open', 'timeout elapsed'));
    expect(d.observe(budget('OK', 0), [withHistory('openai', [...h])])).toEqual([]);
    h.push(t(3, 'half_open', 'open', 'trial failed: timeout'));
    expect(d.observe(budget('OK', 0), [withHistory('openai', [...h])]).map((a) => a.title)).toEqual([
      'Breaker openai opened again',
    ]);
    // Two transitions between two looks: both are told, in order.
    h.push(
      t(4, 'open', 'half_open', 'timeout elapsed'),
      t(5, 'half_open', 'closed', '2 successes in half-open'),
    );
    const closed = d.observe(budget('OK', 0), [withHistory('openai', [...h])]);
    expect(closed.map((a) => [a.tone, a.title, a.body])).toEqual([
      ['ok', 'Breaker openai closed', '2 successes in half-open; requests go to openai again.'],
    ]);
  });

  it('breakers: history before the first look is not news, an open breaker at start is', () => {
    const d = new AlertDetector();
    const old = [
      t(1, 'closed', 'open', 'x'),
      t(2, 'open', 'half_open', 'y'),
      t(3, 'half_open', 'closed', 'z'),
    ];
    const forced = withHistory(
      'anthropic',
      [t(4, 'closed', 'open', 'operator force-open: alice: maintenance')],
      {
        forcedOpen: true,
      },
    );
    const alerts = d.observe(budget('OK', 0), [withHistory('openai', old), forced]);
    expect(alerts.map((a) => [a.title, a.body])).toEqual([
      [
        'Breaker anthropic opened',
        'operator force-open: alice: maintenance. Requests skip anthropic; held open until an operator resets it.',
      ],
    ]);
  });

  it('breakers: a flapping breaker whose seen transition was dropped raises at most 4 alerts per look', () => {
    const d = new AlertDetector();
    d.observe(budget('OK', 0), [withHistory('openai', [t(0, 'closed', 'open', 'first')])]);
    const flaps: BreakerTransition[] = [];
    for (let i = 1; i <= 50; i++)
      flaps.push(t(i, i % 2 ? 'open' : 'closed', i % 2 ? 'closed' : 'open', `flap ${i}`));
    const alerts = d.observe(budget('OK', 0), [withHistory('openai', flaps)]);
    expect(alerts).toHaveLength(4);
    expect(alerts[alerts.length - 1].body).toMatch(/^flap 50/);
    expect(new Set(alerts.map((a) => a.alertId)).size).toBe(4);
  });
});
