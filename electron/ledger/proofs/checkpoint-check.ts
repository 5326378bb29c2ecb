// Checking one checkpoint note: signed by the log's key, its origin the log's, its body a
// tlog-checkpoint; and which of the given witnesses cosigned it (and when).
import { openNote } from '../note/open-note';
import { parseCheckpoint, type CheckpointBody } from '../note/checkpoint-note';
import { ALG_COSIGNATURE_V1, hex8, type Vkey } from '../note/vkey';

export interface WitnessVouch {
  name: string;
  keyHash: string;
  /** When the witness cosigned (ISO 8601). */
  time: string;
  /** The tree size it vouches for. */
  size: number;
}

export type CheckpointCheck =
  | { ok: true; body: CheckpointBody; text: string; signedBy: string; witnesses: WitnessVouch[] }
  | { ok: false; problem: string };

export function checkCheckpointNote(note: string, log: Vkey, witnesses: Vkey[] = []): CheckpointCheck {
  const r = openNote(note, [log, ...witnesses], log);
  if (!r.ok) return r;
  let body: CheckpointBody;
  try {
    body = parseCheckpoint(r.text);
  } catch (e) {
    return { ok: false, problem: `not a checkpoint: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!body.origin.startsWith(`${log.name}/`))
    return { ok: false, problem: `the origin ${body.origin} is not a log of ${log.name}` };
  const vouches = r.verified
    .filter((v) => v.alg === ALG_COSIGNATURE_V1 && v.timestamp !== undefined)
    .map((v) => ({
      name: v.name,
      keyHash: hex8(v.keyHash),
      time: new Date(Number(v.timestamp) * 1000).toISOString(),
      size: body.size,
    }));
  return { ok: true, body, text: r.text, signedBy: `${log.name}+${hex8(log.keyHash)}`, witnesses: vouches };
}
