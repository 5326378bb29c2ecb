// Python's json.dumps, byte for byte: default separators (", " and ": "), ensure_ascii escaping,
// optional sort_keys by code point, Python float repr, ints of any size.
import { isPyFloat, pyFloatRepr } from './pyfloat';
import type { PyJson } from './types';

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const SHORT_ESCAPES: Record<number, string> = {
  0x22: '\\"',
  0x5c: '\\\\',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x08: '\\b',
  0x0c: '\\f',
};

/** json.dumps(str) with ensure_ascii=True: every char outside ' '..'~' becomes \uXXXX (lowercase hex, UTF-16 units). */
export function pyString(s: string): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(start, i);
    out += SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
    start = i + 1;
  }
  return `${out}${s.slice(start)}"`;
}

/** Orders strings by Unicode code point, as Python sorts str (not by UTF-16 unit, as JS does). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Lift surrogates (astral code points) above U+E000..U+FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** Whether keys are already in code-point order (objects built in sorted order skip the sort). */
function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (compareCodePoints(keys[i - 1], keys[i]) > 0) return false;
  return true;
}

/** json.dumps of a JS number: integral values as ints (any size), others as Python floats. */
function pyNumber(n: number): string {
  if (!Number.isFinite(n)) return pyFloatRepr(n);
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  return pyFloatRepr(n);
}

export interface DumpOptions {
  sortKeys: boolean;
  /** Top-level key left out (current_hash when hashing). */
  omitTopLevelKey?: string;
}

/**
 * json.dumps written as bytes into one reusable buffer. Building the text from strings made a few
 * hundred short-lived string pieces per ledger entry (~10 KB of garbage, a quarter of what a
 * gateway request allocated); written here, a PCAg costs no allocation but its line (pcag.ts).
 */
export class PyJsonBytes {
  private buf = Buffer.allocUnsafe(4096);
  /** Bytes written so far. */
  length = 0;

  reset(): void {
    this.length = 0;
  }

  /** The bytes written (a view: valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  /** Appends a copy of bytes [start, end) already written. */
  again(start: number, end: number): void {
    this.room(end - start);
    this.buf.copyWithin(this.length, start, end);
    this.length += end - start;
  }

  /** A new Buffer holding bytes [start, end). */
  copyOut(start: number, end: number): Buffer {
    return Buffer.copyBytesFrom(this.buf, start, end - start);
  }

  /** Appends ASCII text as is. */
  ascii(s: string): void {
    this.room(s.length);
    this.put(s);
  }

  /** Appends json.dumps(s) (ensure_ascii). */
  string(s: string): void {
    if (!PLAIN_ASCII.test(s)) return this.ascii(pyString(s));
    this.room(s.length + 2);
    this.buf[this.length++] = 0x22;
    this.put(s);
    this.buf[this.length++] = 0x22;
  }

  /** Appends json.dumps(v, sort_keys=sortKeys), leaving out the top-level key `omit`. */
  value(v: PyJson, sortKeys: boolean, omit?: string, depth = 0): void {
    if (v === null) return this.ascii('null');
    switch (typeof v) {
      case 'string':
        return this.string(v);
      case 'number':
        return this.ascii(pyNumber(v));
      case 'bigint':
        return this.ascii(v.toString());
      case 'boolean':
        return this.ascii(v ? 'true' : 'false');
    }
    if (Array.isArray(v)) {
      this.ascii('[');
      for (let i = 0; i < v.length; i++) {
        if (i) this.ascii(', ');
        this.value(v[i], sortKeys, undefined, depth + 1);
      }
      return this.ascii(']');
    }
    if (isPyFloat(v)) return this.ascii(pyFloatRepr(v.pyFloat));
    if (depth > 1000) throw new RangeError('JSON nested more than 1000 levels deep');
    const obj = v as { [key: string]: PyJson };
    let keys = Object.keys(obj);
    if (omit !== undefined) keys = keys.filter((k) => k !== omit);
    if (sortKeys && !isSorted(keys)) keys.sort(compareCodePoints);
    this.ascii('{');
    for (let i = 0; i < keys.length; i++) {
      if (i) this.ascii(', ');
      this.string(keys[i]);
      this.ascii(': ');
      this.value(obj[keys[i]], sortKeys, undefined, depth + 1);
    }
    this.ascii('}');
  }

  /** Copies ASCII `s` in (room already made): short texts byte by byte, which beats a call into C++. */
  private put(s: string): void {
    const b = this.buf;
    const n = s.length;
    if (n > 48) {
      this.length += b.write(s, this.length, 'latin1');
      return;
    }
    let at = this.length;
    for (let i = 0; i < n; i++) b[at++] = s.charCodeAt(i);
    this.length = at;
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
}

/** pyDumps's buffer (it runs synchronously, one call at a time). */
const shared = new PyJsonBytes();

/** The bytes of Python's `json.dumps(value, ...)`: a view, valid until the next call. */
export function pyDumpsBytes(value: PyJson, opts: DumpOptions): Buffer {
  shared.reset();
  shared.value(value, opts.sortKeys, opts.omitTopLevelKey);
  return shared.view();
}

/** The exact text of Python's `json.dumps(value, sort_keys=opts.sortKeys)`. Always pure ASCII. */
export function pyDumps(value: PyJson, opts: DumpOptions): string {
  return pyDumpsBytes(value, opts).toString('latin1');
}
