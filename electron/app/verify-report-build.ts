// Builds the verification report (shared/verify-report.ts) from what a verification found: the
// same document for `penin verify --json` and the app's exported report. Reads the verified bytes
// once more for their SHA-256, so the report names exactly the bytes it speaks of.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ChainBreak } from '../../shared/domain';
import type { ExplainedBreak } from '../../shared/break-explanation';
import {
  ENTRY_NUMBERING,
  VERIFY_REPORT_SCHEMA,
  type VerifyReportBreak,
  type VerifyReportDocument,
} from '../../shared/verify-report';
import type { VerifyReport } from '../../shared/ipc/contract';

/** What a signature/pin check found (ledger:anchors or checkAnchors), with the pins it was given. */
export interface AnchorsChecked {
  keyId: string | null;
  checkpoints: { total: number; valid: number; coveredEntries: number };
  notes: ChainBreak[];
  pins: { index: number; hash: string }[];
}

export interface VerifyFacts {
  path: string;
  bytes: number;
  entries: number;
  head: string | null;
  valid: boolean;
  /** Chain breaks and signature/pin findings together (chain breaks with their explanation, where worked out). */
  breaks: ExplainedBreak[];
  breaksOmitted: number;
  anchors: AnchorsChecked | null;
}

/** SHA-256 (hex) of the first `bytes` bytes of the file. Throws if the file is now shorter. */
export async function sha256OfPrefix(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  let read = 0;
  if (bytes > 0)
    for await (const chunk of createReadStream(path, { start: 0, end: bytes - 1 })) {
      hash.update(chunk as Buffer);
      read += (chunk as Buffer).length;
    }
  if (read !== bytes)
    throw new Error(`${path} is now ${read} bytes, shorter than the ${bytes} bytes verified`);
  return hash.digest('hex');
}

const withLine = (b: ExplainedBreak): VerifyReportBreak => ({
  index: b.index,
  line: b.index + 1,
  kind: b.kind,
  detail: b.detail,
  ...(b.explanation ? { explanation: b.explanation } : {}),
});

export async function buildVerifyReport(
  facts: VerifyFacts,
  tool: { version: string; now?: Date },
): Promise<VerifyReportDocument> {
  const a = facts.anchors;
  const covered = a?.checkpoints.coveredEntries ?? 0;
  return {
    schema: VERIFY_REPORT_SCHEMA,
    tool: { name: 'penin', version: tool.version },
    generatedAt: (tool.now ?? new Date()).toISOString(),
    numbering: ENTRY_NUMBERING,
    file: { path: facts.path, bytes: facts.bytes, sha256: await sha256OfPrefix(facts.path, facts.bytes) },
    valid: facts.valid,
    entries: facts.entries,
    head: facts.head,
    breaks: facts.breaks.map(withLine),
    breaksOmitted: facts.breaksOmitted,
    signatures: a
      ? {
          keyId: a.keyId,
          checkpoints: a.checkpoints,
          unsignedTail:
            a.keyId !== null && covered < facts.entries
              ? { from: covered, count: facts.entries - covered }
              : null,
          pins: a.pins.map((p) => ({ index: p.index, hash: p.hash.toLowerCase() })),
          notes: a.notes.map(withLine),
        }
      : null,
  };
}

/** The report of a ledger-browser session: its verification, and its last signature check if any. */
export function factsOfSession(report: VerifyReport, anchors: AnchorsChecked | null): VerifyFacts {
  return {
    path: report.path,
    bytes: report.bytes,
    entries: report.entries,
    head: report.head,
    valid: report.valid,
    breaks: report.breaks,
    breaksOmitted: report.breaksOmitted,
    anchors,
  };
}
