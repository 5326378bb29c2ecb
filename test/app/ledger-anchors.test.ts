import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConsoleService } from '../../electron/app/console-service';
import { dataLayout } from '../../electron/app/data-layout';
import { startEmbeddedCore } from '../../electron/app/embedded-core';
import { noteSidecarPath } from '../../electron/ledger/note/note-sidecar';
import { LedgerSessions, type LedgerSessionsOptions } from '../../electron/app/ledger-sessions';
import { LedgerSession } from '../../electron/ledger/session';
import { decision, lines, writeLines } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';
import { signedLedger } from '../helpers/signed-ledger';
import { FakeSession } from '../helpers/fakes/fake-session';

function make(opts: Partial<LedgerSessionsOptions> = {}) {
  const sessions = new LedgerSessions({
    open: (path, o) => LedgerSession.open(path, o),
    liveLedgerPath: null,
    ...opts,
  });
  return { sessions, h: sessions.handlers() };
}

const hashAt = (path: string, i: number) =>
  (JSON.parse(lines(path)[i]) as { current_hash: string }).current_hash;

describe('ledger:anchors', () => {
  it('checks an audited ledger with the given public key; the breaks join the session', async () => {
    const { path, pub } = await signedLedger(25);
    writeLines(path, lines(path).slice(0, 15)); // cut off the newest entries
    const { h } = make();
    const { sessionId } = await h['ledger:openAudit']({ path });
    const status = await h['ledger:anchors']({ sessionId, publicKeyPath: pub });
    expect(status.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(status.checkpoints).toEqual({ total: 3, valid: 3, coveredEntries: 15 });
    expect(status.breaks.map((b) => b.kind)).toEqual(['truncated', 'truncated']);
    expect(await h['ledger:findBreak']({ sessionId, from: -1, direction: 'next' })).toMatchObject({
      index: 14,
      kind: 'truncated',
    });
    expect((await h['ledger:progress']({ sessionId })).breaks).toBe(2);
    const report = JSON.parse((await h['ledger:report']({ sessionId, format: 'json' })).content);
    expect(report.valid).toBe(false);
  });

  it('uses the live ledger’s own public key when none is given, but not for an audit', async () => {
    const { path, pub } = await signedLedger(12);
    const { h } = make({ liveLedgerPath: path, livePublicKeyPath: pub });
    const live = await h['ledger:openLive']({});
    const status = await h['ledger:anchors']({ sessionId: live.sessionId });
    expect(status).toMatchObject({
      checkpoints: { total: 2, valid: 2, coveredEntries: 12 },
      entries: 12,
      breaks: [],
      notes: [],
    });
    const audit = await h['ledger:openAudit']({ path });
    await expect(h['ledger:anchors']({ sessionId: audit.sessionId })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/public key file/),
    });
  });

  it('checks pins alone, without a key', async () => {
    const { path } = await signedLedger(12);
    const { h } = make();
    const { sessionId } = await h['ledger:openAudit']({ path });
    const pins = [`3:${hashAt(path, 3)}`, ` 5:${hashAt(path, 4).toUpperCase()} `];
    const status = await h['ledger:anchors']({ sessionId, pins });
    expect(status.keyId).toBeNull();
    expect(status.breaks.map((b) => `${b.index}:${b.kind}`)).toEqual(['5:rewritten']);
  });

  it('answers bad_request for a bad pin or an unusable key file', async () => {
    const { dir, path } = await signedLedger(3);
    const { h } = make();
    const { sessionId } = await h['ledger:openAudit']({ path });
    await expect(h['ledger:anchors']({ sessionId, pins: ['3:abc'] })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/bad pin "3:abc": expected INDEX:HASH/),
    });
    await expect(
      h['ledger:anchors']({ sessionId, publicKeyPath: join(dir, 'nope.pub') }),
    ).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/no such file/) });
    const notAKey = join(dir, 'not-a-key.pem');
    writeFileSync(notAKey, 'hello');
    await expect(h['ledger:anchors']({ sessionId, publicKeyPath: notAKey })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/not a PEM public key/),
    });
    await expect(h['ledger:anchors']({ sessionId: 'gone' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is unavailable for a session that cannot check signatures', async () => {
    const { path } = await signedLedger(1);
    const sessions = new LedgerSessions({ open: (p) => new FakeSession(p), liveLedgerPath: null });
    const { sessionId } = await sessions.handlers()['ledger:openAudit']({ path });
    await expect(
      sessions.handlers()['ledger:anchors']({ sessionId, pins: [`0:${hashAt(path, 0)}`] }),
    ).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('is dispatched by the console service, the request checked by the contract', async () => {
    const { path, pub } = await signedLedger(10);
    const service = createConsoleService({
      mode: 'browser',
      version: '1.0.0',
      demo: false,
      openSession: (p, o) => LedgerSession.open(p, o),
      liveLedgerPath: path,
      livePublicKeyPath: pub,
    });
    try {
      const call = service.dispatcher.dispatch;
      const opened = await call('ledger:openLive', {});
      if (!opened.ok) throw new Error(opened.error.message);
      const { sessionId } = opened.value as { sessionId: string };
      expect(await call('ledger:anchors', { sessionId })).toMatchObject({
        ok: true,
        value: { checkpoints: { valid: 1, coveredEntries: 10 } },
      });
      expect(await call('ledger:anchors', { sessionId, pins: ['x'] })).toMatchObject({
        ok: false,
        error: { code: 'bad_request', message: expect.stringMatching(/pins\.0: expected INDEX:HASH/) },
      });
      expect(
        await call('ledger:anchors', {
          sessionId,
          pins: Array.from({ length: 21 }, () => `0:${'a'.repeat(64)}`),
        }),
      ).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await call('ledger:anchors', { sessionId, extra: 1 })).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    } finally {
      service.close();
    }
  });

  it('the desktop app signs its live ledger with a 0600 key in userData, and checks it with the .pub', async () => {
    const layout = dataLayout(tmpDir());
    const started = await startEmbeddedCore({ layout, cipher: null, port: 0, env: {} });
    try {
      expect(started.livePublicKeyPath).toBe(layout.ledgerPublicKey);
      expect(layout.ledgerSigningKey).toBe(join(layout.root, 'ledger-signing-key.pem'));
      if (process.platform !== 'win32') expect(statSync(layout.ledgerSigningKey).mode & 0o777).toBe(0o600);
      expect(readFileSync(layout.ledgerPublicKey, 'utf8')).toMatch(/BEGIN PUBLIC KEY/);
      await started.writer.append(decision(1));
    } finally {
      await started.close(); // a clean close signs the latest state
    }
    expect(existsSync(noteSidecarPath(layout.ledger))).toBe(true);
    const { h } = make({ liveLedgerPath: layout.ledger, livePublicKeyPath: started.livePublicKeyPath });
    const { sessionId } = await h['ledger:openLive']({});
    const status = await h['ledger:anchors']({ sessionId });
    expect(status.breaks).toEqual([]);
    expect(status.checkpoints.valid).toBeGreaterThanOrEqual(1);
    expect(status.checkpoints.coveredEntries).toBe(status.entries);
  });
});
