// Signs a verification receipt (receipt.ts) with the auditor's key file: what `penin verify
// --receipt` and the app's "Signed receipt" both do. The key must exist already (a receipt signed
// by a key made on the spot proves nothing); its private half never leaves this function.
import { existsSync } from 'node:fs';
import { KeyFileError, loadOrCreateSigningKey } from '../signing-key';
import { ledgerNoteSigner } from '../note/checkpoint-signer';
import { keyNameFor } from '../note/checkpoint-note';
import type { ChainBreak } from '../../../shared/domain';
import { breaksDigest, fileSha256, signReceipt } from './receipt';

export class AuditorKeyError extends Error {}

export interface VerifiedFacts {
  path: string;
  bytes: number;
  entries: number;
  /** The newest checkpoint note that verified against the file; null when none was checked. */
  checkpoint: { origin: string; size: number; root: string } | null;
  valid: boolean;
  breaks: ChainBreak[];
}

/** The receipt note, and the auditor's key name it is signed under. */
export async function signVerificationReceipt(
  keyPath: string,
  v: VerifiedFacts,
  tool: string,
  now: Date = new Date(),
): Promise<{ note: string; signedBy: string }> {
  if (!existsSync(keyPath)) throw new AuditorKeyError(`${keyPath}: no such key (penin keygen makes one)`);
  let key;
  try {
    key = loadOrCreateSigningKey(keyPath);
  } catch (e) {
    if (e instanceof KeyFileError) throw new AuditorKeyError(e.message);
    throw e;
  }
  const note = signReceipt(
    {
      file: v.path,
      sha256: await fileSha256(v.path, v.bytes),
      bytes: v.bytes,
      entries: v.entries,
      checkpoint: v.checkpoint
        ? { origin: v.checkpoint.origin, size: v.checkpoint.size, root: v.checkpoint.root }
        : 'none',
      result: v.valid ? 'valid' : 'invalid',
      breaks: { count: v.breaks.length, sha256: breaksDigest(v.breaks) },
      time: now.toISOString(),
      tool,
    },
    ledgerNoteSigner(key),
  );
  return { note, signedBy: keyNameFor(key.keyId) };
}
