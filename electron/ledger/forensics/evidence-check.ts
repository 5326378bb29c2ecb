// Re-checks an evidence bundle (shared/evidence.ts) offline: the entry's hash from its own line,
// its links to the neighbours' hashes the bundle records, and the checkpoint's signature. With the
// log's vkey, the bundle's inclusion proof ties the entry to a signed checkpoint offline (entry
// line -> leaf -> audit path -> root in the signed note); without one, the chain from the entry to
// the checkpoint is only reported as it was recorded against the whole file.
import { checkpointSignatureValid } from '../checkpoint';
import { sha256HexOf } from '../pcag';
import { GENESIS_HASH } from '../types';
import type { Evidence } from '../../../shared/evidence';
import { entryHashes } from './evidence-build';
import type { PublicKeyInfo } from '../signed-checkpoints';
import { checkInclusion } from '../proofs/inclusion-bundle';
import type { Vkey } from '../note/vkey';

/** The keys of C2SP checkpoint notes: the log's vkey and any witnesses' (penin evidence --vkey/--witness). */
export interface NoteKeys {
  log: Vkey;
  witnesses?: Vkey[];
}

export interface EvidenceCheck {
  name: string;
  /** null: not checkable offline (or nothing to check). */
  ok: boolean | null;
  detail: string;
}

export function checkEvidence(
  e: Evidence,
  key?: PublicKeyInfo,
  notes?: NoteKeys,
): { ok: boolean; checks: EvidenceCheck[] } {
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
  if (c === null && e.inclusion) {
    // Signed as a C2SP checkpoint note only: the inclusion checks below cover it.
  } else if (c === null)
    add('checkpoint', null, 'no signed checkpoint covered the entry when the bundle was made');
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
  const proven = e.inclusion ? inclusionChecks(e, notes, add) : null;
  if (proven !== null)
    add(
      'chain to checkpoint',
      proven.ok,
      proven.ok
        ? `checked offline: the entry is in the tree of checkpoint ${proven.size}, signed by ${proven.signedBy}`
        : 'the inclusion proof does not hold (see above)',
    );
  else if (c !== null || e.inclusion)
    add(
      'chain to checkpoint',
      e.verified.chainToCheckpoint === false ? false : null,
      e.inclusion
        ? "an inclusion proof is attached: give the log's vkey (--vkey) to check it offline"
        : `recorded as ${e.verified.chainToCheckpoint ? 'verified' : 'NOT verified'} against the whole file when the bundle was made; not checkable offline without an inclusion proof`,
    );
  return { ok: checks.every((x) => x.ok !== false), checks };
}

/**
 * The bundle's inclusion proof: its entry is the bundle's line, and (with the log's vkey) the path
 * leads from that line's leaf to the root of a checkpoint note the log signed. Null: not checked
 * (no vkey); else whether it holds.
 */
function inclusionChecks(
  e: Evidence,
  notes: NoteKeys | undefined,
  add: (name: string, ok: boolean | null, detail: string) => void,
): { ok: boolean; size: number; signedBy: string | null } | null {
  const p = e.inclusion;
  if (!p) return null;
  const line = Buffer.from(e.lineBase64, 'base64');
  const same = p.index === e.index && Buffer.from(p.entry, 'utf8').equals(line);
  add(
    'inclusion entry',
    same,
    same
      ? `the proof is of entry ${p.index}, this line`
      : p.index !== e.index
        ? `the proof is of entry ${p.index}, not entry ${e.index}`
        : "the proof's entry is not this line",
  );
  if (!notes) {
    add(
      'inclusion',
      null,
      "give the log's vkey (--vkey) to check the inclusion proof and its checkpoint note",
    );
    return null;
  }
  const r = checkInclusion(p, notes.log, notes.witnesses ?? []);
  const cosigned = r.witnesses.map((w) => `${w.name}+${w.keyHash}`).join(', ');
  add(
    'inclusion',
    r.ok,
    r.ok
      ? `entry ${r.index} is in checkpoint ${r.treeSize} of ${r.origin} (signed by ${r.signedBy}` +
          (cosigned ? `, cosigned by ${cosigned})` : ')')
      : r.problems.join('; '),
  );
  return { ok: r.ok && same, size: r.treeSize, signedBy: r.signedBy };
}
