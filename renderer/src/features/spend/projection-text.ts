// The end-of-day projection in words: when each limit falls at the recent rate, as a time of day in
// the budget day's time zone, and (for a tooltip) what the rate was measured over.
import type { BudgetSnapshot, LimitEta } from '../../../../shared/domain';
import { formatSpend } from '../../lib/format';

const MINUTE_MS = 60_000;
const clocks = new Map<string, Intl.DateTimeFormat>();

/** "19:30 UTC", "01:05 Asia/Kolkata": the time of day at `ms` in `timeZone`, to the nearest minute. */
export function formatClockIn(ms: number, timeZone: string): string {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clocks.set(timeZone, f);
  }
  return `${f.format(Math.round(ms / MINUTE_MS) * MINUTE_MS)} ${timeZone}`;
}

function etaText(eta: LimitEta, timeZone: string): string {
  if (eta.kind === 'reached') return 'reached';
  if (eta.kind === 'not_today') return 'not today';
  return `~${formatClockIn(eta.at, timeZone)}`;
}

/** "at this rate: soft limit ~19:30 UTC · hard limit not today" */
export function limitEtaText(b: BudgetSnapshot): string {
  if (b.projection.basis === 'no_data') return 'no spend yet today';
  const { softLimit, hardLimit } = b.projection;
  return `at this rate: soft limit ${etaText(softLimit, b.timeZone)} · hard limit ${etaText(hardLimit, b.timeZone)}`;
}

function minutes(ms: number): string {
  const m = Math.max(0, Math.round(ms / MINUTE_MS));
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** What the projection is based on: the rate, and the window it was measured over. */
export function projectionBasisText(b: BudgetSnapshot): string {
  const p = b.projection;
  const until = `until the day ends at ${formatClockIn(p.dayEndMs, b.timeZone)}`;
  const rate = `${formatSpend(p.usdPerHour)}/h`;
  if (p.basis === 'no_data') return 'No request yet today: the projection is what is spent so far.';
  if (p.basis === 'last_hour')
    return `Today's spend plus ${rate}, the rate over the last hour (since ${formatClockIn(p.windowStartMs, b.timeZone)}), ${until}.`;
  return `Today's spend plus ${rate}, the rate since the first request today (${formatClockIn(p.windowStartMs, b.timeZone)}, ${minutes(b.at - p.windowStartMs)} ago; less than an hour), ${until}.`;
}
