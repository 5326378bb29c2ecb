import { describe, expect, it } from 'vitest';
import { LedgerSession } from '../../electron/ledger/session';
import { LedgerWriter } from '../../electron/ledger/writer';
import { join } from 'node:path';
import { decision, lines, writeLedger, writeLines } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';

async function damaged(): Promise<string> {
  const path = await writeLedger(300);
  const ls = lines(path);
  ls[120] = ls[120].replace('request 120', 'request 121'); // content
  ls.splice(200, 1); // deletion: link at 200
  writeLines(path, ls);
  return path;
}

describe('LedgerSession: the ledger browser backend', () => {
  it('verifies in the background with progress, then serves pages of rows with their breaks', async () => {
    const path = await damaged();
    const s = LedgerSession.open(path, { readOnly: true });
    const seen: boolean[] = [];
    s.onProgress((p) => seen.push(p.done));
    await s.settled();
    expect(seen.at(-1)).toBe(true);
    expect(s.progress()).toMatchObject({ entries: 299, breaks: 2, done: true });
    const page = await s.rows(118, 4);
    expect(page.total).toBe(299);
    expect(page.rows.map((r) => [r.index, r.breaks])).toEqual([
      [118, []],
      [119, []],
      [120, ['content']],
      [121, []],
    ]);
    expect(page.rows[0]).toMatchObject({
      decisionId: 'd-118',
      decision: 'ROUTE',
      reason: 'request 118 — routed',
      provider: 'anthropic',
      costUsd: 0.1475,
    });
    expect(page.rows[0].currentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds the next and previous break, and reports them', async () => {
    const s = LedgerSession.open(await damaged(), { readOnly: true });
    await s.settled();
    expect(s.findBreak(-1, 'next')).toMatchObject({ index: 120, kind: 'content' });
    expect(s.findBreak(120, 'next')).toMatchObject({ index: 200, kind: 'link' });
    expect(s.findBreak(200, 'next')).toBeNull();
    expect(s.findBreak(200, 'prev')).toMatchObject({ index: 120 });
    expect(s.findBreak(120, 'prev')).toBeNull();
    expect(s.report()).toMatchObject({ valid: false, entries: 299, breaksOmitted: 0 });
    expect(s.report().breaks.map((b) => b.index)).toEqual([120, 200]);
  });

  it('shows an entry with stored and recomputed hashes and the link to the prior entry', async () => {
    const s = LedgerSession.open(await damaged(), { readOnly: true });
    await s.settled();
    const edited = await s.entry(120);
    expect(edited.storedHash).not.toBe(edited.recomputedHash);
    expect(edited.breaks.map((b) => b.kind)).toEqual(['content']);
    const ok = await s.entry(50);
    expect(ok.storedHash).toBe(ok.recomputedHash);
    expect(ok.previousHash).toBe(ok.priorCurrentHash);
    const linkBroken = await s.entry(200);
    expect(linkBroken.previousHash).not.toBe(linkBroken.priorCurrentHash);
    expect((await s.entry(0)).priorCurrentHash).toBe('0'.repeat(64));
    await expect(s.entry(5000)).rejects.toThrow(/does not exist/);
  });

  it('filters by decision and by text, and locates an index within a filter', async () => {
    const s = LedgerSession.open(await writeLedger(90), { readOnly: true });
    await s.settled();
    const blocks = await s.rows(0, 100, { decision: 'block' });
    expect(blocks.total).toBe(30);
    expect(blocks.rows.every((r) => r.decision === 'BLOCK')).toBe(true);
    const text = await s.rows(0, 10, { text: 'REQUEST 4' });
    expect(text.rows.map((r) => r.index)).toEqual([4, 40, 41, 42, 43, 44, 45, 46, 47, 48]);
    expect(text.total).toBe(11);
    expect(await s.locate(41, { decision: 'BLOCK' })).toEqual({ position: 14, total: 30 });
    expect(await s.locate(41)).toEqual({ position: 41, total: 90 });
  });

  it('follows a live ledger as the writer appends', async () => {
    const path = await writeLedger(10);
    const s = LedgerSession.open(path, { readOnly: false });
    await s.settled();
    const w = await LedgerWriter.open(path);
    for (let i = 0; i < 5; i++) await w.append(decision(100 + i));
    await w.close();
    await new Promise((r) => setTimeout(r, 300));
    s.progress(); // a read notices the growth
    await s.settled();
    expect((await s.rows(0, 50)).total).toBe(15);
    expect(s.report().valid).toBe(true);
  });
});

describe('LedgerSession over many WebAssembly chunks', () => {
  it('keeps every row at its own offset across chunk boundaries, with its decision', async () => {
    const path = await writeLedger(6000); // ~3 MB: more than one 2 MB chunk
    const ls = lines(path);
    ls[4321] = ls[4321].replace('request 4321', 'request 4322');
    writeLines(path, ls);
    const s = LedgerSession.open(path, { readOnly: true });
    await s.settled();
    expect(s.findBreak(-1, 'next')).toMatchObject({ index: 4321, kind: 'content' });
    for (const from of [0, 2990, 4310, 5990]) {
      const { rows } = await s.rows(from, 20);
      rows.forEach((r) => expect(r.currentHash).toBe(JSON.parse(ls[r.index]).current_hash));
    }
    expect((await s.rows(0, 10, { decision: 'BLOCK' })).total).toBe(2000);
  });

  describe('findTime: the first entry at or after a time', () => {
    const T0 = Date.parse('2026-11-25T10:00:00Z');
    const MIN = 60_000;
    /** Entries a minute apart, except that the clock steps back 30 minutes at entry 6. */
    const minutes = [0, 1, 2, 3, 4, 5, -25, -24, 8, 9];

    async function timedLedger(): Promise<string> {
      const path = join(tmpDir(), 'timed.jsonl');
      let now = T0;
      const w = await LedgerWriter.open(path, { now: () => new Date(now) });
      for (let i = 0; i < minutes.length; i++) {
        now = T0 + minutes[i] * MIN;
        await w.append(decision(i));
      }
      await w.close();
      return path;
    }

    it('finds the first entry, in file order, at or after the time, and gives its timestamp', async () => {
      const s = LedgerSession.open(await timedLedger(), { readOnly: true });
      await s.settled();
      expect(await s.findTime(T0 + 3 * MIN)).toEqual({ index: 3, timestamp: '2026-11-25T10:03:00' });
      // Between two entries: the later one.
      expect(await s.findTime(T0 + 3 * MIN + 1)).toMatchObject({ index: 4 });
      // Before the first entry: the first. After the last: none.
      expect(await s.findTime(T0 - 24 * 3600_000)).toMatchObject({ index: 0 });
      expect(await s.findTime(T0 + 10 * MIN)).toBeNull();
      // After the clock stepped back (entries 6 and 7 at 09:35 and 09:36), 10:07 is first reached at 8.
      expect(await s.findTime(T0 + 7 * MIN)).toMatchObject({ index: 8, timestamp: '2026-11-25T10:08:00' });
      // The first entry in file order at or after 09:35 is entry 0 (10:00), not 6 (exactly 09:35).
      expect(await s.findTime(T0 - 25 * MIN)).toMatchObject({ index: 0 });
    });

    it('passes over entries whose time does not read, and reaches a torn last line as the table shows it', async () => {
      const path = await timedLedger();
      const ls = lines(path);
      ls[2] = ls[2].replace('"timestamp": "2026-11-25T10:02:00"', '"timestamp": "garbled"');
      writeLines(path, [...ls, '{"decision_id": "torn", "timestamp": "2026-11-25T11:00:00", "dec']);
      const s = LedgerSession.open(path, { readOnly: true });
      await s.settled();
      expect(await s.findTime(T0 + 2 * MIN)).toMatchObject({ index: 3 });
      // The torn line is entry 10 of the audit (with its torn_tail break), and its time reads.
      expect(s.progress().entries).toBe(11);
      expect(await s.findTime(T0 + 30 * MIN)).toMatchObject({ index: 10 });
    });

    it('an empty ledger has no entry at any time', async () => {
      const path = join(tmpDir(), 'empty.jsonl');
      writeLines(path, []);
      const s = LedgerSession.open(path, { readOnly: true });
      await s.settled();
      expect(await s.findTime(T0)).toBeNull();
    });
  });
});
