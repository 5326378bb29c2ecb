// Shared set-up for the gateway tests: an in-memory ledger, configs pointing at fake upstreams,
// a core on a free loopback port, and an official OpenAI SDK client for it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { createPcag } from '../../electron/ledger/pcag';
import { PyFloat } from '../../electron/ledger/pyfloat';
import {
  GENESIS_HASH,
  type DecisionData,
  type LedgerSink,
  type Pcag,
  type PyJson,
} from '../../electron/ledger/types';
import { parseConfig, type Config, type ConfigInput } from '../../electron/core/config/config';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core';
import type { FakeUpstream } from './fake-upstream';

/** A LedgerSink in memory; set `failWith` to make appends reject (disk full, lock lost...). */
export class MemoryLedger implements LedgerSink {
  readonly decisions: DecisionData[] = [];
  failWith: Error | null = null;
  private head = GENESIS_HASH;

  async append(d: DecisionData): Promise<Pcag> {
    await Promise.resolve();
    if (this.failWith) throw this.failWith;
    const p = createPcag(d, this.head, new Date());
    this.head = p.current_hash;
    this.decisions.push(d);
    return p;
  }

  /** Decisions whose metrics name this model (i.e. routing outcomes for it). */
  forModel(model: string): DecisionData[] {
    return this.decisions.filter((d) => d.metrics?.model === model);
  }

  last(): DecisionData {
    const d = this.decisions[this.decisions.length - 1];
    if (!d) throw new Error('the ledger is empty');
    return d;
  }
}

export const MODEL = 'test-model';
/** $1000 / $2000 per MTok: 10 prompt + 5 completion tokens cost exactly $0.02. */
export const PRICE = { inputPerMTok: 1000, outputPerMTok: 2000 };

export type ProviderInput = ConfigInput['providers'][number];

/** A provider entry for a fake upstream (keyless unless apiKeyEnv is given). */
export function providerFor(fake: FakeUpstream, extra: Partial<ProviderInput> = {}): ProviderInput {
  return {
    name: fake.name,
    kind: fake.wire,
    baseUrl: fake.baseUrl,
    priority: 10,
    timeoutMs: 2000,
    models: [{ id: MODEL, ...PRICE }],
    ...extra,
  };
}

export function testConfig(providers: ProviderInput[], extra: Partial<ConfigInput> = {}): Config {
  return parseConfig({
    dailyLimitUsd: 100,
    timeZone: 'UTC',
    policy: 'priority',
    breaker: { failureThreshold: 2, timeoutMs: 60_000, successThreshold: 1, halfOpenMaxCalls: 1 },
    providers,
    ...extra,
  });
}

export const TOKEN = 'test-token-0123456789abcdef';

export interface Running {
  core: Core;
  ledger: MemoryLedger;
  client: OpenAI;
  dataDir: string;
  close(): Promise<void>;
}

export async function startCore(config: Config, opts: Partial<CoreOptions> = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'penin-gw-'));
  const ledger = opts.ledger instanceof MemoryLedger ? opts.ledger : new MemoryLedger();
  const core = await createCore({
    dataDir,
    config,
    ledger,
    port: 0,
    token: TOKEN,
    cacheKey: new Uint8Array(32).fill(7),
    env: {},
    ...opts,
  });
  const client = clientFor(core.url, core.token);
  return {
    core,
    ledger,
    client,
    dataDir,
    close: async () => {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function clientFor(url: string, token: string): OpenAI {
  return new OpenAI({ baseURL: `${url}/v1`, apiKey: token, maxRetries: 0, timeout: 10_000 });
}

export const hello = [{ role: 'user' as const, content: 'Say hello' }];

/** Raw HTTP call to the gateway (for what the SDK would not send). */
export async function rawPost(
  url: string,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  json: { error?: Record<string, unknown> } & Record<string, unknown>;
  headers: Headers;
}> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });
  return {
    status: res.status,
    json: (await res.json()) as { error?: Record<string, unknown> },
    headers: res.headers,
  };
}

/** A metrics field of a decision. */
export function metric(d: DecisionData, key: string): PyJson | undefined {
  return d.metrics?.[key];
}

/** cost_usd of a decision as a number (it is stored as a Python float). */
export function costOf(d: DecisionData): number {
  const v = d.metrics?.cost_usd;
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.pyFloat;
  throw new Error(`cost_usd is not a number: ${String(v)}`);
}
