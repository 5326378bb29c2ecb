// Re-checks an evidence bundle (shared/evidence.ts) offline: the entry's hash from its own line,
// its links to the neighbours' hashes the bundle records, and the checkpoint's signature. What
// needs the rest of the file (the chain from the entry to the checkpoint's head) is reported as
// recorded, until a Merkle inclusion proof (the bundle's `inclusion`) makes it checkable.
import { checkpointSignatureValid } from '../checkpoint';
import { sha256HexOf } from '../pcag';
import { GENESIS_HASH } from '../types';
import type { Evidence } from '../../../shared/evidence';
import { entryHashes } from './evidence-build';
import type { PublicKeyInfo } from './signed-checkpoints';

export interface EvidenceCheck {
  name: string;
  /** null: not checkable offline (or nothing to check). */
  ok: boolean | null;
  detail: string;
}

export function checkEvidence(e: Evidence, key?: PublicKeyInfo): { ok: boolean; checks: EvidenceCheck[] } {
  const checks: EvidenceCheck[] = [];
  const add = (name: string, ok: boolean | null, detail: string): void => {
    checks.push({ name, ok, detail });
  };
  const bytes = Buffer.from(e.lineBase64, 'base64');
  add(
    'line',
    sha256HexOf(bytes) === e.lineSha256,
    sha256HexOf(bytes) === e.lineSha256
      ? 'the stored line matches its recorded SHA-256'
      : 'the line does not match its recorded SHA-256',
  );
  const h = entryHashes(bytes);
  if (h === null) add('entry hash', false, 'the line is not a readable entry');
  else
    add(
      'entry hash',
      h.recomputed === h.current,
      h.recomputed === h.current
        ? `the values hash to the stored current_hash ${h.current}`
        : `the values hash to ${h.recomputed}, not the stored current_hash ${h.current}`,
    );
  if (h) {
    const expected = e.index === 0 ? GENESIS_HASH : e.neighbours.previous?.currentHash;
    add(
      'link to previous',
      expected === undefined || expected === null ? null : h.previous === expected,
      e.index === 0
        ? `entry 0: previous_hash ${h.previous === GENESIS_HASH ? 'is' : 'is not'} the genesis hash`
        : expected == null
          ? "the previous entry's hash is not recorded"
          : `previous_hash ${h.previous === expected ? 'is' : 'is not'} entry ${e.index - 1}'s recorded current_hash`,
    );
    const n = e.neighbours.next;
    add(
      'link to next',
      n === null ? null : n.previousHash === h.current,
      n === null
        ? 'it was the last entry'
        : `entry ${n.index}'s recorded previous_hash ${n.previousHash === h.current ? 'is' : 'is not'} its current_hash`,
    );
  }
  const c = e.checkpoint;
  if (c === null) add('checkpoint', null, 'no signed checkpoint covered the entry when the bundle was made');
  else if (!key)
    add('checkpoint', null, "give the public key (--pubkey) to check the checkpoint's signature");
  else if (c.key_id !== key.keyId)
    add(
      'checkpoint',
      false,
      `the checkpoint is signed by key ${c.key_id}, not by the given key ${key.keyId}`,
    );
  else {
    const ok = checkpointSignatureValid(c, key.publicKey) && c.entries > e.index;
    add(
      'checkpoint',
      ok,
      ok
        ? `signature valid: ${c.entries} entries, head ${c.head}, signed at ${c.time}`
        : "the checkpoint's signature does not verify",
    );
  }
  if (c !== null)
    add(
      'chain to checkpoint',
      e.verified.chainToCheckpoint === false ? false : null,
      e.inclusion
        ? `an inclusion proof of type ${e.inclusion.type} is attached; this version of penin does not check it`
        : `recorded as ${e.verified.chainToCheckpoint ? 'verified' : 'NOT verified'} against the whole file when the bundle was made; not checkable offline without an inclusion proof`,
    );
  return { ok: checks.every((x) => x.ok !== false), checks };
}
