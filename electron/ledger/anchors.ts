// What the hash chain alone cannot show: that a ledger was rewritten wholesale (every hash
// recomputed) or cut short. Signed checkpoints and an auditor's pins anchor the chain: each says
// "entry I had current_hash H"; the file must still say so.
import type { KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { checkpointSignatureValid, parseCheckpointLine, type Checkpoint } from './checkpoint';
import { decodeLine } from './chain-verifier';
import { scanLines } from './line-scan';
import { pyLoads } from './pyjson-parse';
import type { ChainBreak } from '../../shared/domain';

export interface Pin {
  index: number;
  hash: string;
}

export class BadPinError extends Error {}

/** `INDEX:HASH`, as `penin head` prints it. */
export function parsePin(text: string): Pin {
  const m = /^(\d+):([0-9a-fA-F]{64})$/.exec(text.trim());
  if (!m)
    throw new BadPinError(
      `bad pin "${text}": expected INDEX:HASH (a 0-based entry index and its 64-digit current_hash)`,
    );
  return { index: Number(m[1]), hash: m[2].toLowerCase() };
}

/** The stored current_hash of the entries at `indexes` (null where unreadable), and the file's entry count. */
export async function hashesAt(
  path: string,
  indexes: Set<number>,
  endOffset?: number,
): Promise<{ entries: number; hashes: Map<number, string | null>; head: string | null }> {
  const hashes = new Map<number, string | null>();
  let entries = 0;
  let lastBytes: Buffer | null = null;
  const hashOf = (bytes: Uint8Array): string | null => {
    try {
      const text = decodeLine(bytes);
      const v = text === null ? null : pyLoads(text.replace(/^\ufeff/, '')).value;
      const h =
        v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>).current_hash : null;
      return typeof h === 'string' ? h : null;
    } catch {
      return null;
    }
  };
  await scanLines(
    path,
    (l) => {
      entries = l.index + 1;
      if (indexes.has(l.index)) hashes.set(l.index, hashOf(l.bytes));
      lastBytes = l.terminated ? Buffer.from(l.bytes) : null;
    },
    { endOffset },
  );
  const last = lastBytes as Buffer | null;
  return { entries, hashes, head: last ? hashOf(last) : null };
}

export interface AnchorReport {
  breaks: ChainBreak[];
  /** Not breaks: what no signature covers (`unsigned_tail`). */
  notes: ChainBreak[];
  checkpoints: { total: number; valid: number; coveredEntries: number };
}

export interface AnchorOptions {
  publicKey?: { publicKey: KeyObject; keyId: string };
  /** The sidecar's path (checkpoints are read only with a public key). */
  sidecar?: string;
  pins?: Pin[];
  /**
   * The ledger's bytes the chain was verified to: entries are counted and anchors checked within
   * them only, so the report never names an entry the verification did not see. Checkpoints beyond
   * them, when the file has since grown (a live ledger), are not checked: a note says so.
   */
  endOffset?: number;
}

/** A checkpoint line is about 300 bytes; a longer line is malformed, never buffered whole. */
const SIDECAR_MAX_LINE_BYTES = 64 * 1024;
const TOO_LONG = {
  ok: false,
  problem: `longer than ${SIDECAR_MAX_LINE_BYTES} bytes, which no checkpoint is`,
} as const;

/**
 * Streams the sidecar's lines (`n` from 0; null for an over-long line) in bounded memory; false
 * when there is none. Read through regular-file.ts (line-scan): a FIFO or device as the sidecar is
 * refused, never waited on. Small chunks: each line's signature is checked between two reads.
 */
async function eachSidecarLine(
  path: string,
  onLine: (line: string | null, n: number) => void,
): Promise<boolean> {
  try {
    await scanLines(path, (l) => onLine(l.tooLong ? null : l.bytes.toString('utf8'), l.index), {
      maxLineBytes: SIDECAR_MAX_LINE_BYTES,
      chunkBytes: 64 * 1024,
    });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export async function checkAnchors(ledgerPath: string, opts: AnchorOptions): Promise<AnchorReport> {
  const breaks: ChainBreak[] = [];
  const notes: ChainBreak[] = [];
  const valid: Checkpoint[] = [];
  let total = 0;
  let sidecarFound = false;
  const publicKey = opts.publicKey;
  if (publicKey && opts.sidecar) {
    sidecarFound = await eachSidecarLine(opts.sidecar, (line, n) => {
      if (line?.trim() === '') return;
      total++;
      const parsed = line === null ? TOO_LONG : parseCheckpointLine(line);
      if (!parsed.ok) {
        breaks.push({
          index: 0,
          kind: 'bad_signature',
          detail: `checkpoint line ${n + 1} of the sidecar is malformed: ${parsed.problem}`,
        });
        return;
      }
      const c = parsed.checkpoint;
      const where = c.entries > 0 ? c.entries - 1 : 0;
      if (c.key_id !== publicKey.keyId) {
        breaks.push({
          index: where,
          kind: 'bad_signature',
          detail: `checkpoint line ${n + 1} (${c.entries} entries) is signed by key ${c.key_id}, not by the given key ${publicKey.keyId}`,
        });
      } else if (!checkpointSignatureValid(c, publicKey.publicKey)) {
        breaks.push({
          index: where,
          kind: 'bad_signature',
          detail: `checkpoint line ${n + 1} (${c.entries} entries, ${c.time}): the signature does not verify`,
        });
      } else valid.push(c);
    });
  }
  const pins = opts.pins ?? [];
  const wanted = new Set<number>([
    ...valid.filter((c) => c.entries > 0).map((c) => c.entries - 1),
    ...pins.map((p) => p.index),
  ]);
  const { entries, hashes } = await hashesAt(ledgerPath, wanted, opts.endOffset);
  // Checkpoints signed after the verified bytes, on a file that has grown since: not a cut.
  const grown = opts.endOffset !== undefined && (await stat(ledgerPath)).size > opts.endOffset;
  const later = grown ? valid.filter((c) => c.entries > entries) : [];
  const checked = grown ? valid.filter((c) => c.entries <= entries) : valid;

  const anchor = (index: number, hash: string, what: string): void => {
    if (index >= entries) {
      breaks.push({
        index: entries,
        kind: 'truncated',
        detail: `${what} says entry ${index} exists, but the file has ${entries} entries: the newest entries were cut off`,
      });
      return;
    }
    const found = hashes.get(index) ?? null;
    if (found !== hash)
      breaks.push({
        index,
        kind: 'rewritten',
        detail: `${what} says entry ${index} had current_hash ${hash}, the file has ${found === null ? 'an unreadable entry' : found.length > 128 ? `${found.slice(0, 64)}… (${found.length} characters)` : found}: the chain was rewritten`,
      });
  };
  for (const c of checked)
    if (c.entries > 0) anchor(c.entries - 1, c.head, `the checkpoint signed at ${c.time}`);
  for (const p of pins) anchor(p.index, p.hash, `the pin ${p.index}:${p.hash}`);

  const covered = checked.reduce((m, c) => Math.max(m, Math.min(c.entries, entries)), 0);
  if (opts.publicKey) {
    if (!sidecarFound)
      notes.push({
        index: 0,
        kind: 'unsigned_tail',
        detail: `no checkpoint sidecar (${opts.sidecar}): no entry is covered by a signature`,
      });
    else if (covered < entries)
      notes.push({
        index: covered,
        kind: 'unsigned_tail',
        detail: `entries ${covered} to ${entries - 1} come after the last valid checkpoint: no signature covers them yet`,
      });
  }
  if (later.length > 0) {
    const n = later.length;
    notes.push({
      index: Math.max(0, entries - 1),
      kind: 'unsigned_tail',
      detail: `${n} checkpoint${n > 1 ? 's' : ''} (up to ${Math.max(...later.map((c) => c.entries))} entries) sign${n > 1 ? '' : 's'} more than the ${entries} entries verified: the ledger grew during the check; not checked in this run`,
    });
  }
  breaks.sort((a, b) => a.index - b.index);
  return { breaks, notes, checkpoints: { total, valid: valid.length, coveredEntries: covered } };
}
