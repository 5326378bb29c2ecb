import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRecentFiles, MAX_RECENT, readRecentFile } from '../../electron/app/recent-files';
import { tmpDir } from '../helpers/tmp';

describe('recent files', () => {
  it('is empty when the file is missing', () => {
    expect(createRecentFiles(join(tmpDir(), 'recent.json')).list()).toEqual([]);
  });

  it('is empty, not a crash, when the file holds bad JSON or the wrong shape', () => {
    const dir = tmpDir();
    for (const text of ['{not json', '', 'null', '42', '{"files": "x"}', '"a string"']) {
      const file = join(dir, 'recent.json');
      writeFileSync(file, text);
      expect(readRecentFile(file)).toEqual([]);
      expect(createRecentFiles(file).list()).toEqual([]);
    }
  });

  it('is empty when the path is a directory', () => {
    const dir = join(tmpDir(), 'recent.json');
    mkdirSync(dir);
    expect(createRecentFiles(dir).list()).toEqual([]);
  });

  it('keeps the most recent first, without duplicates, at most 10, and persists them', () => {
    const file = join(tmpDir(), 'sub', 'recent.json');
    const recent = createRecentFiles(file);
    for (let i = 0; i < 15; i++) recent.add(`/ledgers/l${i}.jsonl`);
    recent.add('/ledgers/l10.jsonl');
    const list = recent.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list[0]).toBe('/ledgers/l10.jsonl');
    expect(list[1]).toBe('/ledgers/l14.jsonl');
    expect(new Set(list).size).toBe(list.length);
    expect(createRecentFiles(file).list()).toEqual(list);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ files: list });
  });

  it('drops entries that are not absolute paths when reading', () => {
    const file = join(tmpDir(), 'recent.json');
    writeFileSync(
      file,
      JSON.stringify({ files: ['/ok.jsonl', 'relative.jsonl', 7, '', '/ok.jsonl', '/b\u0000c'] }),
    );
    expect(readRecentFile(file)).toEqual(['/ok.jsonl']);
  });

  it('removes and clears', () => {
    const recent = createRecentFiles(join(tmpDir(), 'recent.json'));
    recent.add('/a');
    recent.add('/b');
    expect(recent.remove('/a')).toEqual(['/b']);
    recent.clear();
    expect(recent.list()).toEqual([]);
  });
});
