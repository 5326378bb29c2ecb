import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pyLoads, PyJsonError } from '../../electron/ledger/pyjson-parse';
import { compareCodePoints, pyDumps } from '../../electron/ledger/pyjson-dump';
import { pyFloatRepr } from '../../electron/ledger/pyfloat';
import { seedPython } from '../helpers/python';

const canon = (text: string): string => pyDumps(pyLoads(text).value, { sortKeys: true });
const roundtrip = (text: string): string => pyDumps(pyLoads(text).value, { sortKeys: false });

describe('Python float repr', () => {
  it.each([
    [1e-5, '1e-05'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [100, '100.0'],
    [-0, '-0.0'],
    [0.0001, '0.0001'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1.5e300, '1.5e+300'],
    [5e-324, '5e-324'],
    [123456789012345680000, '1.2345678901234568e+20'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
  ])('repr(%s) is %s', (x, want) => {
    expect(pyFloatRepr(x)).toBe(want);
  });
});

describe('json.dumps(json.loads(text), sort_keys=True)', () => {
  it('keeps floats floats and ints exact, however large', () => {
    expect(canon('[100.0, 100, 1E2, -0, -0.0, 12345678901234567890123, 1e400]')).toBe(
      '[100.0, 100, 100.0, 0, -0.0, 12345678901234567890123, Infinity]',
    );
  });
  it('escapes non-ASCII and control characters as Python does, astral ones as surrogate pairs', () => {
    expect(canon('"é\\u0001\\u007f😀\\ud800/\\/"')).toBe('"\\u00e9\\u0001\\u007f\\ud83d\\ude00\\ud800//"');
    expect(canon('"tab\\t nl\\n quote\\" back\\\\ bs\\b ff\\f"')).toBe(
      '"tab\\t nl\\n quote\\" back\\\\ bs\\b ff\\f"',
    );
  });
  it('sorts keys by code point, not by UTF-16 unit', () => {
    // U+FF5E is after U+1F600's high surrogate in UTF-16 order but before it by code point.
    expect(canon('{"😀": 1, "～": 2, "a": 3}')).toBe('{"a": 3, "\\uff5e": 2, "\\ud83d\\ude00": 1}');
    expect(['😀', '～'].sort(compareCodePoints)).toEqual(['～', '😀']);
  });
  it('keeps the last value of a duplicate key, as Python does, and reports the key', () => {
    const r = pyLoads('{"a": 1, "a": 2}');
    expect(pyDumps(r.value, { sortKeys: true })).toBe('{"a": 2}');
    expect(r.duplicateKeys).toEqual(['a']);
  });
  it('treats "__proto__" as a plain key', () => {
    expect(canon('{"__proto__": {"x": 1}, "b": 2}')).toBe('{"__proto__": {"x": 1}, "b": 2}');
  });
  it.each([
    ['', 'Expecting value'],
    ['{"a": 1', "Expecting ',' delimiter"],
    ['{"a" 1}', "Expecting ':' delimiter"],
    ['[1, 2] x', 'Extra data'],
    ['"raw\u0001control"', 'Invalid control character'],
    ['"bad \\x escape"', 'Invalid \\escape'],
    ['01', 'Extra data'],
    ['['.repeat(600) + ']'.repeat(600), 'Nested too deeply'],
    ['1'.repeat(4301), 'more than 4300 digits'],
  ])('rejects %j with "%s"', (text, message) => {
    expect(() => pyLoads(text)).toThrow(PyJsonError);
    expect(() => pyLoads(text)).toThrow(message);
  });
});

// Random JSON text of the kinds ledgers hold, written in the many forms other writers use.
const numberText = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x.toExponential()),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => `${n}.0`),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.integer({ min: -20, max: 20 }).map((e) => `1e${e}`),
  fc.constantFrom('0.1', '-0.0', '1E+2', '2.5e-7', '9007199254740993', '1.7976931348623157e308'),
);
const stringText = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => JSON.stringify(s));
const jsonText = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    numberText,
    stringText,
    fc.constantFrom('true', 'false', 'null'),
    fc.array(tie('value'), { maxLength: 4 }).map((xs) => `[${xs.join(',')}]`),
    fc
      .array(fc.tuple(stringText, tie('value')), { maxLength: 4 })
      .map((kv) => `{${kv.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
  ),
})).value;

describe('differential: our canonical bytes equal Python json.dumps on random values', () => {
  it('sort_keys=True and the unsorted line form, 600 random documents', () => {
    const docs = fc.sample(jsonText, { numRuns: 600, seed: 20261125 });
    const input = docs.join('\n') + '\n';
    const sorted = seedPython(['canon'], input).split('\n').slice(0, -1);
    const unsorted = seedPython(['roundtrip'], input).split('\n').slice(0, -1);
    expect(sorted).toHaveLength(docs.length);
    docs.forEach((d, i) => {
      expect(canon(d), d).toBe(sorted[i]);
      expect(roundtrip(d), d).toBe(unsorted[i]);
    });
  });
});
