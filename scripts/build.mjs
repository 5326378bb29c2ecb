// Builds every bundle: the `penin` CLI, the Electron main and preload, and the renderer.
// Usage: node scripts/build.mjs [--only cli|electron|renderer]...
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const only = process.argv.flatMap((a, i, all) => (a === '--only' ? [all[i + 1]] : []));
const want = (name) => only.length === 0 || only.includes(name);

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

if (want('cli')) {
  await build({
    ...node,
    entryPoints: ['electron/cli/penin.ts'],
    outfile: 'dist/cli/penin.cjs',
    banner: { js: '#!/usr/bin/env node' },
  });
  // Worker used by the parallel verifier: a separate bundle beside the CLI.
  if (existsSync('electron/ledger/verify-worker.ts')) {
    await build({ ...node, entryPoints: ['electron/ledger/verify-worker.ts'], outfile: 'dist/cli/verify-worker.cjs' });
  }
}
if (want('electron') && existsSync('electron/main.ts')) {
  await build({ ...node, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', external: ['electron'] });
  await build({
    ...node,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    external: ['electron'],
    platform: 'browser',
    minify: true, // the channel names come from the contract, which brings zod along
  });
  if (existsSync('electron/ledger/verify-worker.ts')) {
    await build({ ...node, entryPoints: ['electron/ledger/verify-worker.ts'], outfile: 'dist/electron/verify-worker.cjs' });
  }
}
if (want('renderer') && existsSync('renderer/vite.config.ts')) {
  const r = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
