// node scripts/run-bench.mjs ledger-diff — `penin diff` on pairs of 1M-entry ledgers (truncated,
// grown, forked, unrelated): wall time and peak RSS of the CLI, which streams both files and so
// should stay flat whatever their size. Env: BENCH_ENTRIES (default 1,000,000). Needs `npm run build`.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixture } from './ledger-fixture';
import { measuredPenin } from './measured-command';

const N = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'out');
mkdirSync(OUT, { recursive: true });

/** A copy of `src` whose last `drop` entries are replaced by `add` other lines (a fork), or cut (add 0). */
function variant(src: string, name: string, dropLast: number, add: string[]): string {
  const out = join(OUT, `diff-${name}-${N}.jsonl`);
  if (existsSync(out)) return out;
  const buf = readFileSync(src);
  let end = buf.length;
  for (let k = 0; k < dropLast; k++) end = buf.lastIndexOf(0x0a, end - 2) + 1;
  const fd = openSync(out, 'w');
  writeSync(fd, buf, 0, end);
  for (const l of add) writeSync(fd, `${l}\n`);
  closeSync(fd);
  return out;
}

async function peninDiff(a: string, b: string): Promise<{ s: number; rss: number; verdict: string }> {
  const r = await measuredPenin(['diff', a, b, '--json'], [0, 1]);
  return { s: r.s, rss: r.rss, verdict: (JSON.parse(r.out) as { text: string }).text };
}

async function main(): Promise<void> {
  if (!existsSync(join(HERE, '..', 'dist', 'cli', 'penin.cjs'))) throw new Error('run `npm run build` first');
  const a = fixture(OUT, N);
  const mb = (statSync(a).size / 1e6).toFixed(0);
  const truncated = variant(a, 'truncated', 1000, []);
  const forked = variant(a, 'forked', N / 2, ['{"not": "the same"}']);
  const unrelated = join(OUT, `diff-unrelated-${N}.jsonl`);
  if (!existsSync(unrelated)) {
    // The same entries with the first one changed: no common prefix, same size.
    copyFileSync(a, unrelated);
    const fd = openSync(unrelated, 'r+');
    writeSync(fd, 'X', 2);
    closeSync(fd);
  }
  console.log(`penin diff on ${N.toLocaleString('en')}-entry ledgers (${mb} MB each)`);
  const cases: [string, string, string][] = [
    ['identical', a, a],
    ['truncated (B = A minus 1000)', a, truncated],
    ['grown (A = B minus 1000)', truncated, a],
    [`forked at ${N / 2}`, a, forked],
    ['unrelated (differ at entry 0)', a, unrelated],
  ];
  for (const [name, x, y] of cases) {
    const r = await peninDiff(x, y);
    console.log(
      `  ${name.padEnd(32)} ${r.s.toFixed(2).padStart(6)} s  peak RSS ${(r.rss / 1e6).toFixed(0).padStart(4)} MB  ${r.verdict.slice(0, 90)}`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
