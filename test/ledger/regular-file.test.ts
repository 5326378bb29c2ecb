import { describe, expect, it } from 'vitest';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FileTooLargeError,
  NotRegularFileError,
  openRegular,
  readSmallFileSync,
} from '../../electron/ledger/regular-file';
import { mkfifo } from '../helpers/fifo';
import { tmpDir } from '../helpers/tmp';

describe('regular-file', () => {
  it('reads a regular file whole, up to the cap; one byte more is FileTooLargeError', () => {
    const p = join(tmpDir(), 'f');
    writeFileSync(p, Buffer.alloc(1000, 0x61));
    expect(readSmallFileSync(p, { maxBytes: 1000 }).length).toBe(1000);
    appendFileSync(p, 'b');
    expect(() => readSmallFileSync(p, { maxBytes: 1000 })).toThrow(FileTooLargeError);
    writeFileSync(p, '');
    expect(readSmallFileSync(p).length).toBe(0);
  });

  it('a missing file passes its ENOENT through (callers create the file then)', async () => {
    const p = join(tmpDir(), 'missing');
    expect(() => readSmallFileSync(p)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    await expect(openRegular(p)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('the check sees the open file and may refuse it before anything is read', () => {
    const p = join(tmpDir(), 'f');
    writeFileSync(p, 'x', { mode: 0o644 });
    expect(() =>
      readSmallFileSync(p, {
        check: (s) => {
          if (s.mode & 0o044) throw new Error('readable by others');
        },
      }),
    ).toThrow('readable by others');
  });

  it('a FIFO is refused for reading and for appending (no reader: ENXIO, still named a FIFO)', async () => {
    const f = mkfifo(join(tmpDir(), 'p'));
    await expect(openRegular(f, 'read')).rejects.toThrow(NotRegularFileError);
    await expect(openRegular(f, 'append')).rejects.toThrow(/is not a regular file but a FIFO \(named pipe\)/);
    await expect(openRegular(tmpDir(), 'append')).rejects.toThrow(/is not a regular file but a directory/);
    await expect(openRegular('/dev/null', 'readwrite')).rejects.toThrow(
      /not a regular file but a character device/,
    );
  });

  it('appending creates the file with the mode given', async () => {
    const p = join(tmpDir(), 'new');
    const fh = await openRegular(p, 'append', 0o600);
    await fh.write('a');
    expect((await fh.stat()).mode & 0o777).toBe(0o600);
    await fh.close();
  });
});
