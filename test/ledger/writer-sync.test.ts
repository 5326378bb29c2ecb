// Where the writer's fdatasync runs (sync-policy.ts), how appends are grouped, and what a failing
// disk does to the writer: an injected LedgerDiskIo records every call and can fail or be slow.
import { describe, expect, it } from 'vitest';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import {
  LedgerUnavailableError,
  LedgerWriter,
  nodeDiskIo,
  OVERLAP_MIN_LINES,
  type LedgerDiskIo,
} from '../../electron/ledger/writer';
import { treeFacts } from '../../electron/ledger/merkle/file-tree';
import { SyncPolicy } from '../../electron/ledger/sync-policy';
import { verifyFile } from '../../electron/ledger/verify-file';
import { decision, lines } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';

describe('SyncPolicy', () => {
  it('syncs in the pool until `window` consecutive syncs were fast, then inline', () => {
    const p = new SyncPolicy({ inlineLimitMs: 1, window: 3 });
    expect(p.inline()).toBe(false);
    p.record(0.2);
    p.record(0.3);
    expect(p.inline()).toBe(false);
    p.record(1); // at the limit still counts as fast
    expect(p.inline()).toBe(true);
  });

  it('one slow sync sends the next `window` syncs back to the pool', () => {
    const p = new SyncPolicy({ inlineLimitMs: 1, window: 2 });
    p.record(0.1);
    p.record(0.1);
    expect(p.inline()).toBe(true);
    p.record(40);
    expect(p.inline()).toBe(false);
    p.record(0.1);
    expect(p.inline()).toBe(false);
    p.record(0.1);
    expect(p.inline()).toBe(true);
  });

  it('a sync known only to have taken at most some time counts as fast when that bound is, else as nothing', () => {
    const p = new SyncPolicy({ inlineLimitMs: 1, window: 2 });
    p.recordAtMost(0.5);
    p.recordAtMost(30); // maybe slow, maybe not: the streak neither grows nor breaks
    expect(p.inline()).toBe(false);
    p.recordAtMost(0.9);
    expect(p.inline()).toBe(true);
    p.recordAtMost(30);
    expect(p.inline()).toBe(true);
    p.record(30); // a sync measured slow does break it
    expect(p.inline()).toBe(false);
  });

  it('inlineLimitMs 0 never syncs inline; a negative or NaN limit is refused', () => {
    const p = new SyncPolicy({ inlineLimitMs: 0, window: 1 });
    for (let i = 0; i < 10; i++) p.record(0);
    expect(p.inline()).toBe(false);
    expect(() => new SyncPolicy({ inlineLimitMs: -1 })).toThrow(/inlineLimitMs must be ≥ 0/);
    expect(() => new SyncPolicy({ inlineLimitMs: Number.NaN })).toThrow(/inlineLimitMs must be ≥ 0/);
  });
});

/**
 * Writes to the real file, records where each sync ran, and can be made slow or failing. Its syncs
 * themselves wait for nothing (a real fdatasync's time varies too much for a policy test to assert
 * on): it is the test that decides which sync is slow.
 */
function recordingDisk(): LedgerDiskIo & {
  calls: string[];
  poolDelayMs: number;
  failWrite: Error | null;
  failSync: Error | null;
} {
  const d = {
    calls: [] as string[],
    poolDelayMs: 0,
    failWrite: null as Error | null,
    failSync: null as Error | null,
    write(fd: number, buf: Buffer): void {
      if (d.failWrite) throw d.failWrite;
      d.calls.push(`write ${buf.toString('latin1').split('\n').length - 1}`);
      nodeDiskIo.write(fd, buf);
    },
    syncInline(): void {
      if (d.failSync) throw d.failSync;
      d.calls.push('inline');
    },
    async syncPooled(_fh: FileHandle): Promise<void> {
      d.calls.push('pooled');
      if (d.poolDelayMs) await new Promise((r) => setTimeout(r, d.poolDelayMs));
      if (d.failSync) throw d.failSync;
    },
  };
  return d;
}

describe('LedgerWriter: where it syncs', () => {
  it('appends made in one turn of the event loop share one write and one sync', async () => {
    const disk = recordingDisk();
    const w = await LedgerWriter.open(join(tmpDir(), 'l.jsonl'), { disk });
    await Promise.all([w.append(decision(0)), w.append(decision(1)), w.append(decision(2))]);
    await w.append(decision(3));
    await w.close();
    expect(disk.calls).toEqual(['write 3', 'pooled', 'write 1', 'pooled']);
  });

  it('a fast disk moves syncs onto the event loop; a slow one sends them back to the pool', async () => {
    const disk = recordingDisk();
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path, { disk, sync: { inlineLimitMs: 25, window: 2 } });
    for (let i = 0; i < 4; i++) await w.append(decision(i));
    expect(disk.calls.filter((c) => c !== 'write 1')).toEqual(['pooled', 'pooled', 'inline', 'inline']);
    // The disk turns slow: an inline sync of 100 ms (a busy wait, as a real one blocks the loop).
    disk.syncInline = () => {
      disk.calls.push('inline');
      const until = performance.now() + 100;
      while (performance.now() < until);
    };
    disk.calls = [];
    for (let i = 4; i < 8; i++) await w.append(decision(i));
    expect(disk.calls.filter((c) => c !== 'write 1')).toEqual(['inline', 'pooled', 'pooled', 'inline']);
    await w.close();
    expect((await verifyFile(path)).valid).toBe(true);
    expect(lines(path)).toHaveLength(8);
  });

  it("on a fast disk a big group syncs in the pool, its Merkle leaves hashed meanwhile; the tree is the file's", async () => {
    const disk = recordingDisk();
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path, { disk, sync: { inlineLimitMs: 1e9, window: 1 } });
    await w.append(decision(0)); // pooled (no fast sync seen yet); every later sync counts as fast
    await w.append(decision(1));
    const big = Array.from({ length: OVERLAP_MIN_LINES }, (_, i) => w.append(decision(2 + i)));
    await Promise.all(big);
    await Promise.all([w.append(decision(100)), w.append(decision(101))]);
    expect(disk.calls).toEqual([
      'write 1',
      'pooled',
      'write 1',
      'inline',
      `write ${OVERLAP_MIN_LINES}`,
      'pooled',
      'write 2',
      'inline',
    ]);
    const tree = w.tree;
    await w.close();
    expect(tree.entries).toBe(OVERLAP_MIN_LINES + 4);
    expect(tree.root).toEqual((await treeFacts(path)).frontier.root());
  });

  it('without the tree a big group on a fast disk still syncs inline (nothing to hash meanwhile)', async () => {
    const disk = recordingDisk();
    const w = await LedgerWriter.open(join(tmpDir(), 'l.jsonl'), {
      disk,
      tree: false,
      sync: { inlineLimitMs: 1e9, window: 1 },
    });
    await w.append(decision(0));
    await Promise.all(Array.from({ length: OVERLAP_MIN_LINES }, (_, i) => w.append(decision(1 + i))));
    await w.close();
    expect(disk.calls).toEqual(['write 1', 'pooled', `write ${OVERLAP_MIN_LINES}`, 'inline']);
  });

  it('while a pooled sync is under way the event loop runs on, and later appends form the next group', async () => {
    const disk = recordingDisk();
    disk.poolDelayMs = 50;
    const w = await LedgerWriter.open(join(tmpDir(), 'l.jsonl'), { disk });
    const first = w.append(decision(0));
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    await new Promise((r) => setTimeout(r, 10)); // the first group is now syncing
    const later = [w.append(decision(1)), w.append(decision(2))];
    await Promise.all([first, ...later]);
    clearInterval(timer);
    await w.close();
    expect(ticks).toBeGreaterThanOrEqual(4);
    expect(disk.calls).toEqual(['write 1', 'pooled', 'write 2', 'pooled']);
  });
});

describe('LedgerWriter: a failing disk fails closed', () => {
  it('a failed write rejects its group and every later append with LedgerUnavailableError', async () => {
    const disk = recordingDisk();
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path, { disk });
    await w.append(decision(0));
    disk.failWrite = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const group = [w.append(decision(1)), w.append(decision(2))];
    for (const g of group) await expect(g).rejects.toThrow(/ledger write failed: ENOSPC/);
    await expect(w.append(decision(3))).rejects.toBeInstanceOf(LedgerUnavailableError);
    await expect(w.append(decision(3))).rejects.toThrow(/ledger unavailable: ENOSPC/);
    expect(w.entries).toBe(1);
    await w.close();
    // Nothing after the failure reached the file: what is there verifies.
    expect(lines(path)).toHaveLength(1);
    expect((await verifyFile(path)).valid).toBe(true);
  });

  it('a failed inline sync fails closed the same way: its entries are never acknowledged', async () => {
    const disk = recordingDisk();
    const w = await LedgerWriter.open(join(tmpDir(), 'l.jsonl'), {
      disk,
      sync: { inlineLimitMs: 50, window: 1 },
    });
    await w.append(decision(0)); // pooled, fast: the next sync runs inline
    disk.failSync = Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    const acked: number[] = [];
    w.onAppend((_p, i) => acked.push(i));
    await expect(w.append(decision(1))).rejects.toThrow(/ledger write failed: EIO/);
    expect(disk.calls.at(-1)).toBe('write 1'); // the failing inline sync records nothing
    expect(acked).toEqual([]);
    expect(w.entries).toBe(1);
    await w.close();
  });
});
