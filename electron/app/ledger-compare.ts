// The ledger browser's forensics channels: ledger:explain (what each break at one entry most likely
// was) and ledger:diff (how two open ledgers compare, penin.diff/1). Both read the session's file
// on demand, streamed (async, a chunk at a time, so the main thread is never held for long), and
// bounded: the explanation covers only the entry asked for, and the re-encoding search shrinks
// with the line's size so a line near the entry bound costs about what a short one does.
import type { LedgerEntryDetail, VerifyReport } from '../../shared/ipc/contract';
import type { ChainBreak } from '../../shared/domain';
import type { ExplainedBreak } from '../../shared/break-explanation';
import type { LedgerDiff } from '../../shared/ledger-diff';
import { PublicError } from '../ipc/public-error';
import { explainBreaks } from '../ledger/forensics/explain-breaks';
import { diffLedgers } from '../ledger/forensics/ledger-diff';
import { DEFAULT_BUDGET } from '../ledger/forensics/reencode-search';
import { signedCheckpoints, type ValidCheckpoint } from '../ledger/signed-checkpoints';
import { KeyFileError, loadPublicKey } from '../ledger/signing-key';

/** What these channels need of a ledger session (ledger-sessions.ts's LedgerSessionLike has it). */
export interface ComparableSession {
  readonly path: string;
  entry(index: number): Promise<LedgerEntryDetail>;
  report(): VerifyReport;
}

/** Bytes of canonical text the re-encoding search may hash for one entry (budget × line size). */
export const SEARCH_BYTES = 64 * 1024 * 1024;
/** Explanations kept per registry (one entry's, each): the pane asks again as the user moves back. */
const CACHE_SIZE = 64;

/** Re-encodings tried for a line of `bytes`: the default for lines up to SEARCH_BYTES / DEFAULT_BUDGET
 * (about 220 KB), fewer for longer ones, at least one. */
export function searchBudget(bytes: number): number {
  return Math.max(1, Math.min(DEFAULT_BUDGET, Math.floor(SEARCH_BYTES / Math.max(1, bytes))));
}

const EXPLAINED = new Set<ChainBreak['kind']>(['parse', 'content', 'link', 'torn_tail']);

export class LedgerForensics {
  private readonly cache = new Map<string, Promise<ExplainedBreak[]>>();

  constructor(private readonly get: (sessionId: string) => ComparableSession) {}

  /** ledger:explain — the entry's breaks, each with its explanation where one was worked out. */
  explain(sessionId: string, index: number): Promise<ExplainedBreak[]> {
    const session = this.get(sessionId);
    return this.cached(`${sessionId}\u0000${index}`, async () => {
      const detail = await session.entry(index);
      const breaks = detail.breaks;
      if (!breaks.some((b) => EXPLAINED.has(b.kind))) return breaks;
      const report = session.report();
      return explainBreaks(session.path, breaks, {
        budget: searchBudget(detail.rawBytes),
        // The bytes verified: a live ledger may have grown since, and its breaks were found up to here.
        endOffset: report.bytes > 0 ? report.bytes : undefined,
      });
    });
  }

  /** ledger:diff — the two sessions' files compared entry by entry (penin diff A B). */
  async diff(sessionIdA: string, sessionIdB: string, publicKeyPath?: string): Promise<LedgerDiff> {
    const a = this.get(sessionIdA);
    const b = this.get(sessionIdB);
    let checkpoints: { a: ValidCheckpoint[]; b: ValidCheckpoint[] } | undefined;
    if (publicKeyPath !== undefined) {
      let key: ReturnType<typeof loadPublicKey>;
      try {
        key = loadPublicKey(publicKeyPath);
      } catch (error: unknown) {
        if (error instanceof KeyFileError)
          throw new PublicError('bad_request', `cannot use the public key: ${error.message}`);
        throw error;
      }
      checkpoints = {
        a: await signedCheckpoints(a.path, key),
        b: await signedCheckpoints(b.path, key),
      };
    }
    return diffLedgers(a.path, b.path, { checkpoints });
  }

  private cached(key: string, make: () => Promise<ExplainedBreak[]>): Promise<ExplainedBreak[]> {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const p = make();
    this.cache.set(key, p);
    p.catch(() => this.cache.delete(key)); // a failure is not remembered
    while (this.cache.size > CACHE_SIZE) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return p;
  }

  /** Forget a closed session's explanations (its id may not come back, but its memory should go). */
  forget(sessionId: string): void {
    for (const k of [...this.cache.keys()]) if (k.startsWith(`${sessionId}\u0000`)) this.cache.delete(k);
  }
}
