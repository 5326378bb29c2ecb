// Ledgers built by the seed's Python and rewritten the ways tools and people rewrite them:
// jq, Python's json under other settings, hand edits.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PyFloat } from '../../electron/ledger/pyfloat';
import { pyDumps } from '../../electron/ledger/pyjson-dump';
import type { PyJson } from '../../electron/ledger/types';
import { seedPython } from './python';
import { tmpDir } from './tmp';

/** Python's float `x.0` (JSON.stringify would write `1.0` as `1`). */
export const f = (x: number): PyFloat => new PyFloat(x);

/** Decision data as the seed's callers pass it: floats with integral values (1.0), accents. */
export function seedDecision(i: number, extra: { [k: string]: PyJson } = {}): { [k: string]: PyJson } {
  return {
    decision_id: `d-${i}`,
    decision: i % 3 === 0 ? 'BLOCK' : 'ROUTE',
    reason: `pedido ${i} — café`,
    delta_linf: 0.5,
    metrics: { cost_usd: f(1), tokens: 100 + i, provider: 'openai', ...extra },
    violations: [],
    gates_passed: { budget: true },
  };
}

/** A ledger of `n` entries written by the seed's WORMLedger (Python). */
export function pythonLedger(n: number, decision = (i: number): PyJson => seedDecision(i)): string {
  const path = join(tmpDir(), 'ledger.jsonl');
  const input = Array.from({ length: n }, (_, i) => pyDumps(decision(i), { sortKeys: false }));
  seedPython(['append', path], input.join('\n') + '\n');
  return path;
}

export const readLines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').slice(0, -1);
export const writeLinesTo = (path: string, ls: string[]): void =>
  writeFileSync(path, ls.map((l) => `${l}\n`).join(''));

/** Pipes text through a program (jq, python3), failing the test on error. */
export function through(cmd: string, args: string[], input: string): string {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** `jq -c FILTER` of one line (jq 1.6 writes 1.0 as 1 and rounds integers beyond 2^53). */
export const jq = (line: string, filter = '.'): string => through('jq', ['-c', filter], line).trimEnd();

/** Python: json.loads each line, `transform` (Python code on `e`), json.dumps with `dumpArgs`. */
export function pythonRewrite(line: string, dumpArgs: string, transform = ''): string {
  const code = [
    'import json, sys, unicodedata',
    'for line in sys.stdin:',
    '    e = json.loads(line)',
    ...(transform ? [`    ${transform}`] : []),
    `    print(json.dumps(e${dumpArgs ? `, ${dumpArgs}` : ''}))`,
  ].join('\n');
  return through('python3', ['-c', code], `${line}\n`).replace(/\n$/, '');
}
