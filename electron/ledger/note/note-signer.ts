// Signing notes: as the log (Ed25519, type 0x01) and as a witness (cosignature/v1, type 0x04).
import { sign, type KeyObject } from 'node:crypto';
import { rawPublicKey } from './ed25519';
import { cosignedMessage, packCosignature } from './cosignature';
import { ALG_COSIGNATURE_V1, ALG_ED25519, formatVkey, keyHashOf } from './vkey';
import { formatNote, parseNote, signatureLine, validKeyName } from './signed-note';

export interface NoteSigner {
  name: string;
  alg: typeof ALG_ED25519 | typeof ALG_COSIGNATURE_V1;
  privateKey: KeyObject;
  publicKey: Buffer;
  keyHash: number;
  vkey: string;
}

export function noteSigner(
  name: string,
  privateKey: KeyObject,
  alg: typeof ALG_ED25519 | typeof ALG_COSIGNATURE_V1 = ALG_ED25519,
): NoteSigner {
  if (!validKeyName(name)) throw new Error(`bad key name "${name}": no spaces, no "+"`);
  const publicKey = rawPublicKey(privateKey);
  return {
    name,
    alg,
    privateKey,
    publicKey,
    keyHash: keyHashOf(name, alg, publicKey),
    vkey: formatVkey(name, alg, publicKey),
  };
}

/** One signature line of `text` by `s` (a cosigner stamps it with `time`, in seconds). */
export function signatureFor(text: string, s: NoteSigner, time: Date = new Date()): string {
  if (s.alg === ALG_ED25519)
    return signatureLine(s.name, s.keyHash, sign(null, Buffer.from(text, 'utf8'), s.privateKey));
  const t = BigInt(Math.floor(time.getTime() / 1000));
  const sig = sign(null, cosignedMessage(text, t), s.privateKey);
  return signatureLine(s.name, s.keyHash, packCosignature(t, sig));
}

/** A new note: `text` (ending in "\n", no blank line needed) signed by each signer. */
export function signNote(text: string, signers: NoteSigner[], time?: Date): string {
  if (!text.endsWith('\n')) throw new Error('a note text ends in a newline');
  return formatNote(
    text,
    signers.map((s) => signatureFor(text, s, time)),
  );
}

/** The note with one more signature line (a witness's cosignature, say). */
export function addSignature(note: string, s: NoteSigner, time?: Date): string {
  const { text } = parseNote(note);
  return note + signatureFor(text, s, time);
}
