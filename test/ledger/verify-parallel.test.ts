// The parallel verifier (worker threads over byte ranges, stitched in order) must report exactly
// what the single-threaded verifier reports: the same breaks, in the same order, with the same
// details (link details name global indexes), the same entries, head and bytes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPcag, pcagLine } from '../../electron/ledger/pcag';
import { verifyFile, type VerifyResult } from '../../electron/ledger/verify-file';
import { GENESIS_HASH } from '../../electron/ledger/types';
import { penin } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

// Built by test/global-setup.ts with the CLI.
const WORKER = join(__dirname, '..', '..', 'dist', 'cli', 'verify-worker.cjs');

function ledgerLines(n: number, pad = 0): string[] {
  const out: string[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const p = createPcag(
      {
        decision_id: `d-${i}`,
        decision: 'ROUTE',
        // Every seventh line has an escape: the reference path, mixed with the fast one.
        reason: i % 7 === 3 ? `request ${i} — routed` : `request ${i} ${'x'.repeat(pad)}`,
        metrics: { provider: 'openai', cost_usd: i * 0.00125, tokens: 100 + i, z: { b: 1, a: 0.5 } },
        gates_passed: { budget: true, breaker: true },
      },
      prev,
      new Date(1e12 + i * 1000),
    );
    prev = p.current_hash;
    out.push(pcagLine(p));
  }
  return out;
}

type Damage = [
  at: number,
  where: number,
  op: 'flip' | 'delete' | 'swap' | 'blank' | 'garbage' | 'crlf' | 'cut',
];

function damaged(base: string[], ops: Damage[], tornTail: boolean): Buffer {
  const ls = [...base];
  for (const [i, at, op] of ops) {
    const j = i % ls.length;
    const l = ls[j];
    const k = at % Math.max(1, l.length);
    if (op === 'flip') ls[j] = l.slice(0, k) + String.fromCharCode(l.charCodeAt(k) ^ 4) + l.slice(k + 1);
    else if (op === 'delete' && ls.length > 1) ls.splice(j, 1);
    else if (op === 'swap' && j + 1 < ls.length) [ls[j], ls[j + 1]] = [ls[j + 1], ls[j]];
    else if (op === 'blank') ls.splice(j, 0, '', '');
    else if (op === 'garbage') ls.splice(j, 0, ...Array.from({ length: 1 + (at % 40) }, () => '{"x": 1}'));
    else if (op === 'crlf') ls[j] = `${l}\r`;
    else if (op === 'cut') ls[j] = l.slice(0, k);
  }
  const text = ls.join('\n') + (tornTail ? '' : '\n');
  return Buffer.from(text, 'utf8');
}

async function both(
  path: string,
  rangeBytes: number,
  maxBreaksPerRange?: number,
): Promise<[VerifyResult, VerifyResult]> {
  const one = await verifyFile(path, { parallel: false });
  const many = await verifyFile(path, {
    parallel: { workerPath: WORKER, workers: 2, rangeBytes, maxBreaksPerRange },
  });
  return [one, many];
}

describe('parallel verify: the same report as one thread', () => {
  const base = ledgerLines(120);

  it('random damage, small ranges (many boundaries), and ranges given back for too many breaks', async () => {
    const dir = tmpDir();
    const damage = fc.array(
      fc.tuple(
        fc.nat(119),
        fc.nat(3000),
        fc.constantFrom('flip', 'delete', 'swap', 'blank', 'garbage', 'crlf', 'cut'),
      ) as fc.Arbitrary<Damage>,
      { maxLength: 6 },
    );
    const cases = fc.sample(fc.tuple(damage, fc.boolean(), fc.integer({ min: 300, max: 40_000 })), {
      numRuns: 40,
      seed: 99,
    });
    for (const [k, [ops, torn, rangeBytes]] of cases.entries()) {
      const path = join(dir, `l${k}.jsonl`);
      writeFileSync(path, damaged(base, ops, torn));
      const [one, many] = await both(path, rangeBytes, k % 3 === 0 ? 2 : undefined);
      expect(many, JSON.stringify(ops)).toEqual(one);
    }
  });

  it('edge files: empty, one line, no final newline, a head cut off, all garbage, blank lines at the boundaries', async () => {
    const dir = tmpDir();
    const files: Buffer[] = [
      Buffer.alloc(0),
      Buffer.from(`${base[0]}\n`),
      Buffer.from(base.slice(0, 5).join('\n')),
      Buffer.from(base.slice(3, 40).join('\n') + '\n'),
      Buffer.from('garbage\n'.repeat(500)),
      Buffer.from('\n'.repeat(300) + base.slice(0, 10).join('\n\n') + '\n'),
      Buffer.from([0xff, 0xfe, 0x0a, 0x00, 0x0a, 0xef, 0xbb, 0xbf, ...Buffer.from(`${base[0]}\n`)]),
    ];
    for (const [k, data] of files.entries()) {
      const path = join(dir, `e${k}.jsonl`);
      writeFileSync(path, data);
      for (const rangeBytes of [1, 97, 1 << 20]) {
        const [one, many] = await both(path, rangeBytes, k === 4 ? 50 : undefined);
        expect(many, `file ${k}, ranges of ${rangeBytes} bytes`).toEqual(one);
      }
    }
  });

  it('the CLI uses the workers on a large file and prints the same report, breaks in order', async () => {
    const lines = ledgerLines(9000, 900); // ~9.5 MB: above the parallel threshold
    const path = join(tmpDir(), 'big.jsonl');
    writeFileSync(
      path,
      damaged(
        lines,
        [
          [10, 5, 'flip'],
          [4000, 0, 'delete'],
          [8990, 0, 'garbage'],
        ],
        false,
      ),
    );
    const one = await verifyFile(path, { parallel: false });
    expect(one.breaks.length).toBeGreaterThan(2);
    const json = penin(['verify', path, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      entries: number;
      head: string | null;
      breaks: unknown[];
      file: { bytes: number };
    };
    expect(report).toMatchObject({
      entries: one.entries,
      head: one.head,
      breaks: one.breaks,
      file: { bytes: one.bytes },
    });
    const text = penin(['verify', path]);
    const expected = one.breaks.map((b) => `break at entry ${b.index} [${b.kind}]: ${b.detail}`);
    // The breaks as found, then what each most likely was (electron/ledger/forensics/), then the verdict.
    const out = text.stdout.trim().split('\n');
    expect(out.slice(0, out.indexOf('explanations:'))).toEqual(expected);
    expect(out.slice(out.indexOf('explanations:') + 1, -1)).toHaveLength(expected.length);
  });
});
