// Gateway overhead benchmark: `node scripts/run-bench.mjs gateway`.
//
// Processes: a fake OpenAI-wire upstream (zero latency); the gateway as shipped (core with budget,
// breakers, cache — bypassed: temperature 0.7 — and a real on-disk LedgerWriter, fdatasync per
// group commit); the same gateway with a ledger that builds each PCAg but skips the disk (to tell the gateway's own cost from the
// disk's); and this one, driving autocannon. The same request goes directly to the upstream and
// through each gateway, at 1,000 req/s and at max throughput. Latency percentiles come from every
// response's exact time (autocannon's histogram rounds to whole ms). Figures are printed, not asserted.
// Targets: p99 added latency < 2 ms at 1,000 req/s; > 10,000 req/s through the gateway.
// Note on "1,000 req/s": autocannon paces per second (each connection sends back-to-back until its
// quota for the second is used), so the fixed-rate runs use 2 connections: at most 2 in flight.
// BENCH_SECONDS (default 8) sets each measured run's length.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
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

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const MAX_CONNECTIONS = 128;
const FIXED_RATE_CONNECTIONS = 2;
const BODY = JSON.stringify({
  model: 'bench-model',
  messages: [{ role: 'user', content: 'Say hello in five words.' }],
  temperature: 0.7, // not cacheable: every request goes upstream
  max_tokens: 32,
});

async function upstreamMain(): Promise<void> {
  const { SimProvider } = await import('../electron/core/demo/sim-provider');
  const sim = await SimProvider.start({
    name: 'bench-upstream',
    wire: 'openai',
    latencyMs: { min: 0, max: 0 },
    errorRate: 0,
  });
  console.log(`READY ${JSON.stringify({ baseUrl: sim.baseUrl })}`);
}

/** A ledger that builds and chains each PCAg but writes nothing: the gateway's cost without the disk's. */
class NoDiskLedger implements LedgerSink {
  entries = 0;
  private head = GENESIS_HASH;
  async append(d: DecisionData): Promise<Pcag> {
    const p = createPcag(d, this.head, new Date());
    this.head = p.current_hash;
    this.entries += 1;
    return p;
  }
  async close(): Promise<void> {}
}

async function gatewayMain(baseUrl: string, dir: string, ledgerKind: string): Promise<void> {
  const { createCore } = await import('../electron/core/core');
  const { parseConfig } = await import('../electron/core/config');
  const { LedgerWriter } = await import('../electron/ledger/writer');
  const ledgerPath = join(dir, 'ledger.jsonl');
  const ledger = ledgerKind === 'disk' ? await LedgerWriter.open(ledgerPath) : new NoDiskLedger();
  const config = parseConfig({
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
  const core = await createCore({ dataDir: dir, config, ledger, port: 0, env: {} });
  console.log(`READY ${JSON.stringify({ url: core.url, token: core.token })}`);
  process.once('SIGTERM', () => {
    void (async () => {
      await core.close();
      const entries = ledger.entries;
      await ledger.close();
      const b = core.budget.snapshot();
      console.log(
        `DONE ${JSON.stringify({ ledger: ledgerKind, entries, requests: b.requests, spendUsd: b.spendUsd, breakers: core.breakers.list().map((x) => x.state) })}`,
      );
      process.exit(0);
    })();
  });
}

/** Starts this file in another role; resolves with the JSON of its READY line. */
function child(
  args: string[],
): Promise<{ proc: ChildProcess; ready: Record<string, string>; done: Promise<string> }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/gateway.bench.ts', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: proc.stdout as NodeJS.ReadableStream });
  let onDone: (s: string) => void = () => {};
  const done = new Promise<string>((r) => (onDone = r));
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${args[0]} exited early (${code})`)));
    lines.on('line', (line) => {
      if (line.startsWith('READY '))
        resolve({ proc, ready: JSON.parse(line.slice(6)) as Record<string, string>, done });
      else if (line.startsWith('DONE ')) onDone(line.slice(5));
      else console.log(`[${args[0]}] ${line}`);
    });
  });
}

interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function load(
  url: string,
  headers: Record<string, string>,
  opts: { rate?: number; seconds: number },
): Promise<RunResult> {
  const times: number[] = [];
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: BODY,
    connections: opts.rate ? FIXED_RATE_CONNECTIONS : MAX_CONNECTIONS,
    duration: opts.seconds,
    ...(opts.rate ? { overallRate: opts.rate } : {}),
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) times.push(ms);
  });
  const r = await instance;
  const sorted = Float64Array.from(times).sort();
  return {
    rps: r.requests.total / r.duration,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

const fmt = (n: number, d = 3): string => n.toFixed(d);

function row(name: string, d: RunResult, g: RunResult): string {
  return (
    `${name.padEnd(46)} | ${fmt(g.rps, 0).padStart(7)} | ${fmt(g.rps / d.rps, 2).padStart(5)} | ` +
    `${fmt(g.p50)}/${fmt(g.p99)}`.padStart(15) +
    ` | ${fmt(g.p50 - d.p50).padStart(9)} | ${fmt(g.p99 - d.p99).padStart(9)} | ${g.non2xx}/${g.errors}`
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'penin-bench-'));
  const up = await child(['upstream']);
  const disk = await child(['gateway', up.ready.baseUrl, join(dir, 'disk'), 'disk']);
  const mem = await child(['gateway', up.ready.baseUrl, join(dir, 'memory'), 'memory']);
  const targets = {
    direct: { url: `${up.ready.baseUrl}/chat/completions`, headers: {} },
    disk: {
      url: `${disk.ready.url}/v1/chat/completions`,
      headers: { authorization: `Bearer ${disk.ready.token}` },
    },
    memory: {
      url: `${mem.ready.url}/v1/chat/completions`,
      headers: { authorization: `Bearer ${mem.ready.token}` },
    },
  };
  console.log(
    `gateway benchmark: ${cpus().length} CPUs, node ${process.version}, ${SECONDS} s per run, upstream + 2 gateways + autocannon on one machine`,
  );
  try {
    for (const t of Object.values(targets)) await load(t.url, t.headers, { seconds: 2 }); // warm-up: JIT, pools

    const results: { name: string; direct: RunResult; disk: RunResult; memory: RunResult }[] = [];
    for (const rate of [1000, undefined]) {
      const direct = await load(targets.direct.url, targets.direct.headers, { rate, seconds: SECONDS });
      const d = await load(targets.disk.url, targets.disk.headers, { rate, seconds: SECONDS });
      const m = await load(targets.memory.url, targets.memory.headers, { rate, seconds: SECONDS });
      results.push({
        name: rate ? `${rate} req/s (${FIXED_RATE_CONNECTIONS} conns)` : `max (${MAX_CONNECTIONS} conns)`,
        direct,
        disk: d,
        memory: m,
      });
    }
    console.log(
      `\n${'run'.padEnd(46)} | req/s   | ratio | p50/p99 ms      | +p50 ms   | +p99 ms   | non-2xx/errors`,
    );
    for (const r of results) {
      console.log(
        `${`${r.name}: direct`.padEnd(46)} | ${fmt(r.direct.rps, 0).padStart(7)} |  1.00 | ${`${fmt(r.direct.p50)}/${fmt(r.direct.p99)}`.padStart(15)} |           |           | ${r.direct.non2xx}/${r.direct.errors}`,
      );
      console.log(row(`${r.name}: gateway, disk ledger`, r.direct, r.disk));
      console.log(row(`${r.name}: gateway, no-disk ledger`, r.direct, r.memory));
    }
    const [fixed, max] = results;
    console.log(
      `\ntarget p99 added latency < 2 ms at 1,000 req/s: ${fmt(fixed.disk.p99 - fixed.direct.p99)} ms with the on-disk ledger, ${fmt(fixed.memory.p99 - fixed.direct.p99)} ms without its fdatasync`,
    );
    console.log(
      `target > 10,000 req/s through the gateway: ${fmt(max.disk.rps, 0)} req/s with the on-disk ledger (${fmt(max.disk.rps / max.direct.rps, 2)} of direct), ${fmt(max.memory.rps, 0)} without`,
    );
  } finally {
    for (const c of [disk, mem]) {
      c.proc.kill('SIGTERM');
      console.log(`gateway at exit: ${await c.done}`);
    }
    up.proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

const [role, ...rest] = process.argv.slice(2);
if (role === 'upstream') void upstreamMain();
else if (role === 'gateway') void gatewayMain(rest[0], rest[1], rest[2]);
else
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
