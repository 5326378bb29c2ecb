// C2SP signed-note (c2sp.org/signed-note) with Ed25519. The known key and note are the example of
// golang.org/x/mod/sumdb/note (note.go's package documentation and note_test.go): the key
// PeterNeumann+c74f20a3, its private key PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALV…, and the note
// "If you think cryptography is the answer to your problem, …" signed x08go/ZJ….
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import { privateKeyFromSeed } from '../../../electron/ledger/note/ed25519';
import { addSignature, noteSigner, signNote } from '../../../electron/ledger/note/note-signer';
import { openNote } from '../../../electron/ledger/note/open-note';
import { MalformedNoteError, parseNote } from '../../../electron/ledger/note/signed-note';
import { ALG_COSIGNATURE_V1, BadVkeyError, parseVkey } from '../../../electron/ledger/note/vkey';

const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE =
  TEXT +
  '\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

const peter = () =>
  noteSigner(
    'PeterNeumann',
    privateKeyFromSeed(Buffer.from(SKEY.split('+').slice(4).join('+'), 'base64').subarray(1)),
  );

describe('signed notes (the sumdb/note example key and note)', () => {
  it('the known note verifies with the known vkey', () => {
    const r = openNote(NOTE, [parseVkey(VKEY)]);
    expect(r).toMatchObject({
      ok: true,
      text: TEXT,
      verified: [{ name: 'PeterNeumann', keyHash: 0xc74f20a3 }],
    });
  });

  it('signing the text with the known private key gives the same note and vkey, byte for byte', () => {
    const s = peter();
    expect(s.vkey).toBe(VKEY);
    expect(signNote(TEXT, [s])).toBe(NOTE);
  });

  it('a changed byte in the text fails', () => {
    const r = openNote(NOTE.replace('answer', 'Answer'), [parseVkey(VKEY)]);
    expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/does not verify/) });
  });

  it('a wrong key hash or a wrong name is an unknown key: no known signature, rejected', () => {
    const wrongHash = NOTE.replace('x08go/', 'x08gp/');
    expect(openNote(wrongHash, [parseVkey(VKEY)])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no signature from a known key/),
    });
    const wrongName = NOTE.replace('— PeterNeumann', '— PeterNeuman');
    expect(openNote(wrongName, [parseVkey(VKEY)])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/no signature from a known key/),
    });
  });

  it('a vkey whose key hash does not match its name and key is refused', () => {
    expect(() => parseVkey(VKEY.replace('c74f20a3', 'c74f20a4'))).toThrow(BadVkeyError);
    expect(() => parseVkey(VKEY.replace('PeterNeumann', 'PeterNeumanm'))).toThrow(BadVkeyError);
  });

  it('malformed notes are refused', () => {
    expect(() => parseNote(TEXT)).toThrow(MalformedNoteError);
    expect(() => parseNote(NOTE.replace('\n—', '\n-'))).toThrow(MalformedNoteError);
    expect(() => parseNote(NOTE.replace('If', 'I\tf'))).toThrow(MalformedNoteError);
    expect(() => parseNote(NOTE.slice(0, -1))).toThrow(MalformedNoteError);
  });

  it('flipping any byte of a signed note fails to open it', () => {
    const s = noteSigner('example.com/log', generateKeyPairSync('ed25519').privateKey);
    const note = signNote('example.com/log\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', [s]);
    const bytes = Buffer.from(note);
    const vkey = parseVkey(s.vkey);
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 7 }), (i, bit) => {
        const b = Buffer.from(bytes);
        b[i] ^= 1 << bit;
        const r = openNote(b.toString('utf8'), [vkey]);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});

describe('cosignatures (c2sp.org/tlog-cosignature, Ed25519 type 0x04)', () => {
  const log = noteSigner('penin.local/0011223344556677', generateKeyPairSync('ed25519').privateKey);
  const w1 = noteSigner('witness.example/w1', generateKeyPairSync('ed25519').privateKey, ALG_COSIGNATURE_V1);
  const w2 = noteSigner('witness.example/w2', generateKeyPairSync('ed25519').privateKey, ALG_COSIGNATURE_V1);
  const body =
    'penin.local/0011223344556677/ledger.jsonl\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
  const when = new Date('2026-12-06T02:00:00Z');

  it('a witness cosigns a checkpoint; its vkey verifies it with its timestamp', () => {
    const note = addSignature(signNote(body, [log]), w1, when);
    expect(w1.vkey).toMatch(/^witness\.example\/w1\+[0-9a-f]{8}\+B/); // base64 of 0x04…
    const r = openNote(note, [parseVkey(log.vkey), parseVkey(w1.vkey), parseVkey(w2.vkey)]);
    expect(r).toMatchObject({
      ok: true,
      verified: [
        { name: log.name, alg: 1 },
        { name: w1.name, alg: 4, timestamp: BigInt(when.getTime() / 1000) },
      ],
    });
  });

  it('the same key as a plain Ed25519 vkey does not open a cosignature (other key hash)', () => {
    const note = addSignature(signNote(body, [log]), w1, when);
    const asPlain = noteSigner(w1.name, w1.privateKey).vkey;
    const r = openNote(note, [parseVkey(asPlain)]);
    expect(r).toMatchObject({ ok: false });
  });

  it('a cosignature over another body fails', () => {
    const other = addSignature(signNote(body.replace('20852163', '20852164'), [log]), w1, when);
    const sigLine = other.split('\n').filter((l) => l.startsWith('— witness'))[0];
    const forged = signNote(body, [log]) + sigLine + '\n';
    expect(openNote(forged, [parseVkey(log.vkey), parseVkey(w1.vkey)])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/cosignature of witness.example\/w1/),
    });
  });
});
