// The JSON signed checkpoint of ledgers written before the C2SP notes: "this ledger had ENTRIES
// entries and its head was HEAD at TIME", signed with the writer's Ed25519 key, one JSON object a
// line in LEDGER.checkpoints.jsonl. Read (signed-checkpoints.ts), no longer written; tests and
// tools may still sign one to build such a ledger.
import { sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

export const CHECKPOINT_VERSION = 1;

export const checkpointSchema = z
  .object({
    v: z.literal(CHECKPOINT_VERSION),
    entries: z.number().int().min(0),
    head: z.string().regex(/^[0-9a-f]{64}$/, 'a 64-digit lowercase hex hash'),
    time: z.string().min(1),
    key_id: z.string().regex(/^[0-9a-f]{16}$/),
    sig: z.string().regex(/^[A-Za-z0-9+/]+=*$/, 'base64'),
  })
  .strict();

export type Checkpoint = z.infer<typeof checkpointSchema>;

export function sidecarPath(ledgerPath: string): string {
  return `${ledgerPath}.checkpoints.jsonl`;
}

/** The exact bytes that are signed. */
export function checkpointMessage(c: Pick<Checkpoint, 'entries' | 'head' | 'time' | 'key_id'>): Buffer {
  return Buffer.from(
    `PENIN-CHECKPOINT-v${CHECKPOINT_VERSION}\n${c.entries}\n${c.head}\n${c.time}\n${c.key_id}\n`,
    'utf8',
  );
}

export function signCheckpoint(
  entries: number,
  head: string,
  time: Date,
  privateKey: KeyObject,
  keyId: string,
): Checkpoint {
  const body = { entries, head, time: time.toISOString(), key_id: keyId };
  return {
    v: CHECKPOINT_VERSION,
    ...body,
    sig: sign(null, checkpointMessage(body), privateKey).toString('base64'),
  };
}

export function checkpointSignatureValid(c: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointMessage(c), publicKey, Buffer.from(c.sig, 'base64'));
  } catch {
    return false;
  }
}

/** Parses one sidecar line; a readable reason when it is not a checkpoint. */
export function parseCheckpointLine(
  line: string,
): { ok: true; checkpoint: Checkpoint } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    return { ok: false, problem: `not JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const r = checkpointSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    return { ok: false, problem: `${i.path.join('.') || 'checkpoint'}: ${i.message}` };
  }
  return { ok: true, checkpoint: r.data };
}
