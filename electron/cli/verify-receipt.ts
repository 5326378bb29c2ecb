// `penin verify … --receipt OUT --auditor-key KEY`: the auditor signs what they verified.
import { writeFileSync } from 'node:fs';
import { AuditorKeyError, signVerificationReceipt, type VerifiedFacts } from '../ledger/proofs/receipt-note';
import { toolVersion } from '../app/app-identity';
import { UsageError } from './note-args';

export async function writeReceipt(out: string, keyPath: string, v: VerifiedFacts): Promise<void> {
  let note: string;
  try {
    ({ note } = await signVerificationReceipt(keyPath, v, `penin ${toolVersion()}`));
  } catch (e) {
    if (e instanceof AuditorKeyError) throw new UsageError(e.message);
    throw e;
  }
  writeFileSync(out, note, { mode: 0o644 });
}
