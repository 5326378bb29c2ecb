// `npm start`: builds when dist is missing or older than the sources, then launches Electron.
// Without the Electron binary it says so and offers the browser mode (`penin serve`) instead.
// Never prints a stack trace. `--no-build` skips the build check; other arguments go to the app
// (e.g. `npm start -- path/to/ledger.jsonl`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findElectronBinary, NO_BINARY_MESSAGE } from './electron-binary.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUTS = [
  'dist/electron/main.cjs',
  'dist/electron/preload.cjs',
  'dist/renderer/index.html',
  'dist/cli/penin.cjs',
];
const SOURCES = ['electron', 'shared', 'renderer', 'package.json', 'scripts/build.mjs'];
export const BROWSER_ARGS = ['dist/cli/penin.cjs', 'serve', '--demo', '--port', '0'];
export const BROWSER_COMMAND = `node ${BROWSER_ARGS.join(' ')}`;

/** Newest modification time under `path` (files only; node_modules and dotfiles skipped). */
export function newestMtime(path) {
  let info;
  try {
    info = statSync(path);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

/** True when an output is missing or older than the newest source. */
export function isStale(root = ROOT) {
  let oldestOutput = Infinity;
  for (const out of OUTPUTS) {
    const p = join(root, out);
    if (!existsSync(p)) return true;
    oldestOutput = Math.min(oldestOutput, statSync(p).mtimeMs);
  }
  const newestSource = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
  return newestSource > oldestOutput;
}

function say(text) {
  process.stdout.write(`${text}\n`);
}

function run(command, args) {
  return new Promise((resolveExit) => {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      say(`Could not start ${command}: ${error.message}`);
      resolveExit(1);
    });
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 1 : 0)));
  });
}

async function ask(question) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await new Promise((resolveAnswer) => rl.question(question, resolveAnswer));
  } finally {
    rl.close();
  }
}

async function startBrowserMode() {
  if (!existsSync(join(ROOT, BROWSER_ARGS[0]))) {
    say('The browser mode is not built either. Run: npm run build');
    return 1;
  }
  say(`Starting the browser mode: ${BROWSER_COMMAND}`);
  say(
    '(a demo: simulated providers and traffic, kept in its own folder, DATA_DIR/demo/, apart from the real ledger and budget)',
  );
  return run(process.execPath, BROWSER_ARGS);
}

export async function main(argv) {
  const noBuild = argv.includes('--no-build');
  const appArgs = argv.filter((a) => a !== '--no-build');
  if (!noBuild && isStale()) {
    say('Building PENIN Console (dist is missing or older than the sources)…');
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) {
      say('The build failed (see above). Fix it, or run `npm run build` to see the errors again.');
      return 1;
    }
  }
  const electron = findElectronBinary();
  if (electron.ok) return run(electron.path, ['.', ...appArgs]);

  say(NO_BINARY_MESSAGE);
  say(`(${electron.reason})`);
  say('The same console runs in a browser instead, served on 127.0.0.1:');
  say(`  ${BROWSER_COMMAND}`);
  if (process.stdin.isTTY && process.stdout.isTTY) {
    const answer = (await ask('Start the browser mode instead? [Y/n] ')).trim().toLowerCase();
    if (answer === 'n' || answer === 'no') return 1;
  }
  return startBrowserMode();
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      say(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
