// "Go to a time" in a ledger: the first entry, in file order, whose timestamp is at or after a
// given time. Reads the file from the start and stops at the first match, so the answer is exact
// even where the writer's clock stepped back (a bisection would assume times only grow).
import { scanLines } from './line-scan';
import { timestampOf } from './session-file';

/**
 * Index of the first of the file's first `entries` lines (ending at byte `endOffset`) whose time
 * is at or after `atMs`; -1 when none is. Lines whose time does not read are passed over.
 */
export async function firstEntryAtOrAfter(
  path: string,
  entries: number,
  endOffset: number,
  atMs: number,
): Promise<number> {
  if (entries === 0) return -1;
  let hit = -1;
  await scanLines(
    path,
    (l) => {
      if (hit >= 0 || l.index >= entries) return;
      const t = timestampOf(l.bytes);
      if (t !== null && t >= atMs) hit = l.index;
    },
    { endOffset, stop: () => hit >= 0 },
  );
  return hit;
}
