import type { BreakerState } from '../../../../shared/domain';

export const BREAKER_LABEL: Record<BreakerState, string> = {
  closed: 'Closed',
  open: 'Open',
  half_open: 'Half-open',
};

export function BreakerStatePill({ state, forced }: { state: BreakerState; forced?: boolean }) {
  return (
    <span className={`pill pill--breaker-${state}`}>
      {BREAKER_LABEL[state]}
      {forced ? ' (forced)' : ''}
    </span>
  );
}
