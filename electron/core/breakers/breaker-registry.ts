// One circuit breaker per provider, created on first use with shared options.
import type { BreakerSnapshot, BreakerTransition } from '../../../shared/domain';
import { CircuitBreaker, type BreakerOptions } from './breaker';

type TransitionListener = (t: BreakerTransition, provider: string) => void;

export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly listeners = new Set<TransitionListener>();

  constructor(private readonly opts: BreakerOptions = {}) {
    // Fail on bad options now, not at the first provider's first call.
    new CircuitBreaker('options-check', opts);
  }

  /** The breaker for `provider`, created closed on first use. */
  get(provider: string): CircuitBreaker {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker(provider, this.opts);
      breaker.onTransition((t, p) => {
        for (const listener of [...this.listeners]) {
          try {
            listener(t, p);
          } catch {
            // A faulty listener must not starve the other listeners.
          }
        }
      });
      this.breakers.set(provider, breaker);
    }
    return breaker;
  }

  /** Snapshots of every breaker, ordered by provider name. */
  list(): BreakerSnapshot[] {
    return [...this.breakers]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, breaker]) => breaker.snapshot());
  }

  /** Calls `listener` after any breaker's transition; returns an unsubscribe function. */
  onTransition(listener: TransitionListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
