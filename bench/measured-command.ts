// One `penin` command run in a child (bench/measure-child.cjs) with its wall time and peak RSS: the
// child reports its RSS on fd 3, so that stdout stays the command's own output.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/** Runs `penin ARGS`; rejects unless it exits with one of `okCodes`. */
export function measuredPenin(
  args: string[],
  okCodes: readonly number[] = [0],
): Promise<{ s: number; rss: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(HERE, 'measure-child.cjs'), ...args], {
      stdio: ['ignore', 'pipe', 'inherit', 'pipe'],
    });
    let out = '';
    let rss = '';
    child.stdout?.on('data', (d: Buffer) => (out += d));
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (rss += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === null || !okCodes.includes(code))
        return reject(new Error(`penin ${args[0]} exited ${code}: ${out.slice(0, 2000)}`));
      resolve({ s: Number(process.hrtime.bigint() - t0) / 1e9, rss: Number(rss), out });
    });
  });
}
