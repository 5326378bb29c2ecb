// `penin verify DIR` / `penin verify FILE1 FILE2`: a fleet's ledgers, each chain on its own,
// reported per file and in total; sidecars and locks skipped and named, a FIFO refused (never
// waited on), --pin/--receipt refused with several files; `penin verify FILE` unchanged.
import { appendFileSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { penin } from '../helpers/cli';
import { lines, writeLedger, writeLines } from '../helpers/ledger';
import { mkfifo } from '../helpers/fifo';
import { tmpDir } from '../helpers/tmp';
import { verifySetSchema } from '../../shared/verify-set';
import { verifyReportSchema } from '../../shared/verify-report';

/** gw-a (valid, 5), gw-b (entry 2 edited), gw-c (a torn tail), and a sidecar and a lock beside them. */
async function fleetDir(): Promise<string> {
  const dir = tmpDir();
  await writeLedger(5, join(dir, 'gw-a.jsonl'));
  const b = await writeLedger(4, join(dir, 'gw-b.jsonl'));
  const ls = lines(b);
  ls[2] = ls[2].replace('request 2', 'request 2 (edited)');
  writeLines(b, ls);
  const c = await writeLedger(3, join(dir, 'gw-c.jsonl'));
  appendFileSync(c, '{"decision_id": "d-3", "timest');
  writeFileSync(join(dir, 'gw-a.jsonl.checkpoints.jsonl'), '');
  writeFileSync(join(dir, 'gw-a.jsonl.lock'), '123\n');
  writeFileSync(join(dir, 'notes.txt'), 'hello\n');
  return dir;
}

describe('penin verify DIR', () => {
  it('verifies each ledger on its own, per file and in total; says what it skipped', async () => {
    const dir = await fleetDir();
    const r = penin(['verify', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join(dir, 'gw-a.jsonl')}: valid, 5 entries, head `);
    expect(r.stdout).toMatch(/^ {2}break at entry 2 \[content\]: /m);
    expect(r.stdout).toContain(`${join(dir, 'gw-b.jsonl')}: INVALID, 1 break in 4 entries`);
    expect(r.stdout).toMatch(/break at entry \d+ \[torn_tail\]/);
    expect(r.stdout).toContain(`${join(dir, 'gw-c.jsonl')}: INVALID, 1 break in 4 entries`);
    expect(r.stdout).toContain(
      `skipped ${join(dir, 'gw-a.jsonl.checkpoints.jsonl')}: signed checkpoint sidecar`,
    );
    expect(r.stdout).toContain(`skipped ${join(dir, 'gw-a.jsonl.lock')}: lock file`);
    expect(r.stdout).toContain(`skipped ${join(dir, 'notes.txt')}: not a .jsonl file`);
    expect(r.stdout).toMatch(
      /^total: 3 ledgers, 1 valid, 2 invalid; 13 entries, 2 breaks; 3 file\(s\) skipped$/m,
    );
  });

  it('--json: a penin.verify-set/1 document with a penin.verify-report/1 per ledger', async () => {
    const dir = await fleetDir();
    const r = penin(['verify', dir, '--json']);
    expect(r.code).toBe(1);
    const doc = verifySetSchema.parse(JSON.parse(r.stdout));
    expect(doc.reports.map((x) => [x.file.path.slice(dir.length + 1), x.valid, x.entries])).toEqual([
      ['gw-a.jsonl', true, 5],
      ['gw-b.jsonl', false, 4],
      ['gw-c.jsonl', false, 4],
    ]);
    for (const x of doc.reports) verifyReportSchema.parse(x);
    expect(doc.reports[1].breaks[0]).toMatchObject({ index: 2, line: 3, kind: 'content' });
    expect(doc.reports[2].breaks[0].kind).toBe('torn_tail');
    expect(doc.total).toEqual({ ledgers: 3, valid: 1, invalid: 2, refused: 0, entries: 13, breaks: 2 });
    expect(doc.skipped.map((s) => s.reason).sort()).toEqual([
      'lock file',
      'not a .jsonl file',
      'signed checkpoint sidecar',
    ]);
    expect(doc.valid).toBe(false);
  });

  it('exit 0 when every ledger is valid (files named one by one)', async () => {
    const dir = tmpDir();
    const a = await writeLedger(3, join(dir, 'a.jsonl'));
    const b = await writeLedger(2, join(dir, 'b.jsonl'));
    const empty = join(dir, 'c.jsonl');
    writeFileSync(empty, '');
    const r = penin(['verify', a, b, empty]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${empty}: valid (empty ledger)`);
    expect(r.stdout).toMatch(/^total: 3 ledgers, 3 valid, 0 invalid; 5 entries, 0 breaks$/m);
  });

  it('a FIFO among the ledgers is refused, not waited on: the others are verified, exit 2', async () => {
    const dir = tmpDir();
    await writeLedger(3, join(dir, 'a.jsonl'));
    mkfifo(join(dir, 'pipe.jsonl'));
    const t0 = Date.now();
    const r = penin(['verify', dir, '--json']);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    const doc = verifySetSchema.parse(JSON.parse(r.stdout));
    expect(doc.reports).toHaveLength(1);
    expect(doc.refused).toEqual([
      { path: join(dir, 'pipe.jsonl'), error: expect.stringMatching(/not a regular file/) as unknown },
    ]);
    expect(r.stderr).toMatch(/pipe\.jsonl is not a regular file/);
    // Named on the command line, too.
    const named = penin(['verify', join(dir, 'a.jsonl'), join(dir, 'pipe.jsonl')]);
    expect(named.code).toBe(2);
    expect(named.stdout).toMatch(/pipe\.jsonl: REFUSED: .*FIFO/);
  });

  it('refuses --pin and --receipt with several files, and a missing path', async () => {
    const dir = await fleetDir();
    const pin = penin(['verify', dir, '--pin', `0:${'0'.repeat(64)}`]);
    expect(pin.code).toBe(2);
    expect(pin.stderr).toMatch(/--pin applies to one ledger/);
    const receipt = penin(['verify', join(dir, 'gw-a.jsonl'), join(dir, 'gw-b.jsonl'), '--receipt', 'x']);
    expect(receipt.code).toBe(2);
    expect(receipt.stderr).toMatch(/--receipt applies to one ledger/);
    const missing = penin(['verify', join(dir, 'gw-a.jsonl'), join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.jsonl: no such file/);
  });

  it('penin verify FILE is unchanged', async () => {
    const dir = tmpDir();
    const a = await writeLedger(3, join(dir, 'a.jsonl'));
    const r = penin(['verify', a]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^${a.replace(/[.]/g, '\\.')}: valid, 3 entries, head [0-9a-f]{64}\n$`),
    );
    expect(verifyReportSchema.parse(JSON.parse(penin(['verify', a, '--json']).stdout)).entries).toBe(3);
  });

  it('--pubkey checks each ledger’s own signed checkpoints', async () => {
    const { signedLedger } = await import('../helpers/signed-ledger');
    const s1 = await signedLedger(12, 5);
    const dir = tmpDir();
    mkdirSync(join(dir, 'fleet'));
    for (const f of ['ledger.jsonl', 'ledger.jsonl.checkpoints'])
      copyFileSync(join(s1.path, '..', f), join(dir, 'fleet', f.replace('ledger', 'gw-1')));
    const r = penin(['verify', join(dir, 'fleet'), '--pubkey', s1.pub]);
    expect(r.stdout).toMatch(
      /gw-1\.jsonl: valid, 12 entries, head [0-9a-f]{64}, 12 covered by \d+ signed checkpoint\(s\)/,
    );
    expect(r.code).toBe(0);
  });
});

describe('penin verify DIR: mistakes', () => {
  it('a directory with no ledger in it is bad input, not an empty fleet', () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'ledger.jsonl.checkpoints.jsonl'), '');
    const r = penin(['verify', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a directory with no ledger \(\.jsonl file\) in it\nusage: /);
  });

  it('nothing named can be read: the errors, then the usage', () => {
    const r = penin(['verify', 'nope-a.jsonl', 'nope-b.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope-a\.jsonl: no such file[\s\S]*usage: penin verify DIR/);
  });
});
