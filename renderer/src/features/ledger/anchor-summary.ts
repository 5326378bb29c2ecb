// Words and marks for a signature check (ledger:anchors): the coverage line, the alarm for a
// rewrite or a truncation, the markers on the coverage bar, and the pins typed by the auditor.
import { PIN_PATTERN, type AnchorStatus } from '../../../../shared/ipc/contract';
import type { BreakKind, ChainBreak } from '../../../../shared/domain';
import { formatInt } from '../../lib/format';

export const MAX_PINS = 20;

const plural = (n: number, one: string, many = `${one}s`) => `${formatInt(n)} ${n === 1 ? one : many}`;

/** Pins typed one per line or comma-separated; a sentence naming the first bad one. */
export function parsePinsText(text: string): { pins: string[]; problem: string | null } {
  const pins = text
    .split(/[\n,]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const bad = pins.find((p) => !PIN_PATTERN.test(p));
  if (bad !== undefined)
    return {
      pins,
      problem: `“${bad.length > 24 ? `${bad.slice(0, 24)}…` : bad}” is not a pin: expected INDEX:HASH (an entry index and its 64-digit current_hash)`,
    };
  if (pins.length > MAX_PINS)
    return { pins, problem: `at most ${MAX_PINS} pins at a time (${pins.length} given)` };
  return { pins, problem: null };
}

/** "12,000 of 12,037 entries covered by 13 valid signed checkpoints (key …); 37 unsigned after the last checkpoint". */
export function coverageText(status: AnchorStatus, pins: number): string {
  const { entries, keyId } = status;
  const { total, valid, coveredEntries } = status.checkpoints;
  const pinText = pins > 0 ? `${plural(pins, 'pin')} checked` : '';
  if (keyId === null)
    return `No public key: ${pinText || 'nothing checked'}; no checkpoint signature was checked.`;
  const parts: string[] = [];
  const noSidecar = status.notes.find(
    (n) => n.kind === 'unsigned_tail' && n.index === 0 && coveredEntries === 0,
  );
  if (entries === 0) parts.push(`The ledger has no entries yet (key ${keyId})`);
  else if (total === 0 && noSidecar)
    parts.push(
      `No signed checkpoints for this ledger (key ${keyId}): none of its ${plural(entries, 'entry', 'entries')} is covered`,
    );
  else {
    const mismatches = status.breaks.filter((b) => b.kind === 'rewritten' || b.kind === 'truncated').length;
    const scope =
      coveredEntries >= entries && mismatches === 0
        ? `All ${formatInt(entries)}`
        : `${formatInt(coveredEntries)} of ${formatInt(entries)}`;
    parts.push(
      `${scope} ${entries === 1 ? 'entry' : 'entries'} covered by ${plural(valid, 'valid signed checkpoint')} (key ${keyId})` +
        (mismatches > 0
          ? `, but the file does not match what was signed at ${plural(mismatches, 'place')}`
          : ''),
    );
    if (coveredEntries < entries)
      parts.push(`${formatInt(entries - coveredEntries)} unsigned after the last checkpoint`);
  }
  if (total > valid) parts.push(`${plural(total - valid, 'checkpoint')} did not verify`);
  if (pinText) parts.push(pinText);
  return parts.join('; ');
}

function alarm(breaks: ChainBreak[], kind: BreakKind, title: string): string | null {
  const found = breaks.filter((b) => b.kind === kind);
  if (found.length === 0) return null;
  const more = found.length - 1;
  return `${title}: ${found[0].detail}${more > 0 ? ` (and ${plural(more, 'more place')})` : ''}`;
}

/** "Rewrite detected: the checkpoint signed at … says entry 9 had …", and the same for a cut-off tail. */
export function alarmTexts(status: AnchorStatus): string[] {
  return [
    alarm(status.breaks, 'rewritten', 'Rewrite detected'),
    alarm(status.breaks, 'truncated', 'Truncation detected'),
  ].filter((t): t is string => t !== null);
}

/** "entry 41", "entries 41 and 42", "entries 12, 500,000, 999,990…" (… when more than those listed). */
function entriesList(indexes: number[], total: number): string {
  const names = indexes.map(formatInt);
  const more = total > indexes.length ? '…' : '';
  if (names.length === 1 && !more) return `entry ${names[0]}`;
  if (names.length === 2 && !more) return `entries ${names[0]} and ${names[1]}`;
  return `entries ${names.join(', ')}${more}`;
}

/**
 * When the hash chain itself is broken, what the signatures do and do not prove: they cover the
 * hashes that were signed, not an entry edited in place (its stored hash, signed, is unchanged).
 * Null when verification found no chain break.
 */
export function chainCaveat(status: AnchorStatus): string | null {
  const { breaks, firstIndexes } = status.chain;
  if (breaks === 0) return null;
  const where = firstIndexes.length > 0 ? ` at ${entriesList(firstIndexes, breaks)}` : '';
  const count = breaks > firstIndexes.length ? ` (${plural(breaks, 'break')} in all)` : '';
  return (
    `The hash chain is broken${where}${count}. The signatures prove only what was signed — the entry ` +
    'counts and hashes at each checkpoint — not that the entries still read as they did: an entry ' +
    'edited in place keeps its signed hash. Open the breaks to see what changed.'
  );
}

export interface CoverageMarker {
  index: number;
  kinds: BreakKind[];
  detail: string;
}

/** One marker per entry index with a rewritten/truncated break, in index order (at most `max`). */
export function coverageMarkers(status: AnchorStatus, max = 100): CoverageMarker[] {
  const byIndex = new Map<number, CoverageMarker>();
  for (const b of status.breaks) {
    if (b.kind !== 'rewritten' && b.kind !== 'truncated') continue;
    const m = byIndex.get(b.index);
    if (!m) byIndex.set(b.index, { index: b.index, kinds: [b.kind], detail: b.detail });
    else if (!m.kinds.includes(b.kind)) m.kinds.push(b.kind);
  }
  return [...byIndex.values()].sort((a, b) => a.index - b.index).slice(0, max);
}
