// Number, time and hash formatting for the screens. Everything displayed goes through here.

const usdFormats = new Map<number, Intl.NumberFormat>();
function usdWith(decimals: number): Intl.NumberFormat {
  let f = usdFormats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    usdFormats.set(decimals, f);
  }
  return f;
}
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Beyond this many decimals an amount is shown as "<$0.000000000001" rather than as zero. */
const MAX_DECIMALS = 12;
/** Significant digits a non-zero amount smaller than its usual precision keeps. */
const SIGNIFICANT = 2;

/**
 * Decimals to show `value` with: `min`, or more when the amount is below what `min` decimals can
 * show, so that it keeps two significant digits ($0.000012, never "$0.0000" for a paid request).
 */
export function moneyDecimals(value: number, min: number): number {
  const a = Math.abs(value);
  if (a === 0 || a >= 10 ** -min) return min;
  return Math.max(min, Math.ceil(-Math.log10(a)) + SIGNIFICANT - 1);
}

/** `value` in dollars with `decimals` decimals (zero is "$0.00" whatever the decimals). */
export function formatUsdFixed(value: number, decimals: number): string {
  if (value === 0) return usdWith(2).format(0);
  if (decimals > MAX_DECIMALS)
    return `${value < 0 ? '-' : ''}<${usdWith(MAX_DECIMALS).format(10 ** -MAX_DECIMALS)}`;
  return usdWith(decimals).format(value);
}

function money(value: number | null | undefined, min: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return formatUsdFixed(value, moneyDecimals(value, min));
}

/** Dollars and cents, for budgets and totals; an amount under a cent keeps two significant
 * digits ($0.0042, $0.000012), so that money spent or reserved never reads "$0.00". */
export function formatUsd(value: number | null | undefined): string {
  return money(value, 2);
}

/** Money spent so far: as formatUsd. */
export function formatSpend(value: number | null | undefined): string {
  return money(value, 2);
}

/** The cost of one request: four decimals below a dollar (LLM calls are cheap), more for a
 * cheaper one ($0.000012); cents from a dollar up; zero is "$0.00". */
export function formatCost(value: number | null | undefined): string {
  if (value !== null && value !== undefined && Math.abs(value) >= 1) return money(value, 2);
  return money(value, 4);
}

/** A configured price: as written, at least cents ($0.15, $0.075, $2.50, $0.0001). */
export function formatPrice(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = String(Number(Math.abs(value).toPrecision(10)));
  const dot = text.indexOf('.');
  const written = dot < 0 ? 0 : /e-(\d+)$/.test(text) ? MAX_DECIMALS : text.length - dot - 1;
  return formatUsdFixed(value, Math.min(MAX_DECIMALS, Math.max(2, written)));
}

export function formatInt(value: number): string {
  return int.format(value);
}

/** A percentage given in percent units (95 → "95.0%"). */
export function formatPct(value: number, digits = 1): string {
  return Number.isFinite(value) ? `${value.toFixed(digits)}%` : '—';
}

/** A ratio in 0..1 as a percentage (0.873 → "87.3%"). */
export function formatRatio(value: number, digits = 1): string {
  return formatPct(value * 100, digits);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${UNITS[u]}`;
}

/** A request's latency: "0.4 ms" (a cache hit, a refusal), "42 ms", "1.50 s". */
export function formatLatency(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** "1m 05s", "2h 03m", "850 ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  return `${h}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Clock time for chart axes: "14:05". */
export function formatClock(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Clock time with seconds: "14:05:09". */
export function formatClockSeconds(at: number): string {
  const d = new Date(at);
  return `${formatClock(at)}:${String(d.getSeconds()).padStart(2, '0')}`;
}

/**
 * A ledger ISO timestamp shown compactly, as stored (no zone shift): "2025-11-25 07:14:03". The
 * seed writes UTC with no zone suffix, and the ledger table's column says UTC; a timestamp that
 * names another offset keeps it ("2025-11-25 09:14:03 +02:00").
 */
export function formatLedgerTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) return iso;
  const zone = m[3];
  const utc = zone === undefined || zone === 'Z' || /^[+-]00:?00$/.test(zone);
  return utc ? `${m[1]} ${m[2]}` : `${m[1]} ${m[2]} ${zone}`;
}

/** An epoch-ms time in UTC, as the ledger table shows times: "2026-11-25 14:05:00". */
export function formatUtcTime(at: number): string {
  return Number.isFinite(at) ? formatLedgerTime(new Date(at).toISOString()) : '—';
}

export function shortHash(hash: string | null | undefined, length = 10): string {
  if (!hash) return '—';
  return hash.length <= length ? hash : `${hash.slice(0, length)}…`;
}
