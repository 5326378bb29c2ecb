import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { LedgerWriter } from '../../electron/ledger/writer';
import { loadOrCreateSigningKey, keyIdOf } from '../../electron/ledger/signing-key';
import { sidecarPath, signCheckpoint } from '../../electron/ledger/checkpoint';
import { penin } from '../helpers/cli';
import { verifyReportSchema, type VerifyReportBreak } from '../../shared/verify-report';
import { decision, lines, writeLines } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';
import {
  checkpointNotes,
  legacyLedger,
  rewriteChain,
  signedLedger,
  writeCheckpointNotes,
  writeJsonCheckpoints,
} from '../helpers/signed-ledger';
import { noteSidecarPath } from '../../electron/ledger/note/note-sidecar';
import { parseNote } from '../../electron/ledger/note/signed-note';
import { parseCheckpoint } from '../../electron/ledger/note/checkpoint-note';
import { signCheckpointNote } from '../../electron/ledger/note/checkpoint-signer';
import { treeFacts } from '../../electron/ledger/merkle/file-tree';

interface Report {
  valid: boolean;
  entries: number;
  breaks: { index: number; kind: string; detail: string }[];
  notes?: { index: number; kind: string; detail: string }[];
  checkpoints?: { total: number; valid: number; coveredEntries: number };
}

/** `penin verify --json` (the report schema of shared/verify-report.ts), signature results flattened. */
function verify(path: string, ...extra: string[]): { code: number; report: Report } {
  const r = penin(['verify', path, '--json', ...extra]);
  if (r.code === 2) return { code: r.code, report: JSON.parse(r.stdout) as Report }; // {path, error}
  const doc = verifyReportSchema.parse(JSON.parse(r.stdout));
  const plain = (bs: VerifyReportBreak[]) => bs.map(({ index, kind, detail }) => ({ index, kind, detail }));
  const s = doc.signatures;
  return {
    code: r.code,
    report: {
      ...doc,
      breaks: plain(doc.breaks),
      ...(s ? { checkpoints: s.checkpoints, notes: plain(s.notes) } : {}),
    },
  };
}

describe('signed checkpoints', () => {
  it('are written every N entries and on close, as C2SP notes only, and verify with the public key', async () => {
    const { path, key } = await signedLedger(25);
    const sizes = (await checkpointNotes(path)).map((n) => parseCheckpoint(parseNote(n).text).size);
    expect(sizes).toEqual([10, 20, 25]);
    expect(existsSync(sidecarPath(path))).toBe(false); // the JSON sidecar is no longer written
    const { code, report } = verify(path, '--pubkey', `${key}.pub`);
    expect(code).toBe(0);
    expect(report.checkpoints).toEqual({ total: 3, valid: 3, coveredEntries: 25 });
    expect(report.notes).toEqual([]);
  });

  it('of a ledger written before the notes (JSON sidecar only) still verify, and catch a rewrite', async () => {
    const { path, key } = await legacyLedger(25);
    expect(existsSync(noteSidecarPath(path))).toBe(false);
    expect(lines(sidecarPath(path)).map((l) => JSON.parse(l).entries)).toEqual([10, 20, 25]);
    expect(verify(path, '--pubkey', `${key}.pub`).report.checkpoints).toEqual({
      total: 3,
      valid: 3,
      coveredEntries: 25,
    });
    rewriteChain(path, 3);
    expect(verify(path, '--pubkey', `${key}.pub`).report.breaks.map((b) => `${b.index}:${b.kind}`)).toEqual([
      '9:rewritten',
      '19:rewritten',
      '24:rewritten',
    ]);
  });

  it('signed in both forms (written for a while by an earlier version) count once', async () => {
    const { path, key } = await signedLedger(25);
    await writeJsonCheckpoints(path, key); // the notes stay: both forms of each checkpoint
    expect(verify(path, '--pubkey', `${key}.pub`).report.checkpoints).toEqual({
      total: 3,
      valid: 3,
      coveredEntries: 25,
    });
  });

  it('catch a whole-chain rewrite that the plain chain calls valid', async () => {
    const { path, key } = await signedLedger(25);
    rewriteChain(path, 3);
    expect(verify(path).report.valid).toBe(true); // the chain alone is fooled
    const { code, report } = verify(path, '--pubkey', `${key}.pub`);
    expect(code).toBe(1);
    expect(report.breaks.map((b) => `${b.index}:${b.kind}`)).toEqual([
      '9:rewritten',
      '19:rewritten',
      '24:rewritten',
    ]);
  });

  it('catch a cut-off tail as truncated', async () => {
    const { path, key } = await signedLedger(25);
    writeLines(path, lines(path).slice(0, 15));
    const { report } = verify(path, '--pubkey', `${key}.pub`);
    expect(report.breaks.map((b) => `${b.index}:${b.kind}`)).toEqual(['15:truncated', '15:truncated']);
    expect(report.breaks[0].detail).toMatch(/file has 15 entries: the newest entries were cut off/);
  });

  it('refuse a checkpoint note forged with another key, under our key name, or with a corrupted signature', async () => {
    const { path, key } = await signedLedger(20);
    const ours = loadOrCreateSigningKey(key);
    const other = generateKeyPairSync('ed25519');
    const head = JSON.parse(lines(path)[19]).current_hash;
    const tree = (await treeFacts(path)).frontier.root();
    const forged = signCheckpointNote(
      { privateKey: other.privateKey, keyId: keyIdOf(other.publicKey) },
      path,
      { size: 20, root: tree, head },
      new Date(),
    );
    // Another key signing under our key's name: its key hash is not ours.
    const impostor = signCheckpointNote(
      { privateKey: other.privateKey, keyId: ours.keyId },
      path,
      { size: 20, root: tree, head },
      new Date(),
    );
    const notes = await checkpointNotes(path);
    // Flip one bit of the first note's signature (the last byte of its base64 stays canonical).
    const sig = notes[0].trimEnd().split('\n').at(-1) as string;
    const [dash, name, b64] = sig.split(' ');
    const raw = Buffer.from(b64, 'base64');
    raw[10] ^= 1;
    notes[0] = notes[0].replace(sig, `${dash} ${name} ${raw.toString('base64')}`);
    writeCheckpointNotes(path, [...notes, forged, impostor]);
    const { code, report } = verify(path, '--pubkey', `${key}.pub`);
    expect(code).toBe(1);
    expect(report.breaks.map((b) => b.kind)).toEqual(['bad_signature', 'bad_signature', 'bad_signature']);
    expect(report.breaks.map((b) => b.detail).join('\n')).toMatch(
      /note at line 1 .*does not verify[\s\S]*note at line 17 .*signed by key [0-9a-f]{16}, not by the given key[\s\S]*note at line 25 .*does not verify/,
    );
    expect(report.checkpoints?.valid).toBe(1);
  });

  it('refuse a JSON sidecar checkpoint forged with another key, and a corrupted signature (older ledgers)', async () => {
    const { path, key } = await legacyLedger(20);
    const other = generateKeyPairSync('ed25519');
    const head = JSON.parse(lines(path)[19]).current_hash;
    const forged = signCheckpoint(20, head, new Date(), other.privateKey, keyIdOf(other.publicKey));
    const impostor = {
      ...signCheckpoint(
        20,
        head,
        new Date(),
        other.privateKey,
        keyIdOf(loadOrCreateSigningKey(key).publicKey),
      ),
    };
    const cps = lines(sidecarPath(path)).map((l) => JSON.parse(l));
    cps[0].sig = Buffer.from(Buffer.from(cps[0].sig, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString(
      'base64',
    );
    writeLines(
      sidecarPath(path),
      [...cps, forged, impostor].map((c) => JSON.stringify(c)),
    );
    const { code, report } = verify(path, '--pubkey', `${key}.pub`);
    expect(code).toBe(1);
    expect(report.breaks.map((b) => b.kind)).toEqual(['bad_signature', 'bad_signature', 'bad_signature']);
    expect(report.breaks.map((b) => b.detail).join('\n')).toMatch(
      /line 1 .*does not verify[\s\S]*line 3 .*signed by key [0-9a-f]{16}, not by the given key[\s\S]*line 4 .*does not verify/,
    );
    expect(report.checkpoints?.valid).toBe(1);
  });

  it('report a malformed note or sidecar line and still check the others', async () => {
    const { path, key } = await signedLedger(20);
    const notes = await checkpointNotes(path);
    writeFileSync(
      noteSidecarPath(path),
      `not a checkpoint\n\u2014 nobody AAAA\n\n${notes[0]}\npenin.local/x/ledger.jsonl\nten\nAAAA\n\n\u2014 x AAAA\n\n${notes[1]}\n`,
    );
    const { report } = verify(path, '--pubkey', `${key}.pub`);
    expect(report.breaks.map((b) => b.detail)).toEqual([
      expect.stringMatching(/note at line 1 of ledger.jsonl.checkpoints is malformed: /),
      expect.stringMatching(/note at line 12 of ledger.jsonl.checkpoints is malformed: /),
    ]);
    expect(report.checkpoints).toMatchObject({ total: 4, valid: 2, coveredEntries: 20 });

    const old = await legacyLedger(20);
    const ls = lines(sidecarPath(old.path));
    writeLines(sidecarPath(old.path), ['{not json', ls[0], '{"v": 1, "entries": "ten"}', ls[1]]);
    const r = verify(old.path, '--pubkey', `${old.key}.pub`).report;
    expect(r.breaks.map((b) => b.detail)).toEqual([
      expect.stringMatching(/line 1 of ledger.jsonl.checkpoints.jsonl is malformed: not JSON/),
      expect.stringMatching(/line 3 of ledger.jsonl.checkpoints.jsonl is malformed: entries: /),
    ]);
    expect(r.checkpoints).toMatchObject({ total: 4, valid: 2, coveredEntries: 20 });
  });

  it('note entries after the last checkpoint as unsigned_tail, without calling the ledger invalid', async () => {
    const { path, key } = await signedLedger(10);
    const w = await LedgerWriter.open(path); // a writer without the key
    await w.append(decision(99));
    await w.close();
    const { code, report } = verify(path, '--pubkey', `${key}.pub`);
    expect(code).toBe(0);
    expect(report.notes).toEqual([
      {
        index: 10,
        kind: 'unsigned_tail',
        detail: expect.stringMatching(/entries 10 to 10 come after the last valid checkpoint/),
      },
    ]);
    const none = verify(path.replace('ledger', 'x'), '--pubkey', `${key}.pub`);
    expect(none.code).toBe(2);
  });

  it('a missing sidecar is a note that nothing is signed', async () => {
    const { path, key } = await signedLedger(5);
    writeFileSync(noteSidecarPath(path), '');
    expect(verify(path, '--pubkey', `${key}.pub`).report.notes?.[0].detail).toMatch(
      /entries 0 to 4 come after/,
    );
    rmSync(noteSidecarPath(path));
    expect(verify(path, '--pubkey', `${key}.pub`).report.notes?.[0].detail).toMatch(
      /no signed checkpoints \(looked for .*ledger.jsonl.checkpoints and .*ledger.jsonl.checkpoints.jsonl\)/,
    );
    const r = verify(path, '--pubkey', `${key}.pub`, '--checkpoints', join(tmpDir(), 'none.jsonl'));
    expect(r.report.notes?.[0].detail).toMatch(/no signed checkpoints \(looked for .*none.jsonl\)/);
  });
});

describe('pins', () => {
  it('penin head prints the pin; the pin confirms the file still extends it, and catches a rewrite', async () => {
    const { path } = await signedLedger(12);
    const head = penin(['head', path]);
    expect(head.code).toBe(0);
    const pin = /pin (\d+:[0-9a-f]{64})/.exec(head.stdout)?.[1] ?? '';
    expect(pin.startsWith('11:')).toBe(true);
    const w = await LedgerWriter.open(path);
    await w.append(decision(50));
    await w.close();
    expect(verify(path, '--pin', pin).code).toBe(0);
    rewriteChain(path, 2);
    const { report } = verify(path, '--pin', pin);
    expect(report.breaks.map((b) => `${b.index}:${b.kind}`)).toEqual(['11:rewritten']);
    writeLines(path, lines(path).slice(0, 5));
    expect(verify(path, '--pin', pin).report.breaks[0].kind).toBe('truncated');
  });

  it('bad pins, keys and options get exit 2 and say why', async () => {
    const { path, key } = await signedLedger(3);
    expect(penin(['verify', path, '--pin', '3:abc']).stderr).toMatch(/bad pin "3:abc": expected INDEX:HASH/);
    expect(penin(['verify', path, '--pin']).stderr).toMatch(/--pin needs a value/);
    expect(penin(['verify', path, '--pubkey', join(tmpDir(), 'nope.pub')]).stderr).toMatch(/no such file/);
    writeFileSync(join(tmpDir(), 'x'), '');
    const notKey = join(tmpDir(), 'bad.pub');
    writeFileSync(notKey, 'hello');
    expect(penin(['verify', path, '--pubkey', notKey]).stderr).toMatch(/is not a PEM public key/);
    expect(penin(['verify', path, '--checkpoints', 'x']).stderr).toMatch(/--checkpoints needs --pubkey/);
    expect(penin(['verify', path, '--pubkey', `${key}.pub`]).code).toBe(0);
  });
});

describe('signing keys', () => {
  it('keygen writes a 0600 private key and a public key, and never overwrites', () => {
    const dir = tmpDir();
    const k = join(dir, 'k.pem');
    const r = penin(['keygen', k]);
    expect(r.code).toBe(0);
    expect(statSync(k).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${k}.pub`, 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
    expect(penin(['keygen', k]).stderr).toMatch(/refusing to overwrite/);
  });
  it('a private key readable by others is refused', () => {
    const k = join(tmpDir(), 'k.pem');
    loadOrCreateSigningKey(k);
    chmodSync(k, 0o644);
    expect(() => loadOrCreateSigningKey(k)).toThrow(/readable by other users .* chmod 600/);
  });
});

describe('the public key file', () => {
  it('is written again when it is missing beside an existing private key', () => {
    const k = join(tmpDir(), 'k.pem');
    const first = loadOrCreateSigningKey(k);
    rmSync(`${k}.pub`);
    expect(loadOrCreateSigningKey(k).keyId).toBe(first.keyId);
    expect(readFileSync(`${k}.pub`, 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
  });
});
