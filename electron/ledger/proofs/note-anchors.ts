// The checkpoint notes of LEDGER.checkpoints checked against the file: each note's signature (the
// log's key), its root against the file's tree at that size, its head against the entry there;
// and which witnesses cosigned which sizes. One streamed pass over the file for all the roots.
import { stat } from 'node:fs/promises';
import { eachNote, type SidecarNote } from '../note/note-sidecar';
import { treeFacts } from '../merkle/file-tree';
import { hashesAt } from '../anchors';
import { checkCheckpointNote, type WitnessVouch } from './checkpoint-check';
import type { Vkey } from '../note/vkey';
import type { ChainBreak } from '../../../shared/domain';

export interface NoteAnchorReport {
  found: boolean;
  total: number;
  valid: number;
  breaks: ChainBreak[];
  /** The newest note that verified and matches the file. */
  latest: { origin: string; size: number; root: string; note: string } | null;
  witnesses: WitnessVouch[];
  /** Notes of sizes past the verified bytes (a live ledger grew): not checked. */
  later: number;
}

export async function checkNoteAnchors(
  ledgerPath: string,
  sidecar: string,
  log: Vkey,
  witnesses: Vkey[] = [],
  endOffset?: number,
): Promise<NoteAnchorReport> {
  const breaks: ChainBreak[] = [];
  const notes: SidecarNote[] = [];
  const found = await eachNote(sidecar, (n) => void notes.push(n));
  const report: NoteAnchorReport = {
    found,
    total: 0,
    valid: 0,
    breaks,
    latest: null,
    witnesses: [],
    later: 0,
  };
  if (!found) return report;
  const checked = notes.map((n) => ({
    n,
    c: n.note === null ? null : checkCheckpointNote(n.note, log, witnesses),
  }));
  report.total = notes.length;
  const good: {
    line: number;
    note: string;
    c: Extract<ReturnType<typeof checkCheckpointNote>, { ok: true }>;
  }[] = [];
  for (const { n, c } of checked) {
    if (c === null || !c.ok) {
      breaks.push({
        index: 0,
        kind: 'bad_signature',
        detail: `checkpoint note at line ${n.line} of ${sidecar}: ${c === null ? n.problem : c.problem}`,
      });
    } else good.push({ line: n.line, note: n.note as string, c });
  }
  const sizes = good.map((g) => g.c.body.size);
  const facts = await treeFacts(ledgerPath, { sizes, endOffset });
  const grown = endOffset !== undefined && (await stat(ledgerPath)).size > endOffset;
  const heads = await hashesAt(ledgerPath, new Set(sizes.filter((s) => s > 0).map((s) => s - 1)), endOffset);
  for (const g of good) {
    const { size, root, head, origin } = g.c.body;
    const where = Math.max(0, size - 1);
    if (size > facts.leaves) {
      if (grown) {
        report.later++;
        continue;
      }
      breaks.push({
        index: facts.leaves,
        kind: 'truncated',
        detail: `the checkpoint note at line ${g.line} signs ${size} entries, the file has ${facts.leaves}: the newest entries were cut off`,
      });
      continue;
    }
    const fileRoot = facts.roots.get(size);
    if (!fileRoot || Buffer.compare(fileRoot, root) !== 0) {
      breaks.push({
        index: where,
        kind: 'rewritten',
        detail: `the checkpoint note at line ${g.line} signs root ${root.toString('base64')} for ${size} entries, the file's tree has ${fileRoot?.toString('base64') ?? 'none'}: entries up to ${size - 1} were changed`,
      });
      continue;
    }
    if (head !== null && size > 0 && heads.hashes.get(size - 1) !== head) {
      breaks.push({
        index: where,
        kind: 'rewritten',
        detail: `the checkpoint note at line ${g.line} says entry ${size - 1} had current_hash ${head}, the file has ${heads.hashes.get(size - 1) ?? 'an unreadable entry'}`,
      });
      continue;
    }
    report.valid++;
    report.witnesses.push(...g.c.witnesses);
    if (!report.latest || size >= report.latest.size)
      report.latest = { origin, size, root: root.toString('base64'), note: g.note };
  }
  breaks.sort((a, b) => a.index - b.index);
  return report;
}
