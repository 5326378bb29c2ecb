// ledger:explain and ledger:diff over real sessions: an entry's breaks come back explained (and
// only that entry's), two copies of one ledger compare as penin diff does.
import { copyFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LedgerSessions } from '../../electron/app/ledger-sessions';
import { SEARCH_BYTES, searchBudget } from '../../electron/app/ledger-compare';
import { LedgerSession } from '../../electron/ledger/session';
import { DEFAULT_BUDGET } from '../../electron/ledger/forensics/reencode-search';
import { breakExplanationSchema } from '../../shared/break-explanation';
import { ledgerDiffSchema } from '../../shared/ledger-diff';
import { jq, pythonLedger, readLines, seedDecision, writeLinesTo } from '../helpers/tamper';

function sessions() {
  const opened: LedgerSession[] = [];
  const s = new LedgerSessions({
    open: (path, { readOnly }) => {
      const session = LedgerSession.open(path, { readOnly, workerPath: null });
      opened.push(session);
      return session;
    },
    liveLedgerPath: null,
  });
  return { h: s.handlers(), opened, s };
}

describe('searchBudget', () => {
  it('keeps the default for short lines and shrinks for long ones, never below one', () => {
    expect(searchBudget(500)).toBe(DEFAULT_BUDGET);
    expect(searchBudget(SEARCH_BYTES / 10)).toBe(10);
    expect(searchBudget(60 * 1024 * 1024)).toBe(1);
    expect(searchBudget(0)).toBe(DEFAULT_BUDGET);
  });
});

describe('ledger:explain', () => {
  it('explains the re-encoded entry in one sentence, with the field that changed form', async () => {
    const path = pythonLedger(6);
    const ls = readLines(path);
    ls[3] = jq(ls[3]);
    writeLinesTo(path, ls);
    const { h, opened, s } = sessions();
    const { sessionId } = await h['ledger:openAudit']({ path });
    await opened[0]!.settled();
    const [b, ...rest] = await h['ledger:explain']({ sessionId, index: 3 });
    expect(rest).toEqual([]);
    expect(b!.kind).toBe('content');
    const e = breakExplanationSchema.parse(b!.explanation);
    expect(e.cause).toBe('re-encoded');
    expect(e.text).toMatch(/metrics\.cost_usd: 1\.0 -> 1/);
    // Asked again: the same answer (kept), and an unbroken entry has nothing to explain.
    expect(await h['ledger:explain']({ sessionId, index: 3 })).toEqual([b]);
    expect(await h['ledger:explain']({ sessionId, index: 1 })).toEqual([]);
    s.closeAll();
  });

  it('a torn last line says what the parser met, its bytes escaped', async () => {
    const path = pythonLedger(4);
    const ls = readLines(path);
    writeLinesTo(path, [...ls.slice(0, 3), ls[3]!.slice(0, 40)]);
    // writeLinesTo ends every line with a newline: cut the last one.
    const { truncateSync, statSync } = await import('node:fs');
    truncateSync(path, statSync(path).size - 1);
    const { h, opened, s } = sessions();
    const { sessionId } = await h['ledger:openAudit']({ path });
    await opened[0]!.settled();
    const explained = await h['ledger:explain']({ sessionId, index: 3 });
    const e = explained.find((x) => x.explanation)?.explanation;
    expect(e?.cause).toBe('parse');
    if (e?.cause !== 'parse') throw new Error('expected a parse explanation');
    expect(e.context).toContain('⟨here⟩');
    s.closeAll();
  });
});

describe('ledger:explain on a line over the entry bound', () => {
  it('a 60 MB line is explained without being read whole, in bounded time', async () => {
    const path = pythonLedger(3);
    const ls = readLines(path);
    ls.splice(1, 0, `{"reason": "${'x'.repeat(60 * 1024 * 1024)}"}`);
    writeLinesTo(path, ls);
    const { h, opened, s } = sessions();
    const { sessionId } = await h['ledger:openAudit']({ path });
    await opened[0]!.settled();
    const started = Date.now();
    const explained = await h['ledger:explain']({ sessionId, index: 1 });
    expect(Date.now() - started).toBeLessThan(10_000);
    const e = explained.find((b) => b.kind === 'parse')?.explanation;
    expect(e?.cause).toBe('parse');
    expect(e?.text).toMatch(/\S/);
    s.closeAll();
  }, 60_000);
});

describe('ledger:diff', () => {
  it('two copies forked at entry 4: the common prefix, the fork and each tail', async () => {
    const a = pythonLedger(8);
    const b = `${a}.copy.jsonl`;
    copyFileSync(a, b);
    const lb = readLines(b);
    writeLinesTo(b, [
      ...lb.slice(0, 4),
      ...readLines(pythonLedger(8, (i) => seedDecision(i, { reason: `other ${i}` }))).slice(4, 6),
    ]);
    const { h, opened, s } = sessions();
    const A = await h['ledger:openAudit']({ path: a });
    const B = await h['ledger:openAudit']({ path: b });
    await Promise.all(opened.map((o) => o.settled()));
    const d = ledgerDiffSchema.parse(
      await h['ledger:diff']({ sessionIdA: A.sessionId, sessionIdB: B.sessionId }),
    );
    expect(d.commonPrefix).toBe(4);
    expect(d.classification).toEqual({ kind: 'forked', at: 4 });
    expect(d.a.tail).toBe(4);
    expect(d.b.tail).toBe(2);
    expect(d.checkpoints).toBeNull();
    await expect(h['ledger:diff']({ sessionIdA: A.sessionId, sessionIdB: 'gone' })).rejects.toThrow(
      /no open ledger session/,
    );
    s.closeAll();
  });
});
