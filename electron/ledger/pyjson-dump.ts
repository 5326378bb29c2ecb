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
export function isSorted(keys: string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (compareCodePoints(keys[i - 1], keys[i]) > 0) return false;
  return true;
}

/** json.dumps of a JS number: integral values as ints (any size), others as Python floats. */
export function pyNumber(n: number): string {
  if (!Number.isFinite(n)) return pyFloatRepr(n);
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  return pyFloatRepr(n);
}

export interface DumpOptions {
  sortKeys: boolean;
  /** Top-level key left out (current_hash when hashing). */
  omitTopLevelKey?: string;
}

function dumpValue(v: PyJson, sortKeys: boolean, omit: string | undefined, depth: number): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return pyString(v);
    case 'number':
      return pyNumber(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < v.length; i++)
      out += (i ? ', ' : '') + dumpValue(v[i], sortKeys, undefined, depth + 1);
    return `${out}]`;
  }
  if (isPyFloat(v)) return pyFloatRepr(v.pyFloat);
  if (depth > 1000) throw new RangeError('JSON nested more than 1000 levels deep');
  const obj = v as { [key: string]: PyJson };
  let keys = Object.keys(obj);
  if (omit !== undefined) keys = keys.filter((k) => k !== omit);
  if (sortKeys && !isSorted(keys)) keys.sort(compareCodePoints);
  if (keys.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    out += `${i ? ', ' : ''}${pyString(k)}: ${dumpValue(obj[k], sortKeys, undefined, depth + 1)}`;
  }
  return `${out}}`;
}

/** The exact text of Python's `json.dumps(value, sort_keys=opts.sortKeys)`. Always pure ASCII. */
export function pyDumps(value: PyJson, opts: DumpOptions): string {
  return dumpValue(value, opts.sortKeys, opts.omitTopLevelKey, 0);
}
