// The breakers as the router and the console need them, local or fleet-wide. The in-memory
// BreakerRegistry is adapted by LocalBreakers below (plain values, no promise); RedisBreakers
// answers a closed breaker's acquire() from its local copy too, and goes to Redis only when the
// breaker is not closed (one EVALSHA), so callers handle both with:
//
//   const p = breakers.acquire(provider);
//   const permit = p instanceof Promise ? await p : p;
import type { BreakerSnapshot, BreakerTransition } from '../../../shared/domain';
import type { Permit } from './breaker';
import type { BreakerRegistry } from './breaker-registry';
import type { MaybePromise } from '../model/maybe-promise';

export type TransitionListener = (t: BreakerTransition, provider: string) => void;

export interface BreakerPort {
  /** Ask to make one call to `provider`. A granted permit must be reported once: success() or failure(cause). */
  acquire(provider: string): MaybePromise<Permit>;
  /** Operator reset, fleet-wide for a fleet (the caller records it in its ledger first). */
  reset(provider: string, who: string, why: string): MaybePromise<BreakerSnapshot>;
  /** Operator force-open until a reset, fleet-wide for a fleet. */
  forceOpen(provider: string, who: string, why: string): MaybePromise<BreakerSnapshot>;
  /** The breaker as this instance sees it (created closed on first use). */
  snapshot(provider: string): BreakerSnapshot;
  /** Every breaker known here, ordered by provider name. */
  list(): BreakerSnapshot[];
  /** Calls `listener` after any transition (for a fleet: made by any instance); returns an unsubscribe. */
  onTransition(listener: TransitionListener): () => void;
}

/** The in-memory BreakerRegistry behind the port: every answer synchronous, as today. */
export class LocalBreakers implements BreakerPort {
  constructor(readonly registry: BreakerRegistry) {}

  acquire(provider: string): Permit {
    return this.registry.get(provider).acquire();
  }

  reset(provider: string, who: string, why: string): BreakerSnapshot {
    const b = this.registry.get(provider);
    b.reset(who, why);
    return b.snapshot();
  }

  forceOpen(provider: string, who: string, why: string): BreakerSnapshot {
    const b = this.registry.get(provider);
    b.forceOpen(who, why);
    return b.snapshot();
  }

  snapshot(provider: string): BreakerSnapshot {
    return this.registry.get(provider).snapshot();
  }

  list(): BreakerSnapshot[] {
    return this.registry.list();
  }

  onTransition(listener: TransitionListener): () => void {
    return this.registry.onTransition(listener);
  }
}
