// What the hash chain alone cannot show: that a ledger was rewritten wholesale (every hash
// recomputed) or cut short. Signed checkpoints and an auditor's pins anchor the chain: each says
// "entry I had current_hash H"; the file must still say so.
import { stat } from 'node:fs/promises';
import {
  eachSignedCheckpoint,
  type CheckpointClaim,
  type CheckpointScan,
  type PublicKeyInfo,
} from './signed-checkpoints';
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
  /** The writer's public key: the ledger's signed checkpoints are read and checked only with it. */
  publicKey?: PublicKeyInfo;
  /** One sidecar to read instead of both beside the ledger (signed-checkpoints.ts). */
  sidecar?: string;
  pins?: Pin[];
  /**
   * The ledger's bytes the chain was verified to: entries are counted and anchors checked within
   * them only, so the report never names an entry the verification did not see. Checkpoints beyond
   * them, when the file has since grown (a live ledger), are not checked: a note says so.
   */
  endOffset?: number;
}

export async function checkAnchors(ledgerPath: string, opts: AnchorOptions): Promise<AnchorReport> {
  const breaks: ChainBreak[] = [];
  const notes: ChainBreak[] = [];
  const valid: CheckpointClaim[] = [];
  let total = 0;
  let scan: CheckpointScan | null = null;
  const publicKey = opts.publicKey;
  if (publicKey) {
    scan = await eachSignedCheckpoint(
      ledgerPath,
      publicKey,
      (item) => {
        total++;
        if (item.ok) valid.push(item.checkpoint);
        else if (item.kind === 'malformed')
          breaks.push({
            index: 0,
            kind: 'bad_signature',
            detail: `checkpoint ${item.where} is malformed: ${item.problem}`,
          });
        else {
          const n = item.entries;
          breaks.push({
            index: n !== null && n > 0 ? n - 1 : 0,
            kind: 'bad_signature',
            detail: `checkpoint ${item.where}${n !== null ? ` (${n} entries)` : ''}: ${item.problem}`,
          });
        }
      },
      { sidecar: opts.sidecar },
    );
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
    if (scan && scan.found.length === 0)
      notes.push({
        index: 0,
        kind: 'unsigned_tail',
        detail: `no signed checkpoints (looked for ${scan.looked.join(' and ')}): no entry is covered by a signature`,
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
