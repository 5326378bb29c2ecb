// Signed ledgers for the checkpoint tests (and ledgers as written before the C2SP checkpoint notes),
// and what an attacker without the key can do to them.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sidecarPath, signCheckpoint } from '../../electron/ledger/checkpoint';
import { allNotes, noteSidecarPath } from '../../electron/ledger/note/note-sidecar';
import { parseNote } from '../../electron/ledger/note/signed-note';
import { parseCheckpoint } from '../../electron/ledger/note/checkpoint-note';
import { LedgerWriter } from '../../electron/ledger/writer';
import { loadOrCreateSigningKey } from '../../electron/ledger/signing-key';
import { computeHash } from '../../electron/ledger/pcag';
import { pyLoads } from '../../electron/ledger/pyjson-parse';
import { pyDumps } from '../../electron/ledger/pyjson-dump';
import type { PyJson } from '../../electron/ledger/types';
import { decision, lines, writeLines } from './ledger';
import { tmpDir } from './tmp';

/** A ledger of `n` entries, one append group each, with a signed checkpoint every `everyEntries` and on close. */
export async function signedLedger(
  n: number,
  everyEntries = 10,
): Promise<{ dir: string; path: string; key: string; pub: string }> {
  const dir = tmpDir();
  const key = join(dir, 'writer.pem');
  const path = join(dir, 'ledger.jsonl');
  const w = await LedgerWriter.open(path, {
    checkpoints: { key: loadOrCreateSigningKey(key), everyEntries },
  });
  for (let i = 0; i < n; i++) await w.append(decision(i));
  await w.close();
  return { dir, path, key, pub: `${key}.pub` };
}

/** Edits entry `edit` and recomputes every later hash: the plain chain then says valid. */
export function rewriteChain(path: string, edit: number): void {
  let prev = '0'.repeat(64);
  writeLines(
    path,
    lines(path).map((line, i) => {
      const e = pyLoads(line).value as { [k: string]: PyJson };
      if (i === edit) e.reason = 'nothing to see here';
      e.previous_hash = prev;
      e.current_hash = computeHash(e);
      prev = e.current_hash;
      return pyDumps(e, { sortKeys: false });
    }),
  );
}

/** The checkpoint notes of a ledger's sidecar (LEDGER.checkpoints), each a whole signed note. */
export async function checkpointNotes(path: string): Promise<string[]> {
  return (await allNotes(noteSidecarPath(path))).map((n) => {
    if (n.note === null) throw new Error(`malformed note at line ${n.line}: ${n.problem}`);
    return n.note;
  });
}

/** Writes the notes sidecar as the writer does: each note followed by a blank line. */
export function writeCheckpointNotes(path: string, notes: string[]): void {
  writeFileSync(noteSidecarPath(path), notes.map((n) => `${n}\n`).join(''));
}

/**
 * Writes the JSON sidecar (LEDGER.checkpoints.jsonl) with each checkpoint note's size, head and
 * time, signed as that sidecar signed them, as the writer did before it wrote notes only.
 */
export async function writeJsonCheckpoints(path: string, keyPath: string): Promise<void> {
  const k = loadOrCreateSigningKey(keyPath);
  const json = (await checkpointNotes(path)).map((note) => {
    const c = parseCheckpoint(parseNote(note).text);
    return JSON.stringify(signCheckpoint(c.size, c.head ?? '', new Date(c.time ?? 0), k.privateKey, k.keyId));
  });
  writeLines(sidecarPath(path), json);
}

/**
 * A ledger as written before the C2SP notes: its checkpoints in the JSON sidecar only
 * (LEDGER.checkpoints.jsonl), each the same size, head and time its note had, signed as that
 * sidecar signed them.
 */
export async function legacyLedger(
  n: number,
  everyEntries = 10,
): Promise<{ dir: string; path: string; key: string; pub: string }> {
  const l = await signedLedger(n, everyEntries);
  await writeJsonCheckpoints(l.path, l.key);
  rmSync(noteSidecarPath(l.path));
  return l;
}
