// Builds the evidence bundle of one entry (shared/evidence.ts): one pass for the entry and its
// neighbours, and, with signed checkpoints, a verification of the chain from the entry up to the
// first checkpoint that covers it; with a checkpoint note, the entry's inclusion proof.
import { stat } from 'node:fs/promises';
import { ChainVerifier, decodeLine } from '../chain-verifier';
import { checkpointSignatureValid } from '../checkpoint';
import { computeHash, sha256HexOf } from '../pcag';
import { pyLoads } from '../pyjson-parse';
import { scanLines } from '../line-scan';
import { GENESIS_HASH, type PyJson } from '../types';
import { ENTRY_NUMBERING } from '../../../shared/verify-report';
import { EVIDENCE_SCHEMA, type Evidence } from '../../../shared/evidence';
import { lineHashes } from './line-hashes';
import type { CheckpointClaim, PublicKeyInfo, ValidCheckpoint } from '../signed-checkpoints';
import type { InclusionBundle } from '../../../shared/inclusion-bundle';

export class NoSuchEntryError extends Error {}

/** The stored and recomputed hashes of a line; null where it is not a readable entry. */
export function entryHashes(
  bytes: Uint8Array,
): { current: string; previous: string; recomputed: string } | null {
  const text = decodeLine(bytes);
  if (text === null) return null;
  try {
    const v = pyLoads(text.replace(/^\ufeff/, '')).value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
    const e = v as { [k: string]: PyJson };
    if (typeof e.current_hash !== 'string' || typeof e.previous_hash !== 'string') return null;
    return { current: e.current_hash, previous: e.previous_hash, recomputed: computeHash(e) };
  } catch {
    return null;
  }
}

export interface EvidenceOptions {
  /** Signed checkpoints (signature already checked) and the key, when the auditor gave one. */
  signed?: { key: PublicKeyInfo; checkpoints: readonly ValidCheckpoint[] };
  version: string;
  now?: Date;
  /** The entry's inclusion proof against a checkpoint note (electron/ledger/proofs/evidence-inclusion.ts). */
  inclusion?: InclusionBundle | null;
}

export async function buildEvidence(path: string, index: number, opts: EvidenceOptions): Promise<Evidence> {
  const bytes = (await stat(path)).size;
  let entries = 0;
  let line: Buffer | null = null;
  let prev: { index: number; currentHash: string | null } | null = null;
  let next: { index: number; previousHash: string | null; currentHash: string | null } | null = null;
  await scanLines(
    path,
    (l) => {
      entries = l.index + 1;
      if (l.index === index - 1) prev = { index: l.index, currentHash: lineHashes(l.bytes)?.current ?? null };
      else if (l.index === index) line = Buffer.from(l.bytes);
      else if (l.index === index + 1) {
        const h = lineHashes(l.bytes);
        next = { index: l.index, previousHash: h?.previous ?? null, currentHash: h?.current ?? null };
      }
    },
    { endOffset: bytes },
  );
  const stored = line as Buffer | null;
  if (stored === null)
    throw new NoSuchEntryError(`${path} has ${entries} entries: there is no entry ${index}`);
  const before = prev as { index: number; currentHash: string | null } | null;
  const after = next as { index: number; previousHash: string | null; currentHash: string | null } | null;
  const h = entryHashes(stored);

  // The first covering checkpoint whose head the file has; else the first covering one at all.
  let checkpoint: ValidCheckpoint | null = null;
  let chainToCheckpoint: boolean | null = null;
  if (opts.signed) {
    const covering = opts.signed.checkpoints
      .filter((c) => c.entries > index)
      .sort((a, b) => a.entries - b.entries);
    for (const c of covering) {
      const ok = await chainIntact(path, index, c);
      if (checkpoint === null || ok) {
        checkpoint = c;
        chainToCheckpoint = ok;
      }
      if (ok) break;
    }
  }
  return {
    schema: EVIDENCE_SCHEMA,
    tool: { name: 'penin', version: opts.version },
    generatedAt: (opts.now ?? new Date()).toISOString(),
    numbering: ENTRY_NUMBERING,
    source: { path, bytes, entries },
    index,
    lineBase64: stored.toString('base64'),
    line: stored.toString('utf8'),
    lineSha256: sha256HexOf(stored),
    neighbours: { previous: before, next: after },
    // The bundle carries a JSON sidecar checkpoint as signed; one from a checkpoint note is vouched
    // for by the inclusion proof (its note) instead.
    checkpoint: checkpoint?.json ?? null,
    verified: {
      entryHash: h !== null && h.recomputed === h.current,
      linkPrevious: h !== null && h.previous === (index === 0 ? GENESIS_HASH : before?.currentHash),
      linkNext: after === null ? null : h !== null && after.previousHash === h.current,
      checkpointSignature:
        checkpoint?.json && opts.signed
          ? checkpointSignatureValid(checkpoint.json, opts.signed.key.publicKey)
          : null,
      chainToCheckpoint,
      keyId: opts.signed?.key.keyId ?? null,
    },
    ...(opts.inclusion ? { inclusion: opts.inclusion } : {}),
  };
}

/** Whether entries index..c.entries-1 are intact and linked and the last is the checkpoint's head. */
async function chainIntact(path: string, index: number, c: CheckpointClaim): Promise<boolean> {
  let broken = false;
  const v = new ChainVerifier(
    (b) => {
      if (b.index >= index) broken = true;
    },
    { keepEntries: false },
  );
  let head: string | null = null;
  let seen = 0;
  await scanLines(
    path,
    (l) => {
      if (l.index >= c.entries) return;
      seen = l.index + 1;
      v.push(l.index, l.bytes, l.terminated, l.tooLong, l.length - (l.terminated ? 1 : 0));
      if (l.index === c.entries - 1) head = lineHashes(l.bytes)?.current ?? null;
    },
    { stop: () => seen >= c.entries },
  );
  return !broken && seen === c.entries && head === c.head;
}
