// The WebAssembly canonicalizer (canon.ts, embedded as canon-wasm.ts): one instance per caller at a
// time, each with its own memory (a chunk of lines in, canonical bytes and one record per line out).
// Null where WebAssembly is unavailable or PENIN_LEDGER_WASM=0: callers then take the JS paths.
import { pyFloatRepr } from '../pyfloat';
import { CANON_WASM_BASE64 } from './canon-wasm';

interface CanonExports {
  memory: WebAssembly.Memory;
  init(cap: number, maxRecs: number, maxChecks: number): number;
  outBase(): number;
  recsBase(): number;
  checksBase(): number;
  consumed(): number;
  run(from: number, len: number): number;
}

/** Record layout (i32 slots; see canon.ts). */
export const REC = 12;
export const R_LINE_AT = 0;
export const R_LINE_LEN = 1;
export const R_STATUS = 2;
export const R_CANON_AT = 3;
export const R_CANON_LEN = 4;
export const R_HASH_AT = 5;
export const R_HASH_LEN = 6;
export const R_PREV_AT = 7;
export const R_PREV_LEN = 8;
export const R_CHECK_AT = 9;
export const R_CHECK_COUNT = 10;
export const R_LINKS = 11;

interface Latin1Slicer {
  latin1Slice?: (this: Buffer, start: number, end: number) => string;
}

const CAPACITY = 2 * 1024 * 1024;
const MAX_RECS = 8192;
const MAX_CHECKS = 32768;

export class WasmCanon {
  /** Bytes of whole lines per run (the input area's size). */
  readonly capacity = CAPACITY;
  /** The whole memory (offsets below are into it). */
  readonly mem: Buffer;
  readonly bytes: Uint8Array;
  /** The input area: the caller writes lines here. */
  readonly input: Buffer;
  readonly inAt: number;
  readonly outAt: number;
  /** REC slots per record, for the records of the last run. */
  readonly records: Int32Array;
  /** Pairs (offset from the input area, length) of float lexemes the last run left to pyFloatRepr. */
  readonly checks: Int32Array;

  constructor(private readonly x: CanonExports) {
    this.inAt = x.init(CAPACITY, MAX_RECS, MAX_CHECKS);
    if (this.inAt === 0) throw new Error('wasm canonicalizer: out of memory');
    const buf = x.memory.buffer; // never grows after init
    this.mem = Buffer.from(buf);
    this.bytes = new Uint8Array(buf);
    // Buffer's own latin1Slice, without toString's argument handling, where Node has it.
    const mem = this.mem;
    const slice = (Buffer.prototype as unknown as Latin1Slicer).latin1Slice;
    this.latin1 = slice
      ? (from, to) => slice.call(mem, from, to)
      : (from, to) => mem.toString('latin1', from, to);
    this.input = Buffer.from(buf, this.inAt, CAPACITY);
    this.outAt = x.outBase();
    this.records = new Int32Array(buf, x.recsBase(), MAX_RECS * REC);
    this.checks = new Int32Array(buf, x.checksBase(), MAX_CHECKS * 2);
  }

  /** Canonicalizes the lines of input[from, len) (len just after a "\n"); returns the records written. */
  run(from: number, len: number): number {
    return this.x.run(from, len);
  }

  /** The bytes at [from, to) as a latin1 string. */
  readonly latin1: (from: number, to: number) => string;

  /** Where the last run stopped: the next line to give it. */
  consumed(): number {
    return this.x.consumed();
  }
}

let compiled: WebAssembly.Module | null | undefined;
const free: WasmCanon[] = [];

function compile(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (process.env.PENIN_LEDGER_WASM === '0' || typeof WebAssembly !== 'object') return null;
  try {
    compiled = new WebAssembly.Module(Buffer.from(CANON_WASM_BASE64, 'base64'));
  } catch {
    compiled = null; // no SIMD, no WebAssembly: the JS paths
  }
  return compiled;
}

/** A canonicalizer for the caller's sole use until release(); null when WebAssembly cannot be used. */
export function acquireCanon(): WasmCanon | null {
  const reused = free.pop();
  if (reused) return reused;
  const m = compile();
  if (!m) return null;
  try {
    return new WasmCanon(new WebAssembly.Instance(m, {}).exports as unknown as CanonExports);
  } catch {
    return null;
  }
}

export function releaseCanon(c: WasmCanon): void {
  if (free.length < 2) free.push(c);
}

/**
 * Whether the line of record r (a slot offset in c.records) is taken by the canonicalizer: it says
 * so, and every float lexeme it could not confirm is Python's repr of its value (as fast-float's
 * floatIsRepr decides). Otherwise the line goes to the JS paths.
 */
export function recordTaken(c: WasmCanon, r: number): boolean {
  const rec = c.records;
  if (rec[r + R_STATUS] !== 1) return false;
  const first = rec[r + R_CHECK_AT];
  for (let k = first; k < first + rec[r + R_CHECK_COUNT]; k++) {
    const at = c.inAt + c.checks[2 * k];
    const lexeme = c.latin1(at, at + c.checks[2 * k + 1]);
    if (pyFloatRepr(Number(lexeme)) !== lexeme) return false;
  }
  return true;
}
