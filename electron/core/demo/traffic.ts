// SIMULATED application traffic for `penin serve --demo`: a few requests a second to the gateway over
// HTTP, like a real client: plain and streaming, some repeated at temperature 0 (cache hits).
// Requests carry `user: "penin-demo-traffic"` so they are recognisable as simulated.

export const DEMO_USER = 'penin-demo-traffic';

export interface TrafficOptions {
  /** Gateway root, e.g. http://127.0.0.1:8787. */
  url: string;
  token: string;
  models: readonly string[];
  /** Requests started per second; default 3. */
  perSecond?: number;
  /** At most this many in flight; default 16. */
  maxInFlight?: number;
  random?: () => number;
}

export interface TrafficStats {
  sent: number;
  ok: number;
  failed: number;
  byStatus: Record<string, number>;
}

export interface Traffic {
  stats(): TrafficStats;
  /** Stops starting requests and waits for those in flight. */
  stop(): Promise<void>;
}

const PROMPTS = [
  'Summarise the quarterly report in three bullet points.',
  'Translate "good morning" into Portuguese.',
  'Write a haiku about circuit breakers.',
  'What is a hash chain?',
  'Suggest a name for a budget dashboard.',
];

export function startTraffic(opts: TrafficOptions): Traffic {
  const random = opts.random ?? Math.random;
  const perSecond = opts.perSecond ?? 3;
  const maxInFlight = opts.maxInFlight ?? 16;
  const stats: TrafficStats = { sent: 0, ok: 0, failed: 0, byStatus: {} };
  const inFlight = new Set<Promise<void>>();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

  const one = async (): Promise<void> => {
    const roll = random();
    const stream = roll < 0.25;
    const repeat = !stream && roll < 0.5; // same prompt at temperature 0: served from the cache after the first time
    const body = {
      model: pick(opts.models),
      messages: [{ role: 'user', content: repeat ? PROMPTS[0] : `${pick(PROMPTS)} (#${stats.sent})` }],
      temperature: repeat ? 0 : 0.7,
      max_tokens: 150,
      user: DEMO_USER,
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    };
    stats.sent += 1;
    try {
      const res = await fetch(`${opts.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.text();
      stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
      if (res.ok) stats.ok += 1;
      else stats.failed += 1;
    } catch {
      stats.failed += 1;
      stats.byStatus.network = (stats.byStatus.network ?? 0) + 1;
    }
  };

  const timer = setInterval(() => {
    if (inFlight.size >= maxInFlight) return;
    const p = one().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 1000 / perSecond);

  return {
    stats: () => ({ ...stats, byStatus: { ...stats.byStatus } }),
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
