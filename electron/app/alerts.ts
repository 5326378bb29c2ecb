// What deserves an operator's attention, found by comparing successive snapshots of the core: a
// breaker that opens (or closes again), the budget passing its soft or hard limit (and back, with
// hysteresis: budget-hysteresis.ts), a new budget day, a provider that reported more usage than
// its request's reservation held. The live feed publishes each as alert:raised; the window shows it, and the desktop app also
// raises an OS notification. Plain: fed snapshots, returns alerts.
import { randomUUID } from 'node:crypto';
import type {
  Alert,
  BreakerSnapshot,
  BreakerTransition,
  BudgetSnapshot,
  BudgetStatus,
  ReservationOverruns,
} from '../../shared/domain';
import { budgetAdvice } from '../../shared/budget-rules';
import { BudgetHysteresis } from './budget-hysteresis';

const usd = (n: number): string => `$${n.toFixed(2)}`;
/** Per-request amounts are fractions of a cent: six decimals. */
const usd6 = (n: number): string => `$${n.toFixed(6)}`;
/** The most alerts one breaker raises per look (its newest transitions). */
const MAX_PER_LOOK = 4;

function sameTransition(a: BreakerTransition, b: BreakerTransition): boolean {
  return a.at === b.at && a.from === b.from && a.to === b.to && a.cause === b.cause;
}

export class AlertDetector {
  private readonly budget = new BudgetHysteresis();
  /** Reservation overruns already alerted (null: none looked at yet). */
  private overrunsSeen: number | null = null;
  /** Per provider, the newest transition already looked at (null: none yet). */
  private readonly seen = new Map<string, BreakerTransition | null>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The alerts raised since the previous call (the first call reports only what is wrong now). */
  observe(budget: BudgetSnapshot, breakers: readonly BreakerSnapshot[]): Alert[] {
    return [
      ...this.budgetAlerts(budget),
      ...this.overrunAlerts(budget.overruns),
      ...breakers.flatMap((b) => this.breakerAlerts(b)),
    ];
  }

  private alert(a: Omit<Alert, 'alertId' | 'at'>): Alert {
    // Random, not a counter: a restarted feed (or server) must not reuse a toast's id.
    return { alertId: randomUUID(), at: this.now(), ...a };
  }

  private budgetAlerts(b: BudgetSnapshot): Alert[] {
    const turn = this.budget.observe(b, this.now());
    if (turn === null) return [];
    const prev = turn.prev;
    const spent = `${usd(b.spendUsd)} of the ${usd(b.dailyLimitUsd)} daily limit spent`;
    const say: Record<BudgetStatus, { tone: Alert['tone']; title: string; body: string }> = {
      HARD_LIMIT_EXCEEDED: {
        tone: 'bad',
        title: 'Hard budget limit reached',
        body: `${spent}: paid requests are refused until the day rolls over (${b.timeZone}).`,
      },
      // Says what the gateway does in the soft-limit mode in force (shared/budget-rules.ts).
      SOFT_LIMIT_EXCEEDED: {
        tone: 'warn',
        title:
          b.softLimitMode === 'refuse'
            ? `Soft budget limit reached (${b.softLimitPct}%): new requests refused`
            : `Soft budget limit passed (${b.softLimitPct}%): still routing`,
        body: `${spent}. ${budgetAdvice('SOFT_LIMIT_EXCEEDED', b)}`,
      },
      OK: {
        tone: 'ok',
        title: prev !== null && prev.day !== b.day ? `New budget day: ${b.day}` : 'Budget back within limits',
        body: `${spent}; requests are routed normally.`,
      },
    };
    return [this.alert({ topic: 'budget', screen: 'spend', ...say[turn.status] })];
  }

  /** A provider charged more than its request's reservation held: once per new overrun. */
  private overrunAlerts(o: ReservationOverruns | undefined): Alert[] {
    const count = o?.count ?? 0;
    const seen = this.overrunsSeen ?? 0;
    this.overrunsSeen = count;
    if (o === undefined || o.last === null || count <= seen) return [];
    const l = o.last;
    const more = count - seen > 1 ? ` (${count - seen} such requests since the last look)` : '';
    return [
      this.alert({
        tone: 'bad',
        topic: 'budget:reservation',
        screen: 'spend',
        title: `Provider ${l.provider} reported usage beyond its reservation`,
        body: `${l.model}: ${l.exceeded.join('; ')}${more}. In all ${l.actualTokens} tokens (${usd6(l.actualUsd)}) against ${l.reservedTokens} tokens (${usd6(l.reservedUsd)}) held. The real cost counts against the budget; ledger decision ${l.decisionId} records it as reservation_exceeded.`,
      }),
    ];
  }

  private breakerAlerts(b: BreakerSnapshot): Alert[] {
    const last = b.transitions.length > 0 ? b.transitions[b.transitions.length - 1] : null;
    if (!this.seen.has(b.provider)) {
      // First sight: its history is not news, but a breaker that is open now is.
      this.seen.set(b.provider, last);
      return b.state === 'open' ? [this.opened(b, last?.cause ?? 'open at start')] : [];
    }
    const seen = this.seen.get(b.provider) ?? null;
    this.seen.set(b.provider, last);
    let from = 0;
    if (seen !== null) {
      const i = b.transitions.findLastIndex((t) => sameTransition(t, seen));
      // Not found: more transitions than the breaker keeps went by; all it keeps are new.
      from = i + 1;
    }
    const out: Alert[] = [];
    // A breaker flapping faster than the feed looks is one story, not dozens of alerts.
    for (const t of b.transitions.slice(from).slice(-MAX_PER_LOOK)) {
      if (t.to === 'open') out.push(this.opened(b, t.cause, t.from === 'half_open'));
      else if (t.to === 'closed')
        out.push(
          this.alert({
            tone: 'ok',
            topic: `breaker:${b.provider}`,
            screen: 'breakers',
            title: `Breaker ${b.provider} closed`,
            body: `${t.cause}; requests go to ${b.provider} again.`,
          }),
        );
    }
    return out;
  }

  private opened(b: BreakerSnapshot, cause: string, again = false): Alert {
    const retry = b.forcedOpen
      ? 'held open until an operator resets it'
      : b.retryAfterMs !== null
        ? `a trial call in ${Math.ceil(b.retryAfterMs / 1000)} s`
        : 'a trial call after its timeout';
    return this.alert({
      tone: 'bad',
      topic: `breaker:${b.provider}`,
      screen: 'breakers',
      title: `Breaker ${b.provider} opened${again ? ' again' : ''}`,
      body: `${cause}. Requests skip ${b.provider}; ${retry}.`,
    });
  }
}
