// The writer keeps the tree's frontier: extended on each durable append, rebuilt on reopen, and
// signed into C2SP checkpoint notes (LEDGER.checkpoints) beside the JSON sidecar.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { LedgerWriter } from '../../../electron/ledger/writer';
import { loadOrCreateSigningKey } from '../../../electron/ledger/signing-key';
import { treeFacts } from '../../../electron/ledger/merkle/file-tree';
import { allNotes, noteSidecarPath } from '../../../electron/ledger/note/note-sidecar';
import { openNote } from '../../../electron/ledger/note/open-note';
import { parseCheckpoint } from '../../../electron/ledger/note/checkpoint-note';
import { vkeyOfPublicKey } from '../../../electron/ledger/note/checkpoint-signer';
import { errno, flakyDisk } from '../../helpers/flaky-disk';
import { lines } from '../../helpers/ledger';
import { decision } from '../../helpers/ledger';
import { signedLedger } from '../../helpers/signed-ledger';
import { tmpDir } from '../../helpers/tmp';

describe('the writer and the Merkle tree', () => {
  it('signs a checkpoint note at each checkpoint, whose root and head are those of the file', async () => {
    const { path, key } = await signedLedger(25);
    const k = loadOrCreateSigningKey(key);
    const vkey = vkeyOfPublicKey(k.publicKey, k.keyId);
    const notes = await allNotes(noteSidecarPath(path));
    expect(notes.map((n) => n.problem)).toEqual([undefined, undefined, undefined]);
    const bodies = notes.map((n) => {
      const r = openNote(n.note as string, [vkey]);
      if (!r.ok) throw new Error(r.problem);
      return parseCheckpoint(r.text);
    });
    expect(bodies.map((b) => b.size)).toEqual([10, 20, 25]);
    expect(bodies[0].origin).toBe(`penin.local/${k.keyId}/ledger.jsonl`);
    const facts = await treeFacts(path, { sizes: [10, 20, 25] });
    const stored = lines(path);
    for (const b of bodies) {
      expect(b.root).toEqual(facts.roots.get(b.size));
      expect(b.head).toBe(JSON.parse(stored[b.size - 1]).current_hash);
      expect(b.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
  });

  it('rebuilds the frontier on reopen and extends it on append', async () => {
    const path = join(tmpDir(), 'ledger.jsonl');
    let w = await LedgerWriter.open(path);
    for (let i = 0; i < 7; i++) await w.append(decision(i));
    const before = w.tree;
    await w.close();
    w = await LedgerWriter.open(path);
    expect(w.tree).toEqual(before);
    await Promise.all([11, 12, 13].map((i) => w.append(decision(i))));
    const after = w.tree;
    await w.close();
    const facts = await treeFacts(path);
    expect(after.entries).toBe(10);
    expect(after.root).toEqual(facts.frontier.root());
  });

  it('a group whose fdatasync fails never enters the tree, though its leaves were hashed during the sync', async () => {
    const disk = flakyDisk();
    const path = join(tmpDir(), 'ledger.jsonl');
    const w = await LedgerWriter.open(path, { disk, retryMs: 10 });
    for (let i = 0; i < 3; i++) await w.append(decision(i));
    const durable = w.tree;
    // The sync fails after the group's leaves went into the writer's copy of the tree.
    disk.failSync = errno('EIO', 'i/o error, fdatasync');
    const group = Array.from({ length: 40 }, (_, i) => w.append(decision(10 + i)));
    for (const g of group) await expect(g).rejects.toThrow(/ledger write failed: EIO/);
    expect(w.tree).toEqual(durable);
    disk.failSync = null;
    // Recovery quarantines the unsynced group and appends RECOVER: the tree follows the file.
    for (let tries = 0; w.entries < 4 && tries < 200; tries++) await new Promise((r) => setTimeout(r, 10));
    await w.append(decision(99));
    const after = w.tree;
    await w.close();
    const facts = await treeFacts(path);
    expect(after.entries).toBe(5);
    expect(facts.leaves).toBe(5);
    expect(after.root).toEqual(facts.frontier.root());
    expect(after.head).toBe(JSON.parse(lines(path)[4]).current_hash);
  });

  it('can run without the tree (the benchmark), but not with checkpoints', async () => {
    const path = join(tmpDir(), 'ledger.jsonl');
    const w = await LedgerWriter.open(path, { tree: false });
    await w.append(decision(1));
    expect(() => w.tree).toThrow(/no Merkle tree/);
    await w.close();
    const key = loadOrCreateSigningKey(join(tmpDir(), 'k.pem'));
    await expect(LedgerWriter.open(path, { tree: false, checkpoints: { key } })).rejects.toThrow(
      /need the Merkle tree/,
    );
  });
});
