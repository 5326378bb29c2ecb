// `penin serve`: runs the router core headless (the OpenAI-compatible gateway) until SIGINT/SIGTERM.
// Exit codes: 0 stopped cleanly, 1 could not start (port taken, ledger locked...), 2 bad flags or config.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, fleetConfigSchema, loadConfigFile, type Config } from '../core/config/config';
import { createCore, DEFAULT_GATEWAY_PORT, type Core } from '../core/core';
import { defaultConfig } from '../core/config/default-config';
import { DEMO_BANNER, DEMO_MODELS, startDemoProviders, type Demo } from '../core/demo/demo-config';
import { startTraffic, type Traffic } from '../core/demo/traffic';
import { checkToken, TOKEN_FILE } from '../core/http/gateway-token';
import { maskSecret } from './mask-secret';
import { redactUrl } from '../core/redis/redis-connection';
import { LedgerWriter } from '../ledger/writer';
import { loadOrCreateSigningKey } from '../ledger/signing-key';
import { serveConsoleUi, type ConsoleUi } from '../serve/ui-server';
import type { Alert } from '../../shared/domain';

export const SERVE_USAGE = `usage: penin serve [options]

  --config FILE     providers, prices, budget (JSON or YAML); default: built-in config
                    (OpenAI, Anthropic, Mistral, DeepSeek, Groq; each active when its key variable is set)
  --port N          gateway port on 127.0.0.1 (default ${DEFAULT_GATEWAY_PORT}; 0 = any free port)
  --token T         bearer token applications must send (or env PENIN_TOKEN; default: generated
                    once and kept in DATA_DIR/gateway-token)
  --data-dir DIR    token, cache key, ledger signing key (default ~/.penin-console)
  --ledger FILE     WORM ledger (default DATA_DIR/ledger.jsonl)
  --checkpoint-every N    sign a ledger checkpoint every N entries (default 1000)
  --checkpoint-seconds T  ... or T seconds after the first unsigned entry (default 60)
  --redis URL       join a fleet: share the daily budget and the circuit breakers with every
                    gateway on this Redis (redis:// or rediss://); also \`fleet: { redis: URL }\`
                    in the config file. Redis down: requests get 503 budget_unavailable
  --instance NAME   this gateway's name in the fleet (ledger metrics, spend by instance;
                    default HOST:PORT)
  --demo            add SIMULATED providers and traffic on loopback; everything it writes (ledger,
                    spend, token, keys) goes to DATA_DIR/demo/, never to the real ledger or budget
  --help            this text
`;

export interface ServeOptions {
  configPath: string | null;
  port: number;
  token: string | null;
  /** The data folder in use: DATA_DIR, or DATA_DIR/demo with --demo. */
  dataDir: string;
  ledgerPath: string;
  demo: boolean;
  checkpointEvery: number;
  checkpointSeconds: number;
  /** --redis: join (or override the config file's) fleet on this Redis. */
  redis: string | null;
  /** --instance: this gateway's name in its fleet. */
  instance: string | null;
}

export interface ServeIo {
  env?: NodeJS.ProcessEnv;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  /** Stops the server like SIGINT (for tests and embedding). */
  signal?: AbortSignal;
  /** Called once the gateway is up. */
  onReady?: (core: Core) => void;
}

class UsageError extends Error {}

/** The demo's own data folder, under DATA_DIR. */
export const DEMO_DIR = 'demo';

/** Flags → options; throws UsageError with a message for the user. */
export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv): ServeOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        token: { type: 'string' },
        'data-dir': { type: 'string' },
        ledger: { type: 'string' },
        demo: { type: 'boolean' },
        redis: { type: 'string' },
        instance: { type: 'string' },
        'checkpoint-every': { type: 'string' },
        'checkpoint-seconds': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  let port = DEFAULT_GATEWAY_PORT;
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65_535)
      throw new UsageError(`--port must be an integer from 0 to 65535, got "${values.port}"`);
    port = Number(values.port);
  }
  const positive = (flag: string, v: string | undefined, dflt: number): number => {
    if (v === undefined) return dflt;
    if (!/^\d{1,9}$/.test(v) || Number(v) < 1)
      throw new UsageError(`--${flag} must be a whole number >= 1, got "${v}"`);
    return Number(v);
  };
  const checkpointEvery = positive('checkpoint-every', values['checkpoint-every'], 1000);
  const checkpointSeconds = positive('checkpoint-seconds', values['checkpoint-seconds'], 60);
  const token = values.token ?? env.PENIN_TOKEN ?? null;
  if (token !== null) {
    try {
      checkToken(token, values.token !== undefined ? '--token' : 'PENIN_TOKEN');
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (values.redis !== undefined && !/^rediss?:\/\/./.test(values.redis))
    throw new UsageError(`--redis must be a redis:// or rediss:// URL, got "${values.redis}"`);
  if (values.instance !== undefined && values.instance.trim() === '')
    throw new UsageError('--instance needs a name');
  for (const f of ['config', 'data-dir', 'ledger'] as const) {
    if (values[f] !== undefined && values[f].trim() === '') throw new UsageError(`--${f} needs a path`);
  }
  const demo = values.demo ?? false;
  // Simulated spend and entries must never land in the real ledger or budget: the demo keeps its
  // own data folder, and a ledger named on the command line is refused rather than mixed with it.
  if (demo && values.ledger !== undefined)
    throw new UsageError(
      `--ledger cannot be used with --demo: the demo keeps its own ledger in ${join('DATA_DIR', DEMO_DIR, 'ledger.jsonl')}`,
    );
  const baseDir = resolve(values['data-dir'] ?? join(homedir(), '.penin-console'));
  const dataDir = demo ? join(baseDir, DEMO_DIR) : baseDir;
  return {
    configPath: values.config ?? null,
    port,
    token,
    dataDir,
    ledgerPath: resolve(values.ledger ?? join(dataDir, 'ledger.jsonl')),
    demo,
    checkpointEvery,
    checkpointSeconds,
    redis: values.redis ?? null,
    instance: values.instance?.trim() ?? null,
  };
}

/** The config's `fleet:` section with --redis / --instance applied (validated as the file's). */
export function withFleetFlags(config: Config, opts: Pick<ServeOptions, 'redis' | 'instance'>): Config {
  if (opts.redis === null && opts.instance === null) return config;
  const redis = opts.redis ?? config.fleet?.redis;
  if (redis === undefined)
    throw new UsageError('--instance needs --redis (or fleet.redis in the config file)');
  const r = fleetConfigSchema.safeParse({
    ...config.fleet,
    redis,
    ...(opts.instance === null ? {} : { instance: opts.instance }),
  });
  if (!r.success)
    throw new UsageError(`--redis / --instance: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return { ...config, fleet: r.data };
}

function describeStart(core: Core, opts: ServeOptions, ledger: LedgerWriter): string {
  // Masked: stdout ends up in logs. Applications read the token from its file.
  const where =
    opts.token === null
      ? `in full in ${join(opts.dataDir, TOKEN_FILE)}`
      : 'the one given by --token / PENIN_TOKEN';
  const lines = [
    `PENIN gateway listening on ${core.url}/v1 (OpenAI-compatible: use it as your SDK's base URL)`,
    `token: ${maskSecret(core.token)} (${where})`,
    `ledger: ${opts.ledgerPath} (${ledger.entries} entries)`,
    `budget: $${core.config.dailyLimitUsd} a day (${core.config.timeZone}), spent today $${core.budgetView.snapshot().spendUsd.toFixed(4)}${core.instance === null ? '' : ' by the fleet'}`,
    ...(core.instance === null || !core.config.fleet
      ? []
      : [
          `fleet: instance "${core.instance}" on ${redactUrl(core.config.fleet.redis)} (namespace ${core.config.fleet.namespace}): budget and breakers shared`,
        ]),
    'providers:',
    ...core.providers.map((p) => `  ${p.name} (${p.kind}) ${p.active ? 'active' : `inactive: ${p.note}`}`),
  ];
  if (!core.providers.some((p) => p.active))
    lines.push('  (no provider is active: set a key variable above, or use --demo)');
  return `${lines.join('\n')}\n`;
}

/** Resolves when SIGINT/SIGTERM arrives or `signal` aborts. */
function stopRequested(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolveStop) => {
    const done = (why: string): void => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolveStop(why);
    };
    const onInt = (): void => done('SIGINT');
    const onTerm = (): void => done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (signal?.aborted) done('abort');
    else signal?.addEventListener('abort', () => done('abort'), { once: true });
  });
}

export async function runServe(argv: string[], io: ServeIo = {}): Promise<number> {
  const out = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const err = io.stderr ?? ((t: string) => void process.stderr.write(t));
  const env = io.env ?? process.env;

  let opts: ServeOptions;
  let config: Config;
  try {
    const parsed = parseServeArgs(argv, env);
    if (parsed === 'help') {
      out(SERVE_USAGE);
      return 0;
    }
    opts = parsed;
    config = withFleetFlags(opts.configPath ? loadConfigFile(opts.configPath) : defaultConfig(), opts);
  } catch (e) {
    if (e instanceof UsageError) err(`penin serve: ${e.message}\n\n${SERVE_USAGE}`);
    else if (e instanceof ConfigError) err(`penin serve: ${e.message}\n`);
    else throw e;
    return 2;
  }

  let demo: Demo | null = null;
  let ledger: LedgerWriter | null = null;
  let core: Core | null = null;
  let traffic: Traffic | null = null;
  let ui: ConsoleUi | null = null;
  try {
    if (opts.demo) {
      demo = await startDemoProviders(config);
      config = demo.config;
    }
    // Checkpoints signed with the install's key, kept outside the ledger (0600): see README, threat model.
    const signingKeyPath = join(opts.dataDir, 'ledger-signing-key.pem');
    const signingKey = loadOrCreateSigningKey(signingKeyPath);
    ledger = await LedgerWriter.open(opts.ledgerPath, {
      checkpoints: {
        key: signingKey,
        everyEntries: opts.checkpointEvery,
        everyMs: opts.checkpointSeconds * 1000,
      },
    });
    core = await createCore({
      dataDir: opts.dataDir,
      config,
      ledger,
      port: opts.port,
      token: opts.token ?? undefined,
      ledgerPath: opts.ledgerPath,
      env,
    });
    out(describeStart(core, opts, ledger));
    if (demo) {
      out(`${DEMO_BANNER}\n`);
      out(
        `  demo data folder: ${opts.dataDir} (ledger, spend, token, keys); the real ones are not touched\n`,
      );
      out(
        `  fault injection: curl -X POST ${demo.sims[0].baseUrl.replace(/\/v1$/, '')}/__sim/fail -d '{"count":5}'\n`,
      );
      traffic = startTraffic({ url: core.url, token: core.token, models: DEMO_MODELS });
    }
    ui = await serveConsoleUi({
      core,
      ledger,
      demo: opts.demo,
      demoDataDir: opts.demo ? opts.dataDir : null,
      livePublicKeyPath: `${signingKeyPath}.pub`,
      fleetDir: opts.dataDir,
    });
    // The one line with a secret in full: the URL's fragment is the console's access token.
    out(`console: ${ui.url}  (SECRET: this URL holds the console's access token; do not share or log it)\n`);
    // Headless operators read alerts here: one line each, as the console shows them.
    ui.service.hub.subscribe((event, payload) => {
      if (event === 'alert:raised') out(`${alertLine(payload as Alert)}\n`);
    });
    io.onReady?.(core);
    const why = await stopRequested(io.signal);
    out(`penin serve: stopping (${why})\n`);
    return 0;
  } catch (e) {
    err(`penin serve: cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  } finally {
    await ui?.close();
    await traffic?.stop();
    await core?.close();
    await ledger?.close();
    await demo?.close();
  }
}

/** `alert [bad] 14:05:07Z Breaker openai opened: 5 consecutive failures…` */
function alertLine(a: Alert): string {
  return `alert [${a.tone}] ${new Date(a.at).toISOString().slice(11, 19)}Z ${a.title}: ${a.body}`;
}
