import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { penin } from '../helpers/cli';
import { lines, writeLedger, writeLines } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';

interface Report {
  valid: boolean;
  entries: number;
  head: string | null;
  breaks: { index: number; kind: string; detail: string }[];
}

function verifyJson(path: string): { code: number; report: Report } {
  const r = penin(['verify', path, '--json']);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}
const kinds = (r: Report): string[] => r.breaks.map((b) => `${b.index}:${b.kind}`);

describe('penin verify: breaks are found, all of them, with their kind and index', () => {
  it('a clean ledger is valid (exit 0) with its head', async () => {
    const path = await writeLedger(20);
    const { code, report } = verifyJson(path);
    expect(code).toBe(0);
    expect(report).toMatchObject({ valid: true, entries: 20, breaks: [] });
    expect(report.head).toBe(JSON.parse(lines(path)[19]).current_hash);
  });

  it('an edited entry is a content break at its index, and only there', async () => {
    const path = await writeLedger(10);
    const ls = lines(path);
    ls[4] = ls[4].replace('"reason": "request 4', '"reason": "request 44');
    writeLines(path, ls);
    const { code, report } = verifyJson(path);
    expect(code).toBe(1);
    expect(kinds(report)).toEqual(['4:content']);
    expect(report.breaks[0].detail).toMatch(/edited/);
  });

  it('a deleted, an inserted and a moved entry are link breaks; every damaged region is shown', async () => {
    const path = await writeLedger(30);
    const ls = lines(path);
    const moved = ls.splice(20, 1)[0]; // move entry 20 to the end
    ls.push(moved);
    ls.splice(5, 1); // delete entry 5
    ls.splice(12, 0, ls[2]); // insert a copy of entry 2 at 12
    writeLines(path, ls);
    const { code, report } = verifyJson(path);
    expect(code).toBe(1);
    expect(kinds(report)).toEqual(['5:link', '12:link', '13:link', '20:link', '29:link']);
  });

  it('a torn last line is torn_tail; a garbled middle line is parse; a missing field and an extra field are parse', async () => {
    const path = await writeLedger(8);
    const ls = lines(path);
    const obj = JSON.parse(ls[3]);
    delete obj.reason;
    ls[3] = JSON.stringify(obj);
    ls[5] = ls[5].replace('"version": "1.0"', '"version": "1.0", "extra": 1');
    ls[2] = '{not json';
    writeFileSync(
      path,
      ls
        .slice(0, 7)
        .map((l) => l + '\n')
        .join('') + ls[7].slice(0, 100),
    );
    const { report } = verifyJson(path);
    expect(kinds(report)).toEqual(['2:parse', '3:parse', '5:parse', '7:torn_tail']);
    expect(report.breaks[1].detail).toMatch(/missing field reason/);
    expect(report.breaks[2].detail).toMatch(/unexpected field extra/);
  });

  it('the first entry must link to the genesis hash (a cut-off head is caught)', async () => {
    const path = await writeLedger(5);
    writeLines(path, lines(path).slice(2));
    expect(kinds(verifyJson(path).report)).toEqual(['0:link']);
  });
});

describe('penin verify: what each kind of bad input gets', () => {
  const dir = tmpDir();
  it('a missing path: exit 2 and "no such file"', () => {
    const r = penin(['verify', join(dir, 'nope.jsonl')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no such file/);
  });
  it('a directory: exit 2 and "is a directory"', () => {
    mkdirSync(join(dir, 'd'));
    const r = penin(['verify', join(dir, 'd')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is a directory/);
  });
  it('bad usage: exit 2 with usage', () => {
    expect(penin(['verify']).code).toBe(2);
    expect(penin(['verify', 'a', 'b']).stderr).toMatch(/usage/);
    expect(penin(['verify', 'a', '--frobnicate']).stderr).toMatch(/unknown option --frobnicate/);
  });
  it('an empty file: valid, 0 entries, no head', () => {
    const p = join(dir, 'empty.jsonl');
    writeFileSync(p, '');
    expect(verifyJson(p)).toEqual({
      code: 0,
      report: expect.objectContaining({ valid: true, entries: 0, head: null }),
    });
    expect(penin(['verify', p]).stdout).toMatch(/valid \(empty ledger\)/);
  });
  it('blank lines: one parse break each, the chain is still checked around them', async () => {
    const path = await writeLedger(4);
    const ls = lines(path);
    writeLines(path, [ls[0], '', ls[1], '   ', ls[2], ls[3]]);
    expect(kinds(verifyJson(path).report)).toEqual(['1:parse', '3:parse']);
  });
  it('CRLF line endings: valid (Python reads them the same)', async () => {
    const path = await writeLedger(4);
    writeFileSync(
      path,
      lines(path)
        .map((l) => l + '\r\n')
        .join(''),
    );
    expect(verifyJson(path).report.valid).toBe(true);
  });
  it('a UTF-8 BOM: a parse break at entry 0 that says so; the entry itself is still verified', async () => {
    const path = await writeLedger(3);
    writeFileSync(
      path,
      '\ufeff' +
        lines(path)
          .map((l) => l + '\n')
          .join(''),
    );
    const { report } = verifyJson(path);
    expect(kinds(report)).toEqual(['0:parse']);
    expect(report.breaks[0].detail).toMatch(/byte-order mark/);
  });
  it('invalid UTF-8: a parse break naming the byte', async () => {
    const path = await writeLedger(3);
    const ls = lines(path);
    const bad = Buffer.concat([
      Buffer.from(ls[1].slice(0, 30)),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(ls[1].slice(30)),
    ]);
    writeFileSync(path, Buffer.concat([Buffer.from(ls[0] + '\n'), bad, Buffer.from('\n' + ls[2] + '\n')]));
    const { report } = verifyJson(path);
    expect(kinds(report)).toEqual(['1:parse', '2:link']);
    expect(report.breaks[0].detail).toMatch(/invalid UTF-8 at byte 30/);
  });
  it('binary garbage: parse breaks, never a crash', () => {
    const p = join(dir, 'garbage.bin');
    const bytes = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    writeFileSync(p, bytes);
    const { code, report } = verifyJson(p);
    expect(code).toBe(1);
    expect(report.breaks.length).toBeGreaterThan(0);
    expect(report.breaks.every((b) => b.kind === 'parse' || b.kind === 'torn_tail')).toBe(true);
  });
  it('a 10 MB single line: a parse break naming the entry bound, the line never loaded', () => {
    const p = join(dir, 'long.jsonl');
    writeFileSync(p, `{"decision_id": "${'x'.repeat(10 * 1024 * 1024)}"}\n`);
    const { code, report } = verifyJson(p);
    expect(code).toBe(1);
    // toMatchObject: each break also carries its explanation (test/ledger/forensics/).
    expect(report.breaks).toMatchObject([
      {
        index: 0,
        line: 1,
        kind: 'parse',
        detail: 'entry longer than 4 MiB (10,485,779 bytes): skipped unread',
      },
    ]);
  });
  it('a 3 MB single line (under the entry bound): read and checked', () => {
    const p = join(dir, 'long3.jsonl');
    writeFileSync(p, `{"decision_id": "${'x'.repeat(3 * 1024 * 1024)}"}\n`);
    const { code, report } = verifyJson(p);
    expect(code).toBe(1);
    expect(report.breaks).toMatchObject([
      { index: 0, line: 1, kind: 'parse', detail: expect.stringMatching(/missing fields/) },
    ]);
  });
  it('duplicate keys: a parse break (readers could disagree on the value)', async () => {
    const path = await writeLedger(2);
    const ls = lines(path);
    ls[1] = ls[1].replace('"version": "1.0"', '"version": "1.0", "version": "1.0"');
    writeLines(path, ls);
    const { report } = verifyJson(path);
    expect(kinds(report)).toEqual(['1:parse']);
    expect(report.breaks[0].detail).toMatch(/duplicate key "version"/);
  });
  it('text output streams each break, then their explanations and a verdict line', async () => {
    const path = await writeLedger(3);
    const ls = lines(path);
    ls[1] = ls[1].replace('request 1', 'request 9');
    writeLines(path, ls);
    const r = penin(['verify', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^break at entry 1 \[content\]: .*\nexplanations:\n {2}entry 1 \[content\]: value changed: .*\n.*INVALID, 1 break in 3 entries\n$/,
    );
  });
});
