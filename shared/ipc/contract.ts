// The one contract between main (or `penin serve`) and the renderer: request channels with their
// zod schemas and response types, and push events. Served over Electron IPC and over a loopback
// WebSocket; nothing else in the renderer knows which.
import { z } from 'zod';
import { channel, event } from './contract-kit';
import { fleetAttachRequest, fleetDetachRequest, type FleetInstanceStatus, type FleetStatus } from './fleet';
import type { AnchorStatus, LedgerEntryDetail, LedgerRow, VerifyProgress } from '../ledger-view';
import type { ExplainedBreak } from '../break-explanation';
import type { LedgerDiff } from '../ledger-diff';
import type { EntryInclusionView, ProofDownload } from '../ledger-proofs-view';
export type { LedgerSetFile, LedgerSetInfo, MergedLedgerRow, MergedRows } from '../ledger-merge';
import type { LedgerSetInfo, MergedRows } from '../ledger-merge';

import type {
  Alert,
  BreakerSnapshot,
  BudgetSnapshot,
  CacheStats,
  ChainBreak,
  RecentRequest,
  RoutingTable,
} from '../domain';

// The ledger's view types travel in this contract's responses; they are defined below the
// contract (shared/ledger-view.ts) so the ledger never imports the contract.
export type { FleetHealth, FleetInstanceStatus, FleetStatus, FleetTotals } from './fleet';
export type {
  AnchorStatus,
  LedgerEntryDetail,
  LedgerRow,
  NumberFormChange,
  RawLinePart,
  VerifyProgress,
  VerifyReport,
} from '../ledger-view';
export type { EntryInclusionView, ProofDownload, WitnessView } from '../ledger-proofs-view';

export interface AppInfo {
  mode: 'electron' | 'browser';
  version: string;
  demo: boolean;
  /** Demo mode's own data folder (its ledger and spend, kept apart from the real ones); else null. */
  demoDataDir: string | null;
  gateway: { url: string; token: string } | null;
  /** The ledger the embedded gateway appends to (ledger:openLive); null when there is none. */
  liveLedgerPath: string | null;
  /** A ledger to open for audit at start (named on the command line, or the last File ▸ Open). */
  auditLedgerPath: string | null;
}

export interface SpendPoint {
  at: number;
  spendUsd: number;
}

export interface CachePoint {
  at: number;
  /** Hits / lookups so far; null before the first lookup (a rate of nothing is not 0 %). */
  hitRate: number | null;
  entries: number;
  bytes: number;
}

export interface LedgerSessionInfo {
  sessionId: string;
  path: string;
  readOnly: boolean;
  bytes: number;
}

/** `INDEX:HASH`, as `penin head` prints it. */
export const PIN_PATTERN = /^\s*\d{1,15}:[0-9a-fA-F]{64}\s*$/;

const sessionId = z.string().min(1).max(100);
const empty = z.object({}).strict();
const reason = z.string().trim().min(3, 'say why (at least 3 characters)').max(500);
/** A C2SP vkey (NAME+KEYHASH+BASE64), or the path of a file holding one or the writer's PEM public key. */
const vkeyOrPath = z.string().trim().min(1).max(4096);
const noteKeys = { vkey: vkeyOrPath, witnesses: z.array(vkeyOrPath).max(16).optional() };

export const channels = {
  'app:info': channel<AppInfo>()(empty),
  'budget:get': channel<BudgetSnapshot>()(empty),
  'budget:history': channel<SpendPoint[]>()(empty),
  'breakers:list': channel<BreakerSnapshot[]>()(empty),
  'breakers:reset': channel<BreakerSnapshot>()(
    z.object({ provider: z.string().min(1).max(200), reason }).strict(),
  ),
  'breakers:forceOpen': channel<BreakerSnapshot>()(
    z.object({ provider: z.string().min(1).max(200), reason }).strict(),
  ),
  'cache:stats': channel<CacheStats>()(empty),
  'cache:history': channel<CachePoint[]>()(empty),
  /** Empties the response cache; recorded in the ledger (CACHE_CLEAR) with who and why first. */
  'cache:clear': channel<CacheStats>()(z.object({ reason }).strict()),
  /** The configured providers and which serve each model, in the order the policy tries them. */
  'routing:table': channel<RoutingTable>()(empty),
  /** The last requests the gateway recorded (served, cached, refused, failed), newest first;
   * with `problems`, only those refused or failed (among the last 200 kept). */
  'requests:recent': channel<RecentRequest[]>()(
    z
      .object({ limit: z.number().int().min(1).max(200).optional(), problems: z.boolean().optional() })
      .strict(),
  ),
  /** The last alerts raised (alert:raised), newest first: a console that connects later still
   * hears what it missed (a soft limit passed before the window opened). */
  'alerts:recent': channel<Alert[]>()(empty),
  'ledger:openLive': channel<LedgerSessionInfo>()(empty),
  'ledger:openAudit': channel<LedgerSessionInfo>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  'ledger:progress': channel<VerifyProgress>()(z.object({ sessionId }).strict()),
  'ledger:rows': channel<{ rows: LedgerRow[]; total: number }>()(
    z
      .object({
        sessionId,
        from: z.number().int().min(0),
        count: z.number().int().min(1).max(500),
        decision: z.string().max(100).optional(),
        text: z.string().max(500).optional(),
      })
      .strict(),
  ),
  'ledger:entry': channel<LedgerEntryDetail>()(
    z.object({ sessionId, index: z.number().int().min(0) }).strict(),
  ),
  /** The breaks at entry `index`, each with what it most likely was (electron/ledger/forensics/)
   * where that could be worked out: computed for this entry's breaks only, on demand. */
  'ledger:explain': channel<ExplainedBreak[]>()(
    z.object({ sessionId, index: z.number().int().min(0) }).strict(),
  ),
  /** How two open ledgers compare (penin diff's penin.diff/1): common prefix, first difference,
   * each side's tail; with publicKeyPath, which copy each signed checkpoint vouches for. */
  'ledger:diff': channel<LedgerDiff>()(
    z
      .object({
        sessionIdA: sessionId,
        sessionIdB: sessionId,
        publicKeyPath: z.string().min(1).max(4096).optional(),
      })
      .strict(),
  ),
  /** Where entry `index` sits in the (filtered) row list: the position of the first row whose
   * index is >= `index` (`total` when none), so "jump to index" and "next break" work while a
   * decision/text filter is active. Same filter params as ledger:rows. */
  'ledger:locate': channel<{ position: number; total: number }>()(
    z
      .object({
        sessionId,
        index: z.number().int().min(0),
        decision: z.string().max(100).optional(),
        text: z.string().max(500).optional(),
      })
      .strict(),
  ),
  /** The first entry, in file order, whose timestamp is at or after `at` (epoch ms); null when
   * none is. For "go to a time" in the ledger browser. */
  'ledger:findTime': channel<{ index: number; timestamp: string } | null>()(
    z.object({ sessionId, at: z.number().finite() }).strict(),
  ),
  'ledger:findBreak': channel<ChainBreak | null>()(
    z.object({ sessionId, from: z.number().int().min(-1), direction: z.enum(['next', 'prev']) }).strict(),
  ),
  'ledger:report': channel<{ format: 'json' | 'html'; fileName: string; content: string }>()(
    z.object({ sessionId, format: z.enum(['json', 'html']) }).strict(),
  ),
  'ledger:close': channel<{ closed: boolean }>()(z.object({ sessionId }).strict()),
  /** Opens several ledgers (a fleet: one per gateway instance) for audit, each a session of its own,
   * and a merged view of them by time (ledger:mergedRows). */
  'ledger:openSet': channel<LedgerSetInfo>()(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(8) }).strict(),
  ),
  /** A page of the set's rows merged by timestamp (each file in its own order), tagged with their
   * file; `files`: only these files of the set (filter by instance). */
  'ledger:mergedRows': channel<MergedRows>()(
    z
      .object({
        setId: z.string().min(1).max(100),
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(500),
        files: z.array(z.number().int().min(0).max(7)).max(8).optional(),
      })
      .strict(),
  ),
  'ledger:closeSet': channel<{ closed: boolean }>()(z.object({ setId: z.string().min(1).max(100) }).strict()),
  /** Checks the session's signed checkpoints (with the public key at publicKeyPath; for the live
   * ledger, its own key when absent) and pins; the breaks found join the session's breaks. */
  'ledger:anchors': channel<AnchorStatus>()(
    z
      .object({
        sessionId,
        publicKeyPath: z.string().min(1).max(4096).optional(),
        pins: z
          .array(
            z
              .string()
              .max(200)
              .regex(
                PIN_PATTERN,
                'expected INDEX:HASH (a 0-based entry index and its 64-digit current_hash)',
              ),
          )
          .max(20)
          .optional(),
      })
      .strict(),
  ),
  /** Which checkpoint note (signed by the log's vkey, cosigned by the witnesses given) first
   * includes entry `index`, checked against the file's tree; null when no note covers it. */
  'ledger:inclusion': channel<EntryInclusionView | null>()(
    z.object({ sessionId, index: z.number().int().min(0), ...noteKeys }).strict(),
  ),
  /** Entry `index` as a penin.evidence/1 bundle (JSON), with its inclusion proof against the
   * latest checkpoint note when that note covers it. */
  'ledger:evidence': channel<ProofDownload & { inclusion: boolean }>()(
    z.object({ sessionId, index: z.number().int().min(0) }).strict(),
  ),
  /** The auditor signs what the session verified (penin.receipt/1, a C2SP signed note) with the
   * key file at auditorKeyPath, read by main only; with the log's vkey, the receipt names the
   * newest checkpoint note that verified. Refused until verification is done. */
  'ledger:receipt': channel<ProofDownload & { signedBy: string }>()(
    z
      .object({
        sessionId,
        auditorKeyPath: z.string().trim().min(1).max(4096),
        vkey: vkeyOrPath.optional(),
        witnesses: noteKeys.witnesses,
      })
      .strict(),
  ),
  /** Attach another `penin serve` (its console URL and token; the token is kept main-side only). */
  'fleet:attach': channel<FleetInstanceStatus>()(fleetAttachRequest),
  'fleet:detach': channel<{ detached: boolean }>()(fleetDetachRequest),
  /** Each attached instance as last polled, and the totals. */
  'fleet:status': channel<FleetStatus>()(empty),
};

export const events = {
  'budget:changed': event<BudgetSnapshot>(),
  'breakers:changed': event<BreakerSnapshot[]>(),
  'cache:changed': event<CacheStats>(),
  'ledger:appended': event<{ entries: number; head: string }>(),
  /** The gateway recorded more requests: `recorded` counts them since start (requests:recent lists them). */
  'requests:changed': event<{ recorded: number }>(),
  'ledger:progress': event<VerifyProgress>(),
  /** A breaker opened or closed, the budget passed a limit (or a new day began). */
  'alert:raised': event<Alert>(),
  /** Main asks the renderer to open a ledger for audit (File ▸ Open, Open Recent, a second instance). */
  'app:openLedger': event<{ path: string }>(),
  /** An attached instance answered differently (or stopped answering): fleet:status's new value. */
  'fleet:changed': event<FleetStatus>(),
};

/** Events that are occurrences, not states: each one is delivered, never replaced by a later one
 * the way a newer budget snapshot replaces an older one in transit. */
export const discreteEvents: ReadonlySet<string> = new Set<keyof typeof events>([
  'alert:raised',
  'app:openLedger',
]);

export type Channels = typeof channels;
export type Events = typeof events;
export type ChannelName = keyof Channels & string;
export type EventName = keyof Events & string;
export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];
