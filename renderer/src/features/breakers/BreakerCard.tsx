// One provider's circuit breaker: state, counters, retry-after countdown, and operator actions.
import type { BreakerSnapshot } from '../../../../shared/domain';
import { formatDuration, formatInt } from '../../lib/format';
import { BreakerStatePill } from './BreakerStatePill';

export type BreakerAction = 'reset' | 'forceOpen';

export function BreakerCard({
  breaker,
  retryAfterMs,
  onAction,
}: {
  breaker: BreakerSnapshot;
  /** Time left before a trial call, counted down from when the snapshot arrived. */
  retryAfterMs: number | null;
  onAction: (action: BreakerAction) => void;
}) {
  const b = breaker;
  const c = b.config;
  return (
    <article className={`breaker breaker--${b.state}`} aria-label={`Breaker ${b.provider}`}>
      <header className="breaker__head">
        <h3 className="breaker__name">{b.provider}</h3>
        <BreakerStatePill state={b.state} forced={b.forcedOpen} />
      </header>
      <dl className="breaker__facts">
        <div>
          <dt>Consecutive failures</dt>
          <dd>
            {formatInt(b.consecutiveFailures)} <span className="muted">/ {c.failureThreshold}</span>
          </dd>
        </div>
        <div>
          <dt>Half-open successes</dt>
          <dd>
            {formatInt(b.halfOpenSuccesses)} <span className="muted">/ {c.successThreshold}</span>
          </dd>
        </div>
        <div>
          <dt>Successes</dt>
          <dd>{formatInt(b.totalSuccesses)}</dd>
        </div>
        <div>
          <dt>Failures</dt>
          <dd>{formatInt(b.totalFailures)}</dd>
        </div>
        <div>
          <dt>Rejected</dt>
          <dd>{formatInt(b.totalRejected)}</dd>
        </div>
        <div>
          <dt>Retry after</dt>
          <dd>
            {b.state !== 'open'
              ? '—'
              : b.forcedOpen
                ? 'until reset'
                : retryAfterMs === null
                  ? '—'
                  : retryAfterMs > 0
                    ? formatDuration(retryAfterMs)
                    : 'trial call due'}
          </dd>
        </div>
      </dl>
      <div className="breaker__actions">
        <button
          type="button"
          className="btn"
          onClick={() => onAction('reset')}
          disabled={b.state === 'closed' && !b.forcedOpen && b.consecutiveFailures === 0}
          title="Close the breaker and clear its failure count"
        >
          Reset
        </button>
        <button
          type="button"
          className="btn btn--danger-outline"
          onClick={() => onAction('forceOpen')}
          disabled={b.forcedOpen}
          title="Stop routing to this provider until reset"
        >
          Force open
        </button>
      </div>
    </article>
  );
}
