// `penin.consistency/1`: an RFC 6962 consistency proof that the tree at an older checkpoint is a
// prefix of the tree at the newer one. The auditor checks it against the old note they kept.
import { z } from 'zod';
import { b64Hash } from './b64-hash';
import { consistencyRanges } from '../merkle/ranges';
import { treeFacts } from '../merkle/file-tree';
import { verifyConsistency } from '../merkle/verify';
import { checkCheckpointNote, type WitnessVouch } from './checkpoint-check';
import type { Vkey } from '../note/vkey';
import { parseCheckpoint } from '../note/checkpoint-note';
import { ProofError } from './inclusion-bundle';

export const CONSISTENCY_FORMAT = 'penin.consistency/1';

export const consistencyBundleSchema = z
  .object({
    format: z.literal(CONSISTENCY_FORMAT),
    oldSize: z.number().int().min(0),
    newSize: z.number().int().min(0),
    proof: z.array(b64Hash),
    /** The signed note of size oldSize, when the ledger's sidecar has one (the auditor's own copy is better). */
    oldCheckpoint: z.string().nullable(),
    newCheckpoint: z.string(),
  })
  .strict();

export type ConsistencyBundle = z.infer<typeof consistencyBundleSchema>;

const bodyOf = (note: string): ReturnType<typeof parseCheckpoint> =>
  parseCheckpoint(note.slice(0, note.lastIndexOf('\n\n') + 1));

export async function proveConsistency(
  path: string,
  oldSize: number,
  newCheckpoint: string,
  oldCheckpoint: string | null,
): Promise<ConsistencyBundle> {
  const { size } = bodyOf(newCheckpoint);
  if (oldSize > size) throw new ProofError(`size ${oldSize} is past the latest checkpoint (${size} entries)`);
  const f = await treeFacts(path, { ranges: consistencyRanges(oldSize, size), maxLeaves: size });
  if (f.leaves < size) throw new ProofError(`the file has ${f.leaves} entries, the checkpoint says ${size}`);
  return {
    format: CONSISTENCY_FORMAT,
    oldSize,
    newSize: size,
    proof: f.ranges.map((h) => (h as Buffer).toString('base64')),
    oldCheckpoint,
    newCheckpoint,
  };
}

export interface ConsistencyCheck {
  ok: boolean;
  problems: string[];
  oldSize: number;
  newSize: number;
  witnesses: WitnessVouch[];
}

/** `oldNote`: the auditor's kept checkpoint (else the bundle's own). Both notes must verify with `log`. */
export function checkConsistency(
  raw: unknown,
  log: Vkey,
  oldNote: string | null,
  witnesses: Vkey[] = [],
): ConsistencyCheck {
  const parsed = consistencyBundleSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return {
      ok: false,
      problems: [`not a ${CONSISTENCY_FORMAT} bundle: ${i.path.join('.') || 'bundle'}: ${i.message}`],
      oldSize: 0,
      newSize: 0,
      witnesses: [],
    };
  }
  const b = parsed.data;
  const problems: string[] = [];
  const older = oldNote ?? b.oldCheckpoint;
  if (older === null) problems.push('no old checkpoint: give the one you kept (--old NOTE)');
  const o = older === null ? null : checkCheckpointNote(older, log, witnesses);
  const n = checkCheckpointNote(b.newCheckpoint, log, witnesses);
  if (o && !o.ok) problems.push(`old checkpoint: ${o.problem}`);
  if (!n.ok) problems.push(`new checkpoint: ${n.problem}`);
  if (o?.ok && n.ok) {
    if (o.body.origin !== n.body.origin)
      problems.push(`the checkpoints are of two logs (${o.body.origin}, ${n.body.origin})`);
    if (o.body.size !== b.oldSize || n.body.size !== b.newSize)
      problems.push(
        `the proof is from ${b.oldSize} to ${b.newSize}, the checkpoints are of ${o.body.size} and ${n.body.size}`,
      );
    const why = verifyConsistency(
      o.body.size,
      n.body.size,
      b.proof.map((p) => Buffer.from(p, 'base64')),
      o.body.root,
      n.body.root,
    );
    if (why) problems.push(`consistency proof: ${why}`);
  }
  return {
    ok: problems.length === 0,
    problems,
    oldSize: b.oldSize,
    newSize: b.newSize,
    witnesses: [...(o?.ok ? o.witnesses : []), ...(n.ok ? n.witnesses : [])],
  };
}
