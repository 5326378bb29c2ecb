// The entry pane's question: which signed checkpoint first includes this entry, by whom.
import { describe, expect, it } from 'vitest';
import { loadOrCreateSigningKey } from '../../../electron/ledger/signing-key';
import { vkeyOfPublicKey } from '../../../electron/ledger/note/checkpoint-signer';
import { noteSidecarPath } from '../../../electron/ledger/note/note-sidecar';
import { entryInclusion } from '../../../electron/ledger/proofs/entry-inclusion';
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
