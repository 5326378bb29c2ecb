// Signed ledgers for the checkpoint tests, and what an attacker without the key can do to them.
import { join } from 'node:path';
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
