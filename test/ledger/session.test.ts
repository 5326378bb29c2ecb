import { describe, expect, it } from 'vitest';
import { LedgerSession } from '../../electron/ledger/session';
import { LedgerWriter } from '../../electron/ledger/writer';
import { decision, lines, writeLedger, writeLines } from '../helpers/ledger';

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
});
