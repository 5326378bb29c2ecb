// `npm run check`: the static checks `npm test` runs before the suite. The type checker over the
// whole project, ESLint (which also enforces the architecture: the layers of eslint.layers.js, no
// `electron` in the core, the ledger or the renderer), dependency-cruiser (no import cycle) and Prettier over the files git tracks, so a developer's untracked
// scratch files do not fail it. Prints one line per check; exits non-zero if any failed.
import { spawnSync } from 'node:child_process';

/** Files git tracks with one of these extensions, or ['.'] outside a git checkout. */
function tracked(exts) {
  const r = spawnSync('git', ['ls-files', '-z'], { encoding: 'utf8' });
  if (r.status !== 0) return ['.'];
  return r.stdout.split('\0').filter((f) => exts.some((e) => f.endsWith(e)));
}

const code = ['.ts', '.tsx', '.mjs', '.cjs', '.js'];
/** The source the cycle check cruises (tests and benches may import across, and are not layers). */
const CRUISED = ['electron', 'shared', 'renderer/src'];
const checks = [
  ['types', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  // ESLint also holds the layers (eslint.layers.js): an import that points up fails here.
  ['lint', ['eslint', '--max-warnings=0', '--no-warn-ignored', ...tracked(code)]],
  // Import cycles, type-only ones included (.dependency-cruiser.cjs).
  ['cycles', ['depcruise', '--config', '.dependency-cruiser.cjs', ...CRUISED]],
  [
    'format',
    [
      'prettier',
      '--check',
      '--log-level=warn',
      ...tracked([...code, '.css', '.json', '.md', '.yml', '.html']),
    ],
  ],
];

const failed = [];
for (const [name, [bin, ...args]] of checks) {
  const r = spawnSync('npx', ['--no-install', bin, ...args], { stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`check ${name}: ${ok ? 'ok' : 'FAILED'}`);
  if (!ok) failed.push(name);
}
if (failed.length > 0) {
  console.error(`check: ${failed.join(', ')} failed (npm run format fixes the format)`);
  process.exit(1);
}
