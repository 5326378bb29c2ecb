// `penin.inclusion/1`: one entry, its RFC 6962 audit path, and the signed checkpoint it leads to.
// Offline-verifiable with the log's vkey alone; made to sit as the `inclusion` field of the
// forensic evidence bundle (penin.evidence/1). `tlogProof` renders the same proof as a C2SP
// tlog-proof (c2sp.org/tlog-proof), with the entry left out (a tlog-proof carries no entry).
import {
  INCLUSION_FORMAT,
  inclusionBundleSchema,
  type InclusionBundle,
} from '../../../shared/inclusion-bundle';
import { leafHash } from '../merkle/hash';
import { inclusionRanges } from '../merkle/ranges';
import { treeFacts } from '../merkle/file-tree';
import { verifyInclusion } from '../merkle/verify';
import { checkCheckpointNote, type WitnessVouch } from './checkpoint-check';
import type { Vkey } from '../note/vkey';
import { decodeNote } from '../note/signed-note';
import { parseCheckpoint } from '../note/checkpoint-note';

// The schema lives in shared/ so that the evidence bundle (shared/evidence.ts) can carry it.
export { INCLUSION_FORMAT, inclusionBundleSchema, type InclusionBundle };

export class ProofError extends Error {}

/** Builds the bundle of entry `index` against `checkpoint` (a note of the file's log), streaming the file once. */
export async function proveInclusion(
  path: string,
  index: number,
  checkpoint: string,
): Promise<InclusionBundle> {
  const { size } = parseCheckpoint(checkpoint.slice(0, checkpoint.lastIndexOf('\n\n') + 1));
  if (index >= size)
    throw new ProofError(
      `entry ${index} is not in the latest checkpoint (${size} entries): wait for the next one`,
    );
  const ranges = inclusionRanges(index, size);
  const f = await treeFacts(path, { ranges, capture: index, maxLeaves: size, sizes: [size] });
  if (f.leaves < size) throw new ProofError(`the file has ${f.leaves} entries, the checkpoint says ${size}`);
  if (f.captured === null || f.capturedLeaf === null)
    throw new ProofError(`entry ${index} is over the 4 MiB entry bound; it cannot be put in a bundle`);
  const entry = decodeNote(f.captured); // strict UTF-8, or it cannot travel as JSON text
  return {
    format: INCLUSION_FORMAT,
    index,
    entry,
    leafHash: f.capturedLeaf.toString('hex'),
    treeSize: size,
    proof: f.ranges.map((h) => (h as Buffer).toString('base64')),
    checkpoint,
  };
}

function currentHashOf(entry: string): string | null {
  try {
    const v: unknown = JSON.parse(entry);
    const h = v && typeof v === 'object' ? (v as Record<string, unknown>).current_hash : null;
    return typeof h === 'string' ? h : null;
  } catch {
    return null;
  }
}

export interface InclusionCheck {
  ok: boolean;
  problems: string[];
  index: number;
  treeSize: number;
  origin: string | null;
  signedBy: string | null;
  witnesses: WitnessVouch[];
}

/** Verifies entry, path and note offline: nothing but the bundle and the keys. */
export function checkInclusion(raw: unknown, log: Vkey, witnesses: Vkey[] = []): InclusionCheck {
  const parsed = inclusionBundleSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return {
      ok: false,
      problems: [`not a ${INCLUSION_FORMAT} bundle: ${i.path.join('.') || 'bundle'}: ${i.message}`],
      index: -1,
      treeSize: 0,
      origin: null,
      signedBy: null,
      witnesses: [],
    };
  }
  const b = parsed.data;
  const problems: string[] = [];
  const leaf = leafHash(Buffer.from(b.entry, 'utf8'));
  if (leaf.toString('hex') !== b.leafHash)
    problems.push('the entry does not hash to the leaf hash: the entry was changed');
  const note = checkCheckpointNote(b.checkpoint, log, witnesses);
  if (!note.ok) problems.push(`checkpoint: ${note.problem}`);
  else {
    if (note.body.size !== b.treeSize)
      problems.push(`the checkpoint is of size ${note.body.size}, the proof of size ${b.treeSize}`);
    const why = verifyInclusion(
      b.index,
      b.treeSize,
      leaf,
      b.proof.map((p) => Buffer.from(p, 'base64')),
      note.body.root,
    );
    if (why) problems.push(`inclusion proof: ${why}`);
    if (b.index === b.treeSize - 1 && note.body.head !== null) {
      if (currentHashOf(b.entry) !== note.body.head)
        problems.push("the checkpoint's head is not this last entry's current_hash");
    }
  }
  return {
    ok: problems.length === 0,
    problems,
    index: b.index,
    treeSize: b.treeSize,
    origin: note.ok ? note.body.origin : null,
    signedBy: note.ok ? note.signedBy : null,
    witnesses: note.ok ? note.witnesses : [],
  };
}

/** The proof as a C2SP tlog-proof text (the entry travels separately). */
export function tlogProof(b: InclusionBundle): string {
  return ['c2sp.org/tlog-proof@v1', `index ${b.index}`, ...b.proof].join('\n') + '\n\n' + b.checkpoint;
}
