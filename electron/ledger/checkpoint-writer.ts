// Writes signed checkpoints to the sidecar: every N entries or T milliseconds (whichever first),
// and on clean close. Writes are queued one after another, each durable (fdatasync).
import type { FileHandle } from 'node:fs/promises';
import { openRegular } from './regular-file';
import { signCheckpoint, sidecarPath } from './checkpoint';
import type { SigningKey } from './signing-key';

export interface CheckpointPolicy {
  key: SigningKey;
  /** A checkpoint after at most this many new entries (default 1000). */
  everyEntries?: number;
  /** ... or this many ms after the first entry not yet covered (default 60 s). */
  everyMs?: number;
}

export class CheckpointWriter {
  private signed: number;
  private latest: { entries: number; head: string };
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly policy: Required<CheckpointPolicy>;

  private constructor(
    private readonly fh: FileHandle,
    policy: CheckpointPolicy,
    private readonly now: () => Date,
    entries: number,
    head: string,
  ) {
    this.policy = {
      key: policy.key,
      everyEntries: policy.everyEntries ?? 1000,
      everyMs: policy.everyMs ?? 60_000,
    };
    this.signed = entries;
    this.latest = { entries, head };
  }

  /** `entries`/`head`: the ledger as it is at open (already covered, or not: the next checkpoint covers it). */
  static async open(
    ledgerPath: string,
    policy: CheckpointPolicy,
    now: () => Date,
    entries: number,
    head: string,
  ): Promise<CheckpointWriter> {
    const fh = await openRegular(sidecarPath(ledgerPath), 'append', 0o644);
    return new CheckpointWriter(fh, policy, now, entries, head);
  }

  /** Called after each durable group of appends. */
  afterCommit(entries: number, head: string): Promise<void> {
    this.latest = { entries, head };
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
      const { entries, head } = this.latest;
      if (entries === this.signed || entries === 0) return;
      const c = signCheckpoint(entries, head, this.now(), this.policy.key.privateKey, this.policy.key.keyId);
      await this.fh.write(JSON.stringify(c) + '\n');
      await this.fh.datasync();
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
    await this.fh.close();
  }
}
