// Turns a breaker's transitions into contiguous state bands over a time window, for the timeline.
// Time before the breaker was first observed (the process started, or older history was dropped)
// is a "no data" band: its state is not known, and drawing "Closed" there would be an invention.
import type { BreakerSnapshot, BreakerState } from '../../../../shared/domain';
import { formatClockSeconds } from '../../lib/format';

export type BandState = BreakerState | 'no_data';

export interface StateBand {
  from: number;
  to: number;
  state: BandState;
  /** Why the breaker entered this state; null when it was already in it before the window. */
  cause: string | null;
}

export function breakerBands(
  breaker: Pick<BreakerSnapshot, 'transitions' | 'state' | 'observedSince'>,
  windowStart: number,
  clockNow: number,
): StateBand[] {
  const sorted = [...breaker.transitions].sort((a, b) => a.at - b.at);
  // The UI clock ticks coarsely: a transition newer than it still happened, so extend to it.
  const now = Math.max(clockNow, sorted.length ? sorted[sorted.length - 1].at : clockNow);
  if (now <= windowStart) return [];
  const bands: StateBand[] = [];
  // Known from the first observation, or from the window's start when that is later.
  const known = Math.max(windowStart, Math.min(breaker.observedSince, now));
  if (known > windowStart) bands.push({ from: windowStart, to: known, state: 'no_data', cause: null });
  if (known >= now && bands.length > 0) return bands;

  const before = sorted.filter((t) => t.at <= known);
  const inside = sorted.filter((t) => t.at > known && t.at <= now);
  let state: BreakerState;
  let cause: string | null = null;
  if (before.length > 0) {
    const last = before[before.length - 1];
    state = last.to;
    cause = last.cause;
  } else if (inside.length > 0) {
    state = inside[0].from;
  } else {
    state = breaker.state;
  }

  let start = known;
  for (const t of inside) {
    if (t.at > start) bands.push({ from: start, to: t.at, state, cause });
    start = t.at;
    state = t.to;
    cause = t.cause;
  }
  bands.push({ from: start, to: now, state, cause });
  return mergeAdjacent(bands);
}

function mergeAdjacent(bands: StateBand[]): StateBand[] {
  const out: StateBand[] = [];
  for (const b of bands) {
    const prev = out[out.length - 1];
    if (prev && prev.state === b.state && prev.to === b.from) prev.to = b.to;
    else out.push({ ...b });
  }
  return out;
}

const STATE_WORD: Record<BreakerState | 'no_data', string> = {
  closed: 'closed',
  open: 'open',
  half_open: 'half-open',
  no_data: 'no data',
};

/** The timeline in words, for a screen reader (like the other charts' in ui/charts/chart-summary.ts). */
export function breakerTimelineSummary(
  rows: readonly { provider: string; bands: readonly StateBand[] }[],
): string {
  if (rows.length === 0) return 'No breakers.';
  return `${rows
    .map(({ provider, bands }) => {
      const known = bands.filter((b) => b.state !== 'no_data');
      const now = known[known.length - 1];
      if (!now) return `${provider}: no data`;
      const gap =
        bands[0]?.state === 'no_data' ? `no data before ${formatClockSeconds(bands[0].to)}, then ` : '';
      const when = known.length > 1 ? ` since ${formatClockSeconds(now.from)}` : gap ? '' : ' throughout';
      const changes = known.length - 1;
      const counted = changes > 0 ? ` (${changes} change${changes === 1 ? '' : 's'} in view)` : '';
      return `${provider}: ${gap}${STATE_WORD[now.state]}${when}${counted}`;
    })
    .join('; ')}.`;
}
