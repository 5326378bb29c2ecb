// The inclusion proof an evidence bundle carries: entry `index` against the latest checkpoint note
// beside the ledger, when that note covers it. Unverified here (the bundle's reader checks it with
// the log's vkey); a note the file no longer matches gives no proof, and says why.
import { latestNote, noteSidecarPath } from '../note/note-sidecar';
import { MalformedNoteError } from '../note/signed-note';
import { proveInclusion, ProofError, type InclusionBundle } from './inclusion-bundle';

export type EvidenceInclusion =
  | { bundle: InclusionBundle; problem: null }
  /** No proof: no note, the latest does not cover the entry yet, or it does not match the file. */
  | { bundle: null; problem: string };

export async function latestInclusion(path: string, index: number): Promise<EvidenceInclusion> {
  const sidecar = noteSidecarPath(path);
  const note = await latestNote(sidecar);
  if (note === null) return { bundle: null, problem: `no checkpoint note in ${sidecar}` };
  try {
    return { bundle: await proveInclusion(path, index, note), problem: null };
  } catch (e) {
    if (e instanceof ProofError || e instanceof MalformedNoteError)
      return { bundle: null, problem: e.message };
    throw e;
  }
}
