// Where a ledger session's reading runs (audit-scan.ts): in a worker thread of its own, from the
// bundled audit-worker.cjs, so the gateway's event loop never waits on an audit and a hostile file
// can at worst exhaust the worker's own bounded heap (the session then reports the failure). Tests
// that run from source, where there is no bundle, run the same code on the calling thread.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AuditScanner, type AuditRequest, type AuditResult, type ScanBatch } from './audit-scan';

/** audit-worker.cjs beside the running bundle (dist/cli, dist/electron); null when there is none (tests run from source). */
export function defaultAuditWorkerPath(): string | null {
  const dir = typeof __dirname === 'string' ? __dirname : null;
  const path = dir === null ? null : join(dir, 'audit-worker.cjs');
  return path !== null && existsSync(path) ? path : null;
}

/** Messages between an AuditPort and audit-worker.ts. */
export interface AuditWorkerRequest {
  audit: { id: number; path: string; req: AuditRequest };
}
export type AuditWorkerReply =
  | { audit: { id: number; batch: ScanBatch } }
  | { audit: { id: number; ok: true; result: AuditResult } }
  | { audit: { id: number; ok: false; message: string } };

/** The audit worker's heap: an honest session needs a few MB; a hostile file cannot take the process's memory. */
const WORKER_HEAP_MB = 96;

export class AuditFailedError extends Error {}

export interface AuditPort {
  run(req: AuditRequest, onBatch?: (b: ScanBatch) => void): Promise<AuditResult>;
  close(): void;
}

class WorkerAuditPort implements AuditPort {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (r: AuditResult) => void; reject: (e: Error) => void; onBatch?: (b: ScanBatch) => void }
  >();
  private dead: Error | null = null;

  constructor(
    workerPath: string,
    private readonly path: string,
  ) {
    this.worker = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    this.worker.unref(); // an idle session never keeps the process alive
    this.worker.on('message', (m: AuditWorkerReply) => {
      const p = this.pending.get(m.audit.id);
      if (!p) return;
      if ('batch' in m.audit) p.onBatch?.(m.audit.batch);
      else {
        this.pending.delete(m.audit.id);
        if (m.audit.ok) p.resolve(m.audit.result);
        else p.reject(new AuditFailedError(m.audit.message));
      }
    });
    const fail = (e: Error): void => {
      this.dead ??= e;
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    this.worker.on('error', (e) => fail(new AuditFailedError(`audit worker failed: ${e.message}`)));
    this.worker.on('exit', (code) => fail(new AuditFailedError(`audit worker exited (code ${code})`)));
  }

  run(req: AuditRequest, onBatch?: (b: ScanBatch) => void): Promise<AuditResult> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onBatch });
      this.worker.ref(); // keeps the process alive while work is pending
      const msg: AuditWorkerRequest = { audit: { id, path: this.path, req } };
      this.worker.postMessage(msg);
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref();
    }) as Promise<AuditResult>;
  }

  close(): void {
    this.dead ??= new AuditFailedError('the ledger session was closed');
    void this.worker.terminate();
  }
}

class InlineAuditPort implements AuditPort {
  private readonly scanner: AuditScanner;
  constructor(path: string) {
    this.scanner = new AuditScanner(path);
  }
  run(req: AuditRequest, onBatch?: (b: ScanBatch) => void): Promise<AuditResult> {
    return this.scanner.run(req, (b) => onBatch?.(b));
  }
  close(): void {}
}

/** A worker of its own when the bundled worker is there (`workerPath` overrides), else this thread. */
export function openAuditPort(path: string, workerPath: string | null = defaultAuditWorkerPath()): AuditPort {
  return workerPath ? new WorkerAuditPort(workerPath, path) : new InlineAuditPort(path);
}
