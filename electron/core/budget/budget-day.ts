// Calendar-day math in an IANA time zone, using only Intl.DateTimeFormat (no tz database of our own).
// A budget day runs from the first instant whose local date is D to the first instant whose local
// date is after D: usually 24 h, 23 h or 25 h across a DST change, and it need not start at 00:00
// local time (e.g. São Paulo in 2018 skipped from 00:00 straight to 01:00).
import { dateFormatter } from '../config/time-zone';

/** One local calendar day as a half-open interval of epoch ms: [startMs, endMs). */
export interface DayBounds {
  /** YYYY-MM-DD in the time zone. */
  day: string;
  startMs: number;
  endMs: number;
}

const HOUR_MS = 3_600_000;
/** Far enough to reach past any real day length (the longest are 25 h) from any instant inside it. */
const SEARCH_SPAN_MS = 50 * HOUR_MS;

function assertInstant(epochMs: number): void {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a valid instant: ${epochMs}`);
}

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dayKey(epochMs: number, timeZone: string): string {
  assertInstant(epochMs);
  let year = '';
  let month = '';
  let day = '';
  for (const p of dateFormatter(timeZone).formatToParts(epochMs)) {
    if (p.type === 'year') year = p.value;
    else if (p.type === 'month') month = p.value;
    else if (p.type === 'day') day = p.value;
  }
  return `${year.padStart(4, '0')}-${month}-${day}`;
}

/**
 * Smallest instant in (lo, hi] for which `reached` holds, assuming it holds at `hi` and that it is
 * monotone (false ... false true ... true) over the interval. Millisecond precision.
 */
function firstInstant(lo: number, hi: number, reached: (t: number) => boolean): number {
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The local calendar day containing `epochMs`, with its exact start and end instants. */
export function dayBounds(epochMs: number, timeZone: string): DayBounds {
  const day = dayKey(epochMs, timeZone);
  // YYYY-MM-DD strings compare like the dates they name (years 1..9999, all a budget will see).
  const startMs = firstInstant(epochMs - SEARCH_SPAN_MS, epochMs, (t) => dayKey(t, timeZone) >= day);
  const endMs = firstInstant(epochMs, epochMs + SEARCH_SPAN_MS, (t) => dayKey(t, timeZone) > day);
  return { day, startMs, endMs };
}
