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
    expect(e).toMatchObject({ index: 7, checkpoint: { entries: 10 }, verified: { chainToCheckpoint: true } });
    const bundle = join(dir, 'entry.json');
    writeFileSync(bundle, r.stdout);
    const c = penin(['evidence', '--check', bundle, '--pubkey', pub]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(
      /^ {2}ok {3}entry hash: the values hash to the stored current_hash [0-9a-f]{64}$/m,
    );
    expect(c.stdout).toMatch(/^ {2}ok {3}checkpoint: signature valid: 10 entries/m);
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
