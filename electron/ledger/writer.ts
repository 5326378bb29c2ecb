// The ledger's one writer: appends PCAg lines, each acknowledged only once its bytes are durable
// (fdatasync). Appends are group-committed: those made in one turn of the event loop, and those
// that arrive while a sync is under way, share one write and one fdatasync. The file is opened
// O_APPEND: acknowledged bytes are never rewritten. A failed write or sync fails closed, and the
// writer resumes by itself once the disk works again (reopen, below).
import type { FileHandle } from 'node:fs/promises';
import { fdatasyncSync, mkdirSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { acquireLock, type LedgerLock } from './lock';
import { kindOf, NotRegularFileError, openRegular } from './regular-file';
import { createPcagLine, newDecisionId } from './pcag';
import { quarantineFrom, recoverTail, type TailState } from './tail-recovery';
import { InvalidDecisionError, validateDecision } from './decision';
import { MAX_ENTRY_BYTES } from './entry-bound';
import { CheckpointWriter, type CheckpointPolicy } from './checkpoint-writer';
import { SyncPolicy, type SyncPolicyOptions } from './sync-policy';
import { Frontier } from './merkle/frontier';
import { leafHash } from './merkle/hash';
import { GENESIS_HASH, type DecisionData, type LedgerSink, type Pcag } from './types';

/**
 * Groups of at least this many entries sync in the pool even on a fast disk, their leaves hashed
 * meanwhile: 32 leaves take ~50 µs to hash, more than a pooled sync's two thread wake-ups cost,
 * and inline the loop would wait for the disk and then hash, one after the other.
 */
export const OVERLAP_MIN_LINES = 32;

interface Pending {
  line: Buffer;
  pcag: Pcag;
  resolve: (p: Pcag) => void;
  reject: (e: Error) => void;
}

/** The writer's file I/O, replaceable in tests to inject failures and slow disks. */
export interface LedgerDiskIo {
  /** Writes all of `buf` at the end of the file (it is open O_APPEND). */
  write(fd: number, buf: Buffer): void;
  /** fdatasync on the event loop. */
  syncInline(fd: number): void;
  /** fdatasync in libuv's thread pool. */
  syncPooled(fh: FileHandle): Promise<void>;
}

/** The real file I/O (what test disks wrap). */
export const nodeDiskIo: LedgerDiskIo = {
  write(fd, buf) {
    for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off, buf.length - off);
  },
  syncInline: fdatasyncSync,
  syncPooled: (fh) => fh.datasync(),
};

export interface WriterOptions {
  now?: () => Date;
  /** Signed checkpoints, as C2SP notes in LEDGER.checkpoints; none when absent. */
  checkpoints?: CheckpointPolicy;
  /**
   * Keep the RFC 6962 tree's frontier (default true): rebuilt on open, extended on each append.
   * Only the benchmark turns it off, to show what it costs; checkpoints need it.
   */
  tree?: boolean;
  /** When fdatasync may run on the event loop (see sync-policy.ts). */
  sync?: SyncPolicyOptions;
  disk?: LedgerDiskIo;
  /** After a failed write or sync, how often to try reopening the ledger, ms (default 2,000). */
  retryMs?: number;
}

export class LedgerUnavailableError extends Error {}

export class LedgerWriter implements LedgerSink {
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private failed: Error | null = null;
  private closed = false;
  private durableEntries: number;
  private listeners = new Set<(p: Pcag, index: number) => void>();
  private checkpointer: CheckpointWriter | null = null;
  private readonly syncPolicy: SyncPolicy;
  private readonly disk: LedgerDiskIo;
  private readonly syncCounts = { inline: 0, pooled: 0 };
  /** The file's size and head as of the last successful sync: what recovery cuts back to. */
  private durableSize: number;
  private durableHead: string;
  private readonly retryMs: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private reopening: Promise<void> | null = null;
  /** The Merkle tree over the durable entries (null only when opened with tree: false). */
  private frontier: Frontier | null;

  private constructor(
    readonly path: string,
    private fh: FileHandle,
    private readonly lock: LedgerLock,
    private nextHash: string,
    entries0: number,
    private readonly now: () => Date,
    readonly recovered: TailState['quarantined'],
    opts: WriterOptions,
    size0: number,
    frontier: Frontier | null,
  ) {
    this.frontier = frontier;
    this.durableEntries = entries0;
    this.syncPolicy = new SyncPolicy(opts.sync);
    this.disk = opts.disk ?? nodeDiskIo;
    this.durableHead = nextHash;
    this.durableSize = size0;
    this.retryMs = opts.retryMs ?? 2000;
  }

  /** Takes the ledger's lock, recovers a torn tail (quarantine + RECOVER entry), and opens for append. */
  static async open(path: string, opts: WriterOptions = {}): Promise<LedgerWriter> {
    const now = opts.now ?? (() => new Date());
    mkdirSync(dirname(path), { recursive: true });
    const lock = await acquireLock(path);
    try {
      let size = 0;
      try {
        const s = statSync(path);
        if (!s.isFile()) throw new NotRegularFileError(path, kindOf(s));
        size = s.size;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      const tree = opts.tree ?? true;
      if (!tree && opts.checkpoints) throw new Error('signed checkpoints need the Merkle tree (tree: true)');
      const tail = await recoverTail(path, size, now(), { tree });
      const fh = await openRegular(path, 'append', 0o600);
      const w = new LedgerWriter(
        path,
        fh,
        lock,
        tail.head ?? GENESIS_HASH,
        tail.entries,
        now,
        tail.quarantined,
        opts,
        tail.size,
        tail.frontier,
      );
      if (opts.checkpoints)
        w.checkpointer = await CheckpointWriter.open(path, opts.checkpoints, now, () => w.tree);
      if (tail.quarantined) {
        const q = tail.quarantined;
        await w.append({
          decision_id: newDecisionId(),
          decision: 'RECOVER',
          reason: `torn tail of ${q.bytes} bytes left by a crash moved to ${q.file}`,
          metrics: { quarantine_file: q.file, quarantined_bytes: q.bytes, quarantined_sha256: q.sha256 },
          violations: ['torn_tail'],
          gates_passed: { chain_intact: true },
        });
      }
      return w;
    } catch (e) {
      lock.release();
      throw e;
    }
  }

  /** Entries durably in the file. */
  get entries(): number {
    return this.durableEntries;
  }

  /** How many group commits synced on the event loop and in the thread pool so far. */
  get syncs(): { inline: number; pooled: number } {
    return { ...this.syncCounts };
  }

  /** current_hash of the newest entry handed out (the next entry's previous_hash). */
  get head(): string {
    return this.nextHash;
  }

  /** Size, chain head and Merkle root of the durable entries, as one consistent triple. */
  get tree(): { entries: number; head: string; root: Buffer } {
    if (!this.frontier) throw new Error('this writer keeps no Merkle tree (opened with tree: false)');
    return { entries: this.durableEntries, head: this.durableHead, root: this.frontier.root() };
  }

  onAppend(listener: (p: Pcag, index: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends one decision; resolves once it is durable on disk. Invalid data rejects before anything is written. */
  append(decision: DecisionData): Promise<Pcag> {
    if (this.failed)
      return Promise.reject(new LedgerUnavailableError(`ledger unavailable: ${this.failed.message}`));
    if (this.closed) return Promise.reject(new LedgerUnavailableError('ledger is closed'));
    return this.enqueue(decision);
  }

  /**
   * Queues one entry for the next group commit. Not refused while closing: a recovery that
   * close() waits for must still record its RECOVER entry (close() flushes it before it returns).
   */
  private enqueue(decision: DecisionData): Promise<Pcag> {
    const d = validateDecision(decision);
    const { pcag, line } = createPcagLine(d, this.nextHash, this.now());
    // Readers skip a line over the entry bound unread: such an entry would be lost to every audit.
    if (line.length - 1 > MAX_ENTRY_BYTES)
      throw new InvalidDecisionError(
        `the entry would be ${(line.length - 1).toLocaleString('en-US')} bytes, over the 4 MiB bound on one entry`,
      );
    this.nextHash = pcag.current_hash;
    return new Promise<Pcag>((resolve, reject) => {
      this.queue.push({ line, pcag, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** `tree` with the group's leaves pushed: each stored line without its "\n". */
  private grow(tree: Frontier, group: Pending[]): Frontier {
    for (const p of group) tree.push(leafHash(p.line.subarray(0, p.line.length - 1)));
    return tree;
  }

  /**
   * Whether this group's fdatasync runs on the event loop: while the disk is fast (SyncPolicy), and
   * only for small groups when the tree is kept. A big group's leaves take longer to hash than the
   * thread pool's round trip, so it syncs in the pool and hashes them meanwhile (bench/README.md).
   */
  private syncInline(lines: number): boolean {
    return this.syncPolicy.inline() && !(this.frontier && lines >= OVERLAP_MIN_LINES);
  }

  private async flushLoop(): Promise<void> {
    // Starts once the current turn of the event loop is over, so that its appends share one sync.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      try {
        if (this.failed) throw this.failed;
        const buf = group.length === 1 ? group[0].line : Buffer.concat(group.map((p) => p.line));
        // The write only copies into the page cache: done on the event loop, it saves a thread-pool
        // round trip per group. The fdatasync waits for the disk: inline only while that is fast.
        this.disk.write(this.fh.fd, buf);
        const t0 = performance.now();
        let grown: Frontier | null = null;
        if (this.syncInline(group.length)) {
          this.disk.syncInline(this.fh.fd);
          this.syncCounts.inline += 1;
          this.syncPolicy.record(performance.now() - t0);
        } else {
          // The group's Merkle leaves and nodes are hashed while the fdatasync runs on another
          // thread, into a copy of the tree adopted only once the group is durable: the tree never
          // holds an entry a failed sync left out (recovery rolls back to durableHead).
          const syncing = this.disk.syncPooled(this.fh);
          const h0 = performance.now();
          grown = this.frontier ? this.grow(this.frontier.clone(), group) : null;
          const hashedMs = performance.now() - h0;
          await syncing;
          this.syncCounts.pooled += 1;
          const ms = performance.now() - t0;
          // Resumed right after the hashing: the sync took at most that long, but maybe much less.
          if (ms - hashedMs > 0.05) this.syncPolicy.record(ms);
          else this.syncPolicy.recordAtMost(ms);
        }
        this.durableSize += buf.length;
        this.durableHead = group[group.length - 1].pcag.current_hash;
        if (this.frontier) this.frontier = grown ?? this.grow(this.frontier, group);
        for (const p of group) {
          const index = this.durableEntries++;
          p.resolve(p.pcag);
          for (const l of this.listeners) l(p.pcag, index);
        }
        if (this.checkpointer) await this.checkpointer.afterCommit(this.durableEntries);
      } catch (e) {
        // Fail closed: nothing after a failed write may chain to entries that may not be on disk.
        this.failed = e instanceof Error ? e : new Error(String(e));
        const err = new LedgerUnavailableError(`ledger write failed: ${this.failed.message}`);
        for (const p of [...group, ...this.queue]) p.reject(err);
        this.queue = [];
        this.scheduleReopen();
      }
    }
    this.flushing = null; // in the same synchronous step as the last look at the queue
  }

  private scheduleReopen(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.reopening = this.reopen()
        .catch((e: unknown) => {
          // A refused RECOVER append already left its cause in `failed`; anything else is the new cause.
          if (!(e instanceof LedgerUnavailableError))
            this.failed = e instanceof Error ? e : new Error(String(e));
          this.scheduleReopen();
        })
        .finally(() => (this.reopening = null));
    }, this.retryMs);
    this.retryTimer.unref();
  }

  /**
   * Recovery from a failed write or sync (a full disk, say), tried every retryMs until it works:
   * whatever reached the file after the last successful sync was never acknowledged, so it is
   * quarantined as a torn tail is on open; the chain goes on from the last durable entry, and a
   * RECOVER entry records the failure and the quarantined bytes. Appends are refused meanwhile.
   */
  private async reopen(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.closed || !this.failed) return;
    const cause = this.failed.message;
    await this.fh.close().catch(() => {});
    const size = statSync(this.path).size;
    if (size < this.durableSize)
      throw new Error(`${this.path} is shorter than its last durable size (${this.durableSize} bytes)`);
    const q =
      size > this.durableSize ? await quarantineFrom(this.path, this.durableSize, size, this.now()) : null;
    this.fh = await openRegular(this.path, 'append', 0o600);
    this.nextHash = this.durableHead;
    this.failed = null;
    this.checkpointer?.resume();
    // enqueue, not append: a close() that began during this recovery waits for this entry, so the
    // quarantined bytes are never left without the RECOVER entry that names their file.
    await this.enqueue({
      decision_id: newDecisionId(),
      decision: 'RECOVER',
      reason:
        `appending resumed after a failed write (${cause}); ` +
        (q
          ? `${q.bytes} unacknowledged bytes moved to ${q.file}`
          : 'nothing unacknowledged was left in the file'),
      metrics: q
        ? { quarantine_file: q.file, quarantined_bytes: q.bytes, quarantined_sha256: q.sha256, cause }
        : { cause },
      violations: ['write_failure'],
      gates_passed: { chain_intact: true },
    });
  }

  /** Waits for pending appends, then releases the file and its lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.reopening) await this.reopening;
    while (this.flushing) await this.flushing;
    if (this.failed)
      await this.fh.close().catch(() => {}); // a failed reopen may have closed it
    else await this.fh.close();
    if (this.checkpointer && !this.failed) await this.checkpointer.close();
    this.lock.release();
  }
}
