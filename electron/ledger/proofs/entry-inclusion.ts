// For one entry: the first signed checkpoint that includes it ("included in checkpoint N, signed
// by K, cosigned by W"), checked against the file's tree; what the app's entry pane needs (the
// evidence export then takes proveInclusion's bundle against the latest note).
import { eachNote } from '../note/note-sidecar';
import { treeFacts } from '../merkle/file-tree';
import { checkCheckpointNote, type WitnessVouch } from './checkpoint-check';
import type { Vkey } from '../note/vkey';

export interface EntryInclusion {
  index: number;
  /** The smallest verified checkpoint whose tree holds the entry; null when none does yet. */
  checkpoint: {
    size: number;
    origin: string;
    signedBy: string;
    time: string | null;
    witnesses: WitnessVouch[];
  } | null;
  /** Checkpoints that did not verify or do not match the file (not used). */
  refused: number;
}

export async function entryInclusion(
  ledgerPath: string,
  sidecar: string,
  index: number,
  log: Vkey,
  witnesses: Vkey[] = [],
): Promise<EntryInclusion> {
  const candidates: Extract<ReturnType<typeof checkCheckpointNote>, { ok: true }>[] = [];
  let refused = 0;
  await eachNote(sidecar, (n) => {
    const c = n.note === null ? null : checkCheckpointNote(n.note, log, witnesses);
    if (c?.ok) {
      if (c.body.size > index) candidates.push(c);
    } else refused++;
  });
  candidates.sort((a, b) => a.body.size - b.body.size);
  if (candidates.length === 0) return { index, checkpoint: null, refused };
  const sizes = candidates.map((c) => c.body.size);
  const facts = await treeFacts(ledgerPath, { sizes, maxLeaves: Math.max(...sizes) });
  for (const c of candidates) {
    const root = facts.roots.get(c.body.size);
    if (!root || Buffer.compare(root, c.body.root) !== 0) {
      refused++;
      continue;
    }
    // Witnesses of later checkpoints vouch for this entry too (their trees extend this one):
    // the app can show those as well; here, the first checkpoint's own.
    return {
      index,
      checkpoint: {
        size: c.body.size,
        origin: c.body.origin,
        signedBy: c.signedBy,
        time: c.body.time,
        witnesses: c.witnesses,
      },
      refused,
    };
  }
  return { index, checkpoint: null, refused };
}
