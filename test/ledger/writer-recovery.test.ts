// A writer whose write or fdatasync failed refuses appends (fail closed), then recovers by itself
// once the disk works again: what reached the file after the last successful sync is quarantined,
// the chain goes on from the last durable entry, and a RECOVER entry says what happened.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LedgerUnavailableError, LedgerWriter } from '../../electron/ledger/writer';
import { errno, flakyDisk } from '../helpers/flaky-disk';
import { verifyFile } from '../../electron/ledger/verify-file';
import type { Pcag } from '../../electron/ledger/types';
import { decision, lines } from '../helpers/ledger';
import { seedVerify } from '../helpers/python';
import { tmpDir } from '../helpers/tmp';

/** Appends until the writer takes an entry again (it recovers on its own timer). */
async function appendOnceRecovered(w: LedgerWriter, i: number): Promise<Pcag> {
  for (let tries = 0; tries < 200; tries++) {
    try {
      return await w.append(decision(i));
    } catch (e) {
      expect(e).toBeInstanceOf(LedgerUnavailableError);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  throw new Error('the writer never recovered');
}

const parsed = (path: string): Record<string, unknown>[] => lines(path).map((l) => JSON.parse(l));

describe('LedgerWriter: recovery from a failed write', () => {
  it('a write that failed (disk full) is refused, then appending resumes once the disk has room', async () => {
    const disk = flakyDisk();
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path, { disk, retryMs: 20 });
    const acked = [await w.append(decision(0)), await w.append(decision(1))];
    disk.failWrite = errno('ENOSPC', 'no space left on device, write');
    await expect(w.append(decision(2))).rejects.toThrow(/ledger write failed: ENOSPC/);
    await expect(w.append(decision(3))).rejects.toThrow(/ledger unavailable: ENOSPC/);
    disk.failWrite = null;
    acked.push(await appendOnceRecovered(w, 4));
    await w.close();

    const entries = parsed(path);
    expect(entries.map((e) => e.decision_id)).toEqual([
      decision(0).decision_id,
      decision(1).decision_id,
      entries[2].decision_id,
      decision(4).decision_id,
    ]);
    expect(entries[2].decision).toBe('RECOVER');
    const recover = entries[2];
    expect(recover.violations).toEqual(['write_failure']);
    expect(recover.reason).toMatch(/failed write \(ENOSPC: no space left on device, write\)/);
    expect(recover.reason).toMatch(/nothing unacknowledged was left/);
    expect(recover.previous_hash).toBe(acked[1].current_hash); // the chain goes on from the last durable entry
    expect(entries.map((e) => e.current_hash)).toEqual(
      expect.arrayContaining(acked.map((a) => a.current_hash)),
    );
    expect((await verifyFile(path)).valid).toBe(true);
    expect(seedVerify(path)[0]).toBe(true);
  });

  it('bytes written but never synced (fdatasync failed) are quarantined, not kept', async () => {
    const disk = flakyDisk();
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path, { disk, retryMs: 20 });
    const last = await w.append(decision(0));
    const sizeBefore = readFileSync(path).length;
    disk.failSync = errno('EIO', 'i/o error, fdatasync');
    await expect(w.append(decision(1))).rejects.toThrow(/ledger write failed: EIO/);
    const unsynced = readFileSync(path).subarray(sizeBefore); // the refused entry's line is in the file
    expect(unsynced.length).toBeGreaterThan(0);
    disk.failSync = null;
    await appendOnceRecovered(w, 2);
    await w.close();

    const entries = parsed(path);
    expect(entries.map((e) => e.decision_id)).toEqual([
      decision(0).decision_id,
      entries[1].decision_id,
      decision(2).decision_id,
    ]);
    expect(entries[1].decision).toBe('RECOVER');
    const m = entries[1].metrics as Record<string, unknown>;
    expect(m.quarantined_bytes).toBe(unsynced.length);
    expect(m.quarantined_sha256).toBe(createHash('sha256').update(unsynced).digest('hex'));
    const file = join(dirname(path), String(m.quarantine_file));
    expect(readdirSync(dirname(path))).toContain(String(m.quarantine_file));
    expect(readFileSync(file)).toEqual(unsynced);
    expect(entries[1].previous_hash).toBe(last.current_hash);
    expect((await verifyFile(path)).valid).toBe(true);
    expect(seedVerify(path)[0]).toBe(true);
  });

  it('while the disk still fails, every retry fails too and appends stay refused; one RECOVER once it works', async () => {
    const disk = flakyDisk();
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path, { disk, retryMs: 10 });
    await w.append(decision(0));
    disk.failWrite = errno('ENOSPC', 'no space left on device, write');
    await expect(w.append(decision(1))).rejects.toThrow(/ENOSPC/);
    await new Promise((r) => setTimeout(r, 100)); // several retries, all failing
    await expect(w.append(decision(2))).rejects.toBeInstanceOf(LedgerUnavailableError);
    expect(w.entries).toBe(1);
    disk.failWrite = null;
    await appendOnceRecovered(w, 3);
    await w.close();
    const entries = parsed(path);
    expect(entries.map((e) => e.decision_id)).toEqual([
      decision(0).decision_id,
      entries[1].decision_id,
      decision(3).decision_id,
    ]);
    expect(entries.filter((e) => e.decision === 'RECOVER')).toHaveLength(1);
    expect((await verifyFile(path)).valid).toBe(true);
  });

  it('close() during the failure stops the retries and releases the file', async () => {
    const disk = flakyDisk();
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path, { disk, retryMs: 10 });
    disk.failWrite = errno('ENOSPC', 'no space left on device, write');
    await expect(w.append(decision(0))).rejects.toThrow(/ENOSPC/);
    await w.close();
    const again = await LedgerWriter.open(path); // the lock was released
    await again.append(decision(1));
    await again.close();
    expect(parsed(path).map((e) => e.decision_id)).toEqual([decision(1).decision_id]);
  });

  it('close() while a recovery is quarantining still records its RECOVER entry before it returns', async () => {
    const disk = flakyDisk();
    const path = join(tmpDir(), 'l.jsonl');
    let w: LedgerWriter | null = null;
    let closing: Promise<void> | null = null;
    let failing = false;
    // The recovery asks for the time to name its quarantine file: close() is called right there,
    // after the unsynced bytes were found and before they are moved and recorded.
    const now = (): Date => {
      if (failing && !disk.failSync && w && !closing) closing = w.close();
      return new Date();
    };
    w = await LedgerWriter.open(path, { disk, retryMs: 10, now });
    const last = await w.append(decision(0));
    failing = true;
    disk.failSync = errno('EIO', 'i/o error, fdatasync');
    await expect(w.append(decision(1))).rejects.toThrow(/EIO/);
    disk.failSync = null;
    for (let i = 0; i < 200 && !closing; i++) await new Promise((r) => setTimeout(r, 5));
    expect(closing).not.toBeNull();
    await closing;
    await expect(w.append(decision(2))).rejects.toThrow(/closed/);

    const entries = parsed(path);
    expect(entries.map((e) => e.decision)).toEqual([decision(0).decision, 'RECOVER']);
    expect(entries[1].previous_hash).toBe(last.current_hash);
    const m = entries[1].metrics as Record<string, unknown>;
    expect(readdirSync(dirname(path))).toContain(String(m.quarantine_file));
    expect((await verifyFile(path)).valid).toBe(true);
    // The lock was released: the next writer opens the file and finds nothing torn.
    const again = await LedgerWriter.open(path);
    expect(again.recovered).toBeNull();
    await again.close();
  });
});
