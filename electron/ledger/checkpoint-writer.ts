// Writes signed checkpoints: every N entries or T milliseconds (whichever first), and on clean
// close. Each is a C2SP tlog-checkpoint note (tree size, RFC 6962 root, time, chain head) signed
// with the writer's key, appended to LEDGER.checkpoints (note/note-sidecar.ts). Writes are queued
// one after another, each durable (fdatasync). Ledgers written before these notes have a JSON
// sidecar (LEDGER.checkpoints.jsonl, checkpoint.ts) instead: read (signed-checkpoints.ts), no longer written.
import type { FileHandle } from 'node:fs/promises';
import { openRegular } from './regular-file';
import type { SigningKey } from './signing-key';
import { noteSidecarPath } from './note/note-sidecar';
import { signCheckpointNote } from './note/checkpoint-signer';

export interface CheckpointPolicy {
  key: SigningKey;
  /** A checkpoint after at most this many new entries (default 1000). */
  everyEntries?: number;
  /** ... or this many ms after the first entry not yet covered (default 60 s). */
  everyMs?: number;
}

/** The ledger's durable state, read when a checkpoint is signed: size, chain head, tree root agree. */
export interface TreeState {
  entries: number;
  head: string;
  root: Buffer;
}

export class CheckpointWriter {
  private signed: number;
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly policy: Required<CheckpointPolicy>;

  private constructor(
    private readonly ledgerPath: string,
    private readonly notes: FileHandle,
    policy: CheckpointPolicy,
    private readonly now: () => Date,
    private readonly state: () => TreeState,
  ) {
    this.policy = {
      key: policy.key,
      everyEntries: policy.everyEntries ?? 1000,
      everyMs: policy.everyMs ?? 60_000,
    };
    this.signed = state().entries;
  }

  /** `state`: the ledger as it is now (at open: already covered, or not: the next checkpoint covers it). */
  static async open(
    ledgerPath: string,
    policy: CheckpointPolicy,
    now: () => Date,
    state: () => TreeState,
  ): Promise<CheckpointWriter> {
    const notes = await openRegular(noteSidecarPath(ledgerPath), 'append', 0o644);
    return new CheckpointWriter(ledgerPath, notes, policy, now, state);
  }

  /** Called after each durable group of appends. */
  afterCommit(entries: number): Promise<void> {
    if (entries - this.signed >= this.policy.everyEntries) return this.checkpoint();
    if (!this.timer && entries > this.signed) {
      this.timer = setTimeout(() => void this.checkpoint().catch(() => {}), this.policy.everyMs);
      this.timer.unref();
    }
    return Promise.resolve();
  }

  /** Signs the latest state now (if it has entries not yet covered). */
  checkpoint(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue = this.queue.then(async () => {
      const { entries, head, root } = this.state();
      if (entries === this.signed || entries === 0) return;
      const time = this.now();
      const { key } = this.policy;
      const note = signCheckpointNote(key, this.ledgerPath, { size: entries, root, head }, time);
      await this.notes.write(note + '\n');
      await this.notes.datasync();
      this.signed = entries;
    });
    return this.queue;
  }

  /** After the ledger's writer recovered from a failure: later checkpoints are tried again. */
  resume(): void {
    this.queue = this.queue.catch(() => {});
  }

  async close(): Promise<void> {
    await this.checkpoint();
    await this.notes.close();
  }
}
