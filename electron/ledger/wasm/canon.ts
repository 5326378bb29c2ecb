// AssemblyScript (compiled to canon.wasm by scripts/build.mjs, not by tsc): the fast canonicalizer
// of fast-canonical.ts over a whole chunk of ledger lines per call. For each '\n'-terminated line it
// writes the canonical bytes (Python's json.dumps(entry minus current_hash, sort_keys=True)) into
// OUT and a record into RECS; a line it cannot take is marked declined and left to the JS paths.
// The rules are those of fast-canonical.ts, byte for byte, with one difference: a float lexeme
// that is not plainly Python's repr (more than 15 significant digits, ...) is not decided here but
// listed in CHECKS, and the caller drops the line to the JS path unless pyFloatRepr agrees.

const LIMIT: i32 = 256 * 1024;
const MAX_DEPTH: i32 = 64;
const MAX_INT_DIGITS: i32 = 4300;
const POOL: i32 = 4096;
const FIELDS: i32 = 14;
const CURRENT_HASH: i32 = 13;
const PREVIOUS_HASH: i32 = 12;
/** i32 slots per record (see the R_ offsets). */
const REC: i32 = 12;
const R_LINE_AT: i32 = 0; // line start, from IN
const R_LINE_LEN: i32 = 1; // line length without "\n" and one trailing "\r"
const R_STATUS: i32 = 2; // 1: canonical bytes written; 0: declined
const R_CANON_AT: i32 = 3; // from OUT
const R_CANON_LEN: i32 = 4;
const R_HASH_AT: i32 = 5; // current_hash's characters, from IN
const R_HASH_LEN: i32 = 6;
const R_PREV_AT: i32 = 7; // previous_hash's characters, from IN
const R_PREV_LEN: i32 = 8;
const R_CHECK_AT: i32 = 9; // first deferred float check (index into CHECKS)
const R_CHECK_COUNT: i32 = 10;
const R_LINKS: i32 = 11; // 1: previous_hash is the current_hash of the record before, byte for byte
/** Deferred float checks one line may need before it is declined outright. */
const CHECKS_PER_LINE: i32 = 16;
// A member: its key's first 8 bytes as a big-endian number (zero-padded: keys hold no 0 byte), where
// the key's characters start and end in the line, where its value starts and ends in the line, and
// where the value's rewriting starts and ends in WORK (0: none). Array elements use the last four.
const MEMBER: i32 = 32;
const M_KEY8: usize = 0;
const M_KEY_AT: usize = 8;
const M_KEY_END: usize = 12;
const M_VALUE_AT: usize = 16;
const M_END: usize = 20;
const M_W_AT: usize = 24;
const M_W_END: usize = 28;
/** Room for rewritten values of one line (nested rewritings each take their object's length again). */
const WORK_SIZE: i32 = 1024 * 1024;

// Memory layout, set by init().
let IN: usize = 0;
let WORK: usize = 0;
let OUT: usize = 0;
let RECS: usize = 0;
let MAX_RECS: i32 = 0;
let CHECKS: usize = 0;
let MAX_CHECKS: i32 = 0;
/** Members of the objects being scanned (a stack shared by nested objects), MEMBER bytes each. */
let MEMBERS: usize = 0;
let ORDER: usize = 0;
let PREFIX: usize = 0;
let PREFIX_LEN: usize = 0;
/** Per top-level field (32 bytes): where its member text starts, its value starts and ends in the line, its value's rewriting starts and ends. */
let FIELD_SPANS: usize = 0;
let SORTED: usize = 0;

// Scanner state: the address just past the value scanned, the next free byte of WORK, the pool top.
let end: usize = 0;
let o: usize = 0;
let top: i32 = 0;
let checks: i32 = 0;
let lineChecks: i32 = 0;
let hashAt: usize = 0;
let hashEnd: usize = 0;
let prevAt: usize = 0;
let prevEnd: usize = 0;
let consumedTo: i32 = 0;

function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + ((<usize>i) << 2));
}
function setI32(base: usize, i: i32, v: i32): void {
  store<i32>(base + ((<usize>i) << 2), v);
}
function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

/**
 * Copies n bytes 16 at a time: it may read and write up to 15 bytes past the ends, which the
 * layout leaves room for; every destination here is written front to back, so that overrun is
 * either overwritten next or never read.
 */
function copyFast(dst: usize, src: usize, n: usize): void {
  for (let k: usize = 0; k < n; k += 16) v128.store(dst + k, v128.load(src + k));
}

/** A field's prefix text in 32 bytes (zero-padded), then a mask of 0xff over its bytes. */
function putPrefix(f: i32, key: string): void {
  const at = PREFIX + ((<usize>f) << 6);
  let n: i32 = 0;
  if (f == 0) store<u8>(at + n++, 0x7b);
  else {
    store<u8>(at + n++, 0x2c);
    store<u8>(at + n++, 0x20);
  }
  store<u8>(at + n++, 0x22);
  for (let i = 0; i < key.length; i++) store<u8>(at + n++, <u8>key.charCodeAt(i));
  store<u8>(at + n++, 0x22);
  store<u8>(at + n++, 0x3a);
  store<u8>(at + n++, 0x20);
  setI32(PREFIX_LEN, f, n);
  for (let i = 0; i < 32; i++) store<u8>(at + 32 + i, i < n ? 0xff : 0);
}

/** Lays out memory for chunks of up to `cap` bytes; returns IN (where the caller writes lines). */
export function init(cap: i32, maxRecs: i32, maxChecks: i32): usize {
  const base: usize = (__heap_base + 63) & ~63;
  IN = base;
  WORK = IN + <usize>cap + 64;
  OUT = WORK + <usize>WORK_SIZE + 64;
  RECS = OUT + <usize>cap + 64;
  MAX_RECS = maxRecs;
  CHECKS = RECS + <usize>(maxRecs * REC * 4);
  MAX_CHECKS = maxChecks;
  MEMBERS = CHECKS + <usize>(maxChecks * 8);
  ORDER = MEMBERS + <usize>(POOL * MEMBER);
  PREFIX = ORDER + <usize>(POOL * 4);
  PREFIX_LEN = PREFIX + <usize>(FIELDS * 64);
  FIELD_SPANS = PREFIX_LEN + <usize>(FIELDS * 4);
  SORTED = FIELD_SPANS + <usize>(FIELDS * 32);
  const total = SORTED + <usize>(FIELDS * 4) + 64;
  const pages = <i32>((total + 0xffff) >> 16) - memory.size();
  if (pages > 0 && memory.grow(pages) < 0) return 0;
  // The seed's field order (a line's order).
  putPrefix(0, 'decision_id');
  putPrefix(1, 'timestamp');
  putPrefix(2, 'version');
  putPrefix(3, 'delta_linf');
  putPrefix(4, 'caos_plus');
  putPrefix(5, 'sr_score');
  putPrefix(6, 'ethical_score');
  putPrefix(7, 'decision');
  putPrefix(8, 'reason');
  putPrefix(9, 'metrics');
  putPrefix(10, 'violations');
  putPrefix(11, 'gates_passed');
  putPrefix(12, 'previous_hash');
  putPrefix(13, 'current_hash');
  // Line positions of the hashed fields in sorted key order: caos_plus, decision, decision_id,
  // delta_linf, ethical_score, gates_passed, metrics, previous_hash, reason, sr_score, timestamp,
  // version, violations.
  setI32(SORTED, 0, 4);
  setI32(SORTED, 1, 7);
  setI32(SORTED, 2, 0);
  setI32(SORTED, 3, 3);
  setI32(SORTED, 4, 6);
  setI32(SORTED, 5, 11);
  setI32(SORTED, 6, 9);
  setI32(SORTED, 7, 12);
  setI32(SORTED, 8, 8);
  setI32(SORTED, 9, 5);
  setI32(SORTED, 10, 1);
  setI32(SORTED, 11, 2);
  setI32(SORTED, 12, 10);
  return IN;
}

export function outBase(): usize {
  return OUT;
}
export function recsBase(): usize {
  return RECS;
}
export function checksBase(): usize {
  return CHECKS;
}
/** Where the last run() stopped (from IN): the start of the first line it did not take. */
export function consumed(): i32 {
  return consumedTo;
}

/** The JSON kind each field's value must start with: 0 string, 1 number, 2 object, 3 array. */
function kindOf(f: i32): i32 {
  if (f == 9 || f == 11) return 2;
  if (f == 10) return 3;
  if (f >= 3 && f <= 6) return 1;
  return 0;
}

/** A key's first 8 bytes, big-endian, zero-padded: their order is the keys' order as far as they go. */
function key8(at: usize, len: usize): u64 {
  const x = bswap<u64>(load<u64>(at));
  return len >= 8 ? x : x & ~((<u64>-1) >> (len << 3));
}

/** Compares members a and b by their keys' bytes (ASCII: byte order is code point order). */
function compareMembers(a: usize, b: usize): i32 {
  const x = load<u64>(a, M_KEY8);
  const y = load<u64>(b, M_KEY8);
  if (x != y) return x < y ? -1 : 1;
  return compareKeys(
    <usize>load<i32>(a, M_KEY_AT),
    <usize>load<i32>(a, M_KEY_END),
    <usize>load<i32>(b, M_KEY_AT),
    <usize>load<i32>(b, M_KEY_END),
  );
}

function sameBytes(a0: usize, a1: usize, b0: usize, b1: usize): bool {
  const n = a1 - a0;
  if (n != b1 - b0) return false;
  let k: usize = 0;
  for (; k + 16 <= n; k += 16)
    if (!i8x16.all_true(i8x16.eq(v128.load(a0 + k), v128.load(b0 + k)))) return false;
  for (; k < n; k++) if (load<u8>(a0 + k) != load<u8>(b0 + k)) return false;
  return true;
}

/** Compares two keys by their bytes (ASCII: byte order is code point order). */
function compareKeys(a0: usize, a1: usize, b0: usize, b1: usize): i32 {
  const la = <i32>(a1 - a0);
  const lb = <i32>(b1 - b0);
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const d = <i32>load<u8>(a0 + i) - <i32>load<u8>(b0 + i);
    if (d != 0) return d;
  }
  return la - lb;
}

// Values are checked in place, not copied: a value's canonical text is its text in the line unless
// an object inside it has its keys out of order. Such a value is "rewritten": its canonical text
// (same length) is built in WORK at [wAt, wEnd), from line spans and the rewritten values in it.
let wAt: usize = 0; // 0: the value just scanned is canonical as it stands in the line

/** Scans the string at p: false unless it is printable ASCII without escapes. */
function scanString(p: usize): bool {
  let i = p + 1;
  // 16 bytes at a time (the lines have slack after them): the first byte that is not printable
  // ASCII or is a quote or backslash must be the closing quote.
  const quote = i8x16.splat(0x22);
  const backslash = i8x16.splat(0x5c);
  const low = i8x16.splat(0x1f);
  const high = i8x16.splat(0x7e);
  for (;;) {
    const v = v128.load(i);
    const bad = v128.or(
      v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)),
      v128.or(i8x16.le_u(v, low), i8x16.gt_u(v, high)),
    );
    const m = i8x16.bitmask(bad);
    if (m != 0) {
      const k = <usize>ctz(m);
      if (load<u8>(i + k) != 0x22) return false;
      end = i + k + 1;
      return true;
    }
    i += 16;
  }
  return false;
}

/** Fixed notation, as Python prints 1e-4 <= |x| < 1e16 (and 0.0). */
function fixedIsRepr(intAt: usize, intDigits: i32, fracAt: usize, fracEnd: usize): bool {
  const fracDigits = <i32>(fracEnd - fracAt);
  const zeroInt = intDigits == 1 && load<u8>(intAt) == 0x30;
  if (fracDigits == 1 && load<u8>(fracAt) == 0x30) return zeroInt || intDigits <= 15;
  if (load<u8>(fracEnd - 1) == 0x30) return false;
  if (!zeroInt) return intDigits + fracDigits <= 15;
  let lead: i32 = 0;
  while (load<u8>(fracAt + lead) == 0x30) lead++;
  return lead < 4 && fracDigits - lead <= 15;
}

/** Exponent notation, as Python prints |x| < 1e-4 and |x| >= 1e16: 6e-05, 1.5e+16. */
function exponentIsRepr(
  intAt: usize,
  intDigits: i32,
  fracAt: usize,
  fracEnd: usize,
  e: usize,
  i: usize,
): bool {
  if (intDigits != 1 || load<u8>(intAt) == 0x30 || load<u8>(e) != 0x65) return false;
  const fracDigits = <i32>(fracEnd - fracAt);
  if (fracDigits > 0 && (load<u8>(fracEnd - 1) == 0x30 || fracDigits > 14)) return false;
  const sign = load<u8>(e + 1);
  if (sign != 0x2b && sign != 0x2d) return false;
  const expDigits = <i32>(i - e) - 2;
  if (expDigits < 2 || expDigits > 3 || (expDigits == 3 && load<u8>(e + 2) == 0x30)) return false;
  let exp: i32 = 0;
  for (let k = e + 2; k < i; k++) exp = exp * 10 + <i32>load<u8>(k) - 0x30;
  return sign == 0x2d ? exp >= 5 && exp <= 300 : exp >= 16 && exp <= 300;
}

/** Scans the number at p: true when it is how Python prints its value (or listed for the caller's check). */
function scanNumber(p: usize): bool {
  let i = p;
  let c = <u32>load<u8>(i);
  if (c == 0x2d) c = load<u8>(++i);
  const intAt = i;
  if (c == 0x30) c = load<u8>(++i);
  else if (c - 0x31 < 9) {
    do c = load<u8>(++i);
    while (isDigit(c));
  } else return false;
  const intDigits = <i32>(i - intAt);
  if (c != 0x2e && c != 0x65 && c != 0x45) {
    // An int: Python prints it as written unless it is "-0" (or too long for Python to read).
    if ((intDigits == 1 && intAt > p && load<u8>(intAt) == 0x30) || intDigits > MAX_INT_DIGITS) return false;
  } else {
    let fracAt = i;
    let fracEnd = i;
    let ok: bool;
    if (c == 0x2e) {
      fracAt = i + 1;
      c = load<u8>(++i);
      if (!isDigit(c)) return false;
      do c = load<u8>(++i);
      while (isDigit(c));
      fracEnd = i;
    }
    if (c == 0x65 || c == 0x45) {
      const e = i;
      c = load<u8>(++i);
      if (c == 0x2b || c == 0x2d) c = load<u8>(++i);
      if (!isDigit(c)) return false;
      do c = load<u8>(++i);
      while (isDigit(c));
      ok = exponentIsRepr(intAt, intDigits, fracAt, fracEnd, e, i);
    } else {
      ok = fixedIsRepr(intAt, intDigits, fracAt, fracEnd);
    }
    if (!ok) {
      // Python's repr or not: the caller asks pyFloatRepr (as fast-canonical.ts's floatIsRepr does).
      if (lineChecks == CHECKS_PER_LINE) return false;
      const at = CHECKS + ((<usize>(checks + lineChecks)) << 3);
      store<i32>(at, <i32>(p - IN));
      store<i32>(at + 4, <i32>(i - p));
      lineChecks++;
    }
  }
  end = i;
  return true;
}

/** Scans the value at p (setting end and wAt); false when the line is not eligible. */
function scanValue(p: usize, depth: i32): bool {
  const c = <u32>load<u8>(p);
  wAt = 0;
  if (c == 0x22) return scanString(p);
  if (c == 0x7b) return depth < MAX_DEPTH && scanObject(p, depth + 1);
  if (c == 0x5b) return depth < MAX_DEPTH && scanArray(p, depth + 1);
  if (c == 0x2d || isDigit(c)) return scanNumber(p);
  if (c == 0x74 && load<u8>(p + 1) == 0x72 && load<u8>(p + 2) == 0x75 && load<u8>(p + 3) == 0x65) {
    end = p + 4;
    return true;
  }
  if (
    c == 0x66 &&
    load<u8>(p + 1) == 0x61 &&
    load<u8>(p + 2) == 0x6c &&
    load<u8>(p + 3) == 0x73 &&
    load<u8>(p + 4) == 0x65
  ) {
    end = p + 5;
    return true;
  }
  if (c == 0x6e && load<u8>(p + 1) == 0x75 && load<u8>(p + 2) == 0x6c && load<u8>(p + 3) == 0x6c) {
    end = p + 4;
    return true;
  }
  return false;
}

/** Room in WORK for n more bytes (and copyFast's overrun)? */
function roomFor(n: usize): bool {
  return o + n + 16 <= WORK + <usize>WORK_SIZE;
}

/**
 * Rewrites the value at line [p, q) into WORK: its text with the rewritten values among the
 * members base..top-1 (in order) put in. Sets wAt (and o past it).
 */
function rewriteInPlace(p: usize, q: usize, base: i32): bool {
  if (!roomFor(q - p)) return false;
  const at = o;
  let from = p;
  for (let i = base; i < top; i++) {
    const m = MEMBERS + <usize>(i * MEMBER);
    const ma = <usize>load<i32>(m, M_W_AT);
    if (ma == 0) continue;
    const va = <usize>load<i32>(m, M_VALUE_AT);
    copyFast(o, from, va - from);
    o += va - from;
    const n = <usize>load<i32>(m, M_W_END) - ma;
    copyFast(o, ma, n);
    o += n;
    from = <usize>load<i32>(m, M_END);
  }
  copyFast(o, from, q - from);
  o += q - from;
  wAt = at;
  return true;
}

function scanArray(p: usize, depth: i32): bool {
  let pos = p + 1;
  if (load<u8>(pos) == 0x5d) {
    end = pos + 1;
    wAt = 0;
    return true;
  }
  const base = top;
  for (;;) {
    if (!scanValue(pos, depth)) return false;
    if (wAt != 0) {
      // A rewritten element: remembered (as a member without a key) for the array's rewriting.
      if (top == POOL) return false;
      const m = MEMBERS + <usize>(top * MEMBER);
      store<i32>(m, <i32>pos, M_VALUE_AT);
      store<i32>(m, <i32>end, M_END);
      store<i32>(m, <i32>wAt, M_W_AT);
      store<i32>(m, <i32>o, M_W_END);
      top++;
    }
    const c = load<u8>(end);
    if (c == 0x5d) break;
    if (c != 0x2c || load<u8>(end + 1) != 0x20) return false;
    pos = end + 2;
  }
  end++;
  wAt = 0;
  if (top > base) {
    if (!rewriteInPlace(p, end, base)) return false;
    top = base;
  }
  return true;
}

function scanObject(p: usize, depth: i32): bool {
  let pos = p + 1;
  if (load<u8>(pos) == 0x7d) {
    end = pos + 1;
    wAt = 0;
    return true;
  }
  const base = top;
  let sorted = true;
  let rewritten = false;
  for (;;) {
    if (load<u8>(pos) != 0x22 || top == POOL) return false;
    if (!scanString(pos)) return false;
    const kEnd = end - 1;
    if (load<u8>(end) != 0x3a || load<u8>(end + 1) != 0x20) return false;
    const valueAt = end + 2;
    if (!scanValue(valueAt, depth)) return false;
    const m = MEMBERS + <usize>(top * MEMBER);
    store<u64>(m, key8(pos + 1, kEnd - pos - 1), M_KEY8);
    store<i32>(m, <i32>(pos + 1), M_KEY_AT);
    store<i32>(m, <i32>kEnd, M_KEY_END);
    store<i32>(m, <i32>valueAt, M_VALUE_AT);
    store<i32>(m, <i32>end, M_END);
    store<i32>(m, <i32>wAt, M_W_AT);
    store<i32>(m, <i32>o, M_W_END);
    if (wAt != 0) rewritten = true;
    if (top > base) {
      const d = compareMembers(m - MEMBER, m);
      if (d == 0) return false; // a duplicate key: the reference path reports it
      if (d > 0) sorted = false;
    }
    top++;
    const c = load<u8>(end);
    if (c == 0x7d) break;
    if (c != 0x2c || load<u8>(end + 1) != 0x20) return false;
    pos = end + 2;
  }
  end++;
  wAt = 0;
  if (!sorted) {
    if (!sortKeys(base) || !rewriteSorted(p, end, base)) return false;
  } else if (rewritten && !rewriteInPlace(p, end, base)) return false;
  top = base;
  return true;
}

/** Rewrites the object at line [p, q) into WORK with its members base..top-1 in ORDER. Sets wAt. */
function rewriteSorted(p: usize, q: usize, base: i32): bool {
  if (!roomFor(q - p)) return false;
  const at = o;
  store<u8>(o++, 0x7b);
  for (let i = base; i < top; i++) {
    const m = MEMBERS + <usize>(i32At(ORDER, i) * MEMBER);
    if (i > base) {
      store<u16>(o, 0x202c);
      o += 2;
    }
    // The key, '": ', then the value: from the line, or its rewriting.
    const k = <usize>load<i32>(m, M_KEY_AT) - 1;
    const ma = <usize>load<i32>(m, M_W_AT);
    const e = <usize>load<i32>(m, M_END);
    if (ma == 0) {
      copyFast(o, k, e - k);
      o += e - k;
    } else {
      const va = <usize>load<i32>(m, M_VALUE_AT);
      copyFast(o, k, va - k);
      o += va - k;
      const n = <usize>load<i32>(m, M_W_END) - ma;
      copyFast(o, ma, n);
      o += n;
    }
  }
  store<u8>(o++, 0x7d);
  wAt = at;
  return o - at == q - p;
}

/** Sorts the member numbers base..top-1 into ORDER by key (insertion sort: objects are small); false on equal keys. */
function sortKeys(base: i32): bool {
  for (let i = base; i < top; i++) {
    let j = i - 1;
    for (; j >= base; j--) {
      const y = i32At(ORDER, j);
      const d = compareMembers(MEMBERS + <usize>(y * MEMBER), MEMBERS + <usize>(i * MEMBER));
      if (d == 0) return false;
      if (d < 0) break;
      setI32(ORDER, j + 1, y);
    }
    setI32(ORDER, j + 1, i);
  }
  return true;
}

/** Canonicalizes the line at p into OUT at w: the canonical length, or -1 to decline. Sets end past the line's "}". */
function canonicalize(p: usize, w: usize): i32 {
  let pos = p;
  o = WORK;
  top = 0;
  lineChecks = 0;
  for (let f = 0; f < FIELDS; f++) {
    const prefix = PREFIX + ((<usize>f) << 6);
    const n = <usize>i32At(PREFIX_LEN, f);
    // The line's next 32 bytes against the prefix, under its mask (there is slack after the lines).
    const ok0 = v128.or(i8x16.eq(v128.load(pos), v128.load(prefix)), v128.not(v128.load(prefix, 32)));
    const ok1 = v128.or(i8x16.eq(v128.load(pos, 16), v128.load(prefix, 16)), v128.not(v128.load(prefix, 48)));
    if (!i8x16.all_true(v128.and(ok0, ok1))) return -1;
    const valueAt = pos + n;
    const kind = kindOf(f);
    const c = <u32>load<u8>(valueAt);
    if (kind == 0) {
      if (c != 0x22) return -1;
    } else if (kind == 1) {
      if (c != 0x2d && !isDigit(c)) return -1;
    } else if (c != (kind == 2 ? 0x7b : 0x5b)) return -1;
    if (!scanValue(valueAt, 0)) return -1;
    // The member's text ("key": value) in the line, and the value's rewriting if it has one.
    const m = FIELD_SPANS + ((<usize>f) << 5);
    store<i32>(m, <i32>(pos + (f == 0 ? 1 : 2)));
    store<i32>(m, <i32>valueAt, 4);
    store<i32>(m, <i32>end, 8);
    store<i32>(m, <i32>wAt, 12);
    store<i32>(m, <i32>o, 16);
    if (f == CURRENT_HASH) {
      hashAt = valueAt + 1;
      hashEnd = end - 1;
    } else if (f == PREVIOUS_HASH) {
      prevAt = valueAt + 1;
      prevEnd = end - 1;
    }
    pos = end;
  }
  if (load<u8>(pos) != 0x7d) return -1;
  end = pos + 1;
  const start = w;
  store<u8>(w++, 0x7b);
  for (let i = 0; i < FIELDS - 1; i++) {
    const f = i32At(SORTED, i);
    if (i > 0) {
      store<u16>(w, 0x202c);
      w += 2;
    }
    const m = FIELD_SPANS + ((<usize>f) << 5);
    const a = <usize>load<i32>(m);
    const e = <usize>load<i32>(m, 8);
    const ma = <usize>load<i32>(m, 12);
    if (ma == 0) {
      copyFast(w, a, e - a);
      w += e - a;
    } else {
      const va = <usize>load<i32>(m, 4);
      copyFast(w, a, va - a);
      w += va - a;
      const n = <usize>load<i32>(m, 16) - ma;
      copyFast(w, ma, n);
      w += n;
    }
  }
  store<u8>(w++, 0x7d);
  return <i32>(w - start);
}

/**
 * Canonicalizes the lines of IN[from, len), all ending in "\n", writing one record each; returns the
 * number of records. Stops early when the record or check table is full: consumed() says where.
 */
export function run(from: i32, len: i32): i32 {
  const stop = IN + <usize>len;
  let p = IN + <usize>from;
  let w = OUT;
  let count: i32 = 0;
  let lastHashAt: usize = 0; // the current_hash of the record before, when it was taken
  let lastHashEnd: usize = 0;
  checks = 0;
  while (p < stop && count < MAX_RECS && checks + CHECKS_PER_LINE <= MAX_CHECKS) {
    // Every scan stops at the line's "\n" (no rule takes it); WORK is bounded by roomFor; a line
    // over the JS path's limit is scanned, then declined.
    let n = canonicalize(p, w);
    let nl: usize = 0;
    let lineEnd: usize = 0;
    if (n >= 0) {
      // The line must end right after its "}": "\n" or "\r\n", and fit the JS path's limit.
      lineEnd = end;
      const c = load<u8>(lineEnd);
      if (c == 0x0a) nl = lineEnd;
      else if (c == 0x0d && load<u8>(lineEnd + 1) == 0x0a) nl = lineEnd + 1;
      if (nl == 0 || <i32>(lineEnd - p) > LIMIT) n = -1;
    }
    if (n < 0) {
      nl = p;
      for (;;) {
        const m = i8x16.bitmask(i8x16.eq(v128.load(nl), i8x16.splat(0x0a)));
        if (m != 0) {
          nl += <usize>ctz(m);
          break;
        }
        nl += 16;
      }
      lineEnd = nl > p && load<u8>(nl - 1) == 0x0d ? nl - 1 : nl;
    }
    const r = RECS + <usize>(count * REC * 4);
    setI32(r, R_LINE_AT, <i32>(p - IN));
    setI32(r, R_LINE_LEN, <i32>(lineEnd - p));
    if (n >= 0) {
      setI32(r, R_STATUS, 1);
      setI32(r, R_CANON_AT, <i32>(w - OUT));
      setI32(r, R_CANON_LEN, n);
      setI32(r, R_HASH_AT, <i32>(hashAt - IN));
      setI32(r, R_HASH_LEN, <i32>(hashEnd - hashAt));
      setI32(r, R_PREV_AT, <i32>(prevAt - IN));
      setI32(r, R_PREV_LEN, <i32>(prevEnd - prevAt));
      setI32(r, R_CHECK_AT, checks);
      setI32(r, R_CHECK_COUNT, lineChecks);
      setI32(r, R_LINKS, lastHashAt != 0 && sameBytes(prevAt, prevEnd, lastHashAt, lastHashEnd) ? 1 : 0);
      lastHashAt = hashAt;
      lastHashEnd = hashEnd;
      checks += lineChecks;
      w += <usize>n;
    } else {
      setI32(r, R_STATUS, 0);
      setI32(r, R_CHECK_COUNT, 0);
      setI32(r, R_LINKS, 0);
      lastHashAt = 0;
    }
    count++;
    p = nl + 1;
  }
  consumedTo = <i32>(p - IN);
  return count;
}
