// A fast path for the canonical bytes of one ledger line, for lines already in Python's json.dumps
// form (what the seed and our writer write): printable ASCII, no backslash, ", " and ": " separators,
// numbers as Python prints them. Such a line's canonical text is the line itself with object members
// reordered (top level: the 13 hashed fields in sorted order; nested objects: keys sorted), so its
// bytes are copied from the line into a reused buffer in that order, checked as they are copied:
// no parsing into values, no strings, nothing left for the garbage collector.
// Anything else (escapes, non-ASCII, other spacing, NaN, duplicate keys, unusual numbers, a field
// out of the seed's order or of the wrong type, a line over 256 KiB) is declined: the caller takes
// the reference path (parse, then json.dumps), which gives every verdict and message.
import { createHash } from 'node:crypto';
import * as nodeCrypto from 'node:crypto';
import { exponentIsRepr, fixedIsRepr, floatIsRepr } from './fast-float';

export interface FastLine {
  /** Python's json.dumps(entry minus current_hash, sort_keys=True). */
  canonical: string;
  currentHash: string;
  previousHash: string;
}

export interface FastHashed {
  /** SHA-256 hex of the canonical bytes. */
  recomputed: string;
  currentHash: string;
  previousHash: string;
}

const LIMIT = 256 * 1024;
const MAX_DEPTH = 64;
const MAX_INT_DIGITS = 4300;
// [0, LIMIT): members as scanned; [LIMIT, 2 LIMIT): scratch for sorting; [2 LIMIT, 3 LIMIT): the canonical text.
const work = Buffer.allocUnsafe(3 * LIMIT);
const SCRATCH = LIMIT;
const FINAL = 2 * LIMIT;

type Kind = 's' | 'n' | 'o' | 'a';
/** The seed's field order (a line's order) with each field's JSON type. */
const FIELDS: readonly (readonly [string, Kind])[] = [
  ['decision_id', 's'],
  ['timestamp', 's'],
  ['version', 's'],
  ['delta_linf', 'n'],
  ['caos_plus', 'n'],
  ['sr_score', 'n'],
  ['ethical_score', 'n'],
  ['decision', 's'],
  ['reason', 's'],
  ['metrics', 'o'],
  ['violations', 'a'],
  ['gates_passed', 'o'],
  ['previous_hash', 's'],
  ['current_hash', 's'],
];
const CURRENT_HASH = FIELDS.length - 1;
const PREVIOUS_HASH = FIELDS.length - 2;
/** What precedes each field's value in a Python-written line, as bytes. */
const PREFIXES = FIELDS.map(([k], i) => Buffer.from(`${i === 0 ? '{' : ', '}"${k}": `, 'latin1'));
/** Line positions of the hashed fields, in sorted key order. */
const SORTED = FIELDS.slice(0, CURRENT_HASH)
  .map(([k], i) => [k, i] as const)
  .sort((a, b) => (a[0] < b[0] ? -1 : 1))
  .map(([, i]) => i);

// Scanner state: the input position just past the value scanned, the output position.
let end = 0;
let o = 0;
// Top-level members: where each one's text ("key": value) starts and ends in `work`.
const memberStart = new Int32Array(FIELDS.length);
const memberEnd = new Int32Array(FIELDS.length);
let hashAt = 0;
let previousAt = 0;
// Members of the objects being scanned, a stack shared by nested objects.
const POOL = 4096;
const keyAt = new Int32Array(POOL);
const keyEnd = new Int32Array(POOL);
const memAt = new Int32Array(POOL);
const memEnd = new Int32Array(POOL);
const order = new Int32Array(POOL);
let top = 0;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Compares two keys by their bytes (ASCII: byte order is code point order). */
function compareKeys(b: Uint8Array, a0: number, a1: number, b0: number, b1: number): number {
  const n = Math.min(a1 - a0, b1 - b0);
  for (let i = 0; i < n; i++) {
    const d = b[a0 + i] - b[b0 + i];
    if (d !== 0) return d;
  }
  return a1 - a0 - (b1 - b0);
}

/** Copies the string at p (its quotes included); false unless it is printable ASCII without escapes. */
function copyString(b: Uint8Array, p: number): boolean {
  const n = b.length;
  work[o++] = 0x22;
  for (let i = p + 1; i < n; i++) {
    const c = b[i];
    if (c === 0x22) {
      work[o++] = 0x22;
      end = i + 1;
      return true;
    }
    if (c < 0x20 || c > 0x7e || c === 0x5c) return false;
    work[o++] = c;
  }
  return false;
}

/** Copies the number at p when it is exactly how Python prints its value. */
function copyNumber(b: Uint8Array, p: number): boolean {
  let i = p;
  let c = b[i];
  if (c === 0x2d) c = b[++i];
  const intAt = i;
  if (c === 0x30) c = b[++i];
  else if (c >= 0x31 && c <= 0x39) {
    do c = b[++i];
    while (isDigit(c));
  } else return false;
  const intDigits = i - intAt;
  let ok: boolean;
  if (c !== 0x2e && c !== 0x65 && c !== 0x45) {
    // An int: Python prints it as written unless it is "-0" (or too long for Python to read).
    ok = !(intDigits === 1 && intAt > p && b[intAt] === 0x30) && intDigits <= MAX_INT_DIGITS;
  } else {
    let fracAt = i;
    let fracEnd = i;
    if (c === 0x2e) {
      fracAt = i + 1;
      c = b[++i];
      if (!isDigit(c)) return false;
      do c = b[++i];
      while (isDigit(c));
      fracEnd = i;
    }
    if (c === 0x65 || c === 0x45) {
      const e = i;
      c = b[++i];
      if (c === 0x2b || c === 0x2d) c = b[++i];
      if (!isDigit(c)) return false;
      do c = b[++i];
      while (isDigit(c));
      ok = exponentIsRepr(b, intAt, intDigits, fracAt, fracEnd, e, i) || floatIsRepr(b, p, i);
    } else {
      ok = fixedIsRepr(b, intAt, intDigits, fracAt, fracEnd) || floatIsRepr(b, p, i);
    }
  }
  if (!ok) return false;
  for (let k = p; k < i; k++) work[o++] = b[k];
  end = i;
  return true;
}

/** Copies the canonical text of the value at p into work at o; false when not eligible. */
function copyValue(b: Uint8Array, p: number, depth: number): boolean {
  const c = b[p];
  if (c === 0x22) return copyString(b, p);
  if (c === 0x7b) return depth < MAX_DEPTH && copyObject(b, p, depth + 1);
  if (c === 0x5b) return depth < MAX_DEPTH && copyArray(b, p, depth + 1);
  if (c === 0x2d || isDigit(c)) return copyNumber(b, p);
  if (c === 0x74 && b[p + 1] === 0x72 && b[p + 2] === 0x75 && b[p + 3] === 0x65) return literal(b, p, 4);
  if (c === 0x66 && b[p + 1] === 0x61 && b[p + 2] === 0x6c && b[p + 3] === 0x73 && b[p + 4] === 0x65)
    return literal(b, p, 5);
  if (c === 0x6e && b[p + 1] === 0x75 && b[p + 2] === 0x6c && b[p + 3] === 0x6c) return literal(b, p, 4);
  return false;
}

function literal(b: Uint8Array, p: number, n: number): boolean {
  for (let k = 0; k < n; k++) work[o++] = b[p + k];
  end = p + n;
  return true;
}

function copyArray(b: Uint8Array, p: number, depth: number): boolean {
  work[o++] = 0x5b;
  let pos = p + 1;
  if (b[pos] === 0x5d) {
    work[o++] = 0x5d;
    end = pos + 1;
    return true;
  }
  for (;;) {
    if (!copyValue(b, pos, depth)) return false;
    const c = b[end];
    if (c === 0x5d) {
      work[o++] = 0x5d;
      end++;
      return true;
    }
    if (c !== 0x2c || b[end + 1] !== 0x20) return false;
    work[o++] = 0x2c;
    work[o++] = 0x20;
    pos = end + 2;
  }
}

function copyObject(b: Uint8Array, p: number, depth: number): boolean {
  const objAt = o;
  work[o++] = 0x7b;
  let pos = p + 1;
  if (b[pos] === 0x7d) {
    work[o++] = 0x7d;
    end = pos + 1;
    return true;
  }
  const base = top;
  let sorted = true;
  for (;;) {
    if (b[pos] !== 0x22 || top === POOL) return false;
    const at = o;
    if (!copyString(b, pos)) return false;
    const kEnd = end - 1;
    if (b[end] !== 0x3a || b[end + 1] !== 0x20) return false;
    work[o++] = 0x3a;
    work[o++] = 0x20;
    if (!copyValue(b, end + 2, depth)) return false;
    keyAt[top] = pos + 1;
    keyEnd[top] = kEnd;
    memAt[top] = at;
    memEnd[top] = o;
    if (top > base) {
      const d = compareKeys(b, keyAt[top - 1], keyEnd[top - 1], pos + 1, kEnd);
      if (d === 0) return false; // a duplicate key: the reference path reports it
      if (d > 0) sorted = false;
    }
    top++;
    const c = b[end];
    if (c === 0x7d) break;
    if (c !== 0x2c || b[end + 1] !== 0x20) return false;
    work[o++] = 0x2c;
    work[o++] = 0x20;
    pos = end + 2;
  }
  if (!sorted && !sortMembers(b, base, objAt)) return false;
  top = base;
  work[o++] = 0x7d;
  end++;
  return true;
}

/** Rewrites the members base..top-1 (text from objAt + 1 to o) in key order. */
function sortMembers(b: Uint8Array, base: number, objAt: number): boolean {
  // Insertion sort of member numbers: objects are small. Equal keys go to the reference path.
  for (let i = base; i < top; i++) {
    let j = i - 1;
    for (; j >= base; j--) {
      const y = order[j];
      const d = compareKeys(b, keyAt[y], keyEnd[y], keyAt[i], keyEnd[i]);
      if (d === 0) return false;
      if (d < 0) break;
      order[j + 1] = y;
    }
    order[j + 1] = i;
  }
  const from = objAt + 1;
  work.copyWithin(SCRATCH, from, o);
  let w = from;
  for (let i = base; i < top; i++) {
    const m = order[i];
    if (i > base) {
      work[w++] = 0x2c;
      work[w++] = 0x20;
    }
    work.copyWithin(w, SCRATCH + memAt[m] - from, SCRATCH + memEnd[m] - from);
    w += memEnd[m] - memAt[m];
  }
  return w === o;
}

/** Scans a line into work[FINAL, FINAL + length): returns the canonical length, or -1 to decline. */
function canonicalize(b: Uint8Array): number {
  const n = b.length;
  if (n > LIMIT || n < 2) return -1;
  let pos = 0;
  o = 0;
  top = 0;
  for (let f = 0; f < FIELDS.length; f++) {
    const prefix = PREFIXES[f];
    for (let i = 0; i < prefix.length; i++) if (b[pos + i] !== prefix[i]) return -1;
    const valueAt = pos + prefix.length;
    const kind = FIELDS[f][1];
    const c = b[valueAt];
    if (
      kind === 's'
        ? c !== 0x22
        : kind === 'n'
          ? c !== 0x2d && !isDigit(c)
          : c !== (kind === 'o' ? 0x7b : 0x5b)
    )
      return -1;
    // The member's text in work: its key (copied from the prefix), then its value.
    memberStart[f] = o;
    for (let i = f === 0 ? 1 : 2; i < prefix.length; i++) work[o++] = prefix[i];
    if (!copyValue(b, valueAt, 0)) return -1;
    memberEnd[f] = o;
    if (f === CURRENT_HASH) hashAt = valueAt;
    else if (f === PREVIOUS_HASH) previousAt = valueAt;
    pos = end;
  }
  if (pos !== n - 1 || b[pos] !== 0x7d) return -1;
  let w = FINAL;
  work[w++] = 0x7b;
  for (let i = 0; i < SORTED.length; i++) {
    const f = SORTED[i];
    if (i > 0) {
      work[w++] = 0x2c;
      work[w++] = 0x20;
    }
    work.copyWithin(w, memberStart[f], memberEnd[f]);
    w += memberEnd[f] - memberStart[f];
  }
  work[w++] = 0x7d;
  return w - FINAL;
}

// crypto.hash (one-shot, Node >= 20.12) is much cheaper than a Hash object for small inputs.
const oneShot = (nodeCrypto as { hash?: (alg: string, data: Uint8Array, enc: 'hex') => string }).hash;

function stringAt(b: Uint8Array, quoteAt: number): string {
  let q = quoteAt + 1;
  while (b[q] !== 0x22) q++;
  return Buffer.from(b.buffer, b.byteOffset + quoteAt + 1, q - quoteAt - 1).toString('latin1');
}

/** The recomputed hash and the stored hashes of a line in Python's own form, or null (use the reference path). */
export function fastLineHash(b: Uint8Array): FastHashed | null {
  const n = canonicalize(b);
  if (n < 0) return null;
  const canonical = work.subarray(FINAL, FINAL + n);
  const recomputed = oneShot
    ? oneShot('sha256', canonical, 'hex')
    : createHash('sha256').update(canonical).digest('hex');
  return { recomputed, currentHash: stringAt(b, hashAt), previousHash: stringAt(b, previousAt) };
}

/** The canonical text and stored hashes of a line given as text (tests, tools), or null. */
export function fastCanonical(s: string): FastLine | null {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return null;
  const b = Buffer.from(s, 'latin1');
  const n = canonicalize(b);
  if (n < 0) return null;
  return {
    canonical: work.toString('latin1', FINAL, FINAL + n),
    currentHash: stringAt(b, hashAt),
    previousHash: stringAt(b, previousAt),
  };
}
