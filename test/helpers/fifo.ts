// FIFOs (named pipes) for the hostile-input tests, each with a rescuer: should a regression open or
// read one blocking, a child process opens it read-write after `rescueMs` (which never blocks and
// gives a blocked open its other end) and closes it again, so that the blocked call sees EOF and returns.
// The test then fails on its assertions instead of hanging the whole run.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';

const rescuers: ChildProcess[] = [];

afterEach(() => {
  for (const r of rescuers.splice(0)) if (r.exitCode === null && r.pid !== undefined) r.kill('SIGKILL');
});

/** Makes a FIFO at `path` and returns `path`. */
export function mkfifo(path: string, rescueMs = 15_000): string {
  execFileSync('mkfifo', [path]);
  // Opens and closes it every 0.2 s for a minute: each blocked opener (one per libuv thread, say) gets its turn.
  const script = `sleep ${rescueMs / 1000}; i=0; while [ $i -lt 300 ]; do exec 3<>"$1"; exec 3<&-; sleep 0.2; i=$((i+1)); done`;
  const r = spawn('sh', ['-c', script, 'sh', path], { stdio: 'ignore' });
  r.unref();
  rescuers.push(r);
  return path;
}
