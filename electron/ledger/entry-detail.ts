// One entry as the auditor's detail pane shows it: the stored line byte for byte, the entry in the
// form it is stored (re-serialising would turn `0.0` into `0` and hide the very edit a content break
// is about), its hashes checked, and for a content break the canonical text that was hashed.
import { decodeLine } from './chain-verifier';
import { MAX_ENTRY_BYTES, tooLongDetail } from './entry-bound';
import { computeHash, pcagShapeProblem } from './pcag';
import { isPyFloat, PyFloat } from './pyfloat';
import { pyDumps } from './pyjson-dump';
import { pyLoads } from './pyjson-parse';
import { openRegular } from './regular-file';
import { parseEntryLine } from './session-file';
import { GENESIS_HASH, type PyJson } from './types';
import type { LedgerEntryDetail, NumberFormChange, RawLinePart } from '../../shared/ledger-view';
import type { ChainBreak } from '../../shared/domain';

/** Numbers tried one at a time when looking for the form that was hashed (each costs one SHA-256). */
const MAX_NUMBERS_TRIED = 64;
/** Lines longer than this are not searched for the form that was hashed: up to 66 canonical texts
 * of a hostile multi-megabyte line would hold the main process for seconds. */
export const MAX_SEARCHED_LINE_BYTES = 256 * 1024;

/** The length of the valid UTF-8 sequence at `i`, 0 when the byte there starts none. */
function utf8SequenceAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  const c1 = b[i + 1];
  if ((c === 0xe0 && c1 < 0xa0) || (c === 0xf0 && c1 < 0x90)) return 0; // overlong
  if (c === 0xed && c1 >= 0xa0) return 0; // a surrogate
  if (c === 0xf4 && c1 >= 0x90) return 0; // beyond U+10FFFF
  return n;
}

/** A line's bytes as decoded text runs and runs of bytes that are not UTF-8. */
export function rawLineParts(bytes: Uint8Array): RawLinePart[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: RawLinePart[] = [];
  let textStart = 0;
  let bad = '';
  let i = 0;
  while (i < buf.length) {
    const n = utf8SequenceAt(buf, i);
    if (n > 0) {
      if (bad) {
        parts.push({ invalidHex: bad });
        bad = '';
        textStart = i;
      }
      i += n;
      continue;
    }
    if (!bad && i > textStart) parts.push({ text: buf.toString('utf8', textStart, i) });
    bad += buf[i].toString(16).padStart(2, '0');
    i++;
  }
  if (bad) parts.push({ invalidHex: bad });
  else if (i > textStart) parts.push({ text: buf.toString('utf8', textStart, i) });
  return parts;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Valid JSON text indented two spaces a level, every token kept as written: numbers as stored
 * (`0.0`, `1e-05`, `1180591620717411303424`), strings with their escapes. Only whitespace changes.
 */
export function indentTokens(json: string): string {
  let out = '';
  let depth = 0;
  const newline = (): string => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      out += json.slice(i, j + 1);
      i = j;
    } else if (isSpace(c)) continue;
    else if (c === '{' || c === '[') {
      let k = i + 1;
      while (isSpace(json[k])) k++;
      if (json[k] === (c === '{' ? '}' : ']')) {
        out += c + json[k];
        i = k;
      } else {
        depth++;
        out += c + newline();
      }
    } else if (c === '}' || c === ']') {
      depth--;
      out += newline() + c;
    } else if (c === ',') out += `,${newline()}`;
    else if (c === ':') out += ': ';
    else out += c;
  }
  return out;
}

interface NumberLeaf {
  holder: { [k: string]: PyJson } | PyJson[];
  key: string | number;
  path: string;
  value: PyJson;
  /** The same number written the other way (int ↔ float with an integral value). */
  other: PyJson;
}

/** An integral number written the other way: 0 → 0.0, 0.0 → 0, 2**70 → 1.1805916207174113e+21; null when none is. */
function otherForm(v: PyJson): PyJson | null {
  if (typeof v === 'number') return Number.isInteger(v) ? new PyFloat(v) : null;
  if (typeof v === 'bigint') {
    const f = Number(v);
    return Number.isFinite(f) ? new PyFloat(f) : null;
  }
  if (isPyFloat(v) && Number.isFinite(v.pyFloat))
    return Number.isSafeInteger(v.pyFloat) ? v.pyFloat + 0 : BigInt(v.pyFloat);
  return null;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function numberLeaves(v: PyJson, path: string, out: NumberLeaf[]): void {
  if (v === null || typeof v !== 'object' || isPyFloat(v)) return;
  const visit = (holder: NumberLeaf['holder'], key: string | number, child: PyJson, at: string): void => {
    const other = otherForm(child);
    if (other !== null) out.push({ holder, key, path: at, value: child, other });
    else numberLeaves(child, at, out);
  };
  if (Array.isArray(v)) v.forEach((child, i) => visit(v, i, child, `${path}[${i}]`));
  else
    for (const [k, child] of Object.entries(v)) {
      if (path === '' && k === 'current_hash') continue;
      const at = path === '' ? k : IDENT.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
      visit(v, k, child, at);
    }
}

function put(leaf: NumberLeaf, value: PyJson): void {
  (leaf.holder as Record<string | number, PyJson>)[leaf.key] = value;
}

const canonicalOf = (entry: { [k: string]: PyJson }): string =>
  pyDumps(entry, { sortKeys: true, omitTopLevelKey: 'current_hash' });

/**
 * The canonical text whose SHA-256 is `storedHash`, found by writing numbers the other way: each
 * one alone, then every int as a float, then every float as an int (a tool that re-serialised the
 * line with JS numbers turns each `0.0` into `0`). Null when none of these gives the stored hash.
 */
export function findHashedForm(
  entry: { [k: string]: PyJson },
  storedHash: string,
): { canonical: string; changes: NumberFormChange[] } | null {
  const leaves: NumberLeaf[] = [];
  numberLeaves(entry, '', leaves);
  const tryLeaves = (set: NumberLeaf[]): { canonical: string; changes: NumberFormChange[] } | null => {
    if (set.length === 0) return null;
    for (const l of set) put(l, l.other);
    try {
      if (computeHash(entry) !== storedHash) return null;
      return {
        canonical: canonicalOf(entry),
        changes: set.map((l) => ({
          path: l.path,
          stored: pyDumps(l.value, { sortKeys: true }),
          hashed: pyDumps(l.other, { sortKeys: true }),
        })),
      };
    } finally {
      for (const l of set) put(l, l.value);
    }
  };
  for (const leaf of leaves.slice(0, MAX_NUMBERS_TRIED)) {
    const found = tryLeaves([leaf]);
    if (found) return found;
  }
  return (
    tryLeaves(leaves.filter((l) => isPyFloat(l.other))) ??
    tryLeaves(leaves.filter((l) => !isPyFloat(l.other)))
  );
}

/** Where an entry's line is in the file: [start, end) with its line ending, and the prior line's start. */
export interface EntrySpan {
  index: number;
  start: number;
  end: number;
  /** The prior line's first byte (it ends at `start`); null for entry 0. */
  priorStart: number | null;
}

function withoutLineEnding(b: Buffer): Buffer {
  let out = b;
  if (out[out.length - 1] === 0x0a) out = out.subarray(0, out.length - 1);
  if (out[out.length - 1] === 0x0d) out = out.subarray(0, out.length - 1);
  return out;
}

/** The detail of one entry from its line's bytes (and the prior line's, for the chain link; 'unread'
 * when that line is over the entry bound, so its hash is not known here). */
export function buildEntryDetail(
  index: number,
  line: Uint8Array,
  prior: Uint8Array | null | 'unread',
  breaks: ChainBreak[],
): LedgerEntryDetail {
  const text = decodeLine(line);
  let stored: string | null = null;
  if (text !== null) {
    const json = text.replace(/^\ufeff/, '');
    try {
      pyLoads(json);
      stored = indentTokens(json);
    } catch {
      stored = null;
    }
  }
  const e = parseEntryLine(text);
  const p = prior === null || prior === 'unread' ? null : parseEntryLine(decodeLine(prior));
  const str = (v: PyJson | undefined): string | null => (typeof v === 'string' ? v : null);
  const storedHash = str(e?.current_hash);
  const recomputedHash = e && pcagShapeProblem(e) === null ? computeHash(e) : null;
  const contentBreak = e !== null && recomputedHash !== null && storedHash !== recomputedHash;
  return {
    index,
    raw: rawLineParts(line),
    rawBytes: line.length,
    rawOmitted: null,
    stored,
    canonical: contentBreak ? canonicalOf(e) : null,
    hashedForm:
      contentBreak && storedHash !== null && line.length <= MAX_SEARCHED_LINE_BYTES
        ? findHashedForm(e, storedHash)
        : null,
    storedHash,
    recomputedHash,
    previousHash: str(e?.previous_hash),
    priorCurrentHash: index === 0 ? GENESIS_HASH : str(p?.current_hash),
    breaks,
  };
}

/** A line's length without its line ending, from its span [start, end) with the ending. */
async function contentLength(
  fh: Awaited<ReturnType<typeof openRegular>>,
  start: number,
  end: number,
): Promise<number> {
  const tail = Buffer.alloc(Math.min(2, end - start));
  await fh.read(tail, 0, tail.length, end - tail.length);
  return end - start - (tail.length - withoutLineEnding(tail).length);
}

/**
 * Reads entry `span.index` (and the line before it) from the file and builds its detail. A line over
 * the entry bound (entry-bound.ts) is never read: its detail says so, as the table's parse break does.
 */
export async function readEntryDetail(
  path: string,
  span: EntrySpan,
  breaks: ChainBreak[],
): Promise<LedgerEntryDetail> {
  const fh = await openRegular(path, 'read');
  try {
    const length = await contentLength(fh, span.start, span.end);
    if (length > MAX_ENTRY_BYTES) {
      return {
        index: span.index,
        raw: [],
        rawBytes: length,
        rawOmitted: tooLongDetail(length),
        stored: null,
        canonical: null,
        hashedForm: null,
        storedHash: null,
        recomputedHash: null,
        previousHash: null,
        priorCurrentHash: null,
        breaks,
      };
    }
    const line = Buffer.alloc(span.end - span.start);
    await fh.read(line, 0, line.length, span.start);
    let prior: Buffer | null | 'unread' = null;
    if (span.priorStart !== null) {
      if (span.start - span.priorStart > MAX_ENTRY_BYTES + 2) prior = 'unread';
      else {
        const b = Buffer.alloc(span.start - span.priorStart);
        await fh.read(b, 0, b.length, span.priorStart);
        prior = withoutLineEnding(b);
      }
    }
    return buildEntryDetail(span.index, withoutLineEnding(line), prior, breaks);
  } finally {
    await fh.close();
  }
}
