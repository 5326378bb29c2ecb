// Python's json.loads, for ledger lines: the same accepted grammar (NaN, Infinity, -Infinity
// literals; lone surrogate escapes; no raw control characters in strings) and a value model that
// keeps what JS numbers lose: ints beyond 2^53 stay exact (bigint), floats with integral values stay
// floats (PyFloat). Duplicate keys are kept as Python keeps them (the last value wins) and reported.
import { PyFloat } from './pyfloat';
import type { PyJson } from './types';

export class PyJsonError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at character ${position}`);
  }
}

export interface ParseResult {
  value: PyJson;
  /** Keys that appeared twice in one object (Python keeps the last value silently). */
  duplicateKeys: string[];
}

const MAX_DEPTH = 512;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class Parser {
  pos = 0;
  duplicateKeys: string[] = [];
  constructor(private readonly s: string) {}

  fail(msg: string): never {
    throw new PyJsonError(msg, this.pos);
  }

  ws(): void {
    const s = this.s;
    let c = s.charCodeAt(this.pos);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = s.charCodeAt(++this.pos);
  }

  value(depth: number): PyJson {
    this.ws();
    const c = this.s.charCodeAt(this.pos);
    if (c === 0x22) return this.string();
    if (c === 0x7b) return this.object(depth + 1);
    if (c === 0x5b) return this.array(depth + 1);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (this.s.startsWith('true', this.pos)) return ((this.pos += 4), true);
    if (this.s.startsWith('false', this.pos)) return ((this.pos += 5), false);
    if (this.s.startsWith('null', this.pos)) return ((this.pos += 4), null);
    if (this.s.startsWith('NaN', this.pos)) return ((this.pos += 3), NaN);
    if (this.s.startsWith('Infinity', this.pos)) return ((this.pos += 8), Infinity);
    if (Number.isNaN(c)) this.fail('Expecting value, found the end of the line');
    return this.fail('Expecting value');
  }

  number(): PyJson {
    if (this.s.startsWith('-Infinity', this.pos)) return ((this.pos += 9), -Infinity);
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.s);
    if (!m) return this.fail('Expecting value');
    this.pos += m[0].length;
    const text = m[0];
    if (m[1] === undefined && m[2] === undefined) {
      if (text.length < 16) return Number(text) || 0; // "-0" is the int 0 in Python
      if (text.replace('-', '').length > 4300)
        this.fail('Integer of more than 4300 digits (Python refuses it)');
      const big = BigInt(text);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(big)
        : big;
    }
    const x = Number(text);
    return Number.isInteger(x) || Object.is(x, -0) ? new PyFloat(x) : x;
  }

  string(): string {
    const s = this.s;
    let i = ++this.pos;
    let out = '';
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        out += s.slice(this.pos, i);
        this.pos = i + 1;
        return out;
      }
      if (c === 0x5c) {
        out += s.slice(this.pos, i);
        const e = s[i + 1];
        if (e === 'u') {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.pos = i;
            this.fail('Invalid \\uXXXX escape');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const r = e === undefined ? undefined : ESCAPES[e];
          if (r === undefined) {
            this.pos = i;
            this.fail('Invalid \\escape');
          }
          out += r;
          i += 2;
        }
        this.pos = i;
        continue;
      }
      if (Number.isNaN(c)) {
        this.pos = i;
        this.fail('Unterminated string');
      }
      if (c < 0x20) {
        this.pos = i;
        this.fail('Invalid control character in string');
      }
      i++;
    }
  }

  object(depth: number): PyJson {
    if (depth > MAX_DEPTH) this.fail('Nested too deeply');
    this.pos++;
    const obj: { [key: string]: PyJson } = {};
    this.ws();
    if (this.s.charCodeAt(this.pos) === 0x7d) return (this.pos++, obj);
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.pos) !== 0x22)
        this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.ws();
      if (this.s.charCodeAt(this.pos) !== 0x3a) this.fail("Expecting ':' delimiter");
      this.pos++;
      const v = this.value(depth);
      if (Object.prototype.hasOwnProperty.call(obj, key)) this.duplicateKeys.push(key);
      // A "__proto__" key is data, never the prototype (defineProperty only there: it is slow).
      if (key === '__proto__')
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[key] = v;
      this.ws();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x7d) return obj;
      if (c !== 0x2c) {
        this.pos--;
        this.fail("Expecting ',' delimiter");
      }
    }
  }

  array(depth: number): PyJson {
    if (depth > MAX_DEPTH) this.fail('Nested too deeply');
    this.pos++;
    const arr: PyJson[] = [];
    this.ws();
    if (this.s.charCodeAt(this.pos) === 0x5d) return (this.pos++, arr);
    for (;;) {
      arr.push(this.value(depth));
      this.ws();
      const c = this.s.charCodeAt(this.pos++);
      if (c === 0x5d) return arr;
      if (c !== 0x2c) {
        this.pos--;
        this.fail("Expecting ',' delimiter");
      }
    }
  }
}

/** Parses one JSON document as Python's json.loads would; throws PyJsonError with the position. */
export function pyLoads(text: string): ParseResult {
  const p = new Parser(text);
  const value = p.value(0);
  p.ws();
  if (p.pos < text.length) p.fail('Extra data');
  return { value, duplicateKeys: p.duplicateKeys };
}
