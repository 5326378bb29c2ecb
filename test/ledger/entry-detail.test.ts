// The entry detail pane's data (electron/ledger/entry-detail.ts): the stored line byte for byte,
// the entry with its numbers as stored, and for a content break the canonical text that was hashed.
// Before, the pane re-serialised parsed values: `0.0` showed as `0`, `100.0` as `100`, `1e-05` as
// `0.00001` and 2**70 as a quoted string, so an entry whose `0.0` was edited to `0` looked untouched.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  buildEntryDetail,
  indentTokens,
  MAX_SEARCHED_LINE_BYTES,
  rawLineParts,
} from '../../electron/ledger/entry-detail';
import { PyFloat } from '../../electron/ledger/pyfloat';
import { LedgerSession } from '../../electron/ledger/session';
import { LedgerWriter } from '../../electron/ledger/writer';
import { lines, writeLedger, writeLines } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const detailOf = (line: string, prior: string | null = null, index = prior === null ? 0 : 1) =>
  buildEntryDetail(index, Buffer.from(line), prior === null ? null : Buffer.from(prior), []);

/** One entry written by the real writer (Python's line format) with the given numbers in its metrics. */
async function oneEntry(metrics: Record<string, unknown>): Promise<string> {
  const path = join(tmpDir(), 'one.jsonl');
  const w = await LedgerWriter.open(path);
  await w.append({
    decision_id: 'd-0',
    decision: 'ROUTE',
    reason: 'r',
    metrics: metrics as never,
  });
  await w.close();
  return lines(path)[0];
}

describe('entry detail: values as stored', () => {
  it('keeps 0.0, 100.0, 1e-05 and a 2**70 integer as the line writes them', async () => {
    const line = await oneEntry({ hundred: new PyFloat(100), tiny: 1e-5, big: 2n ** 70n });
    expect(line).toContain('"delta_linf": 0.0');
    const d = detailOf(line);
    expect(d.stored).toContain('"delta_linf": 0.0,');
    expect(d.stored).toContain('"hundred": 100.0');
    expect(d.stored).toContain('"tiny": 1e-05');
    expect(d.stored).toContain('"big": 1180591620717411303424');
    expect(d.stored).not.toContain('"1180591620717411303424"');
    expect(d.raw).toEqual([{ text: line }]);
    expect(d.rawBytes).toBe(Buffer.byteLength(line));
    expect(d.storedHash).toBe(d.recomputedHash);
    expect(d.canonical).toBeNull(); // no content break: nothing to compare
    expect(d.hashedForm).toBeNull();
  });

  it('indents without changing a token: strings keep their escapes, numbers their digits', () => {
    const text = '{"a": [1E+2, -0.0, {}], "b\\"": "x\\u00e9,:{", "c": {"d": []}}';
    expect(indentTokens(text)).toBe(
      '{\n  "a": [\n    1E+2,\n    -0.0,\n    {}\n  ],\n  "b\\"": "x\\u00e9,:{",\n  "c": {\n    "d": []\n  }\n}',
    );
  });
});

describe('entry detail: a content break shows what was hashed', () => {
  it('an entry whose 0.0 was edited to 0 shows the stored 0 and the hashed 0.0', async () => {
    const line = await oneEntry({ cost_usd: 0.5 });
    const edited = line.replace('"caos_plus": 0.0', '"caos_plus": 0');
    expect(edited).not.toBe(line);
    const d = detailOf(edited);
    expect(d.stored).toContain('"caos_plus": 0,');
    expect(d.storedHash).not.toBe(d.recomputedHash);
    // What is hashed now: the int 0; its SHA-256 is the recomputed hash.
    expect(d.canonical).toContain('"caos_plus": 0, ');
    expect(sha256(d.canonical ?? '')).toBe(d.recomputedHash);
    // What was hashed when written: 0.0; its SHA-256 is the stored hash.
    expect(d.hashedForm?.changes).toEqual([{ path: 'caos_plus', stored: '0', hashed: '0.0' }]);
    expect(d.hashedForm?.canonical).toContain('"caos_plus": 0.0, ');
    expect(sha256(d.hashedForm?.canonical ?? '')).toBe(d.storedHash);
  });

  it('a line re-serialised by a tool that drops every ".0" is traced back to all the numbers it changed', async () => {
    const line = await oneEntry({ hundred: new PyFloat(100), nested: { a: [new PyFloat(1)] } });
    const edited = line.replace(/(?<=[[ ])(-?\d+)\.0(?=[,\]}])/g, '$1'); // numbers only, not "1.0"
    expect(edited).toContain('"version": "1.0"');
    const d = detailOf(edited);
    expect(d.hashedForm?.changes.map((c) => `${c.path}:${c.stored}->${c.hashed}`)).toEqual([
      'delta_linf:0->0.0',
      'caos_plus:0->0.0',
      'sr_score:0->0.0',
      'ethical_score:0->0.0',
      'metrics.hundred:100->100.0',
      'metrics.nested.a[0]:1->1.0',
    ]);
    expect(sha256(d.hashedForm?.canonical ?? '')).toBe(d.storedHash);
  });

  it('a 2**70 float written out as its integer digits is found', async () => {
    const line = await oneEntry({ big: new PyFloat(2 ** 70) });
    expect(line).toContain('"big": 1.1805916207174113e+21');
    const d = detailOf(line.replace('1.1805916207174113e+21', '1180591620717411303424'));
    expect(d.stored).toContain('"big": 1180591620717411303424');
    expect(d.hashedForm?.changes).toEqual([
      { path: 'metrics.big', stored: '1180591620717411303424', hashed: '1.1805916207174113e+21' },
    ]);
  });

  it('a hostile line past 256 KiB is not searched (66 canonical texts of it would stall the app), only shown', async () => {
    const big = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`n${i}`, new PyFloat(i)]));
    const line = await oneEntry(big);
    expect(Buffer.byteLength(line)).toBeGreaterThan(MAX_SEARCHED_LINE_BYTES);
    const d = detailOf(line.replace('"caos_plus": 0.0', '"caos_plus": 0'));
    expect(d.canonical).toContain('"caos_plus": 0, ');
    expect(d.hashedForm).toBeNull();
    const small = await oneEntry({});
    expect(detailOf(small.replace('"caos_plus": 0.0', '"caos_plus": 0')).hashedForm).not.toBeNull();
  });

  it('an edited text shows the canonical text now, and says no number form explains the stored hash', async () => {
    const line = await oneEntry({});
    const d = detailOf(line.replace('"reason": "r"', '"reason": "R"'));
    expect(d.canonical).toContain('"reason": "R"');
    expect(d.hashedForm).toBeNull();
  });
});

describe('entry detail: the raw line', () => {
  it('shows bytes that are not UTF-8 as their own parts, and the rest as text', () => {
    const bytes = Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xff, 0xc3]), Buffer.from('é"}')]);
    expect(rawLineParts(bytes)).toEqual([{ text: '{"a": "' }, { invalidHex: 'ffc3' }, { text: 'é"}' }]);
    const d = buildEntryDetail(3, bytes, null, []);
    expect(d.stored).toBeNull();
    expect(d.storedHash).toBeNull();
    expect(d.rawBytes).toBe(bytes.length);
  });

  it('rejects overlong forms, surrogates and code points past U+10FFFF as UTF-8', () => {
    expect(rawLineParts(Buffer.from([0xc0, 0xaf]))).toEqual([{ invalidHex: 'c0af' }]);
    expect(rawLineParts(Buffer.from([0xed, 0xa0, 0x80]))).toEqual([{ invalidHex: 'eda080' }]);
    expect(rawLineParts(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toEqual([{ invalidHex: 'f4908080' }]);
    expect(rawLineParts(Buffer.from('😀'))).toEqual([{ text: '😀' }]);
  });

  it('the session reads the line with its CRLF and the prior line for the link', async () => {
    const path = await writeLedger(5, join(tmpDir(), 'crlf.jsonl'));
    const ls = lines(path);
    ls[2] = `${ls[2]}\r`;
    writeLines(path, ls);
    const s = LedgerSession.open(path, { readOnly: true });
    await s.settled();
    const d = await s.entry(2);
    expect(d.raw).toEqual([{ text: ls[2].slice(0, -1) }]);
    expect(d.previousHash).toBe(d.priorCurrentHash);
    expect(d.canonical).toBeNull();
    s.close();
  });
});
