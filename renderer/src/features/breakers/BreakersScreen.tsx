// Breakers: each provider's circuit breaker, its state timeline, and reset / force-open actions
// that ask for a reason first.
import { useState } from 'react';
import { BreakerCard, type BreakerAction } from './BreakerCard';
import { BreakerTimeline } from './BreakerTimeline';
import { Panel } from '../../ui/Panel';
import { ReasonDialog } from '../../ui/ReasonDialog';
import { QueryState } from '../../ui/QueryState';
import { EmptyState } from '../../ui/States';
import { useForceOpenBreaker, useResetBreaker } from './useBreakerActions';
import { useBreakers } from './useBreakers';
import { useNow } from './useNow';
import './breakers.css';

const WINDOWS = [
  { label: '15 min', ms: 15 * 60_000 },
  { label: '1 hour', ms: 60 * 60_000 },
  { label: '6 hours', ms: 6 * 60 * 60_000 },
  { label: '24 hours', ms: 24 * 60 * 60_000 },
];

export function BreakersScreen() {
  const breakers = useBreakers();
  const reset = useResetBreaker();
  const forceOpen = useForceOpenBreaker();
  const now = useNow(1000);
  const [windowMs, setWindowMs] = useState(WINDOWS[1].ms);
  const [pendingAction, setPendingAction] = useState<{ provider: string; action: BreakerAction } | null>(
    null,
  );

  const mutation = pendingAction?.action === 'forceOpen' ? forceOpen : reset;

  const openDialog = (provider: string, action: BreakerAction) => {
    reset.reset();
    forceOpen.reset();
    setPendingAction({ provider, action });
  };

  return (
    <QueryState query={breakers} what="circuit breakers">
      {(list) => (
        <div className="screen">
          <Panel
            title="Circuit breakers"
            subtitle={`${list.length} providers · ${list.filter((b) => b.state !== 'closed').length} not closed`}
          >
            {list.length === 0 ? (
              <EmptyState title="No providers configured.">
                Add providers to the PENIN config; each gets a breaker.
              </EmptyState>
            ) : (
              <div className="breaker-grid">
                {list.map((b) => (
                  <BreakerCard
                    key={b.provider}
                    breaker={b}
                    retryAfterMs={
                      b.retryAfterMs === null
                        ? null
                        : Math.max(0, b.retryAfterMs - (now - breakers.dataUpdatedAt))
                    }
                    onAction={(action) => openDialog(b.provider, action)}
                  />
                ))}
              </div>
            )}
          </Panel>
          {list.length > 0 ? (
            <Panel
              title="State timeline"
              actions={
                <label className="inline-field">
                  <span className="muted small">Window</span>
                  <select value={windowMs} onChange={(e) => setWindowMs(Number(e.target.value))}>
                    {WINDOWS.map((w) => (
                      <option key={w.ms} value={w.ms}>
                        {w.label}
                      </option>
                    ))}
                  </select>
                </label>
              }
            >
              <BreakerTimeline breakers={list} now={now} windowMs={windowMs} />
            </Panel>
          ) : null}
          {pendingAction ? (
            <ReasonDialog
              title={
                pendingAction.action === 'reset'
                  ? `Reset ${pendingAction.provider}?`
                  : `Force ${pendingAction.provider} open?`
              }
              description={
                pendingAction.action === 'reset'
                  ? 'The breaker closes and its failure count is cleared; traffic flows to this provider again.'
                  : 'No requests are routed to this provider until someone resets its breaker.'
              }
              confirmLabel={pendingAction.action === 'reset' ? 'Reset breaker' : 'Force open'}
              danger={pendingAction.action === 'forceOpen'}
              pending={mutation.isPending}
              error={mutation.error}
              onCancel={() => setPendingAction(null)}
              onConfirm={(reason) =>
                mutation.mutate(
                  { provider: pendingAction.provider, reason },
                  { onSuccess: () => setPendingAction(null) },
                )
              }
            />
          ) : null}
        </div>
      )}
    </QueryState>
  );
}
