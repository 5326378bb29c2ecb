import { describe, expect, it } from 'vitest';
import { buildEvidence } from '../../../electron/ledger/forensics/evidence-build';
import { checkEvidence } from '../../../electron/ledger/forensics/evidence-check';
import { signedCheckpoints } from '../../../electron/ledger/signed-checkpoints';
import { loadPublicKey } from '../../../electron/ledger/signing-key';
import { evidenceSchema, type Evidence } from '../../../shared/evidence';
import { legacyLedger, signedLedger } from '../../helpers/signed-ledger';
import { pythonLedger, readLines, writeLinesTo } from '../../helpers/tamper';

async function bundle(path: string, index: number, pub?: string): Promise<Evidence> {
  const key = pub ? loadPublicKey(pub) : undefined;
  const signed = key ? { key, checkpoints: await signedCheckpoints(path, key) } : undefined;
  return evidenceSchema.parse(await buildEvidence(path, index, { signed, version: '0.1.0' }));
}

describe('penin evidence: one entry as an exhibit', () => {
  it("holds the stored line, its neighbours' hashes, the covering checkpoint, and what was verified", async () => {
    // A ledger from before the checkpoint notes: the bundle carries its JSON checkpoint as signed.
    const { path, pub } = await legacyLedger(25, 10);
    const ls = readLines(path);
    const e = await bundle(path, 12, pub);
    expect(e.line).toBe(ls[12]);
    expect(Buffer.from(e.lineBase64, 'base64').toString('utf8')).toBe(ls[12]);
    expect(e.neighbours).toEqual({
      previous: { index: 11, currentHash: JSON.parse(ls[11]).current_hash },
      next: {
        index: 13,
        previousHash: JSON.parse(ls[13]).previous_hash,
        currentHash: JSON.parse(ls[13]).current_hash,
      },
    });
    expect(e.checkpoint).toMatchObject({ entries: 20, head: JSON.parse(ls[19]).current_hash });
    expect(e.verified).toMatchObject({
      entryHash: true,
      linkPrevious: true,
      linkNext: true,
      checkpointSignature: true,
      chainToCheckpoint: true,
    });
    expect(e.inclusion).toBeUndefined();
    const r = checkEvidence(e, loadPublicKey(pub));
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => `${c.name}:${c.ok}`)).toEqual([
      'line:true',
      'entry hash:true',
      'link to previous:true',
      'link to next:true',
      'checkpoint:true',
      'chain to checkpoint:null',
    ]);
  });

  it('entry 0 links to the genesis hash; the last entry has no next; without a key, no checkpoint', async () => {
    const path = pythonLedger(3);
    const first = await bundle(path, 0);
    expect(first.neighbours.previous).toBeNull();
    expect(first.verified).toMatchObject({
      linkPrevious: true,
      checkpointSignature: null,
      chainToCheckpoint: null,
    });
    const last = await bundle(path, 2);
    expect(last.neighbours.next).toBeNull();
    expect(last.verified.linkNext).toBeNull();
    expect(checkEvidence(last).checks.find((c) => c.name === 'checkpoint')?.detail).toMatch(
      /no signed checkpoint/,
    );
  });

  it('a checkpoint note covers the entry: the chain to it is verified; the bundle carries no JSON checkpoint', async () => {
    const { path, pub } = await signedLedger(25, 10);
    const e = await bundle(path, 12, pub);
    expect(e.checkpoint).toBeNull(); // a note is vouched for by an inclusion proof (penin evidence attaches one)
    expect(e.verified).toMatchObject({ checkpointSignature: null, chainToCheckpoint: true });
    const ls = readLines(path);
    ls[15] = ls[15].replace('request 15', 'request 150');
    writeLinesTo(path, ls);
    expect((await bundle(path, 12, pub)).verified.chainToCheckpoint).toBe(false);
  });

  it('an edited entry: the bundle records the failure, and --check finds it again', async () => {
    const { path, pub } = await signedLedger(12, 5);
    const ls = readLines(path);
    ls[7] = ls[7].replace('request 7', 'request 70');
    writeLinesTo(path, ls);
    const e = await bundle(path, 7, pub);
    expect(e.verified).toMatchObject({ entryHash: false, chainToCheckpoint: false });
    const r = checkEvidence(e, loadPublicKey(pub));
    expect(r.ok).toBe(false);
    expect(r.checks.find((c) => c.name === 'entry hash')?.ok).toBe(false);
  });

  it('a bundle tampered after the fact fails --check: edited line, forged checkpoint, wrong key', async () => {
    const { path, pub } = await legacyLedger(12, 5);
    const e = await bundle(path, 3, pub);
    const key = loadPublicKey(pub);
    const edited: Evidence = {
      ...e,
      line: e.line,
      lineBase64: Buffer.from(e.line.replace('request 3', 'request 4')).toString('base64'),
    };
    expect(
      checkEvidence(edited, key)
        .checks.filter((c) => c.ok === false)
        .map((c) => c.name),
    ).toEqual(['line', 'entry hash']);
    const forged: Evidence = { ...e, checkpoint: { ...e.checkpoint!, entries: 99 } };
    expect(checkEvidence(forged, key).checks.find((c) => c.name === 'checkpoint')?.ok).toBe(false);
    const other = await legacyLedger(2, 1);
    expect(
      checkEvidence(e, loadPublicKey(other.pub)).checks.find((c) => c.name === 'checkpoint')?.detail,
    ).toMatch(/not by the given key/);
  });

  it('the inclusion field is a penin.inclusion/1 bundle now: anything else is refused', async () => {
    const { path, pub } = await legacyLedger(6, 5);
    const e = await bundle(path, 1, pub);
    expect(
      evidenceSchema.safeParse({ ...e, inclusion: { type: 'rfc6962', treeSize: 5, path: ['00'] } }).success,
    ).toBe(false);
    // Without a proof, the chain to the checkpoint stays as it was recorded against the whole file.
    expect(checkEvidence(e, loadPublicKey(pub)).checks.at(-1)?.detail).toMatch(/recorded as verified/);
  });
});

describe('evidence with an inclusion proof', () => {
  it('checks the proof with the vkey, and refuses a bundle whose line is not the proven entry', async () => {
    const { latestInclusion } = await import('../../../electron/ledger/proofs/evidence-inclusion');
    const { vkeyOfPublicKey } = await import('../../../electron/ledger/note/checkpoint-signer');
    const { path, pub } = await signedLedger(12, 5);
    const inc = await latestInclusion(path, 6);
    expect(inc.problem).toBeNull();
    const e = evidenceSchema.parse(await buildEvidence(path, 6, { version: '0.1.0', inclusion: inc.bundle }));
    const k = loadPublicKey(pub);
    const log = vkeyOfPublicKey(k.publicKey, k.keyId);
    const r = checkEvidence(e, undefined, { log });
    expect(r.ok).toBe(true);
    expect(r.checks.find((c) => c.name === 'chain to checkpoint')).toMatchObject({ ok: true });
    // No vkey: the proof is not checked, and not claimed.
    expect(checkEvidence(e).checks.find((c) => c.name === 'inclusion')).toMatchObject({ ok: null });
    // The line edited (its hashes recomputed would not help: the leaf is the line).
    const line = e.line.replace('"reason": "', '"reason": "x');
    const edited = { ...e, line, lineBase64: Buffer.from(line).toString('base64') };
    expect(
      checkEvidence(edited, undefined, { log }).checks.find((c) => c.name === 'inclusion entry'),
    ).toMatchObject({
      ok: false,
    });
    // An entry newer than the latest note: no proof.
    expect((await latestInclusion(path, 12)).bundle).toBeNull();
  });
});
