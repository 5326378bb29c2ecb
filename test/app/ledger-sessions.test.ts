import { describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerSessions, locateByRows } from '../../electron/app/ledger-sessions';
import { PublicError } from '../../electron/ipc/public-error';
import { channels } from '../../shared/ipc/contract';
import { tmpDir } from '../helpers/tmp';
import { FakeSession, row } from '../helpers/fakes/fake-session';

function ledgerFile(name = 'ledger.jsonl'): string {
  const path = join(tmpDir(), name);
  writeFileSync(path, '{"x":1}\n');
  return path;
}

function make(opts: Partial<ConstructorParameters<typeof LedgerSessions>[0]> = {}) {
  const opened: FakeSession[] = [];
  const rows = Array.from({ length: 20 }, (_, i) => row(i, i % 4 === 0 ? 'BLOCK' : 'ROUTE'));
  const sessions = new LedgerSessions({
    open: (path) => {
      const s = new FakeSession(path, rows, [{ index: 5, kind: 'link', detail: 'broken' }]);
      opened.push(s);
      return s;
    },
    liveLedgerPath: null,
    ...opts,
  });
  return { sessions, opened, h: sessions.handlers() };
}

describe('LedgerSessions', () => {
  it('opens an audit session and maps every ledger:* channel onto it', async () => {
    const onAuditOpened = vi.fn();
    const { h, opened } = make({ onAuditOpened });
    const path = ledgerFile();
    const info = await h['ledger:openAudit']({ path });
    expect(info).toEqual({ sessionId: opened[0]!.id, path, readOnly: true, bytes: 8 });
    expect(onAuditOpened).toHaveBeenCalledWith(path);
    const sessionId = info.sessionId;
    expect((await h['ledger:progress']({ sessionId })).done).toBe(true);
    const blocked = await h['ledger:rows']({ sessionId, from: 0, count: 3, decision: 'BLOCK' });
    expect(blocked.total).toBe(5);
    expect(blocked.rows.map((r) => r.index)).toEqual([0, 4, 8]);
    expect((await h['ledger:entry']({ sessionId, index: 2 })).index).toBe(2);
    expect(await h['ledger:findBreak']({ sessionId, from: -1, direction: 'next' })).toMatchObject({
      index: 5,
    });
    expect(await h['ledger:findBreak']({ sessionId, from: 5, direction: 'next' })).toBeNull();
    const report = await h['ledger:report']({ sessionId, format: 'json' });
    expect(report.format).toBe('json');
    expect(JSON.parse(report.content).file.path).toBe(path);
    expect(await h['ledger:close']({ sessionId })).toEqual({ closed: true });
    expect(opened[0]!.closed).toBe(true);
    expect(await h['ledger:close']({ sessionId })).toEqual({ closed: false });
  });

  it('finds the first entry at or after a time; the contract refuses a time that is not a number', async () => {
    const { h } = make();
    const { sessionId } = await h['ledger:openAudit']({ path: ledgerFile() });
    const t = Date.parse('2025-01-01T00:00:00Z'); // every fake row's time
    expect(await h['ledger:findTime']({ sessionId, at: t - 1 })).toEqual({
      index: 0,
      timestamp: '2025-01-01T00:00:00Z',
    });
    expect(await h['ledger:findTime']({ sessionId, at: t + 1 })).toBeNull();
    await expect(h['ledger:findTime']({ sessionId: 'nope', at: t })).rejects.toThrow(PublicError);
    const schema = channels['ledger:findTime'].request;
    expect(schema.safeParse({ sessionId, at: t }).success).toBe(true);
    for (const at of [Number.NaN, Number.POSITIVE_INFINITY, '2025-01-01', null])
      expect(schema.safeParse({ sessionId, at }).success).toBe(false);
  });

  it('locates an entry in the filtered rows (derived from rows() when the session has no locate)', async () => {
    const { h } = make();
    const { sessionId } = await h['ledger:openAudit']({ path: ledgerFile() });
    expect(await h['ledger:locate']({ sessionId, index: 9, decision: 'BLOCK' })).toEqual({
      position: 3,
      total: 5,
    });
    expect(await h['ledger:locate']({ sessionId, index: 8, decision: 'BLOCK' })).toEqual({
      position: 2,
      total: 5,
    });
    expect(await h['ledger:locate']({ sessionId, index: 99 })).toEqual({ position: 20, total: 20 });
    expect(await locateByRows(new FakeSession('/x'), 3, undefined)).toEqual({ position: 0, total: 0 });
  });

  it('answers not_found for an unknown session', async () => {
    const { h } = make();
    await expect(h['ledger:progress']({ sessionId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('reports a missing file as not_found and a directory as bad_request', async () => {
    const { h, opened } = make();
    await expect(h['ledger:openAudit']({ path: join(tmpDir(), 'missing.jsonl') })).rejects.toMatchObject({
      code: 'not_found',
    });
    const err = await Promise.resolve(h['ledger:openAudit']({ path: tmpDir() })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PublicError);
    expect(opened).toHaveLength(0);
  });

  it('turns a session that fails to open into a readable bad_request', async () => {
    const { h } = make({
      open: () => {
        throw new Error('not a PENIN ledger: line 1 is not JSON\n    at parse (x.ts:1)');
      },
    });
    const err = await Promise.resolve(h['ledger:openAudit']({ path: ledgerFile() })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'bad_request' });
    expect((err as Error).message).toContain('not a PENIN ledger');
    expect((err as Error).message).not.toContain('at parse');
  });

  it('opens the live ledger when there is one, unavailable otherwise', async () => {
    await expect(make().h['ledger:openLive']({})).rejects.toMatchObject({ code: 'unavailable' });
    const live = ledgerFile('live.jsonl');
    const onAuditOpened = vi.fn();
    const { h } = make({ liveLedgerPath: live, onAuditOpened });
    expect((await h['ledger:openLive']({})).path).toBe(live);
    expect(onAuditOpened).not.toHaveBeenCalled();
  });

  it('forwards progress and stops when closed', async () => {
    const onProgress = vi.fn();
    const { sessions, h, opened } = make({ onProgress });
    const { sessionId } = await h['ledger:openAudit']({ path: ledgerFile() });
    opened[0]!.emitProgress({ bytesRead: 3 });
    expect(onProgress).toHaveBeenCalledWith(expect.objectContaining({ sessionId, bytesRead: 3 }));
    sessions.closeAll();
    expect(opened[0]!.listenerCount).toBe(0);
    expect(sessions.size).toBe(0);
  });

  it('keeps at most maxSessions open, closing the least recently used', async () => {
    const { sessions, h, opened } = make({ maxSessions: 2 });
    const a = await h['ledger:openAudit']({ path: ledgerFile() });
    const b = await h['ledger:openAudit']({ path: ledgerFile() });
    await h['ledger:progress']({ sessionId: a.sessionId }); // a is now the most recent
    await h['ledger:openAudit']({ path: ledgerFile() });
    expect(sessions.size).toBe(2);
    expect(opened[1]!.closed).toBe(true);
    expect(opened[0]!.closed).toBe(false);
    await expect(h['ledger:progress']({ sessionId: b.sessionId })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(sessions.mostRecent()).toBe(opened[2]);
  });
});
