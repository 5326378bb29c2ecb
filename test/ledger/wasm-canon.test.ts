// The WebAssembly chunk path (wasm/batch-verify.ts) must give exactly what scanLines + push give:
// the same breaks with the same details, the same head and chain state, the same counts, on real
// ledgers (ours and the seed's) and on randomly damaged ones, whole or in ranges as the workers
// verify them. (Its canonical bytes are checked line by line in fast-path.test.ts.)
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ChainVerifier,
  type ChainBreak,
  type ChainState,
  type DeferredLink,
  type RawLinkBreak,
} from '../../electron/ledger/chain-verifier';
import { fastCanonical } from '../../electron/ledger/fast-canonical';
import { scanLines } from '../../electron/ledger/line-scan';
import { createPcag, pcagLine, sha256HexOf } from '../../electron/ledger/pcag';
import { GENESIS_HASH } from '../../electron/ledger/types';
import { verifyLines } from '../../electron/ledger/wasm/batch-verify';
import { wasmCanonical } from '../../electron/ledger/wasm/canon-lines';
import { acquireCanon, releaseCanon } from '../../electron/ledger/wasm/canon-module';
import { seedPython } from '../helpers/python';
import { tmpDir } from '../helpers/tmp';

interface Outcome {
  result: { bytes: number; lines: number };
  breaks: ChainBreak[];
  links: RawLinkBreak[];
  deferred: DeferredLink | null;
  state: ChainState;
  head: string | null;
  entries: number;
}

/** Verifies path[start, end) as a worker does (deferred first link, raw link breaks), by either path. */
async function verify(
  path: string,
  start: number,
  end: number,
  wasm: boolean,
  batch: typeof verifyLines = verifyLines,
): Promise<Outcome> {
  const breaks: ChainBreak[] = [];
  const links: RawLinkBreak[] = [];
  const v = new ChainVerifier((b) => breaks.push(b), {
    keepEntries: false,
    deferFirstLink: start > 0,
    onLinkBreak: start > 0 ? (l) => links.push(l) : undefined,
  });
  const range = { startOffset: start, endOffset: end, startIndex: 0 };
  const result = wasm
    ? await batch(path, v, range)
    : await scanLines(
        path,
        (l) => v.push(l.index, l.bytes, l.terminated, l.tooLong, l.length - (l.terminated ? 1 : 0)),
        range,
      );
  return {
    result,
    breaks,
    links,
    deferred: v.deferredLink,
    state: v.state,
    head: v.head,
    entries: v.entries,
  };
}

async function sameOutcome(path: string, start = 0, end = readFileSync(path).length): Promise<Outcome> {
  const want = await verify(path, start, end, false);
  expect(await verify(path, start, end, true)).toEqual(want);
  return want;
}

/** Our lines: floats of every length (some left to pyFloatRepr), nested objects out of key order. */
function ourLines(n: number, from = 0): string[] {
  const out: string[] = [];
  let prev = GENESIS_HASH;
  for (let i = from; i < from + n; i++) {
    const p = createPcag(
      {
        decision_id: `w-${i}`,
        decision: i % 7 ? 'ROUTE' : 'BLOCK',
        reason: `r ${i}`,
        delta_linf: i / 3,
        caos_plus: i % 5 ? 1e-7 * i : 1e22,
        metrics: {
          z: { b: i, a: [0.1 * i, i / 7] },
          y: 'x',
          attempts: [{ s: 200, l: 181.25 }],
          c: i % 2 === 0,
        },
        gates_passed: { budget: true, breaker: i % 3 === 0 },
        violations: i % 4 ? [] : ['v'],
      },
      prev,
      new Date(1e12 + i * 37),
    );
    prev = p.current_hash;
    out.push(pcagLine(p));
  }
  return out;
}

function seedLines(n: number): string[] {
  const path = join(tmpDir(), 'seed.jsonl');
  const inputs = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      decision_id: `s-${i}`,
      decision: 'ROUTE',
      reason: i % 9 ? 'ok' : 'caf\u00e9',
      metrics: { b: i, a: [i / 3, 1e-7, 0.1 + 0.2], q: { y: 1, x: 2 } },
      gates_passed: { z: true, a: false },
    }),
  );
  seedPython(['append', path], inputs.join('\n') + '\n');
  return readFileSync(path, 'utf8').split('\n').slice(0, -1);
}

const available = acquireCanon();
if (available) releaseCanon(available);

describe.skipIf(available === null)('WebAssembly chunk path: the verdicts of scanLines + push', () => {
  it("takes every line of real ledgers (ours and the seed Python's) whose hash the JS fast path takes, with its hash", () => {
    const lines = [...ourLines(200), ...seedLines(60)];
    const wasm = wasmCanonical(lines) ?? [];
    let taken = 0;
    lines.forEach((l, i) => {
      const fast = fastCanonical(l);
      expect(wasm[i], l).toEqual(fast);
      if (fast) {
        taken++;
        expect(sha256HexOf(Buffer.from(fast.canonical, 'latin1'))).toBe(fast.currentHash);
      }
    });
    expect(taken).toBeGreaterThan(240);
  });

  it('intact ledgers, whole and in ranges', async () => {
    const dir = tmpDir();
    const path = join(dir, 'ok.jsonl');
    const lines = [...seedLines(40), ...ourLines(300)];
    const text = lines.join('\n') + '\n';
    writeFileSync(path, text);
    const whole = await sameOutcome(path);
    expect(whole.breaks.length).toBe(1); // where the seed's lines end and ours begin
    expect(whole.entries).toBe(340);
    const starts = [0];
    for (let i = 0; i < lines.length - 1; i++) starts.push(starts[i] + Buffer.byteLength(lines[i]) + 1);
    for (const [a, b] of [
      [0, 17],
      [17, 200],
      [39, 41],
      [200, 339],
    ])
      await sameOutcome(path, starts[a], starts[b]);
  });

  it('random damage, whole files and ranges', async () => {
    const dir = tmpDir();
    const base = [...ourLines(30), ...seedLines(10)];
    const op = fc.constantFrom(
      'flip',
      'delete',
      'swap',
      'blank',
      'dup',
      'cut',
      'escape',
      'crlf',
      'cr2',
      'bom',
      'latin1',
      'float',
      'space',
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(39), fc.nat(2000), op), { maxLength: 5 }),
        fc.boolean(),
        fc.nat(40),
        fc.nat(40),
        async (ops, terminated, r0, r1) => {
          const ls: (string | Buffer)[] = [...base];
          for (const [i, at, o] of ops) {
            const j = i % ls.length;
            const l = String(ls[j] ?? '');
            const k = at % Math.max(1, l.length);
            if (o === 'flip')
              ls[j] = l.slice(0, k) + String.fromCharCode(l.charCodeAt(k) ^ 1) + l.slice(k + 1);
            else if (o === 'delete') ls.splice(j, 1);
            else if (o === 'swap' && j + 1 < ls.length) [ls[j], ls[j + 1]] = [ls[j + 1], ls[j]];
            else if (o === 'blank') ls.splice(j, 0, '');
            else if (o === 'dup') ls.splice(j, 0, l);
            else if (o === 'cut') ls[j] = l.slice(0, k);
            else if (o === 'escape') ls[j] = l.replace('"r ', '"\\u0072 ');
            else if (o === 'crlf') ls[j] = `${l}\r`;
            else if (o === 'cr2') ls[j] = `${l}\r\r`;
            else if (o === 'bom') ls[j] = `\ufeff${l}`;
            else if (o === 'latin1') ls[j] = Buffer.concat([Buffer.from(l.slice(0, k)), Buffer.from([0xe9])]);
            else if (o === 'float')
              ls[j] = l.replace(/"delta_linf": [^,]+/, '"delta_linf": 0.30000000000000001');
            else if (o === 'space') ls[j] = l.replace('", "', '",  "');
            if (ls.length === 0) ls.push('x');
          }
          const bytes = Buffer.concat(
            ls.flatMap((l, i) => [Buffer.from(l), Buffer.from(i < ls.length - 1 || terminated ? '\n' : '')]),
          );
          const path = join(dir, `d${run++}.jsonl`);
          writeFileSync(path, bytes);
          await sameOutcome(path);
          // A range between two line starts, as the parallel verifier cuts them.
          const starts = [0];
          for (let i = 0; i < bytes.length; i++)
            if (bytes[i] === 0x0a && i + 1 < bytes.length) starts.push(i + 1);
          const a = starts[r0 % starts.length];
          const b = r1 % (starts.length + 1) === starts.length ? bytes.length : starts[r1 % starts.length];
          if (a < b) await sameOutcome(path, a, b);
        },
      ),
      { numRuns: 150, seed: 20261125 },
    );
  });

  it('files over several chunks, more lines per chunk than one run takes, a line longer than a chunk', async () => {
    const dir = tmpDir();
    const lines = ourLines(3000);
    // Many short lines in one chunk (over the record table's size), then a run of entries.
    const blanks = Array.from({ length: 9000 }, () => '');
    let path = join(dir, 'many.jsonl');
    writeFileSync(path, [...lines.slice(0, 100), ...blanks, ...lines.slice(100)].join('\n') + '\n');
    let o = await sameOutcome(path);
    expect(o.entries).toBe(12000);
    // Entries across 2 MiB chunk boundaries, unterminated last line.
    path = join(dir, 'big.jsonl');
    writeFileSync(path, [...lines, ...lines.slice(0, 2000)].join('\n'));
    o = await sameOutcome(path);
    expect(o.entries).toBe(5000);
    // A 3 MB line: the rest of the range goes line by line.
    path = join(dir, 'long.jsonl');
    const long = `{"decision_id": "${'x'.repeat(3_000_000)}"}`;
    writeFileSync(path, [...lines.slice(0, 5), long, ...lines.slice(5, 50)].join('\n') + '\n');
    o = await sameOutcome(path);
    expect(o.entries).toBe(51);
    expect(o.breaks.map((b) => b.index)).toContain(5);
  });

  it('without WebAssembly (PENIN_LEDGER_WASM=0): no canonicalizer, the same outcome through the JS paths', async () => {
    const path = join(tmpDir(), 'js.jsonl');
    const lines = ourLines(50);
    lines[7] = lines[7].replace('"r 7"', '"r 8"');
    writeFileSync(path, lines.join('\n') + '\n');
    process.env.PENIN_LEDGER_WASM = '0';
    vi.resetModules();
    try {
      const module = await import('../../electron/ledger/wasm/canon-module');
      expect(module.acquireCanon()).toBeNull();
      const batch = await import('../../electron/ledger/wasm/batch-verify');
      const size = readFileSync(path).length;
      const want = await verify(path, 0, size, false);
      expect(want.breaks.map((b) => [b.index, b.kind])).toEqual([[7, 'content']]);
      expect(await verify(path, 0, size, true, batch.verifyLines)).toEqual(want);
    } finally {
      delete process.env.PENIN_LEDGER_WASM;
      vi.resetModules();
    }
  });
});
