// Anchors on a ledger still being written: the checkpoints are checked against the bytes the chain
// was verified to, never against what was appended since. A checkpoint signed after the verified
// length is not a cut (`truncated`) and names no entry beyond the verified count: a note says it
// was not checked in this run. `penin verify --pubkey` once reported "checkpoints covering entries
// 1087 to 1168" in a run that said "1166 entries".
import { describe, expect, it } from 'vitest';
import { checkAnchors } from '../../electron/ledger/anchors';
import { LedgerSession } from '../../electron/ledger/session';
import { LedgerWriter } from '../../electron/ledger/writer';
import { loadOrCreateSigningKey, loadPublicKey } from '../../electron/ledger/signing-key';
import { verifyFile } from '../../electron/ledger/verify-file';
import { decision } from '../helpers/ledger';
import { signedLedger } from '../helpers/signed-ledger';

/** The writer appends `n` more entries (checkpoints every 10 and on close), as a live app would. */
async function grow(path: string, key: string, n: number): Promise<void> {
  const w = await LedgerWriter.open(path, {
    checkpoints: { key: loadOrCreateSigningKey(key), everyEntries: 10 },
  });
  for (let i = 0; i < n; i++) await w.append(decision(100 + i));
  await w.close();
}

const indexesNamed = (r: {
  breaks: { index: number; detail: string }[];
  notes: { index: number; detail: string }[];
}) =>
  [...r.breaks, ...r.notes].flatMap((b) => [
    b.index,
    ...[...b.detail.matchAll(/entr(?:y|ies) (\d+)/g)].map((m) => Number(m[1])),
  ]);

describe('anchors on a growing ledger', () => {
  it('penin verify: the anchors pass counts the entries the chain pass verified, later checkpoints noted', async () => {
    const { path, key, pub } = await signedLedger(25);
    const chain = await verifyFile(path, { parallel: false }); // the chain pass
    await grow(path, key, 12); // appended before the anchors pass
    const publicKey = loadPublicKey(pub);
    const r = await checkAnchors(path, { publicKey, endOffset: chain.bytes });
    expect(chain.entries).toBe(25);
    expect(r.breaks).toEqual([]);
    expect(r.checkpoints).toEqual({ total: 5, valid: 5, coveredEntries: 25 });
    expect(r.notes).toEqual([
      {
        index: 24,
        kind: 'unsigned_tail',
        detail:
          '2 checkpoints (up to 37 entries) sign more than the 25 entries verified: the ledger grew during the check; not checked in this run',
      },
    ]);
    expect(Math.max(...indexesNamed(r).filter((i) => i !== 37))).toBeLessThan(25);
  });

  it('a file cut below a checkpoint (not grown) is still truncated', async () => {
    const { path, pub } = await signedLedger(25);
    const { truncateSync, readFileSync } = await import('node:fs');
    const bytes = readFileSync(path);
    let cut = bytes.length - 1;
    for (let k = 0; k < 3; k++) cut = bytes.lastIndexOf(0x0a, cut - 1);
    truncateSync(path, cut + 1);
    const chain = await verifyFile(path, { parallel: false });
    const r = await checkAnchors(path, {
      publicKey: loadPublicKey(pub),
      endOffset: chain.bytes,
    });
    expect(r.breaks.map((b) => b.kind)).toEqual(['truncated']);
  });

  it('the ledger browser: anchors after the file grew report the verified count, no break, a note', async () => {
    const { path, key, pub } = await signedLedger(25);
    const s = LedgerSession.open(path, { readOnly: true });
    try {
      await s.settled();
      await grow(path, key, 12);
      const status = await s.anchors({ publicKey: loadPublicKey(pub) });
      expect(status.entries).toBe(25);
      expect(status.breaks).toEqual([]);
      expect(status.checkpoints.coveredEntries).toBe(25);
      expect(status.notes.map((n) => [n.index, n.kind])).toEqual([[24, 'unsigned_tail']]);
      expect(status.notes[0].detail).toMatch(/sign more than the 25 entries verified/);
      expect(s.report().valid).toBe(true);
    } finally {
      s.close();
    }
  });
});
