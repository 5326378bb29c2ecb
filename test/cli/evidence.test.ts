// `penin evidence FILE INDEX > entry.json` and `penin evidence --check entry.json`.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { penin } from '../helpers/cli';
import { signedLedger } from '../helpers/signed-ledger';
import { evidenceSchema } from '../../shared/evidence';

describe('penin evidence', () => {
  it('writes a penin.evidence/1 bundle that --check re-checks offline', async () => {
    const { path, pub, dir } = await signedLedger(15, 5);
    const r = penin(['evidence', path, '7', '--pubkey', pub]);
    expect(r.code).toBe(0);
    const e = evidenceSchema.parse(JSON.parse(r.stdout));
    // Signed by checkpoint notes: the bundle carries the inclusion proof against the latest one.
    expect(e).toMatchObject({ index: 7, checkpoint: null, verified: { chainToCheckpoint: true } });
    expect(e.inclusion?.treeSize).toBe(15);
    const bundle = join(dir, 'entry.json');
    writeFileSync(bundle, r.stdout);
    const c = penin(['evidence', '--check', bundle, '--pubkey', pub]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(
      /^ {2}ok {3}entry hash: the values hash to the stored current_hash [0-9a-f]{64}$/m,
    );
    // (--vkey proves the inclusion offline: "carries a penin.inclusion/1 proof", below.)
    expect(c.stdout).toMatch(/every offline check holds\n$/);
    const j = JSON.parse(penin(['evidence', '--check', bundle, '--json']).stdout) as { ok: boolean };
    expect(j.ok).toBe(true);
    // Altered after the fact: the check fails (exit 1).
    writeFileSync(bundle, JSON.stringify({ ...e, lineSha256: 'f'.repeat(64) }));
    expect(penin(['evidence', '--check', bundle]).code).toBe(1);
  });

  it('a missing entry, a bad index, a non-bundle: exit 2', async () => {
    const { path, dir } = await signedLedger(3, 5);
    expect(penin(['evidence', path, '9'])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/has 3 entries: there is no entry 9/),
    });
    expect(penin(['evidence', path, 'x']).code).toBe(2);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"schema": "something else"}');
    expect(penin(['evidence', '--check', junk])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/not a penin.evidence\/1 bundle/),
    });
  });
});

describe('penin evidence: the inclusion proof', () => {
  async function vkeyText(pub: string): Promise<string> {
    const { vkeyOfPublicKey } = await import('../../electron/ledger/note/checkpoint-signer');
    const { loadPublicKey } = await import('../../electron/ledger/signing-key');
    const { formatVkey } = await import('../../electron/ledger/note/vkey');
    const k = loadPublicKey(pub);
    const v = vkeyOfPublicKey(k.publicKey, k.keyId);
    return formatVkey(v.name, v.alg, v.publicKey);
  }

  it('carries a penin.inclusion/1 proof against the latest note, and --check --vkey proves the chain offline', async () => {
    const { path, pub, dir } = await signedLedger(23, 10);
    const r = penin(['evidence', path, '7']);
    expect(r.code).toBe(0);
    const e = evidenceSchema.parse(JSON.parse(r.stdout));
    // The latest note (written on close) is of size 23: the proof is against it.
    expect(e.inclusion).toMatchObject({ format: 'penin.inclusion/1', index: 7, treeSize: 23, entry: e.line });
    const bundle = join(dir, 'entry.json');
    writeFileSync(bundle, r.stdout);
    const vkey = await vkeyText(pub);
    const c = penin(['evidence', '--check', bundle, '--vkey', vkey]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/^ {2}ok {3}inclusion entry: the proof is of entry 7, this line$/m);
    expect(c.stdout).toMatch(
      /^ {2}ok {3}inclusion: entry 7 is in checkpoint 23 of penin\.local\/\S+ \(signed by /m,
    );
    expect(c.stdout).toMatch(
      /^ {2}ok {3}chain to checkpoint: checked offline: the entry is in the tree of checkpoint 23/m,
    );
    expect(c.stdout).toMatch(/every offline check holds\n$/);
    // Without the vkey: the proof is there but not checked (nothing fails, nothing is claimed).
    const n = penin(['evidence', '--check', bundle]);
    expect(n.code).toBe(0);
    expect(n.stdout).toMatch(/^ {2}-- {3}inclusion: give the log's vkey/m);
  });

  it('a changed proof, a line swapped under the proof, or another key: the check fails', async () => {
    const { path, pub, dir } = await signedLedger(12, 5);
    const e = evidenceSchema.parse(JSON.parse(penin(['evidence', path, '3']).stdout));
    const p = e.inclusion;
    if (!p) throw new Error('no inclusion proof');
    const vkey = await vkeyText(pub);
    const run = (x: unknown) => {
      const f = join(dir, 'x.json');
      writeFileSync(f, JSON.stringify(x));
      return penin(['evidence', '--check', f, '--vkey', vkey]);
    };
    const flipped = Buffer.from(p.proof[0], 'base64');
    flipped[0] ^= 1;
    const bad = run({ ...e, inclusion: { ...p, proof: [flipped.toString('base64'), ...p.proof.slice(1)] } });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^ {2}FAIL inclusion: inclusion proof: /m);
    expect(bad.stdout).toMatch(/^ {2}FAIL chain to checkpoint: the inclusion proof does not hold/m);
    // The proof of entry 4 put under entry 3's line: refused though the proof itself holds.
    const other = evidenceSchema.parse(JSON.parse(penin(['evidence', path, '4']).stdout));
    const swapped = run({ ...e, inclusion: other.inclusion });
    expect(swapped.code).toBe(1);
    expect(swapped.stdout).toMatch(/^ {2}FAIL inclusion entry: the proof is of entry 4, not entry 3$/m);
    // Another log's key.
    const { pub: otherPub } = await signedLedger(1, 5);
    const f = join(dir, 'e.json');
    writeFileSync(f, JSON.stringify(e));
    const wrong = penin(['evidence', '--check', f, '--vkey', await vkeyText(otherPub)]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/^ {2}FAIL inclusion: checkpoint: /m);
  });

  it('no note covering the entry: no proof, said on stderr; --vkey belongs to --check', async () => {
    const { path, dir } = await signedLedger(3, 5);
    const { rmSync } = await import('node:fs');
    rmSync(`${path}.checkpoints`);
    const r = penin(['evidence', path, '1']);
    expect(r.code).toBe(0);
    expect(evidenceSchema.parse(JSON.parse(r.stdout)).inclusion).toBeUndefined();
    expect(r.stderr).toMatch(/no inclusion proof in the bundle: no checkpoint note/);
    expect(penin(['evidence', path, '1', '--vkey', 'x']).code).toBe(2);
    expect(penin(['evidence', '--check', join(dir, 'nope.json'), '--witness', 'x']).code).toBe(2);
  });
});
