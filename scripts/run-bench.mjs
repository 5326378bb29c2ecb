// Runs one benchmark: node scripts/run-bench.mjs NAME  →  npx tsx bench/NAME.bench.ts
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name)) {
  console.error('usage: node scripts/run-bench.mjs NAME   (runs bench/NAME.bench.ts)');
  process.exit(2);
}
const file = `bench/${name}.bench.ts`;
if (!existsSync(file)) {
  console.error(`no such benchmark: ${file}`);
  process.exit(2);
}
const r = spawnSync('npx', ['tsx', file, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
