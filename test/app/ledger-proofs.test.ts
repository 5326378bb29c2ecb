// ledger:inclusion, ledger:evidence, ledger:receipt on real sessions of signed ledgers.
import { describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { LedgerSessions } from '../../electron/app/ledger-sessions';
import { createLedgerProofHandlers } from '../../electron/app/ledger-proofs';
import { createConsoleService } from '../../electron/app/console-service';
import { LedgerSession } from '../../electron/ledger/session';
import { loadOrCreateSigningKey } from '../../electron/ledger/signing-key';
import { vkeyOfPublicKey } from '../../electron/ledger/note/checkpoint-signer';
import { checkReceipt } from '../../electron/ledger/proofs/receipt';
import { checkEvidence } from '../../electron/ledger/forensics/evidence-check';
import { evidenceSchema } from '../../shared/evidence';
import { signedLedger, rewriteChain } from '../helpers/signed-ledger';
import { cosignAll, vkeyText } from '../helpers/proof-ledger';

async function open(path: string) {
  const sessions = new LedgerSessions({ open: (p, o) => LedgerSession.open(p, o), liveLedgerPath: null });
  const { sessionId } = await sessions.handlers()['ledger:openAudit']({ path });
  const h = createLedgerProofHandlers({ session: (id) => sessions.get(id), version: '9.9.9' });
  const done = async () => {
    for (let i = 0; i < 200 && !sessions.get(sessionId).progress().done; i++)
      await new Promise((r) => setTimeout(r, 10));
  };
  return { sessions, sessionId, h, done };
}

describe('ledger:inclusion', () => {
  it('names the first checkpoint that includes the entry, its signer and the witnesses given', async () => {
    const { path, pub } = await signedLedger(25, 10);
    const witness = await cosignAll(path);
    const { h, sessionId } = await open(path);
    const vkey = vkeyText(pub);
    expect(await h['ledger:inclusion']({ sessionId, index: 3, vkey })).toEqual({
      index: 3,
      verified: true,
      checkpointSize: 10,
      origin: expect.stringMatching(/^penin\.local\/[0-9a-f]{16}\/ledger\.jsonl$/),
      signer: expect.stringMatching(/^penin\.local\/[0-9a-f]{16}\+[0-9a-f]{8}$/),
      witnesses: [],
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      refused: 0,
    });
    const cosigned = await h['ledger:inclusion']({ sessionId, index: 12, vkey, witnesses: [witness] });
    expect(cosigned).toMatchObject({
      checkpointSize: 20,
      witnesses: [{ name: 'witness.example/w1', time: '2026-12-06T03:00:00.000Z' }],
    });
    // The writer's PEM public key file works as well as the vkey string.
    expect(await h['ledger:inclusion']({ sessionId, index: 24, vkey: pub })).toMatchObject({
      checkpointSize: 25,
    });
    // Past the last checkpoint: null.
    expect(await h['ledger:inclusion']({ sessionId, index: 25, vkey })).toBeNull();
  });

  it('another key, or a rewritten file: not verified, the notes refused', async () => {
    const { path, pub } = await signedLedger(25, 10);
    const other = await signedLedger(1, 10);
    const { h, sessionId } = await open(path);
    expect(await h['ledger:inclusion']({ sessionId, index: 3, vkey: vkeyText(other.pub) })).toMatchObject({
      verified: false,
      checkpointSize: null,
      signer: null,
      refused: 3,
    });
    rewriteChain(path, 12);
    expect(await h['ledger:inclusion']({ sessionId, index: 15, vkey: vkeyText(pub) })).toMatchObject({
      verified: false,
      refused: 2,
    });
  });

  it('a bad vkey is a bad_request that does not echo a file’s content', async () => {
    const { path, dir } = await signedLedger(3, 10);
    const { h, sessionId } = await open(path);
    await expect(h['ledger:inclusion']({ sessionId, index: 0, vkey: 'nope' })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/not a vkey/),
    });
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'hunter2-very-secret\n');
    const e = await Promise.resolve(h['ledger:inclusion']({ sessionId, index: 0, vkey: secret })).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({ code: 'bad_request' });
    expect(String((e as Error).message)).not.toContain('hunter2');
    await expect(h['ledger:inclusion']({ sessionId: 'gone', index: 0, vkey: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('ledger:evidence', () => {
  it('returns the penin.evidence/1 bundle with its inclusion proof, which checks offline', async () => {
    const { path, key } = await signedLedger(23, 10);
    const { h, sessionId } = await open(path);
    const r = await h['ledger:evidence']({ sessionId, index: 7 });
    expect(r).toMatchObject({
      fileName: 'ledger.jsonl.entry-7.evidence.json',
      mime: 'application/json',
      inclusion: true,
    });
    const e = evidenceSchema.parse(JSON.parse(r.content));
    expect(e).toMatchObject({ index: 7, tool: { version: '9.9.9' }, inclusion: { treeSize: 23 } });
    const k = loadOrCreateSigningKey(key);
    const c = checkEvidence(e, undefined, { log: vkeyOfPublicKey(k.publicKey, k.keyId) });
    expect(c.ok).toBe(true);
    expect(c.checks.find((x) => x.name === 'chain to checkpoint')).toMatchObject({ ok: true });
    await expect(h['ledger:evidence']({ sessionId, index: 99 })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('ledger:receipt', () => {
  it('signs what the session verified with the auditor key; the note verifies under its vkey', async () => {
    const { path, pub, dir } = await signedLedger(25, 10);
    const auditorKey = join(dir, 'auditor.pem');
    const auditor = loadOrCreateSigningKey(auditorKey);
    const { h, sessionId, done } = await open(path);
    await done();
    const r = await h['ledger:receipt']({ sessionId, auditorKeyPath: auditorKey, vkey: vkeyText(pub) });
    expect(r).toMatchObject({ fileName: 'ledger.jsonl.receipt', mime: 'text/plain' });
    expect(r.signedBy).toBe(`penin.local/${auditor.keyId}`);
    expect(r.content).not.toMatch(/PRIVATE KEY/);
    const checked = checkReceipt(r.content, vkeyOfPublicKey(auditor.publicKey, auditor.keyId));
    expect(checked).toMatchObject({
      ok: true,
      receipt: { entries: 25, result: 'valid', checkpoint: { size: 25 }, tool: 'penin 9.9.9' },
    });
    // Without the log's vkey: no checkpoint named.
    const plain = await h['ledger:receipt']({ sessionId, auditorKeyPath: auditorKey });
    expect(plain.content).toMatch(/^checkpoint none$/m);
  });

  it('a missing or unsafe key is a bad_request naming the path, never the key', async () => {
    const { path, dir } = await signedLedger(3, 10);
    const { h, sessionId, done } = await open(path);
    await done();
    await expect(
      h['ledger:receipt']({ sessionId, auditorKeyPath: join(dir, 'missing.pem') }),
    ).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/missing\.pem: no such key/),
    });
    const loose = join(dir, 'loose.pem');
    writeFileSync(loose, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    chmodSync(loose, 0o644);
    const e = await Promise.resolve(h['ledger:receipt']({ sessionId, auditorKeyPath: loose })).catch(
      (x: unknown) => x,
    );
    expect(e).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/readable by other users/),
    });
    expect(String((e as Error).message)).not.toMatch(/BEGIN/);
  });

  it('is dispatched by the console service, the request checked by the contract', async () => {
    const { path } = await signedLedger(3, 10);
    const service = createConsoleService({
      mode: 'browser',
      version: '1.0.0',
      demo: false,
      openSession: (p, o) => LedgerSession.open(p, o),
      liveLedgerPath: null,
    });
    try {
      const call = service.dispatcher.dispatch;
      const opened = await call('ledger:openAudit', { path });
      if (!opened.ok) throw new Error(opened.error.message);
      const { sessionId } = opened.value as { sessionId: string };
      expect(await call('ledger:evidence', { sessionId, index: 1 })).toMatchObject({
        ok: true,
        value: { inclusion: true },
      });
      expect(await call('ledger:inclusion', { sessionId, index: -1, vkey: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
      expect(await call('ledger:receipt', { sessionId, auditorKeyPath: '' })).toMatchObject({
        ok: false,
        error: { code: 'bad_request' },
      });
    } finally {
      service.close();
    }
  });
});
