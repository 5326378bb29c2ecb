// FIFOs (named pipes) for the hostile-input tests, each with a rescuer: should a regression open or
// read one blocking, a child process opens it read-write after `rescueMs` (which never blocks and
// gives a blocked open its other end), then exits, so that the blocked call sees EOF and returns.
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
  const r = spawn('sh', ['-c', `sleep ${rescueMs / 1000}; exec 3<>"$1"`, 'sh', path], { stdio: 'ignore' });
  r.unref();
  rescuers.push(r);
  return path;
}
