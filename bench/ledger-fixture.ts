// Writes a realistic ledger for benchmarks: entries as the gateway writes them (~600 bytes each),
// chained exactly as LedgerWriter chains them, written in large chunks (no fsync per entry).
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createPcag, pcagLine } from '../electron/ledger/pcag';
import { GENESIS_HASH, type DecisionData } from '../electron/ledger/types';

const PROVIDERS = ['openai', 'anthropic', 'mistral', 'deepseek', 'groq'];
const MODELS = [
  'gpt-4o-mini',
  'claude-3-5-haiku-latest',
  'mistral-small-latest',
  'deepseek-chat',
  'llama-3.1-8b-instant',
];

export function realisticDecision(i: number): DecisionData {
  const p = i % PROVIDERS.length;
  const blocked = i % 17 === 0;
  const prompt = 200 + ((i * 37) % 900);
  const completion = 50 + ((i * 53) % 400);
  return {
    decision_id: `0b9e${i.toString(16).padStart(8, '0')}-7c1d-4f5e-9a2b-${((i * 2654435761) % 2 ** 32).toString(16).padStart(12, '0')}`,
    decision: blocked ? 'BLOCK' : 'ROUTE',
    reason: blocked
      ? 'budget soft limit reached (95.2% of $50.00 used)'
      : `served by ${PROVIDERS[p]} on the first attempt`,
    metrics: {
      provider: PROVIDERS[p],
      model: MODELS[p],
      attempts: [
        {
          provider: PROVIDERS[p],
          outcome: blocked ? 'skipped' : 'ok',
          status: 200,
          latency_ms: 180 + (i % 700),
        },
      ],
      prompt_tokens: prompt,
      completion_tokens: completion,
      cost_usd: (prompt * 0.15 + completion * 0.6) / 1e6,
      latency_ms: 181.25 + (i % 700),
      cache: i % 5 === 0 ? 'hit' : 'miss',
      stream: i % 3 === 0,
    },
    violations: blocked ? ['budget_soft_limit'] : [],
    gates_passed: { budget: !blocked, breaker: true, cache_integrity: true },
  };
}

export function writeFixture(path: string, entries: number): number {
  const fd = openSync(path, 'w');
  let prev = GENESIS_HASH;
  let bytes = 0;
  const t0 = Date.UTC(2026, 10, 25, 0, 0, 0);
  let chunk: string[] = [];
  for (let i = 0; i < entries; i++) {
    const p = createPcag(realisticDecision(i), prev, new Date(t0 + i * 37));
    prev = p.current_hash;
    chunk.push(pcagLine(p));
    if (chunk.length === 10_000 || i === entries - 1) {
      const s = chunk.join('\n') + '\n';
      bytes += writeSync(fd, s);
      chunk = [];
    }
  }
  closeSync(fd);
  return bytes;
}

/** The `n`-entry fixture in `dir` (bench/out), written the first time a bench asks for it. */
export function fixture(dir: string, n: number): string {
  const path = join(dir, `ledger-${n}.jsonl`);
  if (!existsSync(path)) {
    process.stdout.write(`writing a ${n.toLocaleString('en')}-entry fixture (once; kept in bench/out)… `);
    const t0 = process.hrtime.bigint();
    writeFixture(path, n);
    console.log(`${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
  }
  return path;
}
