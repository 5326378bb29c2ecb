import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffLedgers } from '../../../electron/ledger/forensics/ledger-diff';
import { signedCheckpoints } from '../../../electron/ledger/signed-checkpoints';
import { noteSidecarPath } from '../../../electron/ledger/note/note-sidecar';
import { loadPublicKey } from '../../../electron/ledger/signing-key';
import { LedgerWriter } from '../../../electron/ledger/writer';
import { ledgerDiffSchema } from '../../../shared/ledger-diff';
import { decision, writeLedger } from '../../helpers/ledger';
import { rewriteChain, signedLedger } from '../../helpers/signed-ledger';
import { jq, readLines, writeLinesTo } from '../../helpers/tamper';
import { tmpDir } from '../../helpers/tmp';

async function diff(a: string, b: string, pub?: string) {
  const key = pub ? loadPublicKey(pub) : undefined;
  const checkpoints = key
    ? { a: await signedCheckpoints(a, key), b: await signedCheckpoints(b, key) }
    : undefined;
  // Small chunks: lines cross chunk boundaries on both sides.
  return ledgerDiffSchema.parse(await diffLedgers(a, b, { checkpoints, chunkBytes: 700 }));
}

/** A copy of `path` with `more` further decisions appended by the writer (starting at decision `from`). */
async function grownCopy(path: string, more: number, from: number): Promise<string> {
  const copy = join(tmpDir(), 'copy.jsonl');
  copyFileSync(path, copy);
  const w = await LedgerWriter.open(copy);
  for (let i = 0; i < more; i++) await w.append(decision(from + i));
  await w.close();
  return copy;
}

describe('penin diff: two copies of one ledger', () => {
  it('identical copies', async () => {
    const a = await writeLedger(12);
    const b = join(tmpDir(), 'b.jsonl');
    copyFileSync(a, b);
    const d = await diff(a, b);
    expect(d).toMatchObject({
      commonPrefix: 12,
      classification: { kind: 'identical' },
      firstDifference: null,
    });
    expect(d.text).toBe('identical: both have 12 entries, byte for byte');
    expect(d.a.head).toBe(d.b.head);
  });

  it('truncated / grown: one is a prefix of the other, either way round', async () => {
    const a = await writeLedger(10);
    const b = await grownCopy(a, 5, 10);
    const ab = await diff(a, b);
    expect(ab).toMatchObject({
      commonPrefix: 10,
      classification: { kind: 'prefix', shorter: 'a', tornCopy: false },
      a: { entries: 10, tail: 0 },
      b: { entries: 15, tail: 5 },
      firstDifference: null,
    });
    expect(ab.text).toMatch(
      /^A is a prefix of B: they agree on all 10 entries of A, and B has 5 more \(A was truncated, or B grew since\)/,
    );
    expect((await diff(b, a)).classification).toEqual({ kind: 'prefix', shorter: 'b', tornCopy: false });
  });

  it('a copy taken mid-write (torn last line) is still a prefix', async () => {
    const b = await writeLedger(6);
    const a = join(tmpDir(), 'a.jsonl');
    const bytes = readFileSync(b);
    writeFileSync(a, bytes.subarray(0, bytes.length - 40));
    const d = await diff(a, b);
    expect(d).toMatchObject({
      commonPrefix: 5,
      classification: { kind: 'prefix', shorter: 'a', tornCopy: true },
      a: { tornTail: true },
    });
    expect(d.text).toMatch(/cut mid-entry/);
  });

  it('forked: both went on differently after a shared prefix', async () => {
    const base = await writeLedger(8);
    const a = await grownCopy(base, 3, 100);
    const b = await grownCopy(base, 5, 200);
    const d = await diff(a, b);
    expect(d).toMatchObject({
      commonPrefix: 8,
      classification: { kind: 'forked', at: 8 },
      a: { entries: 11, tail: 3 },
      b: { entries: 13, tail: 5 },
      firstDifference: { index: 8, sameCurrentHash: false },
      equalAfterDifference: 0,
    });
    expect(d.firstDifference!.a.currentHash).toBe(JSON.parse(readLines(a)[8]).current_hash);
    expect(d.text).toBe(
      'forked at entry 8: they agree on entries 0 to 7, then A has 3 entries and B 5 of their own',
    );
  });

  it('one entry re-encoded in place (jq): forked and joined again, same current_hash', async () => {
    const a = await writeLedger(6);
    const b = join(tmpDir(), 'b.jsonl');
    const ls = readLines(a);
    ls[3] = jq(ls[3]);
    writeLinesTo(b, ls);
    const d = await diff(a, b);
    expect(d).toMatchObject({
      classification: { kind: 'forked', at: 3 },
      equalAfterDifference: 2,
      firstDifference: { sameCurrentHash: true },
    });
    expect(d.text).toMatch(/differ in entry 3 only.*re-encoded or edited, its current_hash kept/);
  });

  it('unrelated: no common prefix', async () => {
    const a = await writeLedger(4);
    const b = await writeLedger(7);
    const d = await diff(a, b);
    expect(d).toMatchObject({
      commonPrefix: 0,
      classification: { kind: 'unrelated' },
      a: { tail: 4 },
      b: { tail: 7 },
    });
    expect(d.firstDifference?.index).toBe(0);
  });

  it('an empty file against a ledger: the empty one is a prefix', async () => {
    const a = join(tmpDir(), 'empty.jsonl');
    writeFileSync(a, '');
    const d = await diff(a, await writeLedger(3));
    expect(d.classification).toEqual({ kind: 'prefix', shorter: 'a', tornCopy: false });
  });

  it('with the key: the signed checkpoints past the fork vouch for the copy that was not rewritten', async () => {
    const { path: a, pub } = await signedLedger(30, 10);
    const b = join(tmpDir(), 'b.jsonl');
    copyFileSync(a, b);
    copyFileSync(noteSidecarPath(a), noteSidecarPath(b)); // the operator's copy keeps the sidecar...
    rewriteChain(b, 15); // ...and rewrites the chain from entry 15 on
    const d = await diff(a, b, pub);
    expect(d.classification).toEqual({ kind: 'forked', at: 15 });
    expect(d.checkpoints!.map((c) => `${c.entries}:${c.foundIn}:${c.vouchesFor}`)).toEqual([
      '10:both:both',
      '20:both:a',
      '30:both:a',
    ]);
    expect(d.text).toMatch(/of the signed checkpoints past entry 15, 2 vouch for A, 0 for B$/);
  });
});
