// The transparency-log commands end to end, through the built CLI: keygen's vkey, checkpoint,
// prove (+ --check offline), consistency (+ --check with the kept old note), verify --vkey
// --witness, signed receipts; and ledgers with only the old JSON sidecar still verify.
import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { penin } from '../helpers/cli';
import { legacyLedger, signedLedger, rewriteChain } from '../helpers/signed-ledger';
import { lines } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';
import { allNotes, noteSidecarPath } from '../../electron/ledger/note/note-sidecar';
import { addSignature, noteSigner } from '../../electron/ledger/note/note-signer';
import { ALG_COSIGNATURE_V1 } from '../../electron/ledger/note/vkey';

const vkeyOf = (keygenOut: string): string => (/^vkey (\S+)$/m.exec(keygenOut) as RegExpExecArray)[1];

async function ledger(): Promise<{ dir: string; path: string; vkey: string }> {
  const l = await signedLedger(25);
  const dir = l.dir;
  // keygen refuses an existing key: the writer's vkey comes from a fresh keygen's format on its .pub
  const k = penin(['keygen', join(dir, 'fresh.pem')]);
  expect(k.code).toBe(0);
  const cp = penin(['checkpoint', l.path]);
  const name = (/^— (\S+) /m.exec(cp.stdout) as RegExpExecArray)[1];
  const { vkeyOfPublicKey } = await import('../../electron/ledger/note/checkpoint-signer');
  const { loadPublicKey } = await import('../../electron/ledger/signing-key');
  const { formatVkey } = await import('../../electron/ledger/note/vkey');
  const pub = loadPublicKey(l.pub);
  const v = vkeyOfPublicKey(pub.publicKey, pub.keyId);
  expect(v.name).toBe(name);
  return { dir, path: l.path, vkey: formatVkey(v.name, v.alg, v.publicKey) };
}

function flipInBase64(b64: string): string {
  const b = Buffer.from(b64, 'base64');
  b[20] ^= 1; // past a signature's 4-byte key ID: the signature itself
  return b.toString('base64');
}

describe('penin keygen, checkpoint', () => {
  it('keygen prints the vkey (NAME+KEYHASH+BASE64 of 0x01 || key)', () => {
    const r = penin(['keygen', join(tmpDir(), 'k.pem')]);
    expect(r.stdout).toMatch(/^vkey penin\.local\/[0-9a-f]{16}\+[0-9a-f]{8}\+A[Q-Za-f][A-Za-z0-9+/]{42}$/m);
    expect(vkeyOf(r.stdout)).toBeTruthy();
  });

  it('checkpoint prints the latest note, and checks it against the file with --vkey', async () => {
    const { path, vkey } = await ledger();
    const r = penin(['checkpoint', path, '--vkey', vkey]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^penin\.local\/[0-9a-f]{16}\/ledger\.jsonl\n25\n[A-Za-z0-9+/]{43}=\ntime .*\nhead [0-9a-f]{64}\n\n— penin\.local\/[0-9a-f]{16} \S+\n$/,
    );
    expect(r.stderr).toMatch(
      /checkpoint 25 verified: signed by penin\.local\/[0-9a-f]{16}\+[0-9a-f]{8}, root matches the file/,
    );
    rewriteChain(path, 3);
    expect(penin(['checkpoint', path, '--vkey', vkey])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/another root/),
    });
  });

  it('reports which witnesses cosigned which size', async () => {
    const { path, vkey } = await ledger();
    const w = noteSigner('witness.example/w1', generateKeyPairSync('ed25519').privateKey, ALG_COSIGNATURE_V1);
    const notes = await allNotes(noteSidecarPath(path));
    const cosigned = notes.map((n, i) =>
      i === 1 ? addSignature(n.note as string, w, new Date('2026-12-06T03:00:00Z')) : (n.note as string),
    );
    writeFileSync(noteSidecarPath(path), cosigned.map((n) => n + '\n').join(''));
    const v = penin(['verify', path, '--vkey', vkey, '--witness', w.vkey]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/checkpoint notes: 3 of 3 verified/);
    expect(v.stdout).toMatch(
      /witness witness\.example\/w1\+[0-9a-f]{8} vouches for size 20 \(cosigned 2026-12-06T03:00:00\.000Z\)/,
    );
    // An unknown witness's line is ignored; a known witness whose cosignature fails rejects the note.
    const other = noteSigner(
      'witness.example/w1',
      generateKeyPairSync('ed25519').privateKey,
      ALG_COSIGNATURE_V1,
    );
    expect(penin(['verify', path, '--vkey', vkey]).code).toBe(0);
    const bad = cosigned.map((n) =>
      n.replace(/(— witness\.example\/w1 )(\S+)/, (_, p: string, s: string) => p + flipInBase64(s)),
    );
    writeFileSync(noteSidecarPath(path), bad.map((n) => n + '\n').join(''));
    expect(penin(['verify', path, '--vkey', vkey, '--witness', w.vkey])).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/cosignature of witness\.example\/w1 .* does not verify/),
    });
    expect(penin(['verify', path, '--vkey', vkey, '--witness', other.vkey]).code).toBe(0);
  });
});

describe('penin prove', () => {
  it('proves an entry; --check verifies it offline; any change to entry, path or note fails', async () => {
    const { dir, path, vkey } = await ledger();
    const r = penin(['prove', path, '7']);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.stdout);
    expect(bundle).toMatchObject({
      format: 'penin.inclusion/1',
      index: 7,
      treeSize: 25,
      entry: lines(path)[7],
    });
    const file = join(dir, 'bundle.json');
    const check = (b: unknown, ...extra: string[]) => {
      writeFileSync(file, JSON.stringify(b));
      return penin(['prove', '--check', file, '--vkey', vkey, ...extra]);
    };
    rmSync(path); // offline: no ledger needed
    expect(check(bundle)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^entry 7 is included in checkpoint 25 of penin\.local\/.*ledger\.jsonl \(signed by/,
      ),
    });
    expect(check({ ...bundle, entry: bundle.entry.replace('routed', 'routeD') })).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/the entry was changed/),
    });
    const path2 = [...bundle.proof];
    path2[1] = flipInBase64(path2[1]);
    expect(check({ ...bundle, proof: path2 })).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/inclusion proof: the path leads to root/),
    });
    expect(check({ ...bundle, checkpoint: bundle.checkpoint.replace('\n25\n', '\n26\n') })).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/does not verify/),
    });
    expect(check({ ...bundle, index: 8 }).code).toBe(1);
    const other = penin(['keygen', join(dir, 'other.pem')]);
    writeFileSync(file, JSON.stringify(bundle));
    expect(penin(['prove', '--check', file, '--vkey', vkeyOf(other.stdout)])).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/no signature from a known key/),
    });
  });

  it('the last entry also matches the head extension; --tlog-proof prints the C2SP form', async () => {
    const { dir, path, vkey } = await ledger();
    const b = penin(['prove', path, '24']);
    writeFileSync(join(dir, 'b.json'), b.stdout);
    expect(penin(['prove', '--check', join(dir, 'b.json'), '--vkey', vkey]).code).toBe(0);
    const t = penin(['prove', path, '5', '--tlog-proof']);
    expect(t.stdout).toMatch(/^c2sp\.org\/tlog-proof@v1\nindex 5\n([A-Za-z0-9+/]{43}=\n){5}\npenin\.local\//);
  });

  it('refuses an index past the latest checkpoint, and bad usage', async () => {
    const { path } = await ledger();
    expect(penin(['prove', path, '25'])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/not in the latest checkpoint/),
    });
    expect(penin(['prove', path, 'x']).code).toBe(2);
    expect(penin(['prove', '--check', path]).code).toBe(2);
  });
});

describe('penin consistency', () => {
  it('proves the ledger only grew since an old checkpoint; the kept old note checks it', async () => {
    const { dir, path, vkey } = await ledger();
    const kept = (await allNotes(noteSidecarPath(path)))[0].note as string; // size 10
    writeFileSync(join(dir, 'old.note'), kept);
    const r = penin(['consistency', path, '10']);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(r.stdout);
    expect(bundle).toMatchObject({
      format: 'penin.consistency/1',
      oldSize: 10,
      newSize: 25,
      oldCheckpoint: kept,
    });
    writeFileSync(join(dir, 'c.json'), r.stdout);
    const ok = penin([
      'consistency',
      '--check',
      join(dir, 'c.json'),
      '--vkey',
      vkey,
      '--old',
      join(dir, 'old.note'),
    ]);
    expect(ok).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/consistent: the tree of 10 entries is a prefix of the tree of 25/),
    });
    const p = [...bundle.proof];
    p[0] = flipInBase64(p[0]);
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ ...bundle, proof: p }));
    expect(
      penin(['consistency', '--check', join(dir, 'c.json'), '--vkey', vkey, '--old', join(dir, 'old.note')])
        .code,
    ).toBe(1);
  });

  it('a rewritten ledger cannot prove consistency with the note the auditor kept', async () => {
    const { dir, path, vkey } = await ledger();
    const kept = (await allNotes(noteSidecarPath(path)))[0].note as string; // size 10, before the rewrite
    writeFileSync(join(dir, 'old.note'), kept);
    rewriteChain(path, 3);
    // The forger re-signs nothing (no key): the sidecar's newest note still signs the old root.
    const r = penin(['consistency', path, '10']);
    writeFileSync(join(dir, 'c.json'), r.stdout);
    expect(
      penin(['consistency', '--check', join(dir, 'c.json'), '--vkey', vkey, '--old', join(dir, 'old.note')]),
    ).toMatchObject({ code: 1, stdout: expect.stringMatching(/NOT CONSISTENT/) });
  });
});

describe('signed verification receipts', () => {
  it('verify --receipt signs what was verified; receipt --check verifies it and the file', async () => {
    const { dir, path, vkey } = await ledger();
    const auditor = penin(['keygen', join(dir, 'auditor.pem')]);
    const out = join(dir, 'receipt.note');
    const v = penin([
      'verify',
      path,
      '--vkey',
      vkey,
      '--receipt',
      out,
      '--auditor-key',
      join(dir, 'auditor.pem'),
    ]);
    expect(v.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(
      /^penin\.receipt\/1\nfile ledger\.jsonl\nsha256 [0-9a-f]{64}\nbytes \d+\nentries 25\ncheckpoint penin\.local\/[0-9a-f]{16}\/ledger\.jsonl 25 [A-Za-z0-9+/]{43}=\nresult valid\nbreaks 0 [0-9a-f]{64}\ntime .*Z\ntool penin .*\n\n— penin\.local\/[0-9a-f]{16} \S+\n$/,
    );
    const av = vkeyOf(auditor.stdout);
    expect(penin(['receipt', '--check', out, '--vkey', av, '--file', path])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^receipt signed by penin\.local\/.*25 entries, checkpoint 25 of .*: valid, 0 break\(s\)/,
      ),
    });
    expect(penin(['receipt', '--check', out, '--vkey', vkey]).code).toBe(1); // not the auditor's key
    writeFileSync(out, text.replace('result valid', 'result invalid'));
    expect(penin(['receipt', '--check', out, '--vkey', av])).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/REFUSED: .*does not verify/),
    });
    writeFileSync(out, text);
    rewriteChain(path, 3);
    expect(penin(['receipt', '--check', out, '--vkey', av, '--file', path])).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/MISMATCH/),
    });
  });

  it('an invalid ledger gets a receipt saying invalid, with its breaks digest', async () => {
    const { dir, path, vkey } = await ledger();
    penin(['keygen', join(dir, 'auditor.pem')]);
    rewriteChain(path, 3);
    const out = join(dir, 'r.note');
    const v = penin([
      'verify',
      path,
      '--vkey',
      vkey,
      '--receipt',
      out,
      '--auditor-key',
      join(dir, 'auditor.pem'),
    ]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/\[rewritten\]: the checkpoint note at line 1 signs root/);
    expect(readFileSync(out, 'utf8')).toMatch(/\ncheckpoint none\nresult invalid\nbreaks 3 [0-9a-f]{64}\n/);
    expect(penin(['verify', path, '--receipt', out, '--auditor-key', join(dir, 'nokey.pem')]).code).toBe(2);
  });
});

describe('ledgers from before this change', () => {
  it('with only the JSON sidecar, verify --pubkey still checks their checkpoints', async () => {
    const l = await legacyLedger(25);
    const r = penin(['verify', l.path, '--json', '--pubkey', l.pub]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).signatures.checkpoints).toEqual({ total: 3, valid: 3, coveredEntries: 25 });
    expect(penin(['checkpoint', l.path])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no checkpoint note/),
    });
    const { path, vkey } = await ledger();
    rmSync(noteSidecarPath(path));
    expect(penin(['verify', path, '--vkey', vkey])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^no checkpoint notes \(/m),
    });
  });
});
