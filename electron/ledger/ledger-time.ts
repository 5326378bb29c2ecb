// A ledger entry's timestamp as a time. The seed writes `datetime.utcnow().isoformat()`: UTC with
// no zone suffix, and no fraction when it is zero ("2025-10-01T23:30:00.123456"); a `Z` or an
// offset suffix, as other writers may add, is honoured.

const LEDGER_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch ms of a ledger timestamp; null when the text is not one. */
export function ledgerTimeMs(text: string): number | null {
  const m = LEDGER_TIME.exec(text);
  if (!m) return null;
  const ms = (m[3] ?? '').padEnd(3, '0').slice(0, 3); // Date.parse takes milliseconds, not µs
  const zone = m[4] === undefined ? 'Z' : m[4].length === 5 ? `${m[4].slice(0, 3)}:${m[4].slice(3)}` : m[4];
  const at = Date.parse(`${m[1]}T${m[2]}.${ms}${zone}`);
  return Number.isNaN(at) ? null : at;
}
