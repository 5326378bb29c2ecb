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

/** Every note of a sidecar, checked once: whether it verified, and whether the file's tree matches it. */
export interface CheckpointBook {
  /** Notes that verified under the keys, by size, each with whether the file's root at that size is the note's. */
  notes: { matches: boolean; checkpoint: NonNullable<EntryInclusion['checkpoint']> }[];
  /** Notes that did not verify (malformed, unsigned by the log, a bad signature). */
  unverified: number;
}

/** One pass over the sidecar and one over the file (up to the largest note's size). */
export async function checkpointBook(
  ledgerPath: string,
  sidecar: string,
  log: Vkey,
  witnesses: Vkey[] = [],
): Promise<CheckpointBook> {
  const verified: Extract<ReturnType<typeof checkCheckpointNote>, { ok: true }>[] = [];
  let unverified = 0;
  await eachNote(sidecar, (n) => {
    const c = n.note === null ? null : checkCheckpointNote(n.note, log, witnesses);
    if (c?.ok) verified.push(c);
    else unverified++;
  });
  verified.sort((a, b) => a.body.size - b.body.size);
  const sizes = verified.map((c) => c.body.size);
  const facts =
    sizes.length === 0 ? null : await treeFacts(ledgerPath, { sizes, maxLeaves: Math.max(...sizes) });
  return {
    unverified,
    notes: verified.map((c) => {
      const root = facts?.roots.get(c.body.size);
      return {
        matches: root !== undefined && Buffer.compare(root, c.body.root) === 0,
        checkpoint: {
          size: c.body.size,
          origin: c.body.origin,
          signedBy: c.signedBy,
          time: c.body.time,
          witnesses: c.witnesses,
        },
      };
    }),
  };
}

/**
 * The smallest matching checkpoint whose tree holds entry `index`. `refused` counts the notes that
 * did not verify and the covering ones below it that the file no longer matches. (Witnesses of
 * later checkpoints vouch for this entry too, their trees extending this one: the first's own here.)
 */
export function inclusionIn(book: CheckpointBook, index: number): EntryInclusion {
  let refused = book.unverified;
  for (const n of book.notes) {
    if (n.checkpoint.size <= index) continue;
    if (n.matches) return { index, checkpoint: n.checkpoint, refused };
    refused++;
  }
  return { index, checkpoint: null, refused };
}

export async function entryInclusion(
  ledgerPath: string,
  sidecar: string,
  index: number,
  log: Vkey,
  witnesses: Vkey[] = [],
): Promise<EntryInclusion> {
  return inclusionIn(await checkpointBook(ledgerPath, sidecar, log, witnesses), index);
}
