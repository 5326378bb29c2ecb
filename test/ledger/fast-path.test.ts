// The fast canonicalizer (lines in Python's own form, canonical text from slices of the line) must
// give the reference bytes (parse, then json.dumps(sort_keys=True)) or decline: never other bytes,
// never another verdict. Checked on random documents, on unusual lexemes, against the seed's Python,
// and through the ChainVerifier on damaged ledgers.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fastCanonical, type FastLine } from '../../electron/ledger/fast-canonical';
import { wasmCanonical } from '../../electron/ledger/wasm/canon-lines';
import { ChainVerifier, type ChainBreak } from '../../electron/ledger/chain-verifier';
import {
  computeHash,
  createPcag,
  createPcagLine,
  pcagLine,
  pcagShapeProblem,
  PCAG_FIELDS,
  sha256HexOf,
} from '../../electron/ledger/pcag';
import { pyLoads } from '../../electron/ledger/pyjson-parse';
import { PyFloat } from '../../electron/ledger/pyfloat';
import { pyDumps } from '../../electron/ledger/pyjson-dump';
import { GENESIS_HASH, type DecisionData, type Pcag, type PyJson } from '../../electron/ledger/types';
import { seedPython, seedVerify } from '../helpers/python';
import { tmpDir } from '../helpers/tmp';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';

const reference = (line: string): string =>
  pyDumps(pyLoads(line).value, { sortKeys: true, omitTopLevelKey: 'current_hash' });

/** The WebAssembly canonicalizer on one line (it takes exactly the lines the JS fast path takes). */
function wasmLine(line: string): FastLine | null {
  const r = wasmCanonical([line]);
  if (r === null) throw new Error('WebAssembly canonicalizer unavailable');
  return r[0];
}

/** Asserts the fast paths (JS and WebAssembly) decline or agree with the reference; returns whether they took the line. */
function agrees(line: string): boolean {
  const fast = fastCanonical(line);
  expect(wasmLine(line), line).toEqual(fast);
  if (fast === null) return false;
  const v = pyLoads(line).value as { [k: string]: PyJson };
  expect(fast.canonical, line).toBe(reference(line));
  expect(fast.currentHash).toBe(v.current_hash);
  expect(fast.previousHash).toBe(v.previous_hash);
  return true;
}

// A PCAg line in Python's own form with any value text spliced into its fields.
const HEAD = '{"decision_id": "d-1", "timestamp": "2026-11-25T00:00:00", "version": "1.0"';
function line(fields: {
  delta?: string;
  metrics?: string;
  violations?: string;
  gates?: string;
  reason?: string;
}): string {
  return (
    `${HEAD}, "delta_linf": ${fields.delta ?? '0.0'}, "caos_plus": 0.0, "sr_score": 0.5, "ethical_score": 1, ` +
    `"decision": "ROUTE", "reason": ${fields.reason ?? '"ok"'}, "metrics": ${fields.metrics ?? '{}'}, ` +
    `"violations": ${fields.violations ?? '[]'}, "gates_passed": ${fields.gates ?? '{"b": true}'}, ` +
    `"previous_hash": "${GENESIS_HASH}", "current_hash": "abc"}`
  );
}

// Random JSON values as text, in every form writers use (Python's among them).
const numberText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => pyDumps(x, { sortKeys: false })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toExponential()),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => `${n}.0`),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.integer({ min: -20, max: 20 }).map((e) => `1e${e}`),
  fc.integer({ min: -400, max: 400 }).map((e) => `1.5e${e < 0 ? '' : '+'}${String(e).padStart(2, '0')}`),
  fc.constantFrom(
    '0.1',
    '-0.0',
    '-0',
    '0',
    '01',
    '1E+2',
    '2.5e-7',
    '1e-05',
    '1e+16',
    '1e16',
    '0.00001',
    '0.0001',
    '123456789012345.0',
    '1234567890123456.0',
    '12345678901234567.0',
    '0.10',
    '100.50',
    '1.7976931348623157e308',
    '9007199254740993',
    '5e-324',
    '1e400',
    '-1e-400',
    'NaN',
    'Infinity',
    '-Infinity',
    '0.123456789012345',
    '0.1234567890123456',
    '1.0e5',
    '1.e5',
    '.5',
    '+1',
  ),
);
const keyText = fc.oneof(
  {
    arbitrary: fc.string({ unit: fc.constantFrom(...'abcxyz_09'), maxLength: 4 }).map((s) => `"${s}"`),
    weight: 6,
  },
  fc.constantFrom(
    '"a"',
    '"b"',
    '"__proto__"',
    '"0"',
    '"10"',
    '"aa"',
    '""',
    '"Z"',
    '"\\u00e9"',
    '"é"',
    '"\\ud83d"',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 }).map((s) => JSON.stringify(s)),
);
const stringText = fc.oneof(
  {
    arbitrary: fc.string({ unit: fc.constantFrom(...'ab Z:,{}[]!~-09'), maxLength: 10 }).map((s) => `"${s}"`),
    weight: 6,
  },
  fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: 'binary', maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"tab\there"', '"a\\/b"', '"\\u0041"', '"\x7f"'),
);
const sep = fc.constantFrom(', ', ', ', ', ', ',', ' ,  ');
const valueText = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { arbitrary: numberText, weight: 2 },
    { arbitrary: stringText, weight: 2 },
    fc.constantFrom('true', 'false', 'null', 'true', 'false', 'null', 'nul', 'True'),
    fc.tuple(fc.array(tie('value'), { maxLength: 4 }), sep).map(([xs, s]) => `[${xs.join(s)}]`),
    fc
      .tuple(fc.array(fc.tuple(keyText, tie('value')), { maxLength: 5 }), sep)
      .map(([kv, s]) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(s)}}`),
  ),
})).value;
const objectText = fc
  .array(fc.tuple(keyText, valueText), { maxLength: 6 })
  .map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`);

/** The line as Python would write it (json.dumps(json.loads(line))), when the reference can read it. */
function pythonForm(text: string): string | null {
  try {
    return pyDumps(pyLoads(text).value, { sortKeys: false });
  } catch {
    return null;
  }
}

describe('fast canonical path: the reference bytes or nothing', () => {
  it('random documents in every form: equal bytes whenever it takes the line; takes every Python-form line without escapes', () => {
    let taken = 0;
    fc.assert(
      fc.property(
        objectText,
        stringText,
        fc.array(valueText, { maxLength: 3 }),
        numberText,
        (m, v, vs, n) => {
          const raw = line({ metrics: m, violations: `[${vs.join(', ')}]`, gates: m, delta: n, reason: v });
          const readable = pythonForm(raw) !== null;
          if (agrees(raw)) {
            expect(readable).toBe(true);
            taken++;
          }
          const py = pythonForm(raw);
          if (py === null) return;
          const took = agrees(py);
          // Python's own form of a PCAg is declined only for escapes and NaN/Infinity (left to the reference).
          if (!took && pcagShapeProblem(pyLoads(py).value) === null)
            expect(/\\|NaN|Infinity/.test(py), py).toBe(true);
          if (took) taken++;
        },
      ),
      { numRuns: 3000, seed: 20261125 },
    );
    expect(taken).toBeGreaterThan(500);
  });

  it.each([
    ['0.0', true],
    ['-0.0', true],
    ['100.0', true],
    ['181.25', true],
    ['6e-05', true],
    ['1e+16', true],
    ['1.5e+300', true],
    ['123456789012345.0', true],
    ['12345678901234567890123', true],
    ['-7', true],
    ['-0', false],
    ['01', false],
    ['1e16', false],
    ['1E+16', false],
    ['0.00001', false],
    ['0.10', false],
    ['NaN', false],
    ['Infinity', false],
    ['1e400', false],
    ['1.0e5', false],
    ['1' + '0'.repeat(4300), false],
  ])('number %s: taken=%s, and equal to the reference when taken', (n, takes) => {
    expect(agrees(line({ delta: n }))).toBe(takes);
    expect(agrees(line({ metrics: `{"x": [${n}]}` }))).toBe(takes);
  });

  it.each([
    ['a raw control character in a string', line({ reason: '"tab\there"' })],
    ['an escape', line({ reason: '"\\u00e9"' })],
    ['non-ASCII', line({ reason: '"é"' })],
    ['a duplicate nested key', line({ metrics: '{"a": 1, "a": 2}' })],
    ['a duplicate nested key out of order', line({ metrics: '{"b": 1, "a": 2, "b": 3}' })],
    ['other spacing', line({ metrics: '{"a":1}' })],
    ['a field of the wrong type', line({ delta: '"0"' })],
    ['a trailing space', `${line({})} `],
    ['extra data', `${line({})}}`],
    ['deep nesting', line({ metrics: '{"a": '.repeat(80) + '1' + '}'.repeat(80) })],
  ])('declines %s', (_, text) => {
    expect(fastCanonical(text)).toBeNull();
    expect(wasmLine(text)).toBeNull();
  });

  it('sorts nested keys by code point, "__proto__" and numeric keys included', () => {
    expect(
      agrees(line({ metrics: '{"z": {"b": 1, "a": [{"y": 2, "x": 1}]}, "__proto__": 1, "10": 2, "9": 3}' })),
    ).toBe(true);
  });

  it('the seed Python gives the same canonical bytes for random Python-form lines', () => {
    const docs = fc
      .sample(fc.tuple(objectText, stringText, numberText), { numRuns: 400, seed: 7 })
      .map(([m, v, n]) => pythonForm(line({ metrics: m, reason: v, delta: n, gates: m })))
      .filter((l): l is string => l !== null && fastCanonical(l) !== null);
    expect(docs.length).toBeGreaterThan(100);
    const sorted = seedPython(['canon'], docs.join('\n') + '\n')
      .split('\n')
      .slice(0, -1);
    docs.forEach((d, i) => {
      // Python's canonical text of the whole line, minus its current_hash member ("abc", sorted after caos_plus).
      expect(fastCanonical(d)?.canonical, d).toBe(sorted[i].replace(', "current_hash": "abc"', ''));
    });
  });

  it('real ledger lines: written by the seed and by createPcag, all taken, hashes match', () => {
    const path = join(tmpDir(), 'py.jsonl');
    const inputs = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({
        decision_id: `p-${i}`,
        decision: 'ROUTE',
        reason: 'ok',
        metrics: { b: i, a: [i / 3, 1e-7] },
        gates_passed: { z: true, a: false },
      }),
    );
    seedPython(['append', path], inputs.join('\n') + '\n');
    const ours: string[] = [];
    let prev = GENESIS_HASH;
    for (let i = 0; i < 50; i++) {
      const d: DecisionData = {
        decision_id: `o-${i}`,
        decision: 'ROUTE',
        reason: 'ok',
        delta_linf: i,
        caos_plus: i / 7,
        metrics: { y: [1.5, { b: 1, a: 2 }], x: 12345678901234567890n },
      };
      const p = createPcag(d, prev, new Date(1e12 + i));
      prev = p.current_hash;
      ours.push(pcagLine(p));
    }
    for (const l of [...readFileSync(path, 'utf8').split('\n').slice(0, -1), ...ours]) {
      const fast = fastCanonical(l);
      expect(fast, l).not.toBeNull();
      expect(sha256HexOf(Buffer.from(fast?.canonical ?? '', 'latin1'))).toBe(fast?.currentHash);
      agrees(l);
    }
  });
});

describe('ChainVerifier: the same verdicts with and without the fast path', () => {
  it('random damage to a ledger of Python-form lines', () => {
    const base: string[] = [];
    let prev = GENESIS_HASH;
    for (let i = 0; i < 30; i++) {
      const p = createPcag(
        {
          decision_id: `d-${i}`,
          decision: 'ROUTE',
          reason: `r ${i}`,
          metrics: { n: i, f: i / 3, z: { b: 1, a: 0.5 } },
        },
        prev,
        new Date(1e12 + i * 1000),
      );
      prev = p.current_hash;
      base.push(pcagLine(p));
    }
    const damage = fc.array(
      fc.tuple(
        fc.nat(29),
        fc.nat(2000),
        fc.constantFrom('flip', 'delete', 'swap', 'blank', 'dup', 'cut', 'escape'),
      ),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(damage, (ops) => {
        const ls = [...base];
        for (const [i, at, op] of ops) {
          const j = i % ls.length;
          const l = ls[j] ?? '';
          const k = at % Math.max(1, l.length);
          if (op === 'flip')
            ls[j] = l.slice(0, k) + String.fromCharCode(l.charCodeAt(k) ^ 1) + l.slice(k + 1);
          else if (op === 'delete') ls.splice(j, 1);
          else if (op === 'swap' && j + 1 < ls.length) [ls[j], ls[j + 1]] = [ls[j + 1], ls[j]];
          else if (op === 'blank') ls.splice(j, 0, '');
          else if (op === 'dup') ls.splice(j, 0, l);
          else if (op === 'cut') ls[j] = l.slice(0, k);
          else if (op === 'escape') ls[j] = l.replace('"r ', '"\\u0072 ');
          if (ls.length === 0) ls.push('x');
        }
        const run = (
          keepEntries: boolean,
        ): { breaks: ChainBreak[]; head: string | null; hashes: (string | null)[] } => {
          const breaks: ChainBreak[] = [];
          const v = new ChainVerifier((b) => breaks.push(b), { keepEntries });
          const hashes = ls.map(
            (l, i) =>
              v.push(i, Buffer.from(l, 'utf8'), i < ls.length - 1 || ops.length % 2 === 0).recomputedHash,
          );
          return { breaks, head: v.head, hashes };
        };
        expect(run(false)).toEqual(run(true));
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

/** The line as pyDumps writes each field: the seed's field order, nested keys sorted. */
const pcagLineSorted = (p: Pcag): string =>
  `{${PCAG_FIELDS.map((f) => `"${f}": ${pyDumps(p[f] as PyJson, { sortKeys: true })}`).join(', ')}}`;

describe('createPcagLine: each value serialized once for the hash and the line', () => {
  it('an entry larger than the reused buffer (a 20 KB reason, 500 metrics) grows it and stays exact', () => {
    const metrics: Record<string, PyJson> = {};
    for (let i = 0; i < 500; i++) metrics[`k${499 - i}`] = i % 2 ? `v${'é'.repeat(i % 7)}` : i * 1.5;
    const big = { decision_id: 'big', decision: 'ROUTE', reason: 'r'.repeat(20_000) + 'ü', metrics };
    for (const prev of [GENESIS_HASH, 'a'.repeat(64)]) {
      const { pcag, line } = createPcagLine(big, prev, new Date(1e12));
      expect(line.toString('latin1')).toBe(`${pcagLineSorted(pcag)}\n`);
      expect(pcag.current_hash).toBe(computeHash(pcag as unknown as { [k: string]: PyJson }));
    }
    // and the next, small entry is not polluted by the large one's bytes
    const small = createPcagLine(
      { decision_id: 's', decision: 'ROUTE', reason: 'ok' },
      GENESIS_HASH,
      new Date(1e12),
    );
    expect(small.line.toString('latin1')).toBe(`${pcagLineSorted(small.pcag)}\n`);
  });

  it('the line reads back as the entry, its hash is the reference hash, Python verifies it', () => {
    // Any code point in keys and strings (escaped as \\uXXXX), ints beyond 2^53, Python floats
    // with integral values, lists: read back, hashed again and verified by Python below.
    const text = (maxLength: number): fc.Arbitrary<string> =>
      fc.oneof(fc.string({ maxLength }), fc.string({ maxLength, unit: 'binary' }));
    const scalar: fc.Arbitrary<PyJson> = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => new PyFloat(n)),
      text(6),
      fc.boolean(),
      fc.constant(null),
    );
    const metrics = fc.dictionary(text(6), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), {
      maxKeys: 6,
    });
    const decisions = fc.sample(fc.tuple(metrics, metrics, text(10)), {
      numRuns: 200,
      seed: 5,
    });
    let prev = GENESIS_HASH;
    const out: string[] = [];
    decisions.forEach(([m, g, reason], i) => {
      const { pcag, line: bytes } = createPcagLine(
        {
          decision_id: `c-${i}`,
          decision: 'ROUTE',
          reason,
          metrics: m,
          gates_passed: g,
          delta_linf: i % 3 ? i / 3 : undefined,
        },
        prev,
        new Date(1e12 + i),
      );
      expect(pcag.current_hash).toBe(computeHash(pcag as unknown as { [k: string]: PyJson }));
      // One line, newline-terminated: the fields of pcagLine's order, each as pyDumps writes it.
      const line = bytes.toString('latin1');
      expect(line.endsWith('\n') && line.indexOf('\n') === line.length - 1).toBe(true);
      expect(line).toBe(`${pcagLineSorted(pcag)}\n`);
      const back = pyLoads(line.slice(0, -1)).value as { [k: string]: PyJson };
      expect(computeHash(back)).toBe(pcag.current_hash);
      expect(Object.keys(back)).toEqual(Object.keys(pcag));
      expect(pyDumps(back, { sortKeys: true })).toBe(pyDumps(pcag as unknown as PyJson, { sortKeys: true }));
      prev = pcag.current_hash;
      out.push(line);
    });
    const path = join(tmpDir(), 'once.jsonl');
    writeFileSync(path, out.join(''));
    expect(seedVerify(path)).toEqual([true, 'Verified 200 entries']);
  });
});
