// Opening a signed note against known keys, as c2sp.org/signed-note says: signatures from unknown
// keys (name and key ID not both matching) are ignored; a known key's signature that fails rejects
// the note; a note with no verified signature from a known key is rejected.
import { verify } from 'node:crypto';
import { parseNote, type NoteSignature } from './signed-note';
import { cosignedMessage, unpackCosignature } from './cosignature';
import { ALG_ED25519, hex8, type Vkey } from './vkey';

export interface VerifiedSignature {
  name: string;
  keyHash: number;
  alg: Vkey['alg'];
  /** A cosignature's time (POSIX seconds). */
  timestamp?: bigint;
}

export type OpenResult =
  | { ok: true; text: string; verified: VerifiedSignature[]; unknown: NoteSignature[] }
  | { ok: false; problem: string };

function check(text: string, s: NoteSignature, k: Vkey): VerifiedSignature | string {
  try {
    if (k.alg === ALG_ED25519)
      return verify(null, Buffer.from(text, 'utf8'), k.key, s.sig)
        ? { name: k.name, keyHash: k.keyHash, alg: k.alg }
        : `the signature of ${k.name} (${hex8(k.keyHash)}) does not verify`;
    const c = unpackCosignature(s.sig);
    if (!c) return `the cosignature of ${k.name} is not a timestamped Ed25519 signature`;
    return verify(null, cosignedMessage(text, c.timestamp), k.key, c.sig)
      ? { name: k.name, keyHash: k.keyHash, alg: k.alg, timestamp: c.timestamp }
      : `the cosignature of ${k.name} (${hex8(k.keyHash)}) does not verify`;
  } catch (e) {
    return `the signature of ${k.name} cannot be checked: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Verifies `note` against `keys`; `required` must be among those that verify (default: any one). */
export function openNote(note: string, keys: Vkey[], required?: Vkey): OpenResult {
  let parsed;
  try {
    parsed = parseNote(note);
  } catch (e) {
    return { ok: false, problem: e instanceof Error ? e.message : String(e) };
  }
  const verified: VerifiedSignature[] = [];
  const unknown: NoteSignature[] = [];
  for (const s of parsed.signatures) {
    const k = keys.find((k) => k.name === s.name && k.keyHash === s.keyHash);
    if (!k) {
      unknown.push(s);
      continue;
    }
    const r = check(parsed.text, s, k);
    if (typeof r === 'string') return { ok: false, problem: r };
    verified.push(r);
  }
  if (verified.length === 0) {
    const names = keys.map((k) => `${k.name}+${hex8(k.keyHash)}`).join(', ');
    return { ok: false, problem: `no signature from a known key (${names || 'none given'})` };
  }
  if (required && !verified.some((v) => v.name === required.name && v.keyHash === required.keyHash))
    return { ok: false, problem: `not signed by ${required.name}+${hex8(required.keyHash)}` };
  return { ok: true, text: parsed.text, verified, unknown };
}
