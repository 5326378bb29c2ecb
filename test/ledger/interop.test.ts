import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { penin } from '../helpers/cli';
import { seedPython, seedVerify } from '../helpers/python';
import { decision, lines, writeLedger } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';
import { LedgerWriter } from '../../electron/ledger/writer';
import type { DecisionData } from '../../electron/ledger/types';

const tricky: DecisionData[] = [
  {
    decision_id: 'u-1',
    decision: 'PROMOTE',
    reason: 'ünïcödé 😀 \u0001 "quoted"',
    delta_linf: 1e-5,
    caos_plus: 1e16,
  },
  {
    decision_id: 'u-2',
    decision: 'ROLLBACK',
    reason: 'big',
    metrics: { big: 123456789012345678901234567890n, f: 100.0, z: -0.0 },
  },
  {
    decision_id: 'u-3',
    decision: 'BLOCK',
    reason: 'nested',
    metrics: { '～': 1, '😀': 2, b: [{ y: 1, x: 2 }] },
    violations: ['a', 'b'],
  },
];
const trickyText = [
  '{"decision_id": "u-1", "decision": "PROMOTE", "reason": "\\u00fcn\\u00efc\\u00f6d\\u00e9 \\ud83d\\ude00 \\u0001 \\"quoted\\"", "delta_linf": 1e-05, "caos_plus": 1e+16}',
  '{"decision_id": "u-2", "decision": "ROLLBACK", "reason": "big", "metrics": {"big": 123456789012345678901234567890, "f": 100.0, "z": -0.0}}',
  '{"decision_id": "u-3", "decision": "BLOCK", "reason": "nested", "metrics": {"～": 1, "😀": 2, "b": [{"y": 1, "x": 2}]}, "violations": ["a", "b"]}',
];

describe('interoperability with the seed Python code, both ways', () => {
  it('a ledger written by the seed verifies here, entry for entry', () => {
    const path = join(tmpDir(), 'py.jsonl');
    const many = Array.from({ length: 50 }, (_, i) => JSON.stringify(decision(i)));
    const hashes = seedPython(['append', path], [...trickyText, ...many].join('\n') + '\n')
      .trim()
      .split('\n');
    const r = penin(['verify', path, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, entries: 53, head: hashes[52] });
  });

  it('a ledger written here verifies with the seed verify_all, and its lines are what Python writes', async () => {
    const path = join(tmpDir(), 'ts.jsonl');
    const w = await LedgerWriter.open(path);
    for (const d of tricky) await w.append(d);
    await w.close();
    await writeLedger(40, path);
    expect(seedVerify(path)).toEqual([true, 'Verified 43 entries']);
    // Byte compatibility: Python re-serializing each of our lines gives the same line back.
    const ours = lines(path);
    expect(
      seedPython(['roundtrip'], ours.join('\n') + '\n')
        .split('\n')
        .slice(0, -1),
    ).toEqual(ours);
  });

  it('appends through the CLI continue a Python-written ledger, and Python still verifies it', () => {
    const path = join(tmpDir(), 'mixed.jsonl');
    seedPython(['append', path], trickyText.join('\n') + '\n');
    const r = penin(['append', path], trickyText.join('\n') + '\n');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    seedPython(['append', path], trickyText[0] + '\n');
    expect(seedVerify(path)).toEqual([true, 'Verified 7 entries']);
    expect(penin(['verify', path]).code).toBe(0);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(8);
  });

  it('an edit the seed catches is caught here at the same index', async () => {
    const path = await writeLedger(12);
    const ls = lines(path);
    ls[7] = ls[7].replace('"tokens": 107', '"tokens": 10007');
    writeFileSync(path, ls.join('\n') + '\n');
    expect(seedVerify(path)).toEqual([false, 'Verification failed at entry 7']);
    expect(JSON.parse(penin(['verify', path, '--json']).stdout).breaks[0]).toMatchObject({
      index: 7,
      kind: 'content',
    });
  });
});
