// A ledger's signed checkpoints, from both of its sidecars: the C2SP checkpoint notes the writer
// signs (LEDGER.checkpoints) and the JSON lines of ledgers written before those existed
// (LEDGER.checkpoints.jsonl, checkpoint.ts). Each is checked against the writer's public key and
// reduced to what anchors the hash chain: "entry entries-1 had current_hash head, signed at time".
// Both files are streamed in bounded memory through regular-file.ts: a FIFO or a device in a
// sidecar's place is refused, never waited on; an over-long line is reported, never buffered.
import type { KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import { checkpointSignatureValid, parseCheckpointLine, sidecarPath, type Checkpoint } from './checkpoint';
import { scanLines } from './line-scan';
import { eachNote, noteSidecarPath } from './note/note-sidecar';
import { parseNote } from './note/signed-note';
import { keyNameFor, parseCheckpoint } from './note/checkpoint-note';
import { openNote } from './note/open-note';
import { vkeyOfPublicKey } from './note/checkpoint-signer';

export interface PublicKeyInfo {
  publicKey: KeyObject;
  keyId: string;
}

/** What a valid checkpoint says of the chain, whichever sidecar it came from. */
export interface CheckpointClaim {
  entries: number;
  head: string;
  time: string;
  key_id: string;
}

export interface ValidCheckpoint extends CheckpointClaim {
  /** The JSON sidecar's checkpoint itself (an evidence bundle carries it); null for a note. */
  json: Checkpoint | null;
}

export type CheckpointItem =
  | { ok: true; checkpoint: ValidCheckpoint; where: string }
  | {
      ok: false;
      /** malformed: not a checkpoint at all; bad_signature: a checkpoint the key does not vouch for. */
      kind: 'malformed' | 'bad_signature';
      where: string;
      problem: string;
      /** The entries it claims, when that much could be read. */
      entries: number | null;
    };

export interface CheckpointScan {
  /** The sidecars that exist (none: no entry is covered by a signature). */
  found: string[];
  /** Where checkpoints are looked for. */
  looked: string[];
}

/** A sidecar line is a few hundred bytes; a longer one is malformed, never buffered whole. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * The sidecars to read: both beside the ledger, or the one given (`--checkpoints FILE`: a name
 * ending in .jsonl is read as the JSON sidecar, any other as checkpoint notes).
 */
function sidecars(ledgerPath: string, explicit?: string): { path: string; format: 'note' | 'json' }[] {
  if (explicit) return [{ path: explicit, format: explicit.endsWith('.jsonl') ? 'json' : 'note' }];
  return [
    { path: noteSidecarPath(ledgerPath), format: 'note' },
    { path: sidecarPath(ledgerPath), format: 'json' },
  ];
}

/**
 * Calls onItem for each checkpoint of the ledger's sidecars, notes first, each in file order. A
 * checkpoint signed in both forms (the writer wrote both for a while) is reported once.
 */
export async function eachSignedCheckpoint(
  ledgerPath: string,
  key: PublicKeyInfo,
  onItem: (item: CheckpointItem) => void,
  opts: { sidecar?: string } = {},
): Promise<CheckpointScan> {
  const files = sidecars(ledgerPath, opts.sidecar);
  const found: string[] = [];
  const seen = new Set<string>();
  const emit = (item: CheckpointItem): void => {
    if (item.ok) {
      const c = item.checkpoint;
      const id = `${c.entries} ${c.head} ${c.time}`;
      if (seen.has(id)) return;
      seen.add(id);
    }
    onItem(item);
  };
  for (const f of files) {
    const name = basename(f.path);
    const exists =
      f.format === 'note'
        ? await eachNote(f.path, (n) =>
            emit(noteItem(n.note, n.problem, `note at line ${n.line} of ${name}`, key)),
          )
        : await eachJsonLine(f.path, (line, n) => emit(jsonItem(line, `line ${n + 1} of ${name}`, key)));
    if (exists) found.push(f.path);
  }
  return { found, looked: files.map((f) => f.path) };
}

/** The valid checkpoints only (forensics uses them as witnesses), in the order read. */
export async function signedCheckpoints(
  ledgerPath: string,
  key: PublicKeyInfo,
  sidecar?: string,
): Promise<ValidCheckpoint[]> {
  const out: ValidCheckpoint[] = [];
  await eachSignedCheckpoint(ledgerPath, key, (i) => void (i.ok && out.push(i.checkpoint)), { sidecar });
  return out;
}

function noteItem(
  note: string | null,
  problem: string | undefined,
  where: string,
  key: PublicKeyInfo,
): CheckpointItem {
  const malformed = (p: string, entries: number | null = null): CheckpointItem => ({
    ok: false,
    kind: 'malformed',
    where,
    problem: p,
    entries,
  });
  if (note === null) return malformed(problem ?? 'unreadable');
  let body;
  let signers: string[];
  try {
    const parsed = parseNote(note);
    signers = parsed.signatures.map((s) => s.name);
    body = parseCheckpoint(parsed.text);
  } catch (e) {
    return malformed(e instanceof Error ? e.message : String(e));
  }
  if (body.head === null) return malformed('it has no "head" line, so it cannot anchor the chain', body.size);
  const ours = keyNameFor(key.keyId);
  if (!signers.includes(ours)) {
    const other = signers.find((s) => s.startsWith('penin.local/'));
    return {
      ok: false,
      kind: 'bad_signature',
      where,
      problem: other
        ? `it is signed by key ${other.slice('penin.local/'.length)}, not by the given key ${key.keyId}`
        : `it is not signed by the given key ${key.keyId} (signers: ${signers.join(', ')})`,
      entries: body.size,
    };
  }
  const opened = openNote(note, [vkeyOfPublicKey(key.publicKey, key.keyId)]);
  if (!opened.ok)
    return {
      ok: false,
      kind: 'bad_signature',
      where,
      problem: 'the signature does not verify',
      entries: body.size,
    };
  return {
    ok: true,
    where,
    checkpoint: {
      entries: body.size,
      head: body.head,
      time: body.time ?? 'an unrecorded time',
      key_id: key.keyId,
      json: null,
    },
  };
}

function jsonItem(line: string | null, where: string, key: PublicKeyInfo): CheckpointItem {
  if (line === null)
    return {
      ok: false,
      kind: 'malformed',
      where,
      problem: `longer than ${MAX_LINE_BYTES} bytes, which no checkpoint is`,
      entries: null,
    };
  const parsed = parseCheckpointLine(line);
  if (!parsed.ok) return { ok: false, kind: 'malformed', where, problem: parsed.problem, entries: null };
  const c = parsed.checkpoint;
  if (c.key_id !== key.keyId)
    return {
      ok: false,
      kind: 'bad_signature',
      where,
      problem: `it is signed by key ${c.key_id}, not by the given key ${key.keyId}`,
      entries: c.entries,
    };
  if (!checkpointSignatureValid(c, key.publicKey))
    return {
      ok: false,
      kind: 'bad_signature',
      where,
      problem: 'the signature does not verify',
      entries: c.entries,
    };
  return {
    ok: true,
    where,
    checkpoint: { entries: c.entries, head: c.head, time: c.time, key_id: c.key_id, json: c },
  };
}

/** Streams the JSON sidecar's non-blank lines (null for an over-long one); false when there is none. */
async function eachJsonLine(
  path: string,
  onLine: (line: string | null, n: number) => void,
): Promise<boolean> {
  try {
    await scanLines(
      path,
      (l) => {
        const text = l.tooLong ? null : l.bytes.toString('utf8');
        if (text?.trim() !== '') onLine(text, l.index);
      },
      { maxLineBytes: MAX_LINE_BYTES, chunkBytes: 64 * 1024 },
    );
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}
