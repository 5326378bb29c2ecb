// The fleet's Redis connection: one command connection (budget and breaker scripts, run by EVALSHA)
// and one subscriber connection (breaker transitions), both reconnecting by themselves.
//
// Failing fast is the point: while Redis is unreachable, a command is refused at once
// (disableOfflineQueue) or after `commandTimeoutMs`, never parked in a queue, so that the gateway
// can answer 503 budget_unavailable instead of holding the client's request. Every failure reaches
// callers as a RedisUnavailableError; the budget turns it into BudgetUnavailableError.
//
// Plain Node: never imports electron.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { createClient } from 'redis';

/** The command connection: fails fast while disconnected, reconnects forever in the background. */
function newClient(opts: FleetRedisOptions) {
  const maxDelay = opts.maxReconnectDelayMs ?? 1000;
  return createClient({
    url: opts.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: opts.connectTimeoutMs ?? 2000,
      // Every attempt, forever: an instance outlives a Redis restart and resumes by itself.
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 10), maxDelay),
    },
  });
}

type RedisClient = ReturnType<typeof newClient>;

/** What went wrong talking to Redis: not reachable, timed out, or it answered with an error. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  readonly code = 'redis_unavailable' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A Lua script, run by EVALSHA (its SHA1 computed here), loaded into Redis when Redis lacks it. */
export class LuaScript {
  readonly sha: string;
  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source, 'utf8').digest('hex');
  }
}

export interface FleetRedisOptions {
  /** redis:// or rediss:// URL (user and password in it, as Redis URLs carry them). */
  url: string;
  /** This instance's name in the fleet; default `${hostname()}:${pid}`. */
  instance?: string;
  /** Key prefix (and Redis Cluster hash tag) shared by one fleet; default "penin". */
  namespace?: string;
  /** A command without an answer after this long fails; default 2000 ms. */
  commandTimeoutMs?: number;
  /** How long one connection attempt may take; default 2000 ms. */
  connectTimeoutMs?: number;
  /** Longest wait between reconnection attempts; default 1000 ms. */
  maxReconnectDelayMs?: number;
}

const NAMESPACE_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Text of an unknown thrown value. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class FleetRedis {
  readonly instance: string;
  readonly namespace: string;
  private readonly commandTimeoutMs: number;
  private readonly readyListeners = new Set<() => void>();
  private lastError: string | null = null;
  private closed = false;

  private constructor(
    private readonly client: RedisClient,
    private readonly subscriber: RedisClient,
    opts: FleetRedisOptions,
  ) {
    this.instance = opts.instance ?? `${hostname()}:${process.pid}`;
    this.namespace = opts.namespace ?? 'penin';
    this.commandTimeoutMs = opts.commandTimeoutMs ?? 2000;
  }

  /**
   * Connects both connections. Rejects (RedisUnavailableError) if Redis cannot be reached now; once
   * connected, later outages are ridden out by reconnecting in the background.
   */
  static async connect(opts: FleetRedisOptions): Promise<FleetRedis> {
    const namespace = opts.namespace ?? 'penin';
    if (!NAMESPACE_RE.test(namespace))
      throw new RangeError(`namespace must be 1-64 of A-Z a-z 0-9 . _ -, got ${JSON.stringify(namespace)}`);
    if (opts.instance !== undefined && (opts.instance.trim() === '' || opts.instance.length > 200))
      throw new RangeError(`instance must be a non-empty name of at most 200 characters`);
    const client = newClient(opts);
    const subscriber = client.duplicate();
    const fleet = new FleetRedis(client, subscriber, { ...opts, namespace });
    // node-redis's connect() retries by the reconnect strategy, for ever: the first failure while
    // starting ends the start instead (a gateway that cannot join its fleet says so and exits).
    let startFailed: (e: unknown) => void = () => undefined;
    const firstFailure = new Promise<never>((_, reject) => (startFailed = reject));
    firstFailure.catch(() => undefined);
    for (const c of [client, subscriber]) {
      // Without an 'error' listener node-redis would throw connection errors at the process.
      c.on('error', (e: unknown) => {
        fleet.lastError = errorText(e);
        startFailed(e);
      });
    }
    client.on('ready', () => fleet.emitReady());
    try {
      await Promise.race([client.connect(), firstFailure]);
      await Promise.race([subscriber.connect(), firstFailure]);
      startFailed = () => undefined; // started: later outages are ridden out
    } catch (e) {
      client.destroy();
      subscriber.destroy();
      throw new RedisUnavailableError(`cannot connect to Redis at ${redactUrl(opts.url)}: ${errorText(e)}`, {
        cause: e,
      });
    }
    return fleet;
  }

  /** Whether commands can be sent now. */
  get ready(): boolean {
    return this.client.isReady;
  }

  /** The last connection error seen, if any (for status screens and error texts). */
  get lastConnectionError(): string | null {
    return this.lastError;
  }

  /** `{penin}` style hash tag: every key of one fleet lives in one Redis Cluster slot. */
  key(...parts: string[]): string {
    return [`{${this.namespace}}`, ...parts].join(':');
  }

  /** The pub/sub channel `name` of this fleet. */
  channel(name: string): string {
    return `${this.namespace}:${name}`;
  }

  /**
   * Runs `script` by EVALSHA: one round trip. If Redis does not know the script (first use, or
   * Redis restarted empty) it is loaded and run again. Any failure: RedisUnavailableError.
   */
  async run(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    if (this.closed) throw new RedisUnavailableError('the fleet connection is closed');
    if (!this.client.isReady)
      throw new RedisUnavailableError(`Redis is not connected (${this.lastError ?? 'connecting'})`);
    const options = { keys: [...keys], arguments: [...args] };
    try {
      return await this.withTimeout(this.client.evalSha(script.sha, options));
    } catch (e) {
      if (!errorText(e).startsWith('NOSCRIPT')) throw this.unavailable(script, e);
    }
    try {
      await this.withTimeout(this.client.scriptLoad(script.source));
      return await this.withTimeout(this.client.evalSha(script.sha, options));
    } catch (e) {
      throw this.unavailable(script, e);
    }
  }

  /** Publishes `message` on `channel` (outside a script: operator events). */
  async publish(channel: string, message: string): Promise<void> {
    try {
      await this.withTimeout(this.client.publish(channel, message));
    } catch (e) {
      throw new RedisUnavailableError(`publish on ${channel} failed: ${errorText(e)}`, { cause: e });
    }
  }

  /** Calls `listener` with each message on `channel`; resolves once subscribed. */
  async subscribe(channel: string, listener: (message: string) => void): Promise<void> {
    try {
      await this.subscriber.subscribe(channel, (message: string) => listener(message));
    } catch (e) {
      throw new RedisUnavailableError(`subscribe to ${channel} failed: ${errorText(e)}`, { cause: e });
    }
  }

  /**
   * Calls `listener` whenever the command connection (re)connects: the moment to flush what was
   * owed to Redis and to reload state whose messages may have been missed. Returns an unsubscribe.
   */
  onReady(listener: () => void): () => void {
    this.readyListeners.add(listener);
    return () => {
      this.readyListeners.delete(listener);
    };
  }

  /** Closes both connections (pending commands are answered first). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.readyListeners.clear();
    await Promise.allSettled([this.client.close(), this.subscriber.close()]);
  }

  private emitReady(): void {
    this.lastError = null;
    for (const listener of [...this.readyListeners]) {
      try {
        listener();
      } catch {
        // A faulty listener must not starve the others.
      }
    }
  }

  private unavailable(script: LuaScript, e: unknown): RedisUnavailableError {
    if (e instanceof RedisUnavailableError) return e;
    return new RedisUnavailableError(`Redis script ${script.name} failed: ${errorText(e)}`, { cause: e });
  }

  /** Rejects after commandTimeoutMs: a Redis that accepts the connection but never answers. */
  private withTimeout<T>(p: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RedisUnavailableError(`Redis did not answer within ${this.commandTimeoutMs} ms`)),
        this.commandTimeoutMs,
      );
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
