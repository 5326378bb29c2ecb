// Per-request timings reported from inside a proxy under test (a gateway or a bare pass-through):
// on SIGUSR2 it prints `LOOP {json}` with the LoopStats since the last report, and starts over.
import { PerformanceObserver } from 'node:perf_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

/** What a proxy reports about a slice: its GC pauses (ms) and per-request timings. */
export interface LoopStats {
  gcMax: number;
  gcTotal: number;
  /** Time inside the proxy of each request, ms. */
  inside: number[];
  /** Time each request waited for its ledger entry (or its durable line), ms. */
  ledgerWaits: number[];
  /** Round trip of each upstream call, ms. */
  upstream: number[];
}

/** Starts collecting; `ledgerWait(ms)` adds one wait for the ledger. */
export function reportLoopStats(): { ledgerWait(ms: number): void } {
  let gcMax = 0;
  let gcTotal = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMax = Math.max(gcMax, e.duration);
      gcTotal += e.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  // Time each request spends inside this process: from node:http handing it over to the last byte
  // of its answer being handed to the socket (upstream time included).
  const started = new WeakMap<IncomingMessage, number>();
  let inside: number[] = [];
  subscribe('http.server.request.start', (m) => {
    started.set((m as { request: IncomingMessage }).request, performance.now());
  });
  subscribe('http.server.response.finish', (m) => {
    const t0 = started.get((m as { request: IncomingMessage }).request);
    if (t0 !== undefined) inside.push(performance.now() - t0);
  });
  // Each upstream call's round trip, as undici sees it (request created → response complete).
  const sentAt = new WeakMap<object, number>();
  let upstream: number[] = [];
  subscribe('undici:request:create', (m) => {
    sentAt.set((m as { request: object }).request, performance.now());
  });
  subscribe('undici:request:trailers', (m) => {
    const t0 = sentAt.get((m as { request: object }).request);
    if (t0 !== undefined) upstream.push(performance.now() - t0);
  });
  let ledgerWaits: number[] = [];
  const ms = (xs: number[]): number[] => xs.map((x) => Math.round(x * 1000) / 1000);
  process.on('SIGUSR2', () => {
    const stats: LoopStats = {
      gcMax,
      gcTotal,
      inside: ms(inside),
      ledgerWaits: ms(ledgerWaits),
      upstream: ms(upstream),
    };
    inside = [];
    ledgerWaits = [];
    upstream = [];
    gcMax = 0;
    gcTotal = 0;
    console.log(`LOOP ${JSON.stringify(stats)}`);
  });
  return { ledgerWait: (t) => ledgerWaits.push(t) };
}
