// The ledger browser's open sessions (channels ledger:*): a registry by id over LedgerSession
// (electron/ledger/session.ts, passed in as a factory so this stays testable with fakes). At most
// `maxSessions` stay open (the least recently used is closed first); all close with the window.
import type { KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type {
  AnchorStatus,
  Channels,
  LedgerEntryDetail,
  LedgerRow,
  LedgerSessionInfo,
  VerifyProgress,
  VerifyReport,
} from '../../shared/ipc/contract';
import type { Handlers } from '../../shared/ipc/contract-kit';
import type { ChainBreak } from '../../shared/domain';
import { PublicError } from '../ipc/public-error';
import { BadPinError, parsePin, type Pin } from '../ledger/anchors';
import { KeyFileError, loadPublicKey } from '../ledger/signing-key';
import { formatReport } from './report-format';
import { toolVersion } from './app-identity';
import { buildVerifyReport, factsOfSession, type AnchorsChecked } from './verify-report-build';
import type { VerifyReportDocument } from '../../shared/verify-report';
import type { RowFilter } from '../ledger/session';
import { LedgerForensics } from './ledger-compare';

export type { RowFilter } from '../ledger/session';

/** What the registry needs of electron/ledger/session.ts's LedgerSession. */
export interface LedgerSessionLike {
  readonly id: string;
  readonly path: string;
  progress(): VerifyProgress;
  onProgress(cb: (p: VerifyProgress) => void): () => void;
  rows(from: number, count: number, filter?: RowFilter): Promise<{ rows: LedgerRow[]; total: number }>;
  entry(index: number): Promise<LedgerEntryDetail>;
  /** Position of the first (filtered) row whose index is >= `index`; derived from rows() when absent. */
  locate?(index: number, filter?: RowFilter): Promise<{ position: number; total: number }>;
  findBreak(from: number, direction: 'next' | 'prev'): ChainBreak | null;
  /** The first entry whose timestamp is at or after `atMs`, in file order; null when none is. */
  findTime(atMs: number): Promise<{ index: number; timestamp: string } | null>;
  report(): VerifyReport;
  /** What the last signature/pin check covered and found, with its pins (for the report); null before any. */
  anchorsChecked?(): AnchorsChecked | null;
  /** Checks signed checkpoints and pins; what they find joins the session's breaks. */
  anchors?(opts: {
    publicKey?: { publicKey: KeyObject; keyId: string };
    pins?: Pin[];
  }): Promise<AnchorStatus>;
  close(): void;
}

export type OpenLedgerSession = (
  path: string,
  opts: { readOnly: boolean },
) => LedgerSessionLike | Promise<LedgerSessionLike>;

/** The ledger:* channels the sessions answer: the proofs' are electron/app/ledger-proofs.ts's, the
 * merged view's ledger-sets.ts's (over this registry's sessions). */
export type LedgerSetChannel = 'ledger:openSet' | 'ledger:mergedRows' | 'ledger:closeSet';
export type LedgerChannel = Exclude<
  Extract<keyof Channels, `ledger:${string}`>,
  'ledger:inclusion' | 'ledger:evidence' | 'ledger:receipt' | LedgerSetChannel
>;
export type LedgerHandlers = Pick<Handlers<Channels>, LedgerChannel>;

export interface LedgerSessionsOptions {
  open: OpenLedgerSession;
  /** The ledger the embedded gateway writes to; null when there is none (e.g. audit-only). */
  liveLedgerPath: string | null;
  /** The live ledger's public key (PEM), used by ledger:anchors when no key is given; null when unsigned. */
  livePublicKeyPath?: string | null;
  onProgress?: (progress: VerifyProgress) => void;
  /** Called whenever a ledger is opened for audit (File ▸ Open Recent keeps its list with it). */
  onAuditOpened?: (path: string) => void;
  maxSessions?: number;
  /** The version reports name (default: this build's package.json). */
  version?: string;
}

/** The verification report of a session, as the schema in shared/verify-report.ts has it. */
export function sessionReport(session: LedgerSessionLike, version: string): Promise<VerifyReportDocument> {
  return buildVerifyReport(factsOfSession(session.report(), session.anchorsChecked?.() ?? null), { version });
}

interface Entry {
  session: LedgerSessionLike;
  info: LedgerSessionInfo;
  kind: 'live' | 'audit';
  unsubscribe: () => void;
}

export class LedgerSessions {
  private readonly open = new Map<string, Entry>();
  private readonly maxSessions: number;
  /** ledger:explain and ledger:diff (ledger-compare.ts). */
  private readonly forensics = new LedgerForensics((id) => this.get(id));

  constructor(private readonly options: LedgerSessionsOptions) {
    this.maxSessions = options.maxSessions ?? 8;
  }

  get size(): number {
    return this.open.size;
  }

  /** The session used last (File ▸ Export Report acts on it), or null. */
  mostRecent(): LedgerSessionLike | null {
    let last: Entry | undefined;
    for (const entry of this.open.values()) last = entry;
    return last?.session ?? null;
  }

  async openPath(path: string, kind: 'live' | 'audit'): Promise<LedgerSessionInfo> {
    let session: LedgerSessionLike;
    let bytes: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new PublicError('bad_request', `${path} is not a ledger file`);
      bytes = info.size;
      // A live ledger is followed as it grows; an audited one is read as it is.
      session = await this.options.open(path, { readOnly: kind === 'audit' });
    } catch (error: unknown) {
      throw toPublicOpenError(path, error);
    }
    const unsubscribe = session.onProgress((p) => this.options.onProgress?.(p));
    const info: LedgerSessionInfo = {
      sessionId: session.id,
      path: session.path,
      readOnly: kind === 'audit',
      bytes,
    };
    this.open.set(session.id, { session, info, kind, unsubscribe });
    while (this.open.size > this.maxSessions) {
      const oldest = this.open.keys().next().value;
      if (oldest === undefined) break;
      this.close(oldest);
    }
    if (kind === 'audit') this.options.onAuditOpened?.(path);
    return info;
  }

  get(sessionId: string): LedgerSessionLike {
    return this.entry(sessionId).session;
  }

  private entry(sessionId: string): Entry {
    const entry = this.open.get(sessionId);
    if (entry === undefined) {
      throw new PublicError(
        'not_found',
        `no open ledger session "${sessionId}" (it was closed; open the ledger again)`,
      );
    }
    // Most recently used last: eviction and Export Report both rely on the order.
    this.open.delete(sessionId);
    this.open.set(sessionId, entry);
    return entry;
  }

  /** ledger:anchors: the key given, else (live ledger only) the live ledger's own key; pins parsed. */
  async anchors(
    sessionId: string,
    publicKeyPath: string | undefined,
    pinTexts: string[] | undefined,
  ): Promise<AnchorStatus> {
    const { session, kind, info } = this.entry(sessionId);
    if (session.anchors === undefined)
      throw new PublicError('unavailable', 'this ledger session cannot check signatures');
    let pins: Pin[];
    try {
      pins = (pinTexts ?? []).map(parsePin);
    } catch (error: unknown) {
      if (error instanceof BadPinError) throw new PublicError('bad_request', error.message);
      throw error;
    }
    const keyPath =
      publicKeyPath ?? (kind === 'live' ? (this.options.livePublicKeyPath ?? undefined) : undefined);
    let publicKey: { publicKey: KeyObject; keyId: string } | undefined;
    if (keyPath !== undefined) {
      try {
        publicKey = loadPublicKey(keyPath);
      } catch (error: unknown) {
        if (error instanceof KeyFileError)
          throw new PublicError('bad_request', `cannot use the public key: ${error.message}`);
        throw error;
      }
    } else if (pins.length === 0) {
      throw new PublicError(
        'bad_request',
        kind === 'live'
          ? 'the live ledger is not signed here: give a public key file or pins to check it against'
          : 'give the public key file of the ledger’s writer (or pins) to check its signatures',
      );
    }
    try {
      return await session.anchors({ publicKey, pins });
    } catch (error: unknown) {
      throw toPublicOpenError(info.path, error);
    }
  }

  close(sessionId: string): boolean {
    const entry = this.open.get(sessionId);
    if (entry === undefined) return false;
    this.open.delete(sessionId);
    this.forensics.forget(sessionId);
    entry.unsubscribe();
    try {
      entry.session.close();
    } catch (error: unknown) {
      console.warn(`[ledger] closing session ${sessionId} failed:`, error);
    }
    return true;
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }

  handlers(): LedgerHandlers {
    return {
      'ledger:openLive': async () => {
        const live = this.options.liveLedgerPath;
        if (live === null) throw new PublicError('unavailable', 'there is no live ledger in this mode');
        return this.openPath(live, 'live');
      },
      'ledger:openAudit': async ({ path }) => this.openPath(path, 'audit'),
      'ledger:progress': async ({ sessionId }) => this.get(sessionId).progress(),
      'ledger:rows': async ({ sessionId, from, count, decision, text }) =>
        this.get(sessionId).rows(from, count, rowFilter(decision, text)),
      'ledger:entry': async ({ sessionId, index }) => this.get(sessionId).entry(index),
      'ledger:explain': async ({ sessionId, index }) => this.forensics.explain(sessionId, index),
      'ledger:diff': async ({ sessionIdA, sessionIdB, publicKeyPath }) =>
        this.forensics.diff(sessionIdA, sessionIdB, publicKeyPath),
      'ledger:locate': async ({ sessionId, index, decision, text }) => {
        const session = this.get(sessionId);
        const filter = rowFilter(decision, text);
        return session.locate !== undefined
          ? session.locate(index, filter)
          : locateByRows(session, index, filter);
      },
      'ledger:findBreak': async ({ sessionId, from, direction }) =>
        this.get(sessionId).findBreak(from, direction),
      'ledger:findTime': async ({ sessionId, at }) => this.get(sessionId).findTime(at),
      'ledger:report': async ({ sessionId, format }) =>
        formatReport(await sessionReport(this.get(sessionId), this.options.version ?? toolVersion()), format),
      'ledger:close': async ({ sessionId }) => ({ closed: this.close(sessionId) }),
      'ledger:anchors': async ({ sessionId, publicKeyPath, pins }) =>
        this.anchors(sessionId, publicKeyPath, pins),
    };
  }
}

function rowFilter(decision: string | undefined, text: string | undefined): RowFilter | undefined {
  if (decision === undefined && text === undefined) return undefined;
  const filter: RowFilter = {};
  if (decision !== undefined) filter.decision = decision;
  if (text !== undefined) filter.text = text;
  return filter;
}

/** Binary search over the (filtered, index-ordered) rows for the first row with index >= `index`. */
export async function locateByRows(
  session: Pick<LedgerSessionLike, 'rows'>,
  index: number,
  filter: RowFilter | undefined,
): Promise<{ position: number; total: number }> {
  const { total } = await session.rows(0, 1, filter);
  let lo = 0;
  let hi = total;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const row = (await session.rows(mid, 1, filter)).rows[0];
    if (row === undefined || row.index >= index) hi = mid;
    else lo = mid + 1;
  }
  return { position: lo, total };
}

function toPublicOpenError(path: string, error: unknown): PublicError {
  if (error instanceof PublicError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return new PublicError('not_found', `no such file: ${path}`);
  if (code === 'EACCES' || code === 'EPERM')
    return new PublicError('forbidden', `permission denied: ${path}`);
  if (code === 'EISDIR') return new PublicError('bad_request', `${path} is a directory, not a ledger file`);
  const message = error instanceof Error ? error.message : String(error);
  return new PublicError('bad_request', `cannot open ${path}: ${message.split('\n')[0]}`);
}
