// Builds the CLI bundle once before the suite: CLI tests run the real `dist/cli/penin.cjs`.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--only', 'cli'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the CLI for the tests failed');
}
