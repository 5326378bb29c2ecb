// The writer's real file I/O with failures the test switches on and off (a full disk, a failing
// fdatasync).
import { nodeDiskIo, type LedgerDiskIo } from '../../electron/ledger/writer';

export type FlakyDisk = LedgerDiskIo & { failWrite: Error | null; failSync: Error | null };

export function flakyDisk(): FlakyDisk {
  const d: FlakyDisk = {
    failWrite: null,
    failSync: null,
    write(fd, buf) {
      if (d.failWrite) throw d.failWrite;
      nodeDiskIo.write(fd, buf);
    },
    syncInline(fd) {
      if (d.failSync) throw d.failSync;
      nodeDiskIo.syncInline(fd);
    },
    async syncPooled(fh) {
      if (d.failSync) throw d.failSync;
      await nodeDiskIo.syncPooled(fh);
    },
  };
  return d;
}

/** An Error with a code, as node:fs throws them. */
export const errno = (code: string, message: string): Error =>
  Object.assign(new Error(`${code}: ${message}`), { code });
