// A fake PENIN for renderer tests: a Transport (so the real createApi is exercised) that answers
// every channel from canned snapshots, records calls, and can push events or change status.
import type {
  Channels,
  ChannelName,
  EventName,
  Events,
  FleetStatus,
  LedgerEntryDetail,
  LedgerRow,
} from '../../../shared/ipc/contract';
import type { ChainBreak } from '../../../shared/domain';
import type {
  ParsedRequestOf,
  PayloadOf,
  ResponseOf,
  WireError,
  WireResult,
} from '../../../shared/ipc/contract-kit';
import { createApi, type PeninApi } from '../../../renderer/src/api/create-api';
import type { ConnectionStatus, Transport } from '../../../renderer/src/api/api-transport';
import * as fx from './fixtures';
import { inclusionOf } from './proof-fixtures';

export type FakeHandlers = {
  [K in ChannelName]: (
    req: ParsedRequestOf<Channels, K>,
  ) => ResponseOf<Channels, K> | Promise<ResponseOf<Channels, K>>;
};

export class FakeWireError extends Error {
  constructor(
    readonly code: WireError['code'],
    message: string,
  ) {
    super(message);
  }
}

export interface FakeBackend {
  api: PeninApi;
  transport: Transport;
  handlers: FakeHandlers;
  calls: { channel: string; request: unknown }[];
  callsTo<K extends ChannelName>(channel: K): ParsedRequestOf<Channels, K>[];
  emit<K extends EventName>(event: K, payload: PayloadOf<Events, K>): void;
  setStatus(status: ConnectionStatus): void;
  /** The fake fleet: fleet:attach adds an instance (up, from fx.fleetInstance), detach removes it. */
  fleet: FleetStatus;
  /** anchorBreaks: what the last ledger:anchors answer found; merged into rows, entries and breaks like the real session. */
  ledger: { total: number; anchorBreaks: ChainBreak[] };
}

interface RowFilter {
  decision?: string;
  text?: string;
}

function matches(i: number, f: RowFilter): boolean {
  const decision = fx.decisionOf(i);
  if (f.decision && decision.toLowerCase() !== f.decision.toLowerCase()) return false;
  if (f.text) {
    const row = fx.ledgerRow(i);
    const hay = `${row.decision} ${row.reason} ${row.provider ?? ''}`.toLowerCase();
    if (!hay.includes(f.text.toLowerCase())) return false;
  }
  return true;
}

export function createFakeBackend(): FakeBackend {
  const ledger: FakeBackend['ledger'] = { total: fx.LEDGER_TOTAL, anchorBreaks: [] };
  const allBreaks = (): ChainBreak[] =>
    [...fx.BREAKS, ...ledger.anchorBreaks].sort((a, b) => a.index - b.index);
  const rowAt = (i: number): LedgerRow => {
    const row = fx.ledgerRow(i);
    const extra = ledger.anchorBreaks.filter((b) => b.index === i).map((b) => b.kind);
    return extra.length > 0 ? { ...row, breaks: [...new Set([...row.breaks, ...extra])] } : row;
  };
  const filterCache = new Map<string, number[]>();
  const positions = (f: RowFilter): number[] | null => {
    if (!f.decision && !f.text) return null;
    const key = `${f.decision ?? ''}\u0000${f.text ?? ''}`;
    let hits = filterCache.get(key);
    if (!hits) {
      hits = [];
      for (let i = 0; i < ledger.total; i++) if (matches(i, f)) hits.push(i);
      filterCache.set(key, hits);
    }
    return hits;
  };

  const fleet: FleetStatus = { instances: [], totals: fx.fleetTotals([]) };
  const handlers: FakeHandlers = {
    'fleet:attach': ({ url, name }) => {
      if (url.includes('refused'))
        throw new FakeWireError('unavailable', 'the instance refused the token (4401)');
      const added = fx.fleetInstance(fleet.instances.length, { url, name: name ?? new URL(url).host });
      fleet.instances.push(added);
      fleet.totals = fx.fleetTotals(fleet.instances);
      return added;
    },
    'fleet:detach': ({ id }) => {
      const before = fleet.instances.length;
      fleet.instances = fleet.instances.filter((i) => i.id !== id);
      fleet.totals = fx.fleetTotals(fleet.instances);
      return { detached: fleet.instances.length < before };
    },
    'fleet:status': () => structuredClone(fleet),
    'app:info': () => fx.appInfo,
    'budget:get': () => fx.budget,
    'budget:history': () => fx.spendHistory,
    'breakers:list': () => fx.breakers,
    'breakers:reset': ({ provider }) => {
      const b = fx.breakers.find((x) => x.provider === provider);
      if (!b) throw new FakeWireError('not_found', `no provider "${provider}"`);
      return { ...b, state: 'closed', consecutiveFailures: 0, retryAfterMs: null, forcedOpen: false };
    },
    'breakers:forceOpen': ({ provider }) => {
      const b = fx.breakers.find((x) => x.provider === provider);
      if (!b) throw new FakeWireError('not_found', `no provider "${provider}"`);
      return { ...b, state: 'open', forcedOpen: true };
    },
    'cache:stats': () => fx.cacheStats,
    'cache:history': () => fx.cacheHistory,
    'cache:clear': () => ({ ...fx.cacheStats, entries: 0, bytes: 0 }),
    'routing:table': () => fx.routing,
    'requests:recent': ({ limit, problems }) =>
      fx.recentRequests
        .filter((r) => !problems || r.outcome === 'refused' || r.outcome === 'failed')
        .slice(0, limit),
    'alerts:recent': () => [],
    'ledger:openLive': () => fx.liveSession,
    'ledger:openAudit': ({ path }) => {
      if (path.includes('missing')) throw new FakeWireError('not_found', `no such file: ${path}`);
      return fx.auditSession(path);
    },
    'ledger:progress': ({ sessionId }) => ({
      sessionId,
      bytesRead: 1000,
      totalBytes: 1000,
      entries: ledger.total,
      breaks: fx.BREAKS.length + ledger.anchorBreaks.length,
      done: true,
    }),
    'ledger:rows': ({ from, count, decision, text }) => {
      const pos = positions({ decision, text });
      const total = pos ? pos.length : ledger.total;
      const rows = [];
      for (let p = from; p < Math.min(total, from + count); p++) rows.push(rowAt(pos ? pos[p] : p));
      return { rows, total };
    },
    'ledger:entry': ({ index }): LedgerEntryDetail => {
      if (index >= ledger.total) throw new FakeWireError('not_found', `entry ${index} does not exist`);
      const row = fx.ledgerRow(index);
      const breaks = allBreaks().filter((b) => b.index === index);
      const entry = {
        decision_id: `d-${index}`,
        timestamp: row.timestamp,
        decision: row.decision,
        reason: row.reason,
        previous_hash: row.previousHash,
        current_hash: row.currentHash,
      };
      const raw = JSON.stringify(entry);
      const content = breaks.some((b) => b.kind === 'content');
      return {
        index,
        raw: [{ text: raw }],
        rawBytes: new TextEncoder().encode(raw).length,
        rawOmitted: null,
        stored: JSON.stringify(entry, null, 2),
        canonical: content ? JSON.stringify(entry, Object.keys(entry).sort()) : null,
        hashedForm: null,
        storedHash: row.currentHash,
        recomputedHash: breaks.some((b) => b.kind === 'content') ? fx.hashOf(index + 7) : row.currentHash,
        previousHash: row.previousHash,
        priorCurrentHash: breaks.some((b) => b.kind === 'link') ? fx.hashOf(index + 3) : fx.hashOf(index - 1),
        breaks,
      };
    },
    'ledger:explain': ({ index }) =>
      allBreaks()
        .filter((b) => b.index === index)
        .map((b) => {
          const explanation = fx.explanationOf(b);
          return explanation ? { ...b, explanation } : b;
        }),
    'ledger:diff': ({ sessionIdA, sessionIdB }) => fx.ledgerDiff(sessionIdA, sessionIdB),
    'ledger:findTime': ({ at }) => {
      // The fixture's times rise with the index: a binary search finds the first at or after.
      let lo = 0;
      let hi = ledger.total;
      while (lo < hi) {
        const mid = Math.floor((lo + hi) / 2);
        if (Date.parse(rowAt(mid).timestamp) >= at) hi = mid;
        else lo = mid + 1;
      }
      return lo < ledger.total ? { index: lo, timestamp: rowAt(lo).timestamp } : null;
    },
    'ledger:findBreak': ({ from, direction }) => {
      if (direction === 'next') return allBreaks().find((b) => b.index > from) ?? null;
      return (
        allBreaks()
          .reverse()
          .find((b) => b.index < from) ?? null
      );
    },
    'ledger:locate': ({ index, decision, text }) => {
      const pos = positions({ decision, text });
      if (!pos) return { position: Math.min(index, ledger.total), total: ledger.total };
      const at = pos.findIndex((i) => i >= index);
      return { position: at < 0 ? pos.length : at, total: pos.length };
    },
    'ledger:report': ({ format }) => ({
      format,
      fileName: `report.${format}`,
      content: format === 'json' ? '{}' : '<html></html>',
    }),
    'ledger:close': () => ({ closed: true }),
    'ledger:anchors': ({ sessionId, publicKeyPath, pins }) => {
      if (publicKeyPath?.includes('missing'))
        throw new FakeWireError('bad_request', `cannot use the public key: ${publicKeyPath}: no such file`);
      if (sessionId !== fx.liveSession.sessionId && publicKeyPath === undefined && !pins)
        throw new FakeWireError('bad_request', 'give the public key file of the ledger’s writer (or pins)');
      const signed = publicKeyPath?.includes('tampered') ? fx.tamperedStatus : fx.anchorStatus;
      ledger.anchorBreaks = signed.breaks;
      // Like the real session: the chain's own breaks (fx.BREAKS) go with the signature findings.
      const chain = { breaks: fx.BREAKS.length, firstIndexes: fx.BREAKS.map((b) => b.index) };
      return { ...signed, chain };
    },
    // The proofs: entries below 1,000 are in checkpoint 1,000 (signed by the fixture log, cosigned
    // by the witness when its vkey is given); newer ones are not in a checkpoint yet.
    'ledger:inclusion': ({ index, vkey, witnesses }) => {
      if (!vkey.startsWith('penin.local/')) throw new FakeWireError('bad_request', `not a vkey: ${vkey}`);
      if (vkey.includes('other'))
        return {
          ...inclusionOf(index),
          verified: false,
          checkpointSize: null,
          signer: null,
          origin: null,
          time: null,
          witnesses: [],
          refused: 2,
        };
      return index < 1000 ? inclusionOf(index, (witnesses ?? []).length > 0) : null;
    },
    'ledger:evidence': ({ index }) => ({
      fileName: `ledger.jsonl.entry-${index}.evidence.json`,
      content: JSON.stringify({ schema: 'penin.evidence/1', index }),
      mime: 'application/json',
      inclusion: index < 1000,
    }),
    'ledger:receipt': ({ auditorKeyPath }) => {
      if (auditorKeyPath.includes('missing'))
        throw new FakeWireError('bad_request', `auditor key: ${auditorKeyPath}: no such key`);
      return {
        fileName: 'ledger.jsonl.receipt',
        content: 'penin.receipt/1\n',
        mime: 'text/plain',
        signedBy: 'penin.local/auditor0',
      };
    },
    // A fleet of as many files as paths, 5 entries each, times interleaved; file 1 breaks at entry 2.
    'ledger:openSet': ({ paths }) => ({
      setId: 'set-1',
      files: paths.map((path, file) => ({
        file,
        path,
        name: path.split('/').pop() ?? path,
        sessionId: `set-session-${file}`,
      })),
    }),
    'ledger:mergedRows': ({ offset, limit, files }) => {
      const chosen = files ?? [0, 1, 2];
      const all = [];
      for (let i = 0; i < 5; i++)
        for (const file of chosen)
          all.push({
            file,
            index: i,
            timestamp: new Date(fx.NOW + (i * 3 + file) * 1000).toISOString().replace('Z', ''),
            instance: `gw-${file}`,
            decision: i === 4 ? 'BLOCK' : 'ROUTE',
            provider: 'openai',
            costUsd: 0.001,
            breaks: file === 1 && i === 2 ? (['content'] as const).slice() : [],
          });
      return { rows: all.slice(offset, offset + limit), total: all.length, complete: true };
    },
    'ledger:closeSet': () => ({ closed: true }),
  };

  const calls: { channel: string; request: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'open';

  const transport: Transport = {
    async call(channel, request): Promise<WireResult<unknown>> {
      calls.push({ channel, request });
      const handler = handlers[channel as ChannelName] as ((req: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'not_found', message: `no channel ${channel}` } };
      try {
        return { ok: true, value: await handler(request) };
      } catch (err) {
        if (err instanceof FakeWireError)
          return { ok: false, error: { code: err.code, message: err.message } };
        return { ok: false, error: { code: 'internal', message: String(err) } };
      }
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    filePath: () => null,
    close: () => undefined,
  };

  return {
    api: createApi(transport),
    transport,
    handlers,
    calls,
    callsTo: <K extends ChannelName>(channel: K) =>
      calls.filter((c) => c.channel === channel).map((c) => c.request as ParsedRequestOf<Channels, K>),
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    fleet,
    setStatus(next) {
      status = next;
      statusListeners.forEach((l) => l(next));
    },
    ledger,
  };
}
