import { describe, expect, it } from 'vitest';
import { contextAt, describeByteAt, escapeBytes } from '../../../electron/ledger/forensics/escape-bytes';
import { topLevelSpans } from '../../../electron/ledger/forensics/line-fields';
import { formatPath, searchReencodings } from '../../../electron/ledger/forensics/reencode-search';
import { computeHash } from '../../../electron/ledger/pcag';
import { PyFloat } from '../../../electron/ledger/pyfloat';
import type { PyJson } from '../../../electron/ledger/types';

describe('forensics helpers', () => {
  it('escapes bytes a person must see: control, non-ASCII, backslash', () => {
    expect(escapeBytes(Buffer.from('a\\b\n\t\u0000é', 'utf8'))).toBe('a\\\\b\\n\\t\\x00\\xc3\\xa9');
    expect(contextAt(Buffer.from('0123456789'), 4, 2)).toBe('…23⟨here⟩45…');
    expect(describeByteAt(Buffer.from('é'), 0)).toBe("'é' (U+00E9, bytes \\xc3\\xa9)");
    expect(describeByteAt(Buffer.from([0xff]), 0)).toBe('byte 0xff (not valid UTF-8 here)');
    expect(describeByteAt(Buffer.from('x'), 1)).toBe('end of line');
  });

  it('finds the byte span of each top-level value, strings with braces and escapes included', () => {
    const line = Buffer.from('{"a": {"x": "}\\"{"}, "b":[1, [2]] , "c": "é", "d": 1.5}');
    const spans = topLevelSpans(line)!;
    expect(spans.map((s) => [s.key, line.subarray(s.start, s.end).toString('utf8')])).toEqual([
      ['a', '{"x": "}\\"{"}'],
      ['b', '[1, [2]]'],
      ['c', '"é"'],
      ['d', '1.5'],
    ]);
    expect(topLevelSpans(Buffer.from('[1]'))).toBeNull();
  });

  it('formats paths as an auditor reads them', () => {
    expect(formatPath(['metrics', 'cost_usd'])).toBe('metrics.cost_usd');
    expect(formatPath(['violations', 0, 'a b'])).toBe('violations[0]["a b"]');
  });

  it('the search stops at its budget and says it was not exhausted', () => {
    const entry: { [k: string]: PyJson } = { current_hash: 'x' };
    for (let i = 0; i < 20; i++) entry[`n${i}`] = i + 1;
    const r = searchReencodings(entry, new Set(['no such hash']), 50);
    expect(r).toEqual({ match: null, tried: 50, exhausted: false });
    // A pair of changes deep in the subsets is found when the budget allows.
    const original = { ...entry, n3: new PyFloat(4), n17: new PyFloat(18) };
    const found = searchReencodings(entry, new Set([computeHash(original)]), 400);
    expect(found.match?.changes.map((c) => c.path)).toEqual(['n3', 'n17']);
  });
});
