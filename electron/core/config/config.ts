// Gateway configuration: the zod schema, and loading it from a JSON or YAML file.
// Every validation error names the path of the bad field, e.g. `providers[1].models[0].inputPerMTok`.
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { SOFT_LIMIT_MODES } from '../../../shared/domain';
import { assertTimeZone } from './time-zone';
import { readSmallTextSync } from '../../ledger/regular-file';

const price = z.number().finite().min(0, 'a price cannot be negative');
const positiveInt = z.number().int().positive();

/**
 * A model's output cap when its config sets none: the completion tokens reserved (and sent to
 * Anthropic, which requires a cap) for a request without max_tokens / max_completion_tokens.
 */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

export const modelPriceSchema = z.strictObject({
  /** The model id applications send (`model` in the request). */
  id: z.string().trim().min(1).max(200),
  /** USD per million input (prompt) tokens. */
  inputPerMTok: price,
  /** USD per million output (completion) tokens. */
  outputPerMTok: price,
  /**
   * The most tokens the model writes in one answer (its documented output limit). A request that
   * sets no max_tokens reserves this many completion tokens; OpenAI-compatible providers are not
   * sent it, so set it to the model's real limit (e.g. 16384 for gpt-4o) or a longer answer
   * exceeds its reservation (recorded as `reservation_exceeded`).
   */
  maxOutputTokens: positiveInt.max(10_000_000).default(DEFAULT_MAX_OUTPUT_TOKENS),
});

export const providerSchema = z.strictObject({
  /** Unique name: appears in the ledger, in breaker snapshots and in 502 messages. */
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/, 'use letters, digits, ".", "_" or "-"'),
  /** `openai` = any OpenAI-compatible chat.completions API; `anthropic` = the Messages API. */
  kind: z.enum(['openai', 'anthropic']),
  /** API root including the version, e.g. https://api.openai.com/v1 (we POST to /chat/completions or /messages). */
  baseUrl: z.url({
    protocol: /^https?$/,
    error: 'expected an http(s) URL such as https://api.openai.com/v1',
  }),
  /** Environment variable holding the API key. The provider is active only when it is set. Omit for keyless local servers. */
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name such as OPENAI_API_KEY')
    .optional(),
  /** Lower goes first under the `priority` policy. */
  priority: z.number().int().default(100),
  /** Per-attempt deadline: whole response for plain calls; first event and then each gap for streams. */
  timeoutMs: positiveInt.max(600_000).default(30_000),
  models: z.array(modelPriceSchema).min(1, 'a provider needs at least one model'),
});

/**
 * The `fleet:` section: several gateways share one budget and one set of breakers in Redis
 * (core/fleet/fleet.ts). `penin serve --redis URL --instance NAME` set or override it.
 */
export const fleetConfigSchema = z.strictObject({
  /** redis://[user:password@]host:port[/db] or rediss:// for TLS. */
  redis: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }),
  /** This gateway's name in the fleet (ledger metrics, spend by instance); default host:port. */
  instance: z.string().trim().min(1).max(200).optional(),
  /** Keys and channels of one fleet; several fleets can share a Redis under different names. */
  namespace: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1-64 letters, digits, ".", "_" or "-"')
    .default('penin'),
  /** How long a reservation counts after its instance stopped renewing it (died). */
  reservationTtlMs: z.number().int().min(1000).max(3_600_000).default(120_000),
  /** A Redis command without an answer after this long fails (503 budget_unavailable). */
  commandTimeoutMs: z.number().int().min(50).max(60_000).default(2000),
});
export type FleetConfig = z.output<typeof fleetConfigSchema>;

export const configSchema = z
  .strictObject({
    dailyLimitUsd: z.number().finite().positive(),
    /** IANA time zone whose calendar day the budget covers. */
    timeZone: z
      .string()
      .default('UTC')
      .refine(
        (tz) => {
          try {
            assertTimeZone(tz);
            return true;
          } catch {
            return false;
          }
        },
        { error: 'expected an IANA time zone such as "UTC" or "America/Sao_Paulo"' },
      ),
    /**
     * What the soft limit (95 % of dailyLimitUsd) does: `refuse` new requests with 429 budget_exceeded
     * (the seed's behaviour), or `warn`: raise an alert and keep routing until the hard limit (100 %).
     */
    softLimitMode: z
      .enum(SOFT_LIMIT_MODES, {
        error:
          'expected "refuse" (429 at the soft limit, the default) or "warn" (an alert, routing until the hard limit)',
      })
      .default('refuse'),
    /** `priority`: by provider priority; `cheapest`: by the model's price (input + output per MTok). */
    policy: z.enum(['priority', 'cheapest']).default('priority'),
    cache: z
      .strictObject({
        maxEntries: positiveInt.default(1000),
        maxBytes: positiveInt.default(64 * 1024 * 1024),
        ttlSeconds: positiveInt.default(3600),
      })
      .prefault({}),
    breaker: z
      .strictObject({
        failureThreshold: positiveInt.default(5),
        timeoutMs: positiveInt.default(60_000),
        successThreshold: positiveInt.default(2),
        halfOpenMaxCalls: positiveInt.default(1),
      })
      .prefault({}),
    providers: z.array(providerSchema),
    /** Absent: one gateway, its budget and breakers in memory (as always). */
    fleet: fleetConfigSchema.optional(),
  })
  .superRefine((cfg, ctx) => {
    const seen = new Map<string, number>();
    cfg.providers.forEach((p, i) => {
      const first = seen.get(p.name);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['providers', i, 'name'],
          message: `duplicate provider name "${p.name}" (also providers[${first}])`,
        });
      } else seen.set(p.name, i);
      const ids = new Set<string>();
      p.models.forEach((m, j) => {
        if (ids.has(m.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['providers', i, 'models', j, 'id'],
            message: `duplicate model id "${m.id}"`,
          });
        }
        ids.add(m.id);
      });
    });
  });

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type ProviderConfig = Config['providers'][number];
export type ModelPrice = ProviderConfig['models'][number];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** `providers[1].models[0].id` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** Validates a parsed config object; throws ConfigError listing every bad field by its path. */
export function parseConfig(value: unknown, source = 'config'): Config {
  const r = configSchema.safeParse(value);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`);
  throw new ConfigError(`${source} is invalid:\n${lines.join('\n')}`);
}

/** Reads a .json, .yaml or .yml config file and validates it. */
export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readSmallTextSync(path); // a FIFO, device or over-1-MiB file is refused, never waited on
  } catch (e) {
    throw new ConfigError(`cannot read config file ${path}: ${(e as Error).message}`);
  }
  const ext = extname(path).toLowerCase();
  let value: unknown;
  try {
    value = ext === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ConfigError(
      `config file ${path} is not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message}`,
    );
  }
  return parseConfig(value, `config file ${path}`);
}
