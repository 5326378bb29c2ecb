// Python's json.dumps written as bytes into one reusable buffer: the same text as pyDumps
// (pyjson-dump.ts), byte for byte, without building it from many small strings. Every append
// serializes its entry once for the hash and once for the line; written here, that allocates
// nothing but the line itself (strings became a few hundred short-lived string pieces per entry,
// ~10 KB of garbage, a quarter of what a gateway request allocated).
import { compareCodePoints, isSorted, pyNumber, pyString } from './pyjson-dump';
import { isPyFloat, pyFloatRepr } from './pyfloat';
import type { PyJson } from './types';

const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const MAX_DEPTH = 1000;

export class PyJsonBytes {
  private buf = Buffer.allocUnsafe(4096);
  /** Bytes written so far. */
  length = 0;

  reset(): void {
    this.length = 0;
  }

  /** The bytes from `start` to the end (a view: valid until the next write). */
  view(start = 0): Buffer {
    return this.buf.subarray(start, this.length);
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

  /** Appends json.dumps(v, sort_keys=sortKeys). */
  value(v: PyJson, sortKeys: boolean, depth = 0): void {
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
        this.value(v[i], sortKeys, depth + 1);
      }
      return this.ascii(']');
    }
    if (isPyFloat(v)) return this.ascii(pyFloatRepr(v.pyFloat));
    if (depth > MAX_DEPTH) throw new RangeError('JSON nested more than 1000 levels deep');
    const obj = v as { [key: string]: PyJson };
    const keys = Object.keys(obj);
    if (sortKeys && !isSorted(keys)) keys.sort(compareCodePoints);
    this.ascii('{');
    for (let i = 0; i < keys.length; i++) {
      if (i) this.ascii(', ');
      this.string(keys[i]);
      this.ascii(': ');
      this.value(obj[keys[i]], sortKeys, depth + 1);
    }
    this.ascii('}');
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
}
