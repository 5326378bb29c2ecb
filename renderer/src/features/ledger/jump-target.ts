// What the ledger browser's "go to" box asks for: an entry number, or a time in UTC (the ledger's
// own zone, as the table's Time column says).
import { formatInt } from '../../lib/format';

export type JumpTarget = { kind: 'index'; index: number } | { kind: 'time'; at: number };

const TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(?:Z|UTC)?$/i;

/**
 * "1234" or "#1234" → entry 1234; "2026-11-25", "2026-11-25 14:05", "2026-11-25T14:05:30Z" (UTC)
 * → that time as epoch ms. Null for anything else, including dates that do not exist (02-30).
 */
export function parseJumpTarget(input: string): JumpTarget | null {
  const text = input.trim();
  const index = /^#?(\d{1,15})$/.exec(text);
  if (index) return { kind: 'index', index: Number(index[1]) };
  const m = TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m
    .slice(1, 7)
    .map((v) => (v === undefined ? undefined : Number(v)));
  if (y === undefined || mo === undefined || d === undefined) return null;
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  const at = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(at);
  // Date.UTC rolls 02-30 over into March and 24:00 into the next day: such input is refused.
  const exists =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return exists ? { kind: 'time', at } : null;
}

/**
 * Why `target` cannot be gone to in a ledger of `entryCount` entries (numbered from 0), or null
 * when it can (or the count is not known yet): "entry 5,000 is past the end (1,234 entries)".
 */
export function jumpProblem(target: JumpTarget | null, entryCount: number | null): string | null {
  if (target === null || target.kind !== 'index' || entryCount === null) return null;
  if (target.index < entryCount) return null;
  if (entryCount === 0) return 'the ledger has no entries';
  const entries = `${formatInt(entryCount)} ${entryCount === 1 ? 'entry' : 'entries'}`;
  return `entry ${formatInt(target.index)} is past the end (${entries}; the last is #${formatInt(entryCount - 1)})`;
}
