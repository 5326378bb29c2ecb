// Gateways of one fleet for the end-to-end tests: each started in-process exactly as `penin serve
// --config FILE --redis URL --instance NAME` starts (runServe), with its own data folder and ledger
// file, a fake upstream as provider, and the official OpenAI SDK as client. Or, for SIGKILL, as a
// separate process running the built CLI.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type OpenAI from 'openai';
import { runServe } from '../../electron/cli/serve-command';
import type { Core } from '../../electron/core/core';
import type { ConfigInput } from '../../electron/core/config/config';
import { readEntries } from '../../electron/ledger/read';
import type { Pcag } from '../../electron/ledger/types';
import { PyFloat } from '../../electron/ledger/pyfloat';
import { CLI } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import type { FakeUpstream } from '../gateway/fake-upstream';
import { clientFor, MODEL, PRICE } from '../gateway/harness';

export const TOKEN = 'fleet-test-token-0123456789';

export interface FleetSetup {
  redisUrl: string;
  namespace: string;
  dailyLimitUsd: number;
  upstream: FakeUpstream;
  /** Short, so a dead instance's holds expire within a test. */
  reservationTtlMs?: number;
  commandTimeoutMs?: number;
  breaker?: ConfigInput['breaker'];
}

/** A config file for one instance (the fleet section names Redis; --redis says it again). */
export function writeConfig(dir: string, s: FleetSetup): string {
  const config = {
    dailyLimitUsd: s.dailyLimitUsd,
    timeZone: 'UTC',
    softLimitMode: 'warn',
    breaker: s.breaker ?? {
      failureThreshold: 2,
      timeoutMs: 60_000,
      successThreshold: 1,
      halfOpenMaxCalls: 1,
    },
    providers: [
      {
        name: s.upstream.name,
        kind: s.upstream.wire,
        baseUrl: s.upstream.baseUrl,
        priority: 10,
        timeoutMs: 10_000,
        models: [{ id: MODEL, ...PRICE, maxOutputTokens: 64 }],
      },
    ],
    fleet: {
      redis: s.redisUrl,
      namespace: s.namespace,
      reservationTtlMs: s.reservationTtlMs ?? 120_000,
      commandTimeoutMs: s.commandTimeoutMs ?? 1000,
    },
  };
  const path = join(dir, 'config.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

export interface Instance {
  name: string;
  core: Core;
  client: OpenAI;
  ledgerPath: string;
  out: () => string;
  /** Stops it as SIGINT would (in-flight requests finish, the ledger is closed). */
  stop(): Promise<number>;
}

/** One gateway of the fleet, in this process, through runServe (the `penin serve` path). */
/** `penin serve`'s arguments for one fleet member: its config, Redis, name, token and data folder. */
function serveArgs(name: string, s: FleetSetup, dir: string): string[] {
  const config = writeConfig(dir, s);
  return [
    '--config',
    config,
    '--redis',
    s.redisUrl,
    '--instance',
    name,
    '--port',
    '0',
    '--token',
    TOKEN,
    '--data-dir',
    dir,
  ];
}

export async function startInstance(name: string, s: FleetSetup): Promise<Instance> {
  const dir = tmpDir(`penin-fleet-${name}-`);
  const ledgerPath = join(dir, 'ledger.jsonl');
  const argv = [...serveArgs(name, s, dir), '--ledger', ledgerPath];
  const abort = new AbortController();
  let out = '';
  let ready: (c: Core) => void = () => undefined;
  const up = new Promise<Core>((r) => (ready = r));
  const exit = runServe(argv, {
    env: {},
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
    signal: abort.signal,
    onReady: (c) => ready(c),
  });
  const core = await Promise.race([
    up,
    exit.then((code): never => {
      throw new Error(`penin serve (${name}) exited ${code}:\n${out}`);
    }),
  ]);
  return {
    name,
    core,
    client: clientFor(core.url, core.token),
    ledgerPath,
    out: () => out,
    stop: () => {
      abort.abort();
      return exit;
    },
  };
}

/** One gateway of the fleet as its own process (the built CLI), for SIGKILL. */
export async function spawnInstance(
  name: string,
  s: FleetSetup,
): Promise<{ child: ChildProcess; url: string; client: OpenAI; out: () => string }> {
  const dir = tmpDir(`penin-fleet-${name}-`);
  const child = spawn(process.execPath, [CLI, 'serve', ...serveArgs(name, s, dir)], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const deadline = Date.now() + 20_000;
  let url = '';
  while (url === '') {
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)\/v1/.exec(out)?.[1] ?? '';
    if (child.exitCode !== null) throw new Error(`penin serve (${name}) exited ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`penin serve (${name}) did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, url, client: clientFor(url, TOKEN), out: () => out };
}

/** Every entry of a ledger file. */
export async function ledgerEntries(path: string): Promise<Pcag[]> {
  const out: Pcag[] = [];
  for await (const e of readEntries(path)) if (e.entry) out.push(e.entry);
  return out;
}

export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.pyFloat;
  return 0;
}

/** The costs a ledger's entries record, summed. */
export function ledgerCost(entries: readonly Pcag[]): number {
  return entries.reduce((sum, e) => sum + num(e.metrics.cost_usd), 0);
}
