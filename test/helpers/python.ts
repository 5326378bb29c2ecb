// Runs the seed's Python (test/helpers/seed_ledger.py) as the oracle.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'seed_ledger.py');

export function seedPython(args: string[], input = ''): string {
  const r = spawnSync('python3', ['-W', 'ignore', SCRIPT, ...args], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`seed python ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export function seedVerify(path: string): [boolean, string] {
  return JSON.parse(seedPython(['verify', path])) as [boolean, string];
}
