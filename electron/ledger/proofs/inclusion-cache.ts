// The entry pane asks "which checkpoint includes this entry?" at each click. Which notes verify
// and match the file does not depend on the entry, so it is worked out once (one pass over a
// possibly large file) and kept while neither the ledger nor its notes change: the cache is keyed
// by both files' inode, size, mtime and ctime, and by the keys asked with. (A rewrite that keeps the
// size within one tick of the file system's clock would go unseen here; the session's own
// verification of the file still reports it.)
import { statSync } from 'node:fs';
import { noteSidecarPath } from '../note/note-sidecar';
import { checkpointBook, inclusionIn, type CheckpointBook, type EntryInclusion } from './entry-inclusion';
import { formatVkey, type Vkey } from '../note/vkey';

/** Books kept at once (one per ledger and key set an auditor has open). */
const MAX_BOOKS = 8;

function fingerprint(path: string): string {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return 'none';
  }
}

export class InclusionCache {
  private readonly books = new Map<string, Promise<CheckpointBook>>();
  /** Passes over the files made so far (what the cache saves). */
  builds = 0;

  async inclusion(
    ledgerPath: string,
    index: number,
    log: Vkey,
    witnesses: Vkey[] = [],
  ): Promise<EntryInclusion> {
    const sidecar = noteSidecarPath(ledgerPath);
    const keys = [log, ...witnesses].map((k) => formatVkey(k.name, k.alg, k.publicKey)).join(' ');
    const key = `${ledgerPath}\n${fingerprint(ledgerPath)}\n${fingerprint(sidecar)}\n${keys}`;
    let book = this.books.get(key);
    if (!book) {
      this.builds++;
      book = checkpointBook(ledgerPath, sidecar, log, witnesses);
      book.catch(() => this.books.delete(key)); // a failed pass is tried again next time
      this.books.set(key, book);
      while (this.books.size > MAX_BOOKS) this.books.delete(this.books.keys().next().value as string);
    }
    return inclusionIn(await book, index);
  }
}
