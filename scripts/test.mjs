// `npm test`: the static checks (scripts/check.mjs: types, lint, format), then builds every bundle
// (the CLI, Electron main/preload, the renderer the browser tests load), runs the whole Vitest
// suite, and ends with one plain summary line. A failed check fails the run, after the suite.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

const checks = spawnSync(process.execPath, ['scripts/check.mjs'], { stdio: 'inherit' });

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('test: the build failed');
  process.exit(build.status ?? 1);
}
mkdirSync('test-artifacts', { recursive: true });
const report = 'test-artifacts/vitest.json';
const r = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  console.log(`\ntests: ${j.numPassedTests} passed, ${j.numFailedTests} failed, ${skipped} skipped`);
}
if (checks.status !== 0) console.log('checks: FAILED (types, lint or format: see above)');
process.exit(checks.status !== 0 ? 1 : (r.status ?? 1));
