// Worker thread of the parallel verifier: verifies the byte ranges it is sent, one at a time.
// Bundled on its own (dist/cli/verify-worker.cjs, dist/electron/verify-worker.cjs) by scripts/build.mjs.
import { parentPort } from 'node:worker_threads';
import { TooManyBreaksError, verifyRange, type RangeResult, type RangeTask } from './fast-range';

export interface WorkerRequest extends RangeTask {
  id: number;
}

export type WorkerReply =
  | { id: number; ok: true; result: RangeResult }
  | { id: number; ok: false; tooManyBreaks: boolean; code?: string; message: string };

const port = parentPort;
if (port) {
  port.on('message', (task: WorkerRequest) => {
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
