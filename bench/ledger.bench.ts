// npm run bench:ledger — verify and append throughput of the WORM ledger, against openssl and
// the seed's Python, measured in one run. Env: BENCH_ENTRIES (default 1,000,000),
// BENCH_PY_ENTRIES (entries for the Python comparison, default 200,000), BENCH_APPENDS (20,000).
// BENCH_ONLY=tree runs only the append path with and without the Merkle tree.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { LedgerWriter } from '../electron/ledger/writer';
import { fixture, realisticDecision } from './ledger-fixture';
import { measuredPenin } from './measured-command';
import { createPcagLine } from '../electron/ledger/pcag';
import { validateDecision } from '../electron/ledger/decision';
import { Frontier } from '../electron/ledger/merkle/frontier';
import { leafHash } from '../electron/ledger/merkle/hash';
import { GENESIS_HASH } from '../electron/ledger/types';

const N = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const PY_N = Math.min(N, Number(process.env.BENCH_PY_ENTRIES ?? 200_000));
const APPENDS = Number(process.env.BENCH_APPENDS ?? 20_000);
const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, 'out');
mkdirSync(OUT, { recursive: true });

const seconds = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

/** The first n lines of a file, as a file of its own (the Python comparison runs on it). */
function head(path: string, n: number): string {
  const out = join(OUT, `ledger-${n}.jsonl`);
  if (existsSync(out)) return out;
  const r = spawnSync('bash', ['-c', `head -n ${n} "${path}" > "${out}"`]);
  if (r.status !== 0) throw new Error('head failed');
  return out;
}

function timeCommand(cmd: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stdout}`);
  return seconds(t0);
}

/** penin verify in a child, with its wall time and peak RSS. */
async function peninVerify(path: string): Promise<{ s: number; rss: number }> {
  const r = await measuredPenin(['verify', path]);
  return { s: r.s, rss: r.rss };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Three runs of penin verify: the median time, and the largest peak RSS. */
async function medianVerify(path: string): Promise<{ s: number; rss: number }> {
  const runs: { s: number; rss: number }[] = [];
  for (let k = 0; k < 3; k++) runs.push(await peninVerify(path));
  return { s: median(runs.map((r) => r.s)), rss: Math.max(...runs.map((r) => r.rss)) };
}

/**
 * Durable appends through LedgerWriter, `appenders` at once (256: a busy gateway's in-flight
 * count; 1: each append waits for its own fdatasync): appends/s, and the event loop's busy time per
 * append (what the gateway's own thread pays). `inlineSync`: every fdatasync on the event loop,
 * where the tree's hashing cannot hide behind the disk (the writer does that only on fast disks).
 */
async function durableAppends(
  n: number,
  opts: { tree?: boolean; appenders?: number; inlineSync?: boolean } = {},
): Promise<{ perS: number; loopUs: number }> {
  const path = join(OUT, 'append-bench.jsonl');
  rmSync(path, { force: true });
  const w = await LedgerWriter.open(path, {
    tree: opts.tree ?? true,
    sync: opts.inlineSync ? { inlineLimitMs: 1e9, window: 1 } : undefined,
  });
  const elu0 = performance.eventLoopUtilization();
  const t0 = process.hrtime.bigint();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) await w.append(realisticDecision(next++));
  };
  await Promise.all(Array.from({ length: opts.appenders ?? 256 }, worker));
  const s = seconds(t0);
  const busyMs = performance.eventLoopUtilization(elu0).active;
  await w.close();
  return { perS: n / s, loopUs: (busyMs * 1000) / n };
}

/** The append path's own work, no disk: validate, build and hash the line, then (tree) the frontier update. */
function appendCpu(n: number, tree: boolean): number {
  const f = new Frontier();
  const now = new Date();
  let prev = GENESIS_HASH;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const { pcag, line } = createPcagLine(validateDecision(realisticDecision(i)), prev, now);
    prev = pcag.current_hash;
    if (tree) f.push(leafHash(line.subarray(0, line.length - 1)));
  }
  return n / seconds(t0);
}

/** One append-path case, measured without and with the tree. */
interface TreeCase {
  name: string;
  run: (tree: boolean) => Promise<{ perS: number; loopUs?: number }>;
}

/** Each case without and with the Merkle tree, runs interleaved, medians of 5 (one run, one ratio). */
async function treeCost(n: number): Promise<Record<string, number>> {
  const cases: TreeCase[] = [
    { name: 'durable, 256 appenders', run: (tree) => durableAppends(n, { tree }) },
    {
      name: 'durable, 256 appenders, syncs on the loop',
      run: (tree) => durableAppends(n, { tree, inlineSync: true }),
    },
    {
      name: 'durable, 1 appender (latency)',
      run: (tree) => durableAppends(Math.ceil(n / 20), { tree, appenders: 1 }),
    },
    { name: 'CPU only (no disk, one thread)', run: async (tree) => ({ perS: appendCpu(n, tree) }) },
  ];
  appendCpu(2000, true); // warm-up
  await durableAppends(2000);
  const runs = cases.map(() => ({
    without: [] as number[],
    with: [] as number[],
    loopWithout: [] as number[],
    loopWith: [] as number[],
  }));
  for (let k = 0; k < 5; k++) {
    for (const [i, c] of cases.entries()) {
      // Alternate which goes first, so a machine that speeds up or slows down favours neither.
      for (const tree of k % 2 === 0 ? [false, true] : [true, false]) {
        const r = await c.run(tree);
        (tree ? runs[i].with : runs[i].without).push(r.perS);
        if (r.loopUs !== undefined) (tree ? runs[i].loopWith : runs[i].loopWithout).push(r.loopUs);
      }
    }
  }
  const fmt = (x: number): string => Math.round(x).toLocaleString('en').padStart(9);
  const us = (xs: number[]): string => (xs.length ? `${median(xs).toFixed(1)} µs` : '').padStart(9);
  const r: Record<string, number> = {};
  const lines = cases.map((c, i) => {
    const w = median(runs[i].with);
    const wo = median(runs[i].without);
    // Each run's ratio against its own pair, so the spread shows what one run's noise is.
    const pairRatios = runs[i].with.map((x, k) => x / runs[i].without[k]).sort((a, b) => a - b);
    const key = c.name
      .replace(/[^a-z0-9]+/gi, '_')
      .replace(/^_|_$/g, '')
      .toLowerCase();
    r[`${key}_per_s_without_tree`] = wo;
    r[`${key}_per_s_with_tree`] = w;
    r[`${key}_ratio`] = w / wo;
    if (runs[i].loopWith.length) {
      r[`${key}_loop_us_without_tree`] = median(runs[i].loopWithout);
      r[`${key}_loop_us_with_tree`] = median(runs[i].loopWith);
    }
    return `  ${c.name.padEnd(42)}${fmt(wo)}/s ${fmt(w)}/s   ${(w / wo).toFixed(3)}  ${pairRatios[0].toFixed(2)}-${pairRatios[pairRatios.length - 1].toFixed(2)}   ${us(runs[i].loopWithout)} ${us(runs[i].loopWith)}`;
  });
  console.log(`
append path, ${n.toLocaleString('en')} entries (1 appender: ${Math.ceil(n / 20).toLocaleString('en')}), median of 5 interleaved runs
                                              without tree   with tree   ratio  range       event-loop busy per append
${lines.join('\n')}`);
  return r;
}

function pythonAppends(n: number): number {
  const path = join(OUT, 'append-bench-py.jsonl');
  rmSync(path, { force: true });
  const input = join(OUT, 'append-input.jsonl');
  writeFileSync(
    input,
    Array.from({ length: n }, (_, i) => JSON.stringify(realisticDecision(i))).join('\n') + '\n',
  );
  const fd = openSync(input, 'r');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    'python3',
    ['-W', 'ignore', join(HERE, '..', 'test', 'helpers', 'seed_ledger.py'), 'append', path],
    {
      stdio: [fd, 'ignore', 'inherit'],
    },
  );
  const s = seconds(t0);
  closeSync(fd);
  if (r.status !== 0) throw new Error('python append failed');
  return n / s;
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === 'tree') {
    writeFileSync(join(OUT, 'ledger-tree.json'), JSON.stringify(await treeCost(APPENDS), null, 2));
    return;
  }
  if (!existsSync(join(HERE, '..', 'dist', 'cli', 'penin.cjs')))
    spawnSync('node', ['scripts/build.mjs', '--only', 'cli'], { stdio: 'inherit' });
  const big = fixture(OUT, N);
  const bytes = statSync(big).size;
  console.log(
    `ledger: ${N.toLocaleString('en')} entries, ${(bytes / 1e6).toFixed(0)} MB (${Math.round(bytes / N)} bytes/entry)`,
  );

  // The short runs are repeated and their medians kept: on a shared VM one run can be 30% off.
  const openssl = median([0, 1, 2].map(() => timeCommand('openssl', ['dgst', '-sha256', big])));
  const ours = await medianVerify(big);
  const small = PY_N === N ? big : head(big, PY_N);
  const oursSmall = PY_N === N ? ours : await medianVerify(small);
  const python = timeCommand('python3', [
    '-W',
    'ignore',
    join(HERE, '..', 'test', 'helpers', 'seed_ledger.py'),
    'verify',
    small,
  ]);
  // Flush the fixture's dirty pages first: writeback competing with fdatasync would measure the
  // fixture, not the ledger.
  spawnSync('sync');
  const appendOurs = (await durableAppends(APPENDS)).perS;
  const appendPy = pythonAppends(APPENDS);
  const tree = await treeCost(APPENDS);

  const r = {
    entries: N,
    bytes,
    verify_s: ours.s,
    verify_entries_per_s: N / ours.s,
    verify_peak_rss_mb: ours.rss / 1e6,
    openssl_sha256_s: openssl,
    ratio_verify_to_openssl: ours.s / openssl,
    python_entries: PY_N,
    python_verify_all_s: python,
    ours_on_python_subset_s: oursSmall.s,
    speedup_vs_python: python / oursSmall.s,
    durable_appends_per_s: appendOurs,
    python_appends_per_s_no_fsync: appendPy,
    append_ratio_vs_python: appendOurs / appendPy,
    ...tree,
  };
  console.log(`
verify (penin verify, ${N.toLocaleString('en')} entries, median of 3)   ${ours.s.toFixed(2)} s  (${Math.round(N / ours.s).toLocaleString('en')} entries/s), peak RSS ${(ours.rss / 1e6).toFixed(0)} MB   [target < 150 MB]
openssl dgst -sha256, same file          ${openssl.toFixed(2)} s
  ratio verify / openssl                 ${r.ratio_verify_to_openssl.toFixed(1)}x   [target <= 4x]
seed Python verify_all, ${PY_N.toLocaleString('en')} entries   ${python.toFixed(2)} s   (penin verify on the same file: ${oursSmall.s.toFixed(2)} s)
  speed-up vs Python                     ${r.speedup_vs_python.toFixed(1)}x   [target >= 20x]
durable appends (fdatasync, group commit) ${Math.round(appendOurs).toLocaleString('en')} entries/s
seed Python append (no fsync)            ${Math.round(appendPy).toLocaleString('en')} entries/s
  ratio                                  ${r.append_ratio_vs_python.toFixed(1)}x   [target >= 5x]`);
  writeFileSync(join(OUT, 'ledger.json'), JSON.stringify(r, null, 2));
}

void main();
