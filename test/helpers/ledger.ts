// Builds ledgers for tests with the real writer.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerWriter } from '../../electron/ledger/writer';
import type { DecisionData } from '../../electron/ledger/types';
import { tmpDir } from './tmp';

export function decision(i: number): DecisionData {
  return {
    decision_id: `d-${i}`,
    decision: i % 3 === 0 ? 'BLOCK' : 'ROUTE',
    reason: `request ${i} — routed`,
    delta_linf: i / 7,
    metrics: {
      provider: i % 2 ? 'openai' : 'anthropic',
      cost_usd: i * 0.00125,
      tokens: 100 + i,
      nested: { b: 1, a: [1.0, 'é'] },
    },
    violations: i % 3 === 0 ? ['budget_soft_limit'] : [],
    gates_passed: { budget: i % 3 !== 0, breaker: true },
  };
}

export async function writeLedger(n: number, path = join(tmpDir(), 'ledger.jsonl')): Promise<string> {
  const w = await LedgerWriter.open(path);
  await Promise.all(Array.from({ length: n }, (_, i) => w.append(decision(i))));
  await w.close();
  return path;
}

export function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').slice(0, -1);
}

export function writeLines(path: string, ls: string[]): void {
  writeFileSync(path, ls.map((l) => l + '\n').join(''));
}
