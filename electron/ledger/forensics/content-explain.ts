// A content break (stored current_hash ≠ the hash of the stored values), explained: re-encoded
// with the values unchanged (a re-encoding reproduces a hash the file names), only the current_hash
// field altered, or a value changed (with the bytes that were hashed beside the stored ones).
import { computeHash } from '../pcag';
import { pyDumps, pyDumpsBytes } from '../pyjson-dump';
import { pyLoads } from '../pyjson-parse';
import { decodeLine } from '../chain-verifier';
import type { PyJson } from '../types';
import type { BreakExplanation, FieldBytes } from '../../../shared/break-explanation';
import { escapeCut } from './escape-bytes';
import { formNotes } from './form-notes';
import { topLevelSpans } from './line-fields';
import { DEFAULT_BUDGET, lossyBigInts, searchReencodings } from './reencode-search';

/** Whitespace outside strings removed: spacing is not what a field diff is about. */
function compact(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') out += c;
  }
  return out;
}

/** json.dumps text with its non-ASCII \uXXXX escapes written as the characters (ensure_ascii=False). */
const unescaped = (ascii: string): string =>
  ascii.replace(/\\u([0-9a-f]{4})/g, (m: string, h: string) => {
    const c = parseInt(h, 16);
    return c >= 0x80 ? String.fromCharCode(c) : m;
  });

/** Whether a stored value's text is how json.dumps writes that value, give or take spacing and escaping. */
function writtenAsPython(stored: string, value: PyJson): boolean {
  const py = pyDumps(value, { sortKeys: false });
  if (stored === py) return true;
  const s = compact(stored);
  return s === compact(py) || s === compact(unescaped(py));
}

function fieldDiffs(bytes: Uint8Array, entry: { [k: string]: PyJson }): FieldBytes[] {
  const spans = topLevelSpans(bytes) ?? [];
  const out: FieldBytes[] = [];
  for (const s of spans) {
    if (s.key === 'current_hash' || !(s.key in entry)) continue;
    const stored = bytes.subarray(s.start, s.end);
    const value = entry[s.key];
    if (writtenAsPython(Buffer.from(stored).toString('utf8'), value)) continue;
    out.push({
      field: s.key,
      offset: s.start,
      stored: escapeCut(stored),
      canonical: escapeCut(Buffer.from(pyDumps(value, { sortKeys: true }), 'latin1')),
    });
  }
  return out;
}

/** Above this, the re-encoding search is cut short (see explainContent). */
const LARGE_ENTRY_BYTES = 256 * 1024;

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * Explains a content break at a line. `nextPrevious` is the following entry's previous_hash (a
 * second witness of what this entry's hash was), null when there is none.
 */
export function explainContent(
  bytes: Uint8Array,
  nextPrevious: string | null,
  budget = DEFAULT_BUDGET,
): BreakExplanation {
  const decoded = decodeLine(bytes);
  let entry: { [k: string]: PyJson };
  try {
    if (decoded === null) throw new Error('not UTF-8');
    entry = pyLoads(decoded.replace(/^\ufeff/, '')).value as { [k: string]: PyJson };
  } catch {
    return { cause: 'unexplained', text: 'the line could not be read again to explain the break' };
  }
  const text = decoded.replace(/^\ufeff/, '');
  const stored = String(entry.current_hash);
  const recomputed = computeHash(entry);
  const notes = formNotes(text, entry);
  if (nextPrevious !== null && recomputed === nextPrevious && nextPrevious !== stored)
    return {
      cause: 'hash-field-changed',
      text: `only the current_hash field was altered: the values hash to ${recomputed}, which the next entry's previous_hash confirms`,
      recomputed,
    };
  const targets = new Set([stored]);
  if (nextPrevious !== null) targets.add(nextPrevious);
  // A huge entry (up to the 4 MiB bound) gets a few candidates only: each costs a hash of all of it.
  const r = searchReencodings(
    entry,
    targets,
    bytes.length > LARGE_ENTRY_BYTES ? Math.min(budget, 16) : budget,
  );
  const search = { tried: r.tried, exhausted: r.exhausted };
  if (r.match) {
    const matched = r.match.hash === stored ? 'current_hash' : 'next_previous_hash';
    const list = r.match.changes.map((c) => `${c.path}: ${c.original} -> ${c.stored}`).join(', ');
    return {
      cause: 're-encoded',
      text: `re-encoded, values unchanged: ${list} (written back in the original form, the entry hashes to the ${matched === 'current_hash' ? 'stored current_hash' : "next entry's previous_hash"})`,
      matched,
      changes: r.match.changes,
      search,
      formNotes: notes,
    };
  }
  const fields = fieldDiffs(bytes, entry);
  const searched = `no re-encoding reproduces the stored hash (${plural(r.tried, 'candidate')} tried, ${r.exhausted ? 'search exhausted' : 'search bound reached'})`;
  const lossy = lossyBigInts(entry);
  const where =
    lossy.length > 0
      ? `; ${lossy.map((x) => `${x.path}: ${x.stored}`).join(', ')} look${lossy.length === 1 ? 's' : ''} like a big integer rounded through a 64-bit float (as jq 1.6 writes them): a lossy re-encoding, the original digits are lost`
      : fields.length > 0
        ? `; ${fields.map((f) => f.field).join(', ')} ${fields.length === 1 ? 'is' : 'are'} not written as json.dumps writes ${fields.length === 1 ? 'its value' : 'their values'}, likely where the edit was`
        : '; every field is written as json.dumps writes it, so the file alone cannot tell which value changed';
  return {
    cause: 'value-changed',
    text: `value changed: ${searched}${where}`,
    recomputed,
    search,
    fields,
    lossy,
    canonical: escapeCut(pyDumpsBytes(entry, { sortKeys: true, omitTopLevelKey: 'current_hash' }), 4096),
    formNotes: notes,
  };
}
