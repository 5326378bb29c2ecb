// The ledger writer's key as a note signer: name `penin.local/<key id>`, origin
// `penin.local/<key id>/<ledger file name>`; and the vkey an auditor is given for it.
import type { KeyObject } from 'node:crypto';
import { rawPublicKey } from './ed25519';
import { formatCheckpoint, keyNameFor, originFor } from './checkpoint-note';
import { noteSigner, signNote, type NoteSigner } from './note-signer';
import { ALG_ED25519, formatVkey, parseVkey, type Vkey } from './vkey';

export interface KeyLike {
  privateKey: KeyObject;
  keyId: string;
}

export function ledgerNoteSigner(key: KeyLike): NoteSigner {
  return noteSigner(keyNameFor(key.keyId), key.privateKey);
}

/** The vkey of a PENIN key (a PEM public key's): what `penin keygen` prints. */
export function vkeyOfPublicKey(publicKey: KeyObject, keyId: string): Vkey {
  return parseVkey(formatVkey(keyNameFor(keyId), ALG_ED25519, rawPublicKey(publicKey)));
}

export function signCheckpointNote(
  key: KeyLike,
  ledgerPath: string,
  tree: { size: number; root: Uint8Array; head: string },
  time: Date,
): string {
  const body = formatCheckpoint({
    origin: originFor(key.keyId, ledgerPath),
    size: tree.size,
    root: tree.root,
    time: time.toISOString(),
    head: tree.head,
  });
  return signNote(body, [ledgerNoteSigner(key)]);
}
