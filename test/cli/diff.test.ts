// `penin diff A B`: the text and --json output, exit codes (0 identical, 1 differ, 2 bad input).
import { describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { penin } from '../helpers/cli';
import { writeLedger } from '../helpers/ledger';
import { rewriteChain, signedLedger } from '../helpers/signed-ledger';
import { readLines, writeLinesTo } from '../helpers/tamper';
import { tmpDir } from '../helpers/tmp';
import { noteSidecarPath } from '../../electron/ledger/note/note-sidecar';
import { ledgerDiffSchema } from '../../shared/ledger-diff';

describe('penin diff', () => {
  it('identical copies exit 0; a truncated copy exits 1 and says so', async () => {
    const a = await writeLedger(9);
    const b = join(tmpDir(), 'b.jsonl');
    copyFileSync(a, b);
    expect(penin(['diff', a, b])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/identical: both have 9 entries/),
    });
    writeLinesTo(b, readLines(a).slice(0, 6));
    const r = penin(['diff', a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^common prefix: 6 entries$/m);
    expect(r.stdout).toMatch(/^B is a prefix of A: they agree on all 6 entries of B, and A has 3 more/m);
  });

  it('--json follows penin.diff/1; --pubkey says which side the checkpoints vouch for', async () => {
    const { path: a, pub } = await signedLedger(20, 5);
    const b = join(tmpDir(), 'b.jsonl');
    copyFileSync(a, b);
    copyFileSync(noteSidecarPath(a), noteSidecarPath(b));
    rewriteChain(b, 12);
    const r = penin(['diff', a, b, '--json', '--pubkey', pub]);
    expect(r.code).toBe(1);
    const d = ledgerDiffSchema.parse(JSON.parse(r.stdout));
    expect(d).toMatchObject({ commonPrefix: 12, classification: { kind: 'forked', at: 12 } });
    expect(d.checkpoints!.filter((c) => c.entries > 12).every((c) => c.vouchesFor === 'a')).toBe(true);
    const text = penin(['diff', a, b, '--pubkey', pub]).stdout;
    expect(text).toMatch(/^first difference: entry 12 \(line 13\)$/m);
    expect(text).toMatch(/^checkpoint 15 entries \(.*, in both sidecars\): vouches for A$/m);
  });

  it('bad usage and unreadable files exit 2', async () => {
    const a = await writeLedger(2);
    expect(penin(['diff', a]).code).toBe(2);
    expect(penin(['diff', a, join(tmpDir(), 'missing.jsonl')])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no such file/),
    });
    expect(penin(['diff', a, a, '--frobnicate']).code).toBe(2);
  });
});
