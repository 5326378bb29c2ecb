// The checkpoints of a sidecar whose signature verifies under a given public key, in file order.
// Forensics uses them as witnesses: how many entries there were, and which head, at a signed time.
import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, parseCheckpointLine, type Checkpoint } from '../checkpoint';
import { scanLines } from '../line-scan';

export interface PublicKeyInfo {
  publicKey: KeyObject;
  keyId: string;
}

/** Valid checkpoints signed by `key` (others skipped: `penin verify --pubkey` reports them); [] when no sidecar. */
export async function signedCheckpoints(sidecar: string, key: PublicKeyInfo): Promise<Checkpoint[]> {
  const out: Checkpoint[] = [];
  try {
    await scanLines(
      sidecar,
      (l) => {
        if (l.tooLong) return;
        const p = parseCheckpointLine(l.bytes.toString('utf8'));
        if (
          p.ok &&
          p.checkpoint.key_id === key.keyId &&
          checkpointSignatureValid(p.checkpoint, key.publicKey)
        )
          out.push(p.checkpoint);
      },
      { maxLineBytes: 64 * 1024, chunkBytes: 64 * 1024 },
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  return out;
}
