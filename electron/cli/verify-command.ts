// `penin verify FILE [--json] [--pubkey KEY] [--pin INDEX:HASH]...`: what auditors run.
// Exit 0 valid, 1 breaks found, 2 unreadable file or bad usage.
import { UnreadableLedgerError, verifyFile } from '../ledger/verify-file';
import { BadPinError, checkAnchors, parsePin, type AnchorReport, type Pin } from '../ledger/anchors';
import { KeyFileError, loadPublicKey } from '../ledger/signing-key';
import { NotRegularFileError } from '../ledger/regular-file';
import { toolVersion } from '../app/app-identity';
import { buildVerifyReport } from '../app/verify-report-build';
import { noteSidecarPath } from '../ledger/note/note-sidecar';
import { checkNoteAnchors, type NoteAnchorReport } from '../ledger/proofs/note-anchors';
import type { Vkey } from '../ledger/note/vkey';
import { UsageError, vkeyArg, witnessLines } from './note-args';
import { writeReceipt } from './verify-receipt';
import { explainBreaks } from '../ledger/forensics/explain-breaks';
import { signedCheckpoints } from '../ledger/signed-checkpoints';
import type { ExplainedBreak } from '../../shared/break-explanation';

const USAGE =
  'usage: penin verify FILE [--json] [--no-explain] [--pubkey KEY.pub [--checkpoints SIDECAR]] [--pin INDEX:HASH]...\n' +
  '                         [--vkey VKEY [--witness VKEY]...] [--receipt OUT --auditor-key KEY]\n';

interface VerifyArgs {
  file: string;
  json: boolean;
  /** Explain each chain break (a second read of the broken lines; on by default). */
  explain: boolean;
  pubkey?: string;
  checkpoints?: string;
  pins: Pin[];
  vkey?: Vkey;
  witnesses: Vkey[];
  receipt?: string;
  auditorKey?: string;
}

function parseArgs(argv: string[]): VerifyArgs | string {
  const files: string[] = [];
  const out: VerifyArgs = { file: '', json: false, explain: true, pins: [], witnesses: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (a === '--no-explain') out.explain = false;
    else if (
      ['--pubkey', '--checkpoints', '--pin', '--vkey', '--witness', '--receipt', '--auditor-key'].includes(a)
    ) {
      const v = argv[++i];
      if (v === undefined) return `${a} needs a value`;
      if (a === '--pubkey') out.pubkey = v;
      else if (a === '--checkpoints') out.checkpoints = v;
      else if (a === '--vkey') out.vkey = vkeyArg(v);
      else if (a === '--witness') out.witnesses.push(vkeyArg(v));
      else if (a === '--receipt') out.receipt = v;
      else if (a === '--auditor-key') out.auditorKey = v;
      else out.pins.push(parsePin(v));
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else files.push(a);
  }
  if (files.length !== 1) return 'expected exactly one FILE';
  if (out.checkpoints && !out.pubkey) return '--checkpoints needs --pubkey';
  if (out.witnesses.length && !out.vkey) return '--witness needs --vkey';
  if (!out.receipt !== !out.auditorKey) return '--receipt and --auditor-key go together';
  out.file = files[0];
  return out;
}

export async function runVerify(argv: string[]): Promise<number> {
  let args: VerifyArgs | string;
  let publicKey: ReturnType<typeof loadPublicKey> | undefined;
  try {
    args = parseArgs(argv);
    if (typeof args !== 'string' && args.pubkey) publicKey = loadPublicKey(args.pubkey);
  } catch (e) {
    if (!(e instanceof BadPinError || e instanceof KeyFileError || e instanceof UsageError)) throw e;
    args = e.message;
  }
  if (typeof args === 'string') {
    process.stderr.write(`penin verify: ${args}\n${USAGE}`);
    return 2;
  }
  const { file: path, json } = args;
  const anchored = publicKey !== undefined || args.pins.length > 0;
  try {
    const r = await verifyFile(path, {
      onBreak: json
        ? undefined
        : (b) => process.stdout.write(`break at entry ${b.index} [${b.kind}]: ${b.detail}\n`),
    });
    let anchors: AnchorReport | null = null;
    if (anchored) {
      anchors = await checkAnchors(path, {
        publicKey,
        sidecar: args.checkpoints,
        pins: args.pins,
        endOffset: r.bytes, // what the chain was verified to: a live ledger grows meanwhile
      });
      if (!json) {
        for (const b of anchors.breaks)
          process.stdout.write(`break at entry ${b.index} [${b.kind}]: ${b.detail}\n`);
        for (const n of anchors.notes)
          process.stdout.write(`note at entry ${n.index} [${n.kind}]: ${n.detail}\n`);
      }
    }
    // What each chain break most likely was (electron/ledger/forensics/), from the bytes verified.
    let chainBreaks: ExplainedBreak[] = r.breaks;
    if (args.explain && r.breaks.length > 0) {
      const checkpoints = publicKey ? await signedCheckpoints(path, publicKey, args.checkpoints) : undefined;
      chainBreaks = await explainBreaks(path, r.breaks, { checkpoints, endOffset: r.bytes });
      if (!json) {
        process.stdout.write('explanations:\n');
        for (const b of chainBreaks)
          if (b.explanation) process.stdout.write(`  entry ${b.index} [${b.kind}]: ${b.explanation.text}\n`);
      }
    }
    let notes: NoteAnchorReport | null = null;
    if (args.vkey) {
      notes = await checkNoteAnchors(path, noteSidecarPath(path), args.vkey, args.witnesses, r.bytes);
      if (!json) {
        for (const b of notes.breaks)
          process.stdout.write(`break at entry ${b.index} [${b.kind}]: ${b.detail}\n`);
        process.stdout.write(
          notes.found
            ? `checkpoint notes: ${notes.valid} of ${notes.total} verified against the file's tree` +
                (notes.latest ? `, latest of size ${notes.latest.size} (signed by ${args.vkey.name})` : '') +
                '\n' +
                witnessLines(notes.witnesses)
            : `no checkpoint notes (${noteSidecarPath(path)})\n`,
        );
      }
    }
    const breaks: ExplainedBreak[] = [
      ...chainBreaks,
      ...(anchors?.breaks ?? []),
      ...(notes?.breaks ?? []),
    ].sort((a, b) => a.index - b.index);
    const valid = r.valid && (anchors?.breaks.length ?? 0) === 0 && (notes?.breaks.length ?? 0) === 0;
    if (args.receipt && args.auditorKey) {
      await writeReceipt(args.receipt, args.auditorKey, {
        path,
        bytes: r.bytes,
        entries: r.entries,
        checkpoint: notes?.latest ?? null,
        valid,
        breaks,
      });
      if (!json) process.stdout.write(`receipt written to ${args.receipt}\n`);
    }
    if (json) {
      // The report schema the app's export uses too (shared/verify-report.ts).
      const report = await buildVerifyReport(
        {
          path: r.path,
          bytes: r.bytes,
          entries: r.entries,
          head: r.head,
          valid,
          breaks,
          breaksOmitted: r.breaksOmitted,
          anchors: anchors && {
            keyId: publicKey?.keyId ?? null,
            checkpoints: anchors.checkpoints,
            notes: anchors.notes,
            pins: args.pins,
          },
        },
        { version: toolVersion() },
      );
      process.stdout.write(JSON.stringify(report) + '\n');
    } else if (valid) {
      const signed =
        anchors && publicKey
          ? `, ${anchors.checkpoints.coveredEntries} covered by ${anchors.checkpoints.valid} signed checkpoint(s)`
          : '';
      const pinned = args.pins.length ? `, ${args.pins.length} pin(s) confirmed` : '';
      process.stdout.write(
        r.entries === 0
          ? `${path}: valid (empty ledger)\n`
          : `${path}: valid, ${r.entries} entries, head ${r.head}${signed}${pinned}\n`,
      );
    } else {
      const n = breaks.length + r.breaksOmitted;
      process.stdout.write(`${path}: INVALID, ${n} break${n > 1 ? 's' : ''} in ${r.entries} entries\n`);
    }
    return valid ? 0 : 1;
  } catch (e) {
    // A FIFO or device where the sidecar should be: refused as unreadable, never waited on.
    if (e instanceof UsageError) {
      process.stderr.write(`penin verify: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UnreadableLedgerError || e instanceof NotRegularFileError) {
      if (json) process.stdout.write(JSON.stringify({ path, error: e.message }) + '\n');
      process.stderr.write(`penin verify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
