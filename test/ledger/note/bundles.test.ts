// Inclusion and consistency bundles built from a real signed ledger: they verify offline, and a
// flipped byte anywhere in the entry, the path or the checkpoint note makes them fail. The
// note sidecar reader reports a malformed block and keeps reading.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { loadOrCreateSigningKey } from '../../../electron/ledger/signing-key';
import { vkeyOfPublicKey } from '../../../electron/ledger/note/checkpoint-signer';
import { allNotes, latestNote, noteSidecarPath } from '../../../electron/ledger/note/note-sidecar';
import { checkInclusion, proveInclusion } from '../../../electron/ledger/proofs/inclusion-bundle';
import { checkConsistency, proveConsistency } from '../../../electron/ledger/proofs/consistency-bundle';
import { signedLedger } from '../../helpers/signed-ledger';

describe('proof bundles from a signed ledger', async () => {
  const { path, key } = await signedLedger(23, 5);
  const k = loadOrCreateSigningKey(key);
  const vkey = vkeyOfPublicKey(k.publicKey, k.keyId);
  const latest = (await latestNote(noteSidecarPath(path))) as string;

  it('every entry has an inclusion proof that verifies offline', async () => {
    for (let i = 0; i < 23; i++) {
      const b = await proveInclusion(path, i, latest);
      expect(checkInclusion(b, vkey)).toMatchObject({ ok: true, index: i, treeSize: 23, problems: [] });
    }
  });

  it('a flipped character in the entry, the path or the note fails the check', async () => {
    const b = await proveInclusion(path, 9, latest);
    const fields = ['entry', 'proof', 'checkpoint'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.nat(), fc.nat(), (field, at, pick) => {
        const flipChar = (s: string, i: number): string => {
          const j = i % s.length;
          const c = s.charCodeAt(j);
          const swapped = c === 0x41 ? 'B' : 'A'; // stays in the base64 and JSON alphabets
          return s.slice(0, j) + swapped + s.slice(j + 1);
        };
        const copy = { ...b, proof: [...b.proof] };
        if (field === 'proof') {
          const p = pick % copy.proof.length;
          copy.proof[p] = flipChar(copy.proof[p], at % 43);
        } else copy[field] = flipChar(copy[field], at);
        if (JSON.stringify(copy) === JSON.stringify(b)) return;
        expect(checkInclusion(copy, vkey).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('consistency from every earlier checkpoint to the latest verifies', async () => {
    const notes = (await allNotes(noteSidecarPath(path))).map((n) => n.note as string);
    expect(notes).toHaveLength(5); // 5, 10, 15, 20, 23
    for (const old of notes) {
      const size = Number(old.split('\n')[1]);
      const b = await proveConsistency(path, size, latest, null);
      expect(checkConsistency(b, vkey, old)).toMatchObject({ ok: true, oldSize: size, newSize: 23 });
      if (b.proof.length) {
        const bad = {
          ...b,
          proof: [b.proof[0].replace(/^./, (c) => (c === 'A' ? 'B' : 'A')), ...b.proof.slice(1)],
        };
        expect(checkConsistency(bad, vkey, old).ok).toBe(false);
      }
    }
  });

  it('the sidecar reader reports a malformed block and reads on', async () => {
    appendFileSync(noteSidecarPath(path), 'garbage line\n— nobody AAAA\nmore text\n\n' + latest + '\n');
    const notes = await allNotes(noteSidecarPath(path));
    expect(notes.filter((n) => n.note === null).map((n) => n.problem)).toEqual([
      expect.stringMatching(/text after the signatures without a blank line/),
    ]);
    expect(notes.at(-1)?.note).toBe(latest);
  });
});
