import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanLines } from '../../electron/ledger/line-scan';
import { tmpDir } from '../helpers/tmp';

function fileOf(lines: string[]): string {
  const path = join(tmpDir(), 'lines.txt');
  writeFileSync(path, lines.map((l) => `${l}\n`).join(''));
  return path;
}

describe('scanLines', () => {
  it('reports every line with its offset, across chunk boundaries', async () => {
    const path = fileOf(['alpha', 'b', 'gamma-gamma', 'd']);
    const seen: [number, number, string][] = [];
    const r = await scanLines(path, (l) => seen.push([l.index, l.offset, l.bytes.toString()]), {
      chunkBytes: 4,
    });
    expect(seen).toEqual([
      [0, 0, 'alpha'],
      [1, 6, 'b'],
      [2, 8, 'gamma-gamma'],
      [3, 20, 'd'],
    ]);
    expect(r).toEqual({ bytes: 22, lines: 4 });
  });

  it('stops after the chunk in which `stop` turns true, reading no further', async () => {
    const path = fileOf(Array.from({ length: 100 }, (_, i) => `line ${String(i).padStart(3, '0')}`));
    let hit = -1;
    const seen: number[] = [];
    const r = await scanLines(
      path,
      (l) => {
        seen.push(l.index);
        if (l.bytes.toString() === 'line 010') hit = l.index;
      },
      { chunkBytes: 45, stop: () => hit >= 0 }, // 9 bytes a line: 5 lines a chunk
    );
    expect(hit).toBe(10);
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => i)); // lines 10..14 share the chunk
    expect(r).toEqual({ bytes: 135, lines: 15 });
  });
});
