// Worker thread of one ledger session (audit-port.ts): runs its audit requests (audit-scan.ts) and
// posts back their batches and results. Bundled on its own (dist/cli/audit-worker.cjs,
// dist/electron/audit-worker.cjs) by scripts/build.mjs, apart from verify-worker.cjs, whose workers
// `penin verify` starts by the handful and which stays small.
import { parentPort } from 'node:worker_threads';
import { AuditScanner } from './audit-scan';
import type { AuditWorkerReply, AuditWorkerRequest } from './audit-port';

const port = parentPort;
let scanner: AuditScanner | null = null; // one session per audit worker

if (port) {
  port.on('message', ({ audit: { id, path, req } }: AuditWorkerRequest) => {
    scanner ??= new AuditScanner(path);
    scanner
      .run(req, (batch) => port.postMessage({ audit: { id, batch } } satisfies AuditWorkerReply))
      .then(
        (result) => port.postMessage({ audit: { id, ok: true, result } } satisfies AuditWorkerReply),
        (e: unknown) =>
          port.postMessage({
            audit: { id, ok: false, message: e instanceof Error ? e.message : String(e) },
          } satisfies AuditWorkerReply),
      );
  });
}
