// For the proof tests: a signed ledger's vkey as the auditor is given it, and a witness that
// cosigns its checkpoint notes.
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { vkeyOfPublicKey } from '../../electron/ledger/note/checkpoint-signer';
import { loadPublicKey } from '../../electron/ledger/signing-key';
import { formatVkey } from '../../electron/ledger/note/vkey';
import { allNotes, noteSidecarPath } from '../../electron/ledger/note/note-sidecar';
import { addSignature, noteSigner } from '../../electron/ledger/note/note-signer';
import { ALG_COSIGNATURE_V1 } from '../../electron/ledger/note/vkey';

/** The vkey string of a PENIN writer's PEM public key (what `penin keygen` prints). */
export function vkeyText(pub: string): string {
  const k = loadPublicKey(pub);
  const v = vkeyOfPublicKey(k.publicKey, k.keyId);
  return formatVkey(v.name, v.alg, v.publicKey);
}

/** A witness cosigns every note of the ledger's sidecar; its vkey. */
export async function cosignAll(ledgerPath: string, name = 'witness.example/w1'): Promise<string> {
  const w = noteSigner(name, generateKeyPairSync('ed25519').privateKey, ALG_COSIGNATURE_V1);
  const notes = await allNotes(noteSidecarPath(ledgerPath));
  const at = new Date('2026-12-06T03:00:00Z');
  writeFileSync(
    noteSidecarPath(ledgerPath),
    notes.map((n) => `${addSignature(n.note as string, w, at)}\n`).join(''),
  );
  return w.vkey;
}
