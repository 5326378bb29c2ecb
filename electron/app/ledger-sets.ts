// Sets of ledgers opened together (a fleet: one ledger per gateway instance) and their merged view
// (channels ledger:openSet, ledger:mergedRows, ledger:closeSet). Each file is an ordinary ledger
// session of LedgerSessions (verified on its own, its rows, entries and breaks as usual); a set
// only remembers which sessions it holds and merges their rows by time (ledger-merge.ts).
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Channels } from '../../shared/ipc/contract';
import type { Handlers } from '../../shared/ipc/contract-kit';
import type { LedgerSetInfo, MergedRows } from '../../shared/ledger-merge';
import { PublicError } from '../ipc/public-error';
import { MergedIndex } from './ledger-merge';
import type { LedgerSessionLike, LedgerSessions, LedgerSetChannel } from './ledger-sessions';

interface OpenSet {
  info: LedgerSetInfo;
  sessions: LedgerSessionLike[];
  /** One merged order per instance filter (all files: key ''). */
  indexes: Map<string, MergedIndex>;
}

export class LedgerSets {
  private readonly sets = new Map<string, OpenSet>();

  constructor(private readonly sessions: LedgerSessions) {}

  async openSet(paths: readonly string[]): Promise<LedgerSetInfo> {
    const opened: string[] = [];
    try {
      for (const path of paths) opened.push((await this.sessions.openPath(path, 'audit')).sessionId);
    } catch (error: unknown) {
      for (const id of opened) this.sessions.close(id);
      throw error;
    }
    const info: LedgerSetInfo = {
      setId: randomUUID(),
      files: opened.map((sessionId, file) => ({
        file,
        path: paths[file],
        name: basename(paths[file]),
        sessionId,
      })),
    };
    this.sets.set(info.setId, {
      info,
      sessions: opened.map((id) => this.sessions.get(id)),
      indexes: new Map(),
    });
    while (this.sets.size > 4) this.closeSet(this.sets.keys().next().value ?? '');
    return info;
  }

  async mergedRows(setId: string, offset: number, limit: number, files?: number[]): Promise<MergedRows> {
    const set = this.sets.get(setId);
    if (set === undefined)
      throw new PublicError(
        'not_found',
        `no open ledger set "${setId}" (it was closed; open the ledgers again)`,
      );
    // Each file's session must still be open (the registry closes the least recently used).
    for (const f of set.info.files) this.sessions.get(f.sessionId);
    const chosen = [...new Set(files ?? set.info.files.map((f) => f.file))].sort((a, b) => a - b);
    for (const f of chosen)
      if (f >= set.sessions.length) throw new PublicError('bad_request', `the set has no file ${f}`);
    const key = chosen.join(',');
    let index = set.indexes.get(key);
    if (index === undefined) {
      if (set.indexes.size >= 8) set.indexes.clear();
      index = new MergedIndex(set.sessions, chosen);
      set.indexes.set(key, index);
    }
    return index.rows(offset, limit);
  }

  closeSet(setId: string): boolean {
    const set = this.sets.get(setId);
    if (set === undefined) return false;
    this.sets.delete(setId);
    for (const f of set.info.files) this.sessions.close(f.sessionId);
    return true;
  }

  handlers(): Pick<Handlers<Channels>, LedgerSetChannel> {
    return {
      'ledger:openSet': async ({ paths }) => this.openSet(paths),
      'ledger:mergedRows': async ({ setId, offset, limit, files }) =>
        this.mergedRows(setId, offset, limit, files),
      'ledger:closeSet': async ({ setId }) => ({ closed: this.closeSet(setId) }),
    };
  }
}
