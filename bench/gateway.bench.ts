// Gateway overhead benchmark: `node scripts/run-bench.mjs gateway`.
//
// Processes: a fake OpenAI-wire upstream (a canned answer, sent at once); two bare pass-throughs
// (bare-proxy.ts: what any Node gateway costs before doing its work; and the same waiting for a
// durable 600-byte line per answer, the floor for any gateway that acknowledges nothing before its
// record is on disk); three gateways as shipped (core with budget, breakers, cache — bypassed:
// temperature 0.7 — and the ledger recorded before each answer, with signed checkpoints as
// `penin serve` writes them), which differ only in their ledger: a LedgerWriter on disk (fdatasync
// per group commit), the same LedgerWriter on tmpfs (/dev/shm: fdatasync is nearly free there, so
// this is the gateway's cost with a real writer but without the disk's), and a ledger that builds
// and chains each PCAg but writes nothing; and this process, the load generator. The same request
// goes directly to the upstream and through each proxy, in one run:
//
//   fixed rate  OPEN LOOP: a request is sent every 1/rate s whatever the previous ones are doing
//               (open-loop.ts, up to 64 connections, sends paced by timers with catch-up); latency is
//               each response's full time from its send. ("1,000 req/s" is what arrives, not a
//               closed loop of N connections, whose rate falls as the latency grows.)
//   max         autocannon, 128 connections, no pipelining: throughput; all of it shares 2 cores.
//
// Each load runs in slices, every target once per round in a new random order. For each run it
// also prints the CPU time per request of the proxy, the upstream and the load generator (from
// /proc), which says where the cores went and what one core could do for the proxy alone, and, from
// inside each proxy, where a request's time went: the upstream call, the wait for the ledger, GC
// pauses. Figures are printed, not asserted. Targets: added p99 < 2 ms at 1,000 req/s;
// > 10,000 req/s through the gateway.
//
// Env:
//   BENCH_SECONDS   each target's measured time per load (default 16), in BENCH_ROUNDS slices
//                   (default 8); each fixed-rate slice follows a 1 s unmeasured lead-in
//   BENCH_SEED      the order of the slices (printed; a run's order can be repeated)
//   BENCH_RATE      the fixed rate (default 1000)
//   BENCH_LEDGERS   which proxies run (default disk,tmpfs,memory,bare,bare-disk,portkey); disk-pooled
//                   adds a gateway whose every fdatasync goes through the thread pool (the writer's
//                   behaviour before sync-policy.ts); disk-notree a disk gateway whose ledger keeps no
//                   Merkle tree (nor, then, checkpoints): what the tree costs the gateway; portkey is the Portkey AI gateway (bench/portkey.ts,
//                   a dev dependency; skipped when not installed), headless, pointed at the same upstream
//                   fleet-1 and fleet-2 (on by default when redis-server is installed) are the
//                   no-disk gateway with the fleet's budget and breakers in Redis (a redis-server
//                   started here): one instance, and two instances sharing it, each fed half the
//                   load; side by side with `memory` (the same gateway with the local budget), so
//                   their difference is the shared budget's added latency. A short fleet-only run:
//                   BENCH_LEDGERS=memory,fleet-1,fleet-2 BENCH_SECONDS=4
//   BENCH_MAX=0     skips the max-throughput part
//   BENCH_GW_FLAGS  node flags for the gateways (e.g. --cpu-prof)
//   BENCH_BASELINE  a directory: adds the disk gateway of another checkout (with node_modules; e.g.
//                   a `git worktree` of the last commit), run side by side with this one's. On a
//                   noisy machine a change is only measurable against its baseline in one run.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  fdatasyncSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import type { AddressInfo } from 'node:net';
import { openLoop, type Sample } from './open-loop';
import { reportLoopStats, type LoopStats } from './loop-stats';
import { bareProxyMain } from './bare-proxy';
import { portkeyEntry, startPortkey, type Portkey } from './portkey';
import { REDIS_SERVER_BIN, startRedisServer, type RedisServer } from '../test/helpers/redis-server';
import { createPcag } from '../electron/ledger/pcag';
import { GENESIS_HASH, type DecisionData, type LedgerSink, type Pcag } from '../electron/ledger/types';

/** The slice of autocannon's API used here (it ships no types). */
interface AutocannonResult {
  requests: { total: number };
  duration: number;
  non2xx: number;
  errors: number;
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (opts: Record<string, unknown>) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.env.BENCH_SECONDS ?? 16);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
/** Each target's run is cut into this many slices, interleaved with the other targets'. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const LEDGERS = (
  process.env.BENCH_LEDGERS ?? 'disk,tmpfs,memory,bare,bare-disk,portkey,fleet-1,fleet-2'
).split(',');
const RUN_MAX = process.env.BENCH_MAX !== '0';
const MAX_CONNECTIONS = 128;
const OPEN_LOOP_CONNECTIONS = 64;
/**
 * Each fixed-rate slice starts with this much unmeasured load, on the same connections: a target
 * sits idle while the others are measured, and the figure wanted is its steady state at the rate,
 * not its first requests after idling (connection set-up; V8's memory reducer, which collects a
 * heap it finds idle, may be finishing). In one pair of runs the gateways' +p99 was 1.76 ms with
 * --no-memory-reducer and 3.03 ms without; with this lead-in the next run still gave 2.99 ms, so
 * the noise of the machine, not this transient, is what moves the tails most.
 */
const LEAD_IN_SECONDS = 1;
const BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Say hello in five words.' }],
  temperature: 0.7, // not cacheable: every request goes upstream
  max_tokens: 32,
});

/**
 * The fake upstream: an OpenAI-wire chat completion, the same for every request, sent at once. It is
 * canned (not the demo's SimProvider, which draws its text and token counts per request) so that it
 * takes as little as possible of the two cores the gateway is measured on.
 */
async function upstreamMain(): Promise<void> {
  const http = await import('node:http');
  const answer = Buffer.from(
    JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: 'bench-model',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'the router weighs each provider by price and health then sends it',
          },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 14, completion_tokens: 13, total_tokens: 27 },
    }),
  );
  const headers = ['content-type', 'application/json', 'content-length', String(answer.length)];
  const server = http.createServer((req, res) => {
    req.resume(); // the request body is read and dropped
    req.once('end', () => {
      res.writeHead(200, headers);
      res.end(answer);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  console.log(`READY ${JSON.stringify({ baseUrl: `http://127.0.0.1:${port}/v1`, pid: process.pid })}`);
}

/** A ledger that builds and chains each PCAg but writes nothing: the gateway's cost without the disk's. */
class NoDiskLedger implements LedgerSink {
  entries = 0;
  private head = GENESIS_HASH;
  private waiting: (() => void)[] = [];
  /**
   * Resolves each turn's appends together at its end, as the writer's group commit does. Resolved
   * one by one at once instead, this comparator cost 115 µs of CPU per request against the tmpfs
   * gateway's 90 (answers written one at a time between other work); batched, 88 against 87.
   */
  append(d: DecisionData): Promise<Pcag> {
    const p = createPcag(d, this.head, new Date());
    this.head = p.current_hash;
    this.entries += 1;
    return new Promise((resolve) => {
      if (this.waiting.length === 0) setImmediate(() => this.release());
      this.waiting.push(() => resolve(p));
    });
  }
  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
  async close(): Promise<void> {}
}

async function gatewayMain(
  baseUrl: string,
  dir: string,
  ledgerKind: string,
  /** A fleet member: `redis-url,instance,namespace`. */
  fleetArg?: string,
): Promise<void> {
  const { createCore } = await import('../electron/core/core');
  const { parseConfig } = await import('../electron/core/config/config');
  const { LedgerWriter } = await import('../electron/ledger/writer');
  const { loadOrCreateSigningKey } = await import('../electron/ledger/signing-key');
  const ledgerPath = join(dir, 'ledger.jsonl');
  // As `penin serve` opens it: checkpoints signed every 1,000 entries or 60 s.
  const ledger =
    ledgerKind === 'memory'
      ? new NoDiskLedger()
      : ledgerKind === 'disk-notree'
        ? await LedgerWriter.open(ledgerPath, { tree: false })
        : await LedgerWriter.open(ledgerPath, {
            checkpoints: { key: loadOrCreateSigningKey(join(dir, 'signing-key.pem')) },
            // disk-pooled: every fdatasync in the thread pool, as the writer did before sync-policy.ts.
            sync: ledgerKind === 'disk-pooled' ? { inlineLimitMs: 0 } : undefined,
          });
  const [redis, instance, namespace] = fleetArg ? fleetArg.split(',') : [];
  const config = parseConfig({
    ...(redis ? { fleet: { redis, instance, namespace } } : {}),
    dailyLimitUsd: 1_000_000,
    providers: [
      {
        name: 'bench-upstream',
        kind: 'openai',
        baseUrl,
        models: [{ id: 'bench-model', inputPerMTok: 0.15, outputPerMTok: 0.6 }],
      },
    ],
  });
  // How long each answer waits for its ledger entry to be durable.
  const stats = reportLoopStats();
  const timed: LedgerSink = {
    append: (d) => {
      const t0 = performance.now();
      return ledger.append(d).then((p) => {
        stats.ledgerWait(performance.now() - t0);
        return p;
      });
    },
  };
  const core = await createCore({ dataDir: dir, config, ledger: timed, port: 0, env: {} });
  console.log(`READY ${JSON.stringify({ url: core.url, token: core.token, pid: process.pid })}`);
  process.once('SIGTERM', () => {
    void (async () => {
      await core.close();
      const entries = ledger.entries;
      await ledger.close();
      const b = core.budgetView.snapshot();
      console.log(
        `DONE ${JSON.stringify({ ledger: ledgerKind, entries, syncs: 'syncs' in ledger ? ledger.syncs : null, requests: b.requests, spendUsd: b.spendUsd, breakers: core.breakers.list().map((x) => x.state) })}`,
      );
      process.exit(0);
    })();
  });
}

interface Child {
  proc: ChildProcess;
  ready: Record<string, string | number>;
  done: Promise<string>;
  /** Asks a gateway for its LoopStats since the last call (and resets them). */
  loop(): Promise<LoopStats>;
}

/** Starts this file in another role; resolves with the JSON of its READY line. */
function child(args: string[], cwd = process.cwd()): Promise<Child> {
  const flags =
    args[0] === 'gateway' && process.env.BENCH_GW_FLAGS ? process.env.BENCH_GW_FLAGS.split(' ') : [];
  const proc = spawn(process.execPath, [...flags, '--import', 'tsx', 'bench/gateway.bench.ts', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  let onDone: (s: string) => void = () => {};
  const done = new Promise<string>((r) => (onDone = r));
  /** Callers waiting for a LOOP line, in the order they asked (the lines come in that order). */
  const onLoop: ((s: LoopStats) => void)[] = [];
  const loop = (): Promise<LoopStats> =>
    new Promise((r) => {
      onLoop.push(r);
      proc.kill('SIGUSR2');
    });
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited early (${code})`)));
    lines.on('line', (line) => {
      if (line.startsWith('READY '))
        resolve({ proc, ready: JSON.parse(line.slice(6)) as Record<string, string | number>, done, loop });
      else if (line.startsWith('DONE ')) onDone(line.slice(5));
      else if (line.startsWith('LOOP ') && onLoop.length > 0) {
        (onLoop.shift() as (s: LoopStats) => void)(JSON.parse(line.slice(5)) as LoopStats);
      } else console.log(`[${args[0]}] ${line}`);
    });
  });
}

// --- CPU accounting ---

const CLK_TCK = 100; // Linux USER_HZ

/** CPU seconds (user + system) a process has used so far; NaN where /proc is not there. */
function cpuSeconds(pid: number): number {
  if (pid === process.pid) {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime
  } catch {
    return NaN;
  }
}

interface Cpu {
  /** CPU µs per completed request. */
  gateway: number;
  upstream: number;
  loadgen: number;
}

/**
 * CPU seconds used by the gateway, the upstream and this process from when `run` calls its
 * `measuring` callback (the end of its lead-in; at the latest, when it resolves) to its end.
 */
async function withCpu<T>(
  pids: { gateway: number | null; upstream: number },
  run: (measuring: () => void) => Promise<T>,
): Promise<{ result: T; cpu: [number, number, number] }> {
  const ids = [pids.gateway, pids.upstream, process.pid];
  const now = (): number[] => ids.map((p) => (p === null ? 0 : cpuSeconds(p)));
  let before: number[] | null = null;
  const result = await run(() => (before ??= now()));
  const start = before ?? now();
  const after = now();
  return { result, cpu: [after[0] - start[0], after[1] - start[1], after[2] - start[2]] };
}

type Measured = RunResult & { cpu: Cpu; loop: LoopStats | null };

/**
 * Runs `slice` on every target, ROUNDS times, in a new random order each round, so that the noise
 * of a shared machine falls on all targets alike; pools each target's samples and CPU time. Not a
 * rotation: there a target always follows the same one, and what one slice leaves behind falls on
 * one target only (the same disk gateway measured +p99 2.97 ms right after the direct slices and
 * 1.85 ms after another gateway's, in one run).
 */
async function rounds(
  targets: Target[],
  upstreamPid: number,
  slice: (t: Target, measuring: () => void) => Promise<Sample>,
): Promise<Measured[]> {
  const samples: Sample[][] = targets.map(() => []);
  const cpu = targets.map(() => [0, 0, 0]);
  const loops: (LoopStats | null)[] = targets.map(() => null);
  for (let r = 0; r < ROUNDS; r++) {
    for (const i of shuffled(targets.length)) {
      const t = targets[i];
      const m = await withCpu({ gateway: t.pid, upstream: upstreamPid }, (cpuFromHere) =>
        slice(t, () => {
          void t.loop?.(); // resets the gateway's loop statistics: the lead-in is not reported
          cpuFromHere();
        }),
      );
      const l = t.loop ? await t.loop() : null;
      const prev = loops[i];
      if (l)
        loops[i] = prev
          ? {
              gcMax: Math.max(prev.gcMax, l.gcMax),
              gcTotal: prev.gcTotal + l.gcTotal,
              inside: prev.inside.concat(l.inside),
              ledgerWaits: prev.ledgerWaits.concat(l.ledgerWaits),
              upstream: prev.upstream.concat(l.upstream),
            }
          : l;
      samples[i].push(m.result);
      for (let j = 0; j < 3; j++) cpu[i][j] += m.cpu[j];
    }
  }
  return samples.map((s, i) => {
    const r = combine(s);
    const per = (sec: number): number => (sec * 1e6) / Math.max(1, r.requests);
    return {
      ...r,
      cpu: { gateway: per(cpu[i][0]), upstream: per(cpu[i][1]), loadgen: per(cpu[i][2]) },
      loop: loops[i],
    };
  });
}

/** 0..n-1 in a random order (Fisher–Yates on the seeded generator below). */
function shuffled(n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** mulberry32: a small seeded generator, so that a run's order can be repeated (BENCH_SEED). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = Number(process.env.BENCH_SEED ?? Date.now() % 1_000_000);
const random = seeded(SEED);

// --- load ---

interface RunResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  p999: number;
  non2xx: number;
  errors: number;
  /** Open loop only: how late sends left vs their schedule (p99, ms). */
  lagP99: number;
}

function combine(samples: Sample[]): RunResult {
  const cat = (xs: Float64Array[]): Float64Array => {
    const out = new Float64Array(xs.reduce((n, x) => n + x.length, 0));
    let o = 0;
    for (const x of xs) {
      out.set(x, o);
      o += x.length;
    }
    return out.sort();
  };
  const times = cat(samples.map((s) => s.times));
  const lags = cat(samples.map((s) => s.lags));
  const requests = samples.reduce((n, s) => n + s.requests, 0);
  const seconds = samples.reduce((n, s) => n + s.seconds, 0);
  return {
    requests,
    rps: requests / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    p999: percentile(times, 99.9),
    non2xx: samples.reduce((n, s) => n + s.non2xx, 0),
    errors: samples.reduce((n, s) => n + s.errors, 0),
    lagP99: percentile(lags, 99),
  };
}

/** "p50/p99" of unsorted samples. */
function quantiles(xs: number[]): string {
  const s = Float64Array.from(xs).sort();
  return `${fmt(percentile(s, 50))}/${fmt(percentile(s, 99))}`;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Closed loop at full speed with autocannon. */
async function maxLoad(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  connections = MAX_CONNECTIONS,
): Promise<Sample> {
  const times: number[] = [];
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: BODY,
    connections,
    pipelining: 1,
    duration: seconds,
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) times.push(ms);
  });
  const r = await instance;
  return {
    times: Float64Array.from(times),
    requests: r.requests.total,
    seconds: r.duration,
    non2xx: r.non2xx,
    errors: r.errors,
    lags: new Float64Array(0),
  };
}

/** fdatasync latency of small appends in `dir` (what each group commit waits for). */
function fsyncProfile(dir: string, n = 300): { p50: number; p99: number; max: number } {
  const path = join(dir, 'fsync-probe');
  const fd = openSync(path, 'a');
  const line = Buffer.from(`${'x'.repeat(600)}\n`);
  const t = new Float64Array(n);
  try {
    for (let i = 0; i < n; i++) {
      writeSync(fd, line);
      const t0 = performance.now();
      fdatasyncSync(fd);
      t[i] = performance.now() - t0;
    }
  } finally {
    closeSync(fd);
    rmSync(path, { force: true });
  }
  t.sort();
  return { p50: percentile(t, 50), p99: percentile(t, 99), max: t[n - 1] };
}

// --- report ---

const fmt = (n: number, d = 3): string => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const pad = (s: string, n: number): string => s.padStart(n);

function header(): string {
  return `${'target'.padEnd(26)} | ${pad('req/s', 7)} | ${pad('ratio', 5)} | ${pad('p50/p99/p99.9 ms', 22)} | ${pad('+p50', 6)} | ${pad('+p99', 6)} | ${pad('CPU µs/req gw/up/gen', 20)} | non-2xx/err`;
}

function line(name: string, r: Measured, direct: RunResult | null): string {
  const lat = `${fmt(r.p50)}/${fmt(r.p99)}/${fmt(r.p999)}`;
  const cpu = `${fmt(r.cpu.gateway, 0)}/${fmt(r.cpu.upstream, 0)}/${fmt(r.cpu.loadgen, 0)}`;
  return (
    `${name.padEnd(26)} | ${pad(fmt(r.rps, 0), 7)} | ${pad(direct ? fmt(r.rps / direct.rps, 2) : '1.00', 5)} | ${pad(lat, 22)} | ` +
    `${pad(direct ? fmt(r.p50 - direct.p50) : '', 6)} | ${pad(direct ? fmt(r.p99 - direct.p99) : '', 6)} | ${pad(cpu, 20)} | ${r.non2xx}/${r.errors}`
  );
}

const PORTKEY = 'portkey (headless)';

type Target = {
  name: string;
  url: string;
  headers: Record<string, string>;
  pid: number | null;
  loop: (() => Promise<LoopStats>) | null;
  /** More instances of the same target (a fleet): the load is split evenly over all of them. */
  more?: { url: string; headers: Record<string, string> }[];
};

/** Two samples taken at the same time (on two instances) as one. */
function together(a: Sample, b: Sample): Sample {
  const cat = (x: Float64Array, y: Float64Array): Float64Array => {
    const out = new Float64Array(x.length + y.length);
    out.set(x);
    out.set(y, x.length);
    return out;
  };
  return {
    times: cat(a.times, b.times),
    requests: a.requests + b.requests,
    seconds: Math.max(a.seconds, b.seconds),
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
    lags: cat(a.lags, b.lags),
  };
}

/** Runs `load(url, headers, share)` on each of a target's instances at once, its share of the load each. */
async function split(
  t: Target,
  load: (url: string, headers: Record<string, string>, share: number) => Promise<Sample>,
): Promise<Sample> {
  const all = [{ url: t.url, headers: t.headers }, ...(t.more ?? [])];
  const samples = await Promise.all(all.map((x) => load(x.url, x.headers, 1 / all.length)));
  return samples.reduce(together);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'penin-bench-'));
  const shm = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/penin-bench-') : null;
  const up = await child(['upstream']);
  const baseUrl = String(up.ready.baseUrl);
  /** The gateways, and the bare pass-through (which reports no per-request statistics). */
  const gateways: { name: string; c: Child; stats: boolean }[] = [];
  const kinds: { kind: string; name: string; dir: string | null }[] = [
    { kind: 'disk', name: 'gateway, disk ledger', dir },
    { kind: 'disk-pooled', name: 'gateway, disk, pooled sync', dir },
    { kind: 'disk-notree', name: 'gateway, disk, no Merkle tree', dir },
    { kind: 'tmpfs', name: 'gateway, tmpfs ledger', dir: shm },
    { kind: 'memory', name: 'gateway, no-disk ledger', dir },
  ];
  for (const k of kinds)
    if (LEDGERS.includes(k.kind) && k.dir)
      gateways.push({
        name: k.name,
        c: await child(['gateway', baseUrl, join(k.dir, k.kind), k.kind]),
        stats: true,
      });
  const baseline = process.env.BENCH_BASELINE;
  if (baseline)
    gateways.push({
      name: 'baseline, disk ledger',
      c: await child(['gateway', baseUrl, join(dir, 'baseline'), 'disk'], baseline),
      stats: true,
    });
  if (LEDGERS.includes('bare'))
    gateways.push({ name: 'bare pass-through', c: await child(['bare', baseUrl]), stats: true });
  if (LEDGERS.includes('bare-disk'))
    gateways.push({ name: 'bare + fdatasync', c: await child(['bare', baseUrl, dir]), stats: true });
  // The fleet: a redis-server of its own, one namespace per fleet size.
  let redis: RedisServer | null = null;
  const fleets: { name: string; members: Child[] }[] = [];
  const sizes = [1, 2].filter((n) => LEDGERS.includes(`fleet-${n}`));
  if (sizes.length > 0) {
    if (!existsSync(REDIS_SERVER_BIN)) console.log(`fleet: ${REDIS_SERVER_BIN} is not installed, not run`);
    else {
      redis = await startRedisServer();
      for (const n of sizes) {
        const members: Child[] = [];
        for (let i = 0; i < n; i++)
          members.push(
            await child([
              'gateway',
              baseUrl,
              join(dir, `fleet-${n}-${i}`),
              'memory',
              `${redis.url},bench-${n}-${i},bench-${n}`,
            ]),
          );
        fleets.push({ name: `fleet of ${n}, Redis budget`, members });
        gateways.push({ name: fleets[fleets.length - 1].name, c: members[0], stats: true });
      }
    }
  }
  let portkey: Portkey | null = null;
  if (LEDGERS.includes('portkey')) {
    if (portkeyEntry()) portkey = await startPortkey({ nodeFlags: process.env.BENCH_GW_FLAGS?.split(' ') });
    else console.log('portkey: @portkey-ai/gateway is not installed, not run');
  }
  const targets: Target[] = [
    { name: 'direct', url: `${baseUrl}/chat/completions`, headers: {}, pid: null, loop: null },
    ...gateways.map((g) => ({
      name: g.name,
      url: `${String(g.c.ready.url)}/v1/chat/completions`,
      headers: { authorization: `Bearer ${String(g.c.ready.token)}` },
      pid: Number(g.c.ready.pid),
      loop: g.stats ? g.c.loop : null,
      more: fleets
        .find((f) => f.name === g.name)
        ?.members.slice(1)
        .map((m) => ({
          url: `${String(m.ready.url)}/v1/chat/completions`,
          headers: { authorization: `Bearer ${String(m.ready.token)}` },
        })),
    })),
    ...(portkey
      ? [
          {
            name: PORTKEY,
            url: `${portkey.url}/v1/chat/completions`,
            headers: portkey.headersFor(baseUrl),
            pid: portkey.pid,
            loop: null,
          },
        ]
      : []),
  ];
  const upPid = Number(up.ready.pid);
  console.log(
    `gateway benchmark: ${cpus().length} CPUs, node ${process.version}, ${SECONDS} s per target and load (${ROUNDS} interleaved slices in random order, BENCH_SEED=${SEED}); upstream, ${gateways.length} proxies and the load generator on one machine`,
  );
  const loadStart = loadavg()[0];
  const diskSync = fsyncProfile(dir);
  const shmSync = shm ? fsyncProfile(shm) : null;
  console.log(
    `fdatasync of a 600-byte append: ${tmpdir()} p50 ${fmt(diskSync.p50)} / p99 ${fmt(diskSync.p99)} / max ${fmt(diskSync.max)} ms` +
      (shmSync
        ? `; /dev/shm p50 ${fmt(shmSync.p50)} / p99 ${fmt(shmSync.p99)} / max ${fmt(shmSync.max)} ms`
        : '; no /dev/shm'),
  );
  try {
    for (const t of targets) {
      await split(t, (url, headers, share) => maxLoad(url, headers, 2, Math.round(MAX_CONNECTIONS * share))); // warm-up: JIT, pools
      await split(t, (url, headers, share) =>
        openLoop(url, headers, BODY, RATE * share, 1, Math.round(OPEN_LOOP_CONNECTIONS * share)),
      );
    }
    const slice = SECONDS / ROUNDS;
    const fixed = await rounds(targets, upPid, (t, measuring) =>
      split(t, (url, headers, share) =>
        openLoop(
          url,
          headers,
          BODY,
          RATE * share,
          slice,
          Math.round(OPEN_LOOP_CONNECTIONS * share),
          LEAD_IN_SECONDS,
          measuring,
        ),
      ),
    );
    const max = RUN_MAX
      ? await rounds(targets, upPid, (t, measuring) => {
          measuring();
          return split(t, (url, headers, share) =>
            maxLoad(url, headers, slice, Math.round(MAX_CONNECTIONS * share)),
          );
        })
      : null;

    console.log(
      `\nFIXED RATE ${RATE} req/s, open loop (raw keep-alive sockets, ≤ ${OPEN_LOOP_CONNECTIONS} connections; +p50/+p99 = added over direct)`,
    );
    console.log(header());
    fixed.forEach((r, i) => console.log(line(targets[i].name, r, i ? fixed[0] : null)));
    console.log(
      `  send lag p99 (load generator behind schedule): ${fixed.map((r) => fmt(r.lagP99)).join(' / ')} ms`,
    );
    const loopLine = (r: Measured, i: number): string | null =>
      r.loop
        ? `  ${targets[i].name}: inside p50/p99 ${quantiles(r.loop.inside)} ms; of that, the upstream call ` +
          `${quantiles(r.loop.upstream)} and the wait for the ledger ${quantiles(r.loop.ledgerWaits)} ms; ` +
          `GC pauses ≤ ${fmt(r.loop.gcMax)} ms, ${fmt(r.loop.gcTotal / SECONDS, 1)} ms per s`
        : null;
    console.log(
      "  where a proxy's time goes (per request, from node:http's request event to the answer's last byte):",
    );
    fixed.forEach((r, i) => {
      const l = loopLine(r, i);
      if (l) console.log(l);
    });
    if (max) {
      console.log(
        `\nMAX THROUGHPUT (autocannon, ${MAX_CONNECTIONS} connections, pipelining 1; ratio = gateway / direct)`,
      );
      console.log(header());
      max.forEach((r, i) => console.log(line(targets[i].name, r, i ? max[0] : null)));
    }

    const byName = (rs: Measured[], name: string): Measured | undefined =>
      rs[targets.findIndex((t) => t.name === name)];
    const summary = (name: string): string => {
      const f = byName(fixed, name);
      const m = max && byName(max, name);
      if (!f) return `${name}: not run`;
      const latency = `${name}: +p50 ${fmt(f.p50 - fixed[0].p50)} ms, +p99 ${fmt(f.p99 - fixed[0].p99)} ms at ${RATE} req/s`;
      if (!max || !m) return `${latency}; max throughput not run (BENCH_MAX=0)`;
      return (
        `${latency}; ${fmt(m.rps, 0)} req/s max (${fmt(m.rps / max[0].rps, 2)} of direct); ` +
        `proxy CPU ${fmt(m.cpu.gateway, 0)} µs/req → ~${fmt(1e6 / m.cpu.gateway, 0)} req/s if it had one core to itself`
      );
    };
    console.log(
      `\nmachine load average (1 min) at start ${fmt(loadStart, 2)}, at end ${fmt(loadavg()[0], 2)} on ${cpus().length} CPUs: other work on the machine shows up in the tails`,
    );
    console.log('\nSUMMARY (targets: +p99 < 2 ms at 1,000 req/s; > 10,000 req/s through the gateway)');
    for (const g of gateways) console.log(`  ${summary(g.name)}`);
    const pk = max && portkey ? byName(max, PORTKEY) : undefined;
    if (max && pk) {
      console.log(`  ${summary(PORTKEY)}`);
      const times = gateways
        .map((g) => {
          const m = byName(max, g.name);
          return m ? `${g.name} ${fmt(m.rps / pk.rps, 2)}x` : null;
        })
        .filter((x) => x !== null);
      console.log(
        `  max throughput as a multiple of Portkey's (target: gateway >= 10x): ${times.join('; ')}`,
      );
    }
    const local = byName(fixed, 'gateway, no-disk ledger');
    for (const f of fleets) {
      const r = byName(fixed, f.name);
      const m = max && byName(max, f.name);
      const localMax = max && byName(max, 'gateway, no-disk ledger');
      if (!r) continue;
      console.log(
        `  ${f.name}: ` +
          (local
            ? `the shared budget adds +p50 ${fmt(r.p50 - local.p50)} ms, +p99 ${fmt(r.p99 - local.p99)} ms over the local budget at ${RATE} req/s`
            : `p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms at ${RATE} req/s (run \`memory\` too for the local budget)`) +
          (m
            ? `; ${fmt(m.rps, 0)} req/s max${localMax ? ` (${fmt(m.rps / localMax.rps, 2)} of the local budget's)` : ''}`
            : '') +
          (f.members.length > 1
            ? `; load split over ${f.members.length} instances, CPU of the first only`
            : ''),
      );
    }
    if (max)
      console.log(
        `  direct: ${fmt(max[0].rps, 0)} req/s; upstream ${fmt(max[0].cpu.upstream, 0)} + load generator ${fmt(max[0].cpu.loadgen, 0)} CPU µs/req already`,
      );
  } finally {
    for (const g of gateways) {
      g.c.proc.kill('SIGTERM');
      console.log(`${g.name} at exit: ${await g.c.done}`);
    }
    for (const f of fleets)
      for (const m of f.members.slice(1)) {
        m.proc.kill('SIGTERM');
        console.log(`${f.name} (other instance) at exit: ${await m.done}`);
      }
    await redis?.close();
    await portkey?.stop();
    up.proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    if (shm) rmSync(shm, { recursive: true, force: true });
  }
}

const [role, ...rest] = process.argv.slice(2);
if (role === 'upstream') void upstreamMain();
else if (role === 'gateway') void gatewayMain(rest[0], rest[1], rest[2], rest[3]);
else if (role === 'bare') void bareProxyMain(rest[0], rest[1]);
else
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
