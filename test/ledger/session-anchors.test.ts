import { describe, expect, it } from 'vitest';
import { LedgerSession } from '../../electron/ledger/session';
import { LedgerWriter } from '../../electron/ledger/writer';
import { loadPublicKey } from '../../electron/ledger/signing-key';
import { parsePin } from '../../electron/ledger/anchors';
import { decision, lines, writeLines } from '../helpers/ledger';
import { signedLedger, rewriteChain } from '../helpers/signed-ledger';

async function opened(path: string): Promise<LedgerSession> {
  const s = LedgerSession.open(path, { readOnly: true });
  await s.settled();
  return s;
}

describe('LedgerSession.anchors: signed checkpoints in the ledger browser', () => {
  it('reports a signed ledger as wholly covered, without breaks', async () => {
    const { path, pub } = await signedLedger(25);
    const s = await opened(path);
    const key = loadPublicKey(pub);
    const status = await s.anchors({ publicKey: key });
    expect(status).toEqual({
      keyId: key.keyId,
      checkpoints: { total: 3, valid: 3, coveredEntries: 25 },
      entries: 25,
      breaks: [],
      notes: [],
      chain: { breaks: 0, firstIndexes: [] },
    });
    expect(s.report().valid).toBe(true);
    expect(s.progress().breaks).toBe(0);
  });

  it('merges a whole-chain rewrite into rows, findBreak, report and progress', async () => {
    const { path, pub } = await signedLedger(25);
    rewriteChain(path, 3);
    const s = await opened(path);
    expect(s.report().valid).toBe(true); // the chain alone is fooled
    const status = await s.anchors({ publicKey: loadPublicKey(pub) });
    expect(status.breaks.map((b) => `${b.index}:${b.kind}`)).toEqual([
      '9:rewritten',
      '19:rewritten',
      '24:rewritten',
    ]);
    expect(status.breaks[0].detail).toMatch(/the checkpoint signed at .* says entry 9 had current_hash/);

    const page = await s.rows(8, 3);
    expect(page.rows.map((r) => [r.index, r.breaks])).toEqual([
      [8, []],
      [9, ['rewritten']],
      [10, []],
    ]);
    expect((await s.entry(19)).breaks.map((b) => b.kind)).toEqual(['rewritten']);
    expect(s.findBreak(-1, 'next')).toMatchObject({ index: 9, kind: 'rewritten' });
    expect(s.findBreak(9, 'next')).toMatchObject({ index: 19 });
    expect(s.findBreak(24, 'next')).toBeNull();
    expect(s.findBreak(24, 'prev')).toMatchObject({ index: 19 });
    expect(s.report()).toMatchObject({ valid: false, breaksOmitted: 0 });
    expect(s.report().breaks.map((b) => b.index)).toEqual([9, 19, 24]);
    expect(s.progress().breaks).toBe(3);

    // Checking again replaces what the last check found: nothing is counted twice.
    await s.anchors({ publicKey: loadPublicKey(pub) });
    expect(s.progress().breaks).toBe(3);
    expect((await s.rows(9, 1)).rows[0].breaks).toEqual(['rewritten']);
    await s.anchors({});
    expect(s.progress().breaks).toBe(0);
    expect(s.report().valid).toBe(true);
    expect(s.findBreak(-1, 'next')).toBeNull();
  });

  it('keeps chain breaks and anchor breaks in index order', async () => {
    const { path, pub } = await signedLedger(25);
    rewriteChain(path, 20); // hashes from 20 on recomputed: the checkpoint at entry 24 no longer matches
    const ls = lines(path);
    ls[14] = ls[14].replace('request 14', 'request 41'); // and a plain edit: a content break at 14
    writeLines(path, ls);
    const s = await opened(path);
    const status = await s.anchors({ publicKey: loadPublicKey(pub) });
    expect(s.report().breaks.map((b) => `${b.index}:${b.kind}`)).toEqual(['14:content', '24:rewritten']);
    // The signatures panel hears of the chain's own break, not only of the signatures' findings.
    expect(status.chain).toEqual({ breaks: 1, firstIndexes: [14] });
    expect(s.findBreak(-1, 'next')).toMatchObject({ index: 14, kind: 'content' });
    expect(s.findBreak(14, 'next')).toMatchObject({ index: 24, kind: 'rewritten' });
    expect(s.findBreak(24, 'prev')).toMatchObject({ index: 14 });
    expect(s.progress().breaks).toBe(2);
  });

  it('shows a cut-off tail as truncated on the last entry left', async () => {
    const { path, pub } = await signedLedger(25);
    writeLines(path, lines(path).slice(0, 15));
    const s = await opened(path);
    const status = await s.anchors({ publicKey: loadPublicKey(pub) });
    expect(status.breaks.map((b) => `${b.index}:${b.kind}`)).toEqual(['14:truncated', '14:truncated']);
    expect(status.breaks[0].detail).toMatch(/the file has 15 entries: the newest entries were cut off/);
    expect(status.checkpoints).toEqual({ total: 3, valid: 3, coveredEntries: 15 });
    expect((await s.rows(13, 5)).rows.map((r) => r.breaks)).toEqual([[], ['truncated']]);
    expect(s.findBreak(-1, 'next')).toMatchObject({ index: 14, kind: 'truncated' });
    expect(s.report().valid).toBe(false);
  });

  it('notes entries after the last checkpoint as an unsigned tail, not a break', async () => {
    const { path, pub } = await signedLedger(10);
    const w = await LedgerWriter.open(path); // a writer without the key
    for (let i = 10; i < 13; i++) await w.append(decision(i));
    await w.close();
    const s = await opened(path);
    const status = await s.anchors({ publicKey: loadPublicKey(pub) });
    expect(status).toMatchObject({ entries: 13, breaks: [], checkpoints: { coveredEntries: 10 } });
    expect(status.notes).toEqual([
      { index: 10, kind: 'unsigned_tail', detail: expect.stringMatching(/entries 10 to 12 come after/) },
    ]);
    expect(s.report().valid).toBe(true);
  });

  it('without a key checks only the pins', async () => {
    const { path } = await signedLedger(25);
    const hashOf = (i: number) => (JSON.parse(lines(path)[i]) as { current_hash: string }).current_hash;
    const good = parsePin(`7:${hashOf(7)}`);
    const s = await opened(path);
    const ok = await s.anchors({ pins: [good] });
    expect(ok).toEqual({
      keyId: null,
      checkpoints: { total: 0, valid: 0, coveredEntries: 0 },
      entries: 25,
      breaks: [],
      notes: [],
      chain: { breaks: 0, firstIndexes: [] },
    });
    const bad = await s.anchors({ pins: [good, parsePin(`12:${hashOf(11)}`), parsePin(`40:${hashOf(1)}`)] });
    expect(bad.breaks.map((b) => `${b.index}:${b.kind}`)).toEqual(['12:rewritten', '24:truncated']);
    expect(bad.breaks[0].detail).toMatch(/the pin 12:/);
    expect((await s.rows(12, 1)).rows[0].breaks).toEqual(['rewritten']);
  });
});
