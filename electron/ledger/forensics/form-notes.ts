// How a line's form differs from what the seed's Python writes (json.dumps(pcag.to_dict())),
// in ways that leave the hash as it is: key order, escaping, spacing. Shown beside an explanation
// as a sign that a tool rewrote the line.
import { PCAG_FIELDS } from '../pcag';
import { compareCodePoints, pyDumps } from '../pyjson-dump';
import type { PyJson } from '../types';

/** True when separators are Python's (", " and ": ") and there is no other whitespace outside strings. */
function pythonSpacing(text: string): boolean {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === ',' || c === ':') {
      if (text[i + 1] !== ' ' || text[i + 2] === ' ') return false;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\n') return false;
  }
  return true;
}

export function formNotes(text: string, entry: { [k: string]: PyJson }): string[] {
  if (text === pyDumps(entry, { sortKeys: false })) return [];
  const notes: string[] = [];
  const keys = Object.keys(entry);
  const seedOrder = keys.length === PCAG_FIELDS.length && keys.every((k, i) => k === PCAG_FIELDS[i]);
  if (!seedOrder) {
    const sorted = keys.every((k, i) => i === 0 || compareCodePoints(keys[i - 1], k) < 0);
    notes.push(
      sorted
        ? "keys are sorted, not in the seed's field order (a tool rewrote the line with sort_keys); the hash does not depend on key order"
        : 'keys are in another order than the seed writes; the hash does not depend on key order',
    );
  }
  if (/[\u0080-\uffff]/.test(text))
    notes.push(
      'non-ASCII characters are written as themselves, not as \\uXXXX escapes as the seed writes them (ensure_ascii=False or another tool); the hash does not depend on it',
    );
  if (/\\u[0-9a-f]{0,3}[A-F]/.test(text) || text.includes('\\/'))
    notes.push(
      'escapes are written differently from Python (upper-case hex, or \\/); the hash does not depend on it',
    );
  if (!pythonSpacing(text))
    notes.push('spacing differs from Python\'s ", " and ": " separators; the hash does not depend on it');
  if (notes.length === 0)
    notes.push(
      'the line is not byte for byte what the seed writes for these values (numbers or nested keys written in another form)',
    );
  return notes;
}
