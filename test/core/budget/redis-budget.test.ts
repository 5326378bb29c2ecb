// The fleet budget against a real redis-server: atomic reservations from several instances near
// the limit, the in-memory tracker's rules (a cost above its hold counts in full), idempotent
// settlement, holds of a dead instance expiring, and Redis going away and coming back.
import { describe, expect, it } from 'vitest';
import { BudgetTracker } from '../../../electron/core/budget/budget';
import { BudgetUnavailableError, type BudgetHold } from '../../../electron/core/budget/budget-port';
import { RedisBudget, type RedisBudgetOptions } from '../../../electron/core/budget/redis-budget';
import type { BudgetRefusal } from '../../../electron/core/budget/budget-types';
import { ManualClock } from '../../../electron/core/model/clock';
import { sleep, until, useFleet } from '../../helpers/redis-fleet';

const fleet = useFleet();

async function budgets(
  n: number,
  opts: Omit<RedisBudgetOptions, 'redis'>,
  namespace = fleet.namespace(),
): Promise<RedisBudget[]> {
  const out: RedisBudget[] = [];
  for (let i = 0; i < n; i++) {
    const b = new RedisBudget({
      refreshIntervalMs: 0,
      ...opts,
      redis: await fleet.connect(namespace, `gw-${i}`),
    });
    fleet.cleanup(() => b.close());
    out.push(b);
  }
  return out;
}

function isHold<H extends BudgetHold>(r: H | BudgetRefusal): r is H {
  return !('refused' in r);
}

/** A deterministic generator for the randomized tests (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('RedisBudget: reservations', () => {
  it('300 concurrent reservations from 3 instances near the limit hold at most the hard limit', async () => {
    // `warn`: past the soft limit (95 %) only the hard limit refuses, the bound under test here.
    const [a, b, c] = await budgets(3, { dailyLimitUsd: 1, softLimitMode: 'warn' });
    await a.recordUsage(0.5, 10, 'p', 'm'); // start near the limit: $0.50 of $1 left
    const all = await Promise.all(
      Array.from({ length: 300 }, (_, i) => [a, b, c][i % 3].reserve(0.013, `req-${i}`)),
    );
    const holds = all.filter(isHold);
    // floor(0.5 / 0.013) = 38 fit; every other one is refused, whichever instance asked.
    expect(holds).toHaveLength(38);
    for (const r of all.filter((x): x is BudgetRefusal => !isHold(x)))
      expect(r.reason).toBe('HARD_LIMIT_EXCEEDED');
    const s = await b.snapshot();
    expect(s.reservedUsd).toBeCloseTo(38 * 0.013, 9);
    expect(s.spendUsd + s.reservedUsd).toBeLessThanOrEqual(1);
    await Promise.all(holds.map((h, i) => h.settle(i % 2 ? 0.013 : 0.001, 5, 'p', 'm')));
    const after = await c.snapshot();
    expect(after.reservedUsd).toBe(0);
    expect(after.spendUsd).toBeCloseTo(0.5 + 19 * 0.013 + 19 * 0.001, 9);
    expect(after.spendUsd).toBeLessThanOrEqual(1);
    expect(after.requests).toBe(39);
    const perInstance = Object.values(after.byInstance).reduce((n, x) => n + x.requests, 0);
    expect(perInstance, JSON.stringify(after.byInstance)).toBe(39);
  });

  it('instances reserving and settling concurrently (honest costs) never pass the hard limit', async () => {
    const fleetBudgets = await budgets(3, { dailyLimitUsd: 2, softLimitMode: 'warn' });
    const rand = seeded(7);
    let served = 0;
    const worker = async (b: RedisBudget, w: number): Promise<void> => {
      for (let i = 0; i < 60; i++) {
        const worst = 0.01 + rand() * 0.05;
        const r = await b.reserve(worst, `w${w}-${i}`);
        if (!isHold(r)) continue;
        served += 1;
        await sleep(rand() * 3);
        if (rand() < 0.2) await r.release();
        else await r.settle(worst * rand(), 10, `p${w % 2}`, 'm');
      }
    };
    await Promise.all(Array.from({ length: 12 }, (_, w) => worker(fleetBudgets[w % 3], w)));
    const s = await fleetBudgets[0].snapshot();
    expect(served).toBeGreaterThan(0);
    expect(s.reservedUsd).toBe(0);
    expect(s.spendUsd).toBeLessThanOrEqual(2);
    expect(s.byProvider.p0.spendUsd + s.byProvider.p1.spendUsd).toBeCloseTo(s.spendUsd, 9);
  });

  it('concurrent costs above their holds: spend passes the limit only by those excesses, then all is refused', async () => {
    const fleetBudgets = await budgets(3, { dailyLimitUsd: 1, softLimitMode: 'warn' });
    const rand = seeded(99);
    let excessMicro = 0;
    const worker = async (b: RedisBudget, w: number): Promise<void> => {
      for (let i = 0; i < 40; i++) {
        const worst = Math.round((0.01 + rand() * 0.04) * 1e6) / 1e6;
        const r = await b.reserve(worst, `o${w}-${i}`);
        if (!isHold(r)) continue;
        // Half the answers cost up to twice their hold (a provider reporting more than bounded).
        const actual = Math.round(worst * (rand() < 0.5 ? 1 + rand() : rand()) * 1e6) / 1e6;
        excessMicro += Math.max(0, Math.round(actual * 1e6) - Math.round(worst * 1e6));
        await r.settle(actual, 10, 'p', 'm');
      }
    };
    await Promise.all(Array.from({ length: 9 }, (_, w) => worker(fleetBudgets[w % 3], w)));
    const s = await fleetBudgets[1].snapshot();
    expect(s.reservedUsd).toBe(0);
    expect(Math.round(s.spendUsd * 1e6)).toBeLessThanOrEqual(1_000_000 + excessMicro);
    if (s.percentUsed >= 100) {
      const late = await fleetBudgets[2].reserve(0.000001, 'after-overrun');
      expect(late).toMatchObject({ refused: true, reason: 'HARD_LIMIT_EXCEEDED' });
    }
  });

  it('follows the in-memory tracker step for step, overruns included (a cost above its hold counts in full)', async () => {
    const clock = new ManualClock('2026-06-01T12:00:00Z');
    const opts = { dailyLimitUsd: 1, softLimitPct: 80, clock };
    const local = new BudgetTracker(opts);
    const [shared] = await budgets(1, opts);
    const rand = seeded(42);
    const localHolds: { settle: BudgetHold['settle']; release: BudgetHold['release'] }[] = [];
    const sharedHolds: BudgetHold[] = [];
    let overruns = 0;
    for (let step = 0; step < 400; step++) {
      const x = rand();
      if (x < 0.5 || localHolds.length === 0) {
        const worst = Math.round(rand() * 200_000) / 1e6; // up to $0.20, whole micro-dollars
        const l = local.reserve(worst);
        const s = await shared.reserve(worst, `d-${step}`);
        expect('refused' in s, `step ${step}: reserve ${worst}`).toBe('refused' in l);
        if ('refused' in l && 'refused' in s) expect(s.reason).toBe(l.reason);
        if (!('refused' in l) && isHold(s)) {
          localHolds.push(l);
          sharedHolds.push(s);
        }
      } else {
        const i = Math.floor(rand() * localHolds.length);
        const [l] = localHolds.splice(i, 1);
        const [s] = sharedHolds.splice(i, 1);
        if (rand() < 0.2) {
          l.release();
          await s.release();
        } else {
          // A third of the settlements cost more than was held (up to 3x): the adversarial case.
          const over = rand() < 0.33;
          const actual = Math.round(s.amountUsd * (over ? 1 + rand() * 2 : rand()) * 1e6) / 1e6;
          if (actual > s.amountUsd) overruns += 1;
          l.settle(actual, 7, 'p', 'm');
          await s.settle(actual, 7, 'p', 'm');
        }
      }
      const ls = local.snapshot();
      const ss = await shared.snapshot();
      expect(ss.spendUsd, `step ${step}`).toBeCloseTo(ls.spendUsd, 9);
      expect(ss.reservedUsd, `step ${step}`).toBeCloseTo(ls.reservedUsd, 9);
      expect(ss.status).toBe(ls.status);
      expect(ss.requests).toBe(ls.requests);
    }
    expect(overruns).toBeGreaterThan(0);
    // With overruns the spend may pass the limit (real money was spent), but only by what costs
    // exceeded their holds; once it is at the limit every new reservation is refused.
    const s = await shared.snapshot();
    if (s.percentUsed >= 100) expect('refused' in (await shared.reserve(0.000001, 'late'))).toBe(true);
  });

  it('in refuse mode the soft limit stops them first, as in the in-memory tracker', async () => {
    const [a, b] = await budgets(2, { dailyLimitUsd: 1 });
    await a.recordUsage(0.5, 10, 'p', 'm');
    const all = await Promise.all(
      Array.from({ length: 100 }, (_, i) => [a, b][i % 2].reserve(0.013, `r-${i}`)),
    );
    // The 35th hold brings the committed sum to $0.955, at the 95 % soft limit: the rest are refused.
    expect(all.filter(isHold)).toHaveLength(35);
    const refusals = all.filter((x): x is BudgetRefusal => !isHold(x));
    expect(new Set(refusals.map((r) => r.reason))).toEqual(new Set(['SOFT_LIMIT_EXCEEDED']));
  });

  it('a retried reserve with the same decision id holds once', async () => {
    const [a, b] = await budgets(2, { dailyLimitUsd: 1 });
    const h1 = await a.reserve(0.3, 'same-id');
    const h2 = await a.reserve(0.3, 'same-id');
    expect(h2).toBe(h1);
    const h3 = await b.reserve(0.3, 'same-id'); // another connection retrying it
    expect(isHold(h3)).toBe(true);
    expect((await a.snapshot()).reservedUsd).toBeCloseTo(0.3, 9);
  });

  it('the day follows the configured time zone; holds outlive the day as in the in-memory tracker', async () => {
    // 02:30 UTC on 10 March is still 9 March in São Paulo (UTC-3).
    const clock = new ManualClock('2026-03-10T02:30:00Z');
    const [b] = await budgets(1, { dailyLimitUsd: 1, timeZone: 'America/Sao_Paulo', clock });
    await b.recordUsage(0.4, 1, 'p', 'm');
    const hold = await b.reserve(0.1, 'across-midnight');
    expect((await b.snapshot()).day).toBe('2026-03-09');
    clock.advance(60 * 60_000); // 03:30 UTC = 00:30 local: a new day
    const s = await b.snapshot();
    expect(s.day).toBe('2026-03-10');
    expect(s.spendUsd).toBe(0);
    expect(s.reservedUsd).toBeCloseTo(0.1, 9);
    if (!isHold(hold)) throw new Error('expected a hold');
    await hold.settle(0.05, 1, 'p', 'm'); // counted on the day it was settled
    expect((await b.snapshot()).spendUsd).toBeCloseTo(0.05, 9);
  });
});

describe('RedisBudget: settlement is idempotent by decision id', () => {
  it('a second settle of the same id changes nothing, from this instance or another', async () => {
    const [a, b] = await budgets(2, { dailyLimitUsd: 1 });
    const h = await a.reserve(0.2, 'dec-1');
    if (!isHold(h)) throw new Error('expected a hold');
    expect(await h.settle(0.15, 10, 'p', 'm')).toBe('settled');
    expect(await h.settle(0.15, 10, 'p', 'm')).toBe('settled'); // the same hold: the first ending
    const charge = { micro: 150_000, tokens: 10, provider: 'p', model: 'm' };
    expect(await a.endHold('dec-1', charge)).toBe('duplicate'); // a retry that reaches Redis again
    expect(await b.endHold('dec-1', charge)).toBe('duplicate'); // from another instance
    const s = await b.snapshot();
    expect(s.spendUsd).toBeCloseTo(0.15, 9);
    expect(s.requests).toBe(1);
    expect(s.reservedUsd).toBe(0);
  });
});

describe('RedisBudget: reservations expire', () => {
  it("a dead instance's hold stops counting after its TTL; a live one's is renewed", async () => {
    const ns = fleet.namespace();
    // The live one renews every 100 ms a hold that lasts 800: slack for a loaded machine's timers.
    const [dead] = await budgets(1, { dailyLimitUsd: 1, reservationTtlMs: 800, refreshIntervalMs: 0 }, ns);
    const [alive] = await budgets(1, { dailyLimitUsd: 1, reservationTtlMs: 800, refreshIntervalMs: 100 }, ns);
    const [other] = await budgets(1, { dailyLimitUsd: 1 }, ns);
    expect(isHold(await dead.reserve(0.5, 'dead-hold'))).toBe(true);
    expect(isHold(await alive.reserve(0.3, 'live-hold'))).toBe(true);
    expect(isHold(await other.reserve(0.3, 'too-much'))).toBe(false);
    await sleep(1300);
    const s = await other.snapshot();
    expect(s.reservedUsd).toBeCloseTo(0.3, 9); // the dead instance's $0.50 expired, the live $0.30 did not
    expect(s.liveHolds).toBe(1);
    expect(isHold(await other.reserve(0.3, 'fits-now'))).toBe(true);
  });

  it('settling a hold that already expired still counts its real cost', async () => {
    const [b] = await budgets(1, { dailyLimitUsd: 1, reservationTtlMs: 100 });
    const h = await b.reserve(0.2, 'slow');
    if (!isHold(h)) throw new Error('expected a hold');
    await sleep(250);
    expect((await b.snapshot()).reservedUsd).toBe(0);
    expect(await h.settle(0.1, 1, 'p', 'm')).toBe('settled');
    expect((await b.snapshot()).spendUsd).toBeCloseTo(0.1, 9);
  });
});

describe('RedisBudget: Redis unavailable', () => {
  it('stopped: reserve rejects with budget_unavailable, endings are kept; restarted: they are sent once and reservations resume', async () => {
    const [a, b] = await budgets(2, { dailyLimitUsd: 1 });
    const h1 = await a.reserve(0.2, 'before-1');
    const h2 = await a.reserve(0.2, 'before-2');
    if (!isHold(h1) || !isHold(h2)) throw new Error('expected holds');
    await fleet.server().stop();
    const err = await a.reserve(0.1, 'during').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BudgetUnavailableError);
    expect((err as BudgetUnavailableError).code).toBe('budget_unavailable');
    expect((err as BudgetUnavailableError).status).toBe(503);
    await expect(b.snapshot()).rejects.toBeInstanceOf(BudgetUnavailableError);
    expect(await h1.settle(0.12, 3, 'p', 'm')).toBe('queued');
    expect(await h2.release()).toBe('queued');
    expect(a.pendingSettlements).toBe(2);

    await fleet.server().start(); // empty: this server keeps nothing on disk
    await until(() => a.pendingSettlements === 0, 5000, 'the owed endings to be sent');
    await a.flush();
    const s = await b.snapshot();
    expect(s.spendUsd).toBeCloseTo(0.12, 9);
    expect(s.requests).toBe(1);
    expect(s.reservedUsd).toBe(0);
    expect(isHold(await b.reserve(0.5, 'after'))).toBe(true);
  });

  it('frozen mid-settle: the settle times out and is kept, Redis runs it late, the resend counts nothing twice', async () => {
    const [a] = await budgets(1, { dailyLimitUsd: 1 });
    const h = await a.reserve(0.2, 'frozen');
    if (!isHold(h)) throw new Error('expected a hold');
    fleet.server().pause();
    try {
      expect(await h.settle(0.18, 4, 'p', 'm')).toBe('queued'); // no answer within the command timeout
      await expect(a.reserve(0.1, 'while-frozen')).rejects.toBeInstanceOf(BudgetUnavailableError);
    } finally {
      fleet.server().resume(); // Redis now runs the settle it had received
    }
    await until(() => a.pendingSettlements === 0, 5000, 'the owed settle to be resent');
    const s = await a.snapshot();
    expect(s.spendUsd).toBeCloseTo(0.18, 9);
    expect(s.requests).toBe(1);
    expect(s.reservedUsd).toBe(0);
  });
});
