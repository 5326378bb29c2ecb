// Worker thread of the ledger readers: verifies the byte ranges the parallel verifier sends
// (verify-parallel.ts), one at a time, and runs the audit requests of a ledger session
// (audit-port.ts, audit-scan.ts). Bundled on its own (dist/cli/verify-worker.cjs,
// dist/electron/verify-worker.cjs) by scripts/build.mjs.
import { parentPort } from 'node:worker_threads';
import { AuditScanner } from './audit-scan';
import type { AuditWorkerReply, AuditWorkerRequest } from './audit-port';
import { TooManyBreaksError, verifyRange, type RangeResult, type RangeTask } from './fast-range';

export interface WorkerRequest extends RangeTask {
  id: number;
}

export type WorkerReply =
  | { id: number; ok: true; result: RangeResult }
  | { id: number; ok: false; tooManyBreaks: boolean; code?: string; message: string };

const port = parentPort;
let scanner: AuditScanner | null = null; // one session per audit worker

function audit({ audit: { id, path, req } }: AuditWorkerRequest): void {
  const p = parentPort;
  if (!p) return;
  scanner ??= new AuditScanner(path);
  scanner
    .run(req, (batch) => p.postMessage({ audit: { id, batch } } satisfies AuditWorkerReply))
    .then(
      (result) => p.postMessage({ audit: { id, ok: true, result } } satisfies AuditWorkerReply),
      (e: unknown) =>
        p.postMessage({
          audit: { id, ok: false, message: e instanceof Error ? e.message : String(e) },
        } satisfies AuditWorkerReply),
    );
}

if (port) {
  port.on('message', (task: WorkerRequest | AuditWorkerRequest) => {
    if ('audit' in task) {
      audit(task);
      return;
    }
    verifyRange(task).then(
      (result) => port.postMessage({ id: task.id, ok: true, result } satisfies WorkerReply),
      (e: unknown) =>
        port.postMessage({
          id: task.id,
          ok: false,
          tooManyBreaks: e instanceof TooManyBreaksError,
          code: (e as NodeJS.ErrnoException).code,
          message: e instanceof Error ? e.message : String(e),
        } satisfies WorkerReply),
    );
  });
}
