// The merged view of several ledgers (ledger:openSet / ledger:mergedRows): a k-way merge by time
// that keeps each file's order, pages across its notes, and tags rows with their file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK, MergedIndex, type MergeSource } from '../../electron/app/ledger-merge';
import { LedgerSessions } from '../../electron/app/ledger-sessions';
import { LedgerSets } from '../../electron/app/ledger-sets';
import { LedgerSession } from '../../electron/ledger/session';
import { createPcag, pcagLine } from '../../electron/ledger/pcag';
import type { LedgerRow } from '../../shared/ledger-view';
import { decision } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';

const T0 = Date.UTC(2025, 9, 1, 12, 0, 0);
/** The seed's form: UTC, no suffix. */
const seedTime = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace('Z', '')
    .replace(/\.000$/, '');

function row(index: number, timestamp: string): LedgerRow {
  return {
    index,
    decisionId: `d-${index}`,
    timestamp,
    decision: 'ROUTE',
    reason: '',
    provider: null,
    costUsd: null,
    previousHash: '',
    currentHash: '',
    breaks: [],
  };
}

/** A file of rows at these times (seconds after T0; null: a line whose time does not read). */
function source(seconds: (number | null)[]): MergeSource & { reads: number } {
  const rows = seconds.map((s, i) => row(i, s === null ? '' : seedTime(T0 + s * 1000)));
  const src = {
    reads: 0,
    async rows(from: number, count: number) {
      src.reads++;
      return { rows: rows.slice(from, from + count), total: rows.length };
    },
    progress: () => ({ entries: rows.length, done: true }),
  };
  return src;
}

async function order(sources: MergeSource[], files = sources.map((_, i) => i)): Promise<string[]> {
  const m = new MergedIndex(sources, files);
  const { rows, total } = await m.rows(0, 500);
  expect(rows).toHaveLength(total);
  return rows.map((r) => `${r.file}:${r.index}`);
}

describe('MergedIndex', () => {
  it('merges by time; equal times go in file order', async () => {
    const a = source([0, 2, 2, 5]);
    const b = source([1, 2, 4]);
    expect(await order([a, b])).toEqual(['0:0', '1:0', '0:1', '0:2', '1:1', '1:2', '0:3']);
  });

  it('keeps each file in its own order when its clock stepped back', async () => {
    const a = source([10, 20, 5, 30]); // entry 2 is written "before" entry 1
    const b = source([15, 25]);
    const got = await order([a, b]);
    expect(got).toEqual(['0:0', '1:0', '0:1', '0:2', '1:1', '0:3']);
    // Every file's entries still come in file order.
    for (const f of ['0', '1']) {
      const idx = got.filter((x) => x.startsWith(`${f}:`)).map((x) => Number(x.split(':')[1]));
      expect(idx).toEqual([...idx].sort((x, y) => x - y));
    }
  });

  it('an empty file adds nothing; a time that does not read stays with its neighbours', async () => {
    expect(await order([source([]), source([1, 3]), source([])])).toEqual(['1:0', '1:1']);
    expect(await order([source([0, null, 4]), source([1, 2])])).toEqual(['0:0', '0:1', '1:0', '1:1', '0:2']);
  });

  it('serves pages asked for at once as if asked one after the other', async () => {
    const times = Array.from({ length: 3000 }, (_, i) => i);
    const s = [source(times), source(times)];
    const together = new MergedIndex(s, [0, 1]);
    const apart = new MergedIndex(s, [0, 1]);
    const offsets = [5000, 1100, 3000, 10];
    const got = await Promise.all(offsets.map((o) => together.rows(o, 50)));
    for (const [i, o] of offsets.entries()) expect(got[i]).toEqual(await apart.rows(o, 50));
  });

  it('filters by file (instance)', async () => {
    const s = [source([0, 3]), source([1, 4]), source([2, 5])];
    expect(await order(s, [0, 2])).toEqual(['0:0', '2:0', '0:1', '2:1']);
  });

  it('pages across its notes and agrees with a plain merge, reading each file in chunks', async () => {
    // Three files of 1500 entries with times that collide and step back now and then.
    const times = (seed: number): number[] =>
      Array.from({ length: 1500 }, (_, i) => i * 3 + ((i * seed) % 7) - (i % 97 === 0 ? 50 : 0));
    const s = [source(times(1)), source(times(2)), source(times(5))];
    const all = new MergedIndex(s, [0, 1, 2]);
    const pages: string[] = [];
    for (let off = 0; off < 4500; off += 500) {
      const p = await all.rows(off, 500);
      expect(p.total).toBe(4500);
      pages.push(...p.rows.map((r) => `${r.file}:${r.index}`));
    }
    // Reference: the same merge done by hand in one pass.
    const ref: string[] = [];
    const next = [0, 0, 0];
    const fileTimes = [times(1), times(2), times(5)];
    const ms = (f: number, i: number): number => fileTimes[f][i];
    for (let n = 0; n < 4500; n++) {
      let best = -1;
      for (let f = 0; f < 3; f++)
        if (next[f] < 1500 && (best < 0 || ms(f, next[f]) < ms(best, next[best]))) best = f;
      ref.push(`${best}:${next[best]++}`);
    }
    expect(pages).toEqual(ref);
    // A page deep in the merge (past a note) is served from the nearest note, not from the start.
    const reads = s.map((x) => x.reads);
    const deep = await all.rows(BLOCK * 4 + 10, 20);
    expect(deep.rows.map((r) => `${r.file}:${r.index}`)).toEqual(ref.slice(BLOCK * 4 + 10, BLOCK * 4 + 30));
    const more = s.reduce((a, x, i) => a + x.reads - reads[i], 0);
    expect(more).toBeLessThanOrEqual(3 * Math.ceil((BLOCK + 30) / 256) + 3);
  });
});

/** A seed-format ledger whose entries were written at these times (seconds after T0). */
function ledgerAt(path: string, seconds: number[], instance?: string): string {
  let prev = '0'.repeat(64);
  const out: string[] = [];
  seconds.forEach((s, i) => {
    const d = decision(i);
    if (instance) d.metrics = { ...d.metrics, instance };
    const p = createPcag(d, prev, new Date(T0 + s * 1000));
    prev = p.current_hash;
    out.push(pcagLine(p));
  });
  writeFileSync(path, out.map((l) => `${l}\n`).join(''));
  return path;
}

describe('ledger:openSet / ledger:mergedRows', () => {
  it('opens instance ledgers as sessions and merges their rows, breaks in their own file', async () => {
    const dir = tmpDir();
    const a = ledgerAt(join(dir, 'gw-a.jsonl'), [0, 2, 4, 6], 'gw-a');
    const b = ledgerAt(join(dir, 'gw-b.jsonl'), [1, 3, 3, 5]);
    const c = join(dir, 'gw-c.jsonl');
    writeFileSync(c, '');
    // Entry 1 of gw-b edited: a content break there, nowhere else.
    writeFileSync(b, readFileSync(b, 'utf8').replace('"request 1 ', '"request 9 '));
    const sessions = new LedgerSessions({ open: (p, o) => LedgerSession.open(p, o), liveLedgerPath: null });
    const sets = new LedgerSets(sessions);
    const h = sets.handlers();
    try {
      const set = await h['ledger:openSet']({ paths: [a, b, c] });
      expect(set.files.map((f) => f.name)).toEqual(['gw-a.jsonl', 'gw-b.jsonl', 'gw-c.jsonl']);
      for (const f of set.files) await (sessions.get(f.sessionId) as LedgerSession).settled();
      const got = await h['ledger:mergedRows']({ setId: set.setId, offset: 0, limit: 100 });
      expect(got.complete).toBe(true);
      expect(got.total).toBe(8);
      expect(got.rows.map((r) => `${r.file}:${r.index}`)).toEqual([
        '0:0',
        '1:0',
        '0:1',
        '1:1',
        '1:2',
        '0:2',
        '1:3',
        '0:3',
      ]);
      expect(got.rows[3]).toMatchObject({ file: 1, index: 1, breaks: ['content'], instance: null });
      expect(got.rows.filter((r) => r.breaks.length > 0)).toHaveLength(1);
      expect(got.rows[0]).toMatchObject({ instance: 'gw-a', timestamp: '2025-10-01T12:00:00' });
      const onlyB = await h['ledger:mergedRows']({ setId: set.setId, offset: 1, limit: 2, files: [1] });
      expect(onlyB.rows.map((r) => r.index)).toEqual([1, 2]);
      expect(onlyB.total).toBe(4);
      await expect(
        h['ledger:mergedRows']({ setId: set.setId, offset: 0, limit: 1, files: [5] }),
      ).rejects.toMatchObject({
        code: 'bad_request',
      });
      expect(await h['ledger:closeSet']({ setId: set.setId })).toEqual({ closed: true });
      expect(sessions.size).toBe(0);
      await expect(h['ledger:mergedRows']({ setId: set.setId, offset: 0, limit: 1 })).rejects.toMatchObject({
        code: 'not_found',
      });
    } finally {
      sessions.closeAll();
    }
  });

  it('refuses a set with a path that is not a ledger, closing what it opened', async () => {
    const dir = tmpDir();
    const a = ledgerAt(join(dir, 'a.jsonl'), [0]);
    const sessions = new LedgerSessions({ open: (p, o) => LedgerSession.open(p, o), liveLedgerPath: null });
    const h = new LedgerSets(sessions).handlers();
    await expect(h['ledger:openSet']({ paths: [a, join(dir, 'missing.jsonl')] })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(sessions.size).toBe(0);
  });
});
