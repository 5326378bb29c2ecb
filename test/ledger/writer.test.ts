import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { LedgerWriter } from '../../electron/ledger/writer';
import { LedgerLockedError } from '../../electron/ledger/lock';
import { InvalidDecisionError } from '../../electron/ledger/decision';
import { verifyFile } from '../../electron/ledger/verify-file';
import { readEntries } from '../../electron/ledger/read';
import { CLI, penin } from '../helpers/cli';
import { decision, lines, writeLedger } from '../helpers/ledger';
import { seedVerify } from '../helpers/python';
import { tmpDir } from '../helpers/tmp';

describe('LedgerWriter', () => {
  it('group-commits 2,000 concurrent appends in order: every promise resolves to the entry at its place', async () => {
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path);
    const seen: number[] = [];
    w.onAppend((_p, index) => seen.push(index));
    const acks = await Promise.all(Array.from({ length: 2000 }, (_, i) => w.append(decision(i))));
    await w.close();
    const ls = lines(path);
    expect(ls).toHaveLength(2000);
    acks.forEach((a, i) => expect(JSON.parse(ls[i]).current_hash).toBe(a.current_hash));
    expect(seen).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect((await verifyFile(path)).valid).toBe(true);
  });

  it('continues the chain of an existing ledger after reopening', async () => {
    const path = await writeLedger(5);
    const w = await LedgerWriter.open(path);
    expect(w.entries).toBe(5);
    expect(w.head).toBe(JSON.parse(lines(path)[4]).current_hash);
    await w.append(decision(99));
    await w.close();
    expect(seedVerify(path)).toEqual([true, 'Verified 6 entries']);
  });

  it('one writer per file: a second writer in this process or another gets a clear error', async () => {
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path);
    await expect(LedgerWriter.open(path)).rejects.toThrow(LedgerLockedError);
    await expect(LedgerWriter.open(path)).rejects.toThrow(
      /already open for writing by this process \(pid \d+\)/,
    );
    const other = penin(['append', path], JSON.stringify(decision(1)) + '\n');
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/already open for writing/);
    await w.close();
    expect(penin(['append', path], JSON.stringify(decision(1)) + '\n').code).toBe(0);
  });

  it('invalid decision data is refused before anything is written, naming the field', async () => {
    const path = join(tmpDir(), 'l.jsonl');
    const w = await LedgerWriter.open(path);
    const bad: [unknown, RegExp][] = [
      [null, /must be a JSON object/],
      [{ decision: 'X', reason: 'r' }, /decision_id must be a non-empty string/],
      [{ decision_id: 'a', decision: 'X', reason: 'r', extra: 1 }, /unknown field extra: .*inside metrics/],
      [
        { decision_id: 'a', decision: 'X', reason: 'r', delta_linf: 'high' },
        /delta_linf must be a finite number/,
      ],
      [
        { decision_id: 'a', decision: 'X', reason: 'r', metrics: { x: NaN } },
        /metrics\.x must be a finite number/,
      ],
      [{ decision_id: 'a', decision: 'X', reason: 'r', violations: {} }, /violations must be a JSON array/],
    ];
    for (const [d, msg] of bad) {
      expect(() => w.append(d as never)).toThrow(InvalidDecisionError);
      expect(() => w.append(d as never)).toThrow(msg);
    }
    await w.append(decision(1));
    await w.close();
    expect(lines(path)).toHaveLength(1);
    expect((await verifyFile(path)).valid).toBe(true);
  });

  it('quarantines a torn tail on open, cuts the file back and records a RECOVER entry', async () => {
    const dir = tmpDir();
    const path = await writeLedger(3, join(dir, 'l.jsonl'));
    const torn = '{"decision_id": "d-3", "timestamp": "2026-';
    appendFileSync(path, torn);
    const w = await LedgerWriter.open(path);
    await w.close();
    const q = readdirSync(dir).filter((f) => f.includes('.quarantine-'));
    expect(q).toHaveLength(1);
    expect(readFileSync(join(dir, q[0]), 'utf8')).toBe(torn);
    const ls = lines(path);
    expect(ls).toHaveLength(4);
    const rec = JSON.parse(ls[3]);
    expect(rec).toMatchObject({
      decision: 'RECOVER',
      metrics: {
        quarantine_file: q[0],
        quarantined_bytes: torn.length,
        quarantined_sha256: createHash('sha256').update(torn).digest('hex'),
      },
    });
    expect(seedVerify(path)).toEqual([true, 'Verified 4 entries']);
  });

  it('refuses to append after a file whose last whole entry is unreadable (it cannot chain to it)', async () => {
    const path = await writeLedger(2);
    appendFileSync(path, '{garbage}\n');
    await expect(LedgerWriter.open(path)).rejects.toThrow(/last whole entry .* is unreadable/);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('readEntries yields every entry in order, with null for unreadable lines', async () => {
    const path = await writeLedger(2500);
    appendFileSync(path, 'junk\n');
    const seen: (string | null)[] = [];
    for await (const e of readEntries(path)) seen.push(e.entry?.decision_id ?? null);
    expect(seen).toHaveLength(2501);
    expect(seen[0]).toBe('d-0');
    expect(seen[2499]).toBe('d-2499');
    expect(seen[2500]).toBeNull();
    const none: unknown[] = [];
    for await (const e of readEntries(join(tmpDir(), 'missing.jsonl'))) none.push(e);
    expect(none).toEqual([]);
  });
});

/**
 * Runs `penin append` fed an endless stream of decisions and SIGKILLs it once it has acknowledged
 * `killAfterAcks` entries (at that moment it is writing and syncing the next groups); returns the
 * acknowledged hashes. Counting acks, not milliseconds, makes every round mean the same on a fast
 * or a loaded machine: a timer could fire before a slow start acknowledged anything.
 */
function appendUntilKilled(path: string, killAfterAcks: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'append', path], { stdio: ['pipe', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let buf = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      acked.push(...parts);
      if (acked.length >= killAfterAcks) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let i = 0;
    const feed = (): void => {
      while (child.stdin.writable) {
        const chunk = Array.from({ length: 50 }, () => JSON.stringify(decision(i++))).join('\n') + '\n';
        if (!child.stdin.write(chunk)) return void child.stdin.once('drain', feed);
      }
    };
    child.stdin.on('error', () => {}); // EPIPE once killed
    feed();
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      // a partial last stdout line was not a full ack
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`penin append exited by itself before ${killAfterAcks} acks: ${stderr}`));
    });
  });
}

describe('crash safety: SIGKILL at random moments loses no acknowledged entry', () => {
  it('20 kills; after each, recovery leaves a ledger that verifies and holds every acked entry', async () => {
    const dir = tmpDir();
    const path = join(dir, 'crash.jsonl');
    let rand = 42;
    const next = (): number => (rand = (rand * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const allAcked: string[] = [];
    const recoveries = (): number =>
      existsSync(path) ? lines(path).filter((l) => JSON.parse(l).decision === 'RECOVER').length : 0;
    let forced = 0;
    let wanted = 0;
    for (let round = 0; round < 20; round++) {
      const target = 1 + Math.floor(next() * 400);
      wanted += target;
      const acked = await appendUntilKilled(path, target);
      allAcked.push(...acked);
      const before = recoveries();
      // A SIGKILL tears a write only when it lands between two pages of a group write (Linux stops
      // copying at a fatal signal), so every other round also leaves a torn tail as a power cut
      // would (part of a line, no newline).
      const tear = round % 2 === 1 && existsSync(path);
      if (tear) appendFileSync(path, '{"decision_id": "torn-' + round);
      const w = await LedgerWriter.open(path); // recovery
      await w.close();
      const r = await verifyFile(path);
      expect(r.breaks).toEqual([]);
      const hashes = new Set(lines(path).map((l) => JSON.parse(l).current_hash as string));
      for (const h of allAcked) expect(hashes.has(h)).toBe(true);
      // One RECOVER per torn tail: always after a forced one, and after a torn group write.
      const added = recoveries() - before;
      if (tear) {
        forced += 1;
        expect(added).toBe(1);
      } else expect(added).toBeLessThanOrEqual(1);
    }
    expect(allAcked.length).toBeGreaterThanOrEqual(wanted);
    expect(forced).toBe(10);
    expect(recoveries()).toBeGreaterThanOrEqual(10);
    expect(statSync(path).size).toBeGreaterThan(0);
    expect(seedVerify(path)[0]).toBe(true);
  }, 600_000); // generous: 20 child processes on a loaded machine; the test waits on events, not on time
});

describe('penin append: bad input', () => {
  it('an invalid line gets an error naming it; lines before it are appended, nothing after it', () => {
    const path = join(tmpDir(), 'l.jsonl');
    const input = [
      JSON.stringify(decision(0)),
      JSON.stringify(decision(1)),
      '{"decision": 5}',
      JSON.stringify(decision(3)),
    ].join('\n');
    const r = penin(['append', path], input + '\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /line 3: .*decision must be a non-empty string \(2 entries before it appended; nothing after it\)/,
    );
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(lines(path)).toHaveLength(2);
    const notJson = penin(['append', path], 'nope\n');
    expect(notJson.stderr).toMatch(/line 1: Expecting value/);
    expect(lines(path)).toHaveLength(2);
  });
  it('a decision without decision_id gets a fresh UUID, as a convenience', () => {
    const path = join(tmpDir(), 'l.jsonl');
    expect(penin(['append', path], '{"decision": "ROUTE", "reason": "r"}\n').code).toBe(0);
    expect(JSON.parse(lines(path)[0]).decision_id).toMatch(/^[0-9a-f-]{36}$/);
  });
  it('bad usage exits 2', () => {
    expect(penin(['append']).code).toBe(2);
    writeFileSync(join(tmpDir(), 'x'), '');
  });
});

describe('readEntries stopped early', () => {
  it('closes the file when the consumer breaks out of the loop', async () => {
    const path = await writeLedger(6000); // several 1 MB chunks
    const fdsBefore = readdirSync('/proc/self/fd').length;
    let n = 0;
    for await (const e of readEntries(path)) {
      if (e.index >= 10) break;
      n++;
    }
    expect(n).toBe(10);
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync('/proc/self/fd').length).toBeLessThanOrEqual(fdsBefore);
  });
});
