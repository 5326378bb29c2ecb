// Turns a breaker's transitions into contiguous state bands over a time window, for the timeline.
import type { BreakerState, BreakerTransition } from '../../../shared/domain';

export interface StateBand {
  from: number;
  to: number;
  state: BreakerState;
  /** Why the breaker entered this state; null when it was already in it before the window. */
  cause: string | null;
}

export function breakerBands(
  transitions: readonly BreakerTransition[],
  current: BreakerState,
  windowStart: number,
  clockNow: number,
): StateBand[] {
  const sorted = [...transitions].sort((a, b) => a.at - b.at);
  // The UI clock ticks coarsely: a transition newer than it still happened, so extend to it.
  const now = Math.max(clockNow, sorted.length ? sorted[sorted.length - 1].at : clockNow);
  if (now <= windowStart) return [];
  const before = sorted.filter((t) => t.at <= windowStart);
  const inside = sorted.filter((t) => t.at > windowStart && t.at <= now);
  let state: BreakerState;
  let cause: string | null = null;
  if (before.length > 0) {
    const last = before[before.length - 1];
    state = last.to;
    cause = last.cause;
  } else if (inside.length > 0) {
    state = inside[0].from;
  } else {
    state = current;
  }

  const bands: StateBand[] = [];
  let start = windowStart;
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
