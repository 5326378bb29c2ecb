// c2sp.org/tlog-checkpoint bodies: origin line, tree size in decimal, root hash in base64, then
// extension lines. Ours carry "time <ISO 8601>" and "head <hex>" (the seed chain's current_hash
// of entry size-1), which ties the tree to the hash chain the seed's verifier knows.
import { basename } from 'node:path';
import { z } from 'zod';

export interface CheckpointBody {
  origin: string;
  size: number;
  root: Buffer;
  /** Lines after the root, as written. */
  extensions: string[];
  /** Ours, when present: */
  time: string | null;
  head: string | null;
}

export class MalformedCheckpointError extends Error {}

const lineSchema = z
  .string()
  .min(1)
  .regex(/^[^\n]*$/);

/** `penin.local/<key id>/<ledger file name>`: stable for one ledger under one key. */
export function originFor(keyId: string, ledgerPath: string): string {
  return `penin.local/${keyId}/${basename(ledgerPath)}`;
}

/** The name our signing key signs notes under: `penin.local/<key id>`. */
export function keyNameFor(keyId: string): string {
  return `penin.local/${keyId}`;
}

export function formatCheckpoint(c: {
  origin: string;
  size: number;
  root: Uint8Array;
  time?: string;
  head?: string;
}): string {
  lineSchema.parse(c.origin);
  const ext = [...(c.time ? [`time ${c.time}`] : []), ...(c.head ? [`head ${c.head}`] : [])];
  return [c.origin, String(c.size), Buffer.from(c.root).toString('base64'), ...ext].join('\n') + '\n';
}

export function parseCheckpoint(text: string): CheckpointBody {
  if (!text.endsWith('\n')) throw new MalformedCheckpointError('the checkpoint does not end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new MalformedCheckpointError('a checkpoint has at least three lines');
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (origin === '') throw new MalformedCheckpointError('empty origin line');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
    throw new MalformedCheckpointError(`tree size "${sizeText}" is not a decimal number`);
  if (!/^[A-Za-z0-9+/]{43}=$/.test(rootText))
    throw new MalformedCheckpointError('the root hash is not 32 bytes in base64');
  if (Buffer.from(rootText, 'base64').toString('base64') !== rootText)
    throw new MalformedCheckpointError('the root hash is not canonical base64');
  if (extensions.some((l) => l === '')) throw new MalformedCheckpointError('an empty extension line');
  const ext = (key: string): string | null => {
    const l = extensions.find((x) => x.startsWith(`${key} `));
    return l ? l.slice(key.length + 1) : null;
  };
  const head = ext('head');
  if (head !== null && !/^[0-9a-f]{64}$/.test(head))
    throw new MalformedCheckpointError('the head extension is not a 64-digit hex hash');
  return {
    origin,
    size: Number(sizeText),
    root: Buffer.from(rootText, 'base64'),
    extensions,
    time: ext('time'),
    head,
  };
}
