// `penin verify … --receipt OUT --auditor-key KEY`: the auditor signs what they verified.
import { writeFileSync } from 'node:fs';
import { loadOrCreateSigningKey, KeyFileError } from '../ledger/signing-key';
import { existsSync } from 'node:fs';
import { breaksDigest, fileSha256, signReceipt } from '../ledger/proofs/receipt';
import { ledgerNoteSigner } from '../ledger/note/checkpoint-signer';
import { toolVersion } from '../app/app-identity';
import type { ChainBreak } from '../../shared/domain';
import { UsageError } from './note-args';

export async function writeReceipt(
  out: string,
  keyPath: string,
  v: {
    path: string;
    bytes: number;
    entries: number;
    checkpoint: { origin: string; size: number; root: string } | null;
    valid: boolean;
    breaks: ChainBreak[];
  },
): Promise<void> {
  // The auditor's key must exist: a receipt signed by a key made on the spot proves nothing.
  if (!existsSync(keyPath)) throw new UsageError(`${keyPath}: no such key (penin keygen makes one)`);
  let key;
  try {
    key = loadOrCreateSigningKey(keyPath);
  } catch (e) {
    if (e instanceof KeyFileError) throw new UsageError(e.message);
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
      time: new Date().toISOString(),
      tool: `penin ${toolVersion()}`,
    },
    ledgerNoteSigner(key),
  );
  writeFileSync(out, note, { mode: 0o644 });
}
