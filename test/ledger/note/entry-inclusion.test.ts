// The entry pane's question: which signed checkpoint first includes this entry, by whom; asked at
// each click, answered from one pass per state of the ledger and its notes.
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../../electron/ledger/signing-key';
import { vkeyOfPublicKey } from '../../../electron/ledger/note/checkpoint-signer';
import { noteSidecarPath } from '../../../electron/ledger/note/note-sidecar';
import { entryInclusion } from '../../../electron/ledger/proofs/entry-inclusion';
import { InclusionCache } from '../../../electron/ledger/proofs/inclusion-cache';
import { LedgerWriter } from '../../../electron/ledger/writer';
import { decision } from '../../helpers/ledger';
import { signedLedger, rewriteChain } from '../../helpers/signed-ledger';

describe('entryInclusion', () => {
  it('names the first checkpoint holding the entry, and refuses checkpoints the file no longer matches', async () => {
    const { path, key } = await signedLedger(25);
    const k = loadOrCreateSigningKey(key);
    const vkey = vkeyOfPublicKey(k.publicKey, k.keyId);
    const at = (i: number) => entryInclusion(path, noteSidecarPath(path), i, vkey);
    expect(await at(3)).toMatchObject({
      checkpoint: { size: 10, signedBy: expect.stringMatching(/^penin\.local\//) },
      refused: 0,
    });
    expect(await at(10)).toMatchObject({ checkpoint: { size: 20 } });
    expect(await at(24)).toMatchObject({ checkpoint: { size: 25 } });
    expect(await at(25)).toMatchObject({ checkpoint: null });
    rewriteChain(path, 12);
    expect(await at(3)).toMatchObject({ checkpoint: { size: 10 }, refused: 0 });
    expect(await at(15)).toMatchObject({ checkpoint: null, refused: 2 });
  });
});

describe('InclusionCache (the entry pane, a click at a time)', () => {
  it('checks the notes against the file once per state of the two files, and sees a change', async () => {
    const { path, key } = await signedLedger(25);
    const k = loadOrCreateSigningKey(key);
    const vkey = vkeyOfPublicKey(k.publicKey, k.keyId);
    const cache = new InclusionCache();
    for (const i of [3, 10, 24, 25, 0])
      expect(await cache.inclusion(path, i, vkey)).toEqual(
        await entryInclusion(path, noteSidecarPath(path), i, vkey),
      );
    expect(cache.builds).toBe(1);
    // The ledger grows under a new checkpoint: the next click sees it.
    const w = await LedgerWriter.open(path, { checkpoints: { key: k, everyEntries: 10 } });
    for (let i = 0; i < 5; i++) await w.append(decision(100 + i));
    await w.close();
    expect(await cache.inclusion(path, 25, vkey)).toMatchObject({ checkpoint: { size: 30 } });
    expect(cache.builds).toBe(2);
    // Tampered with: the checkpoints past the edit no longer match.
    rewriteChain(path, 12);
    expect(await cache.inclusion(path, 15, vkey)).toMatchObject({ checkpoint: null, refused: 3 });
    expect(cache.builds).toBe(3);
  });
});
