// `penin evidence FILE INDEX [--pubkey KEY] > entry.json`: one entry as a self-contained exhibit
// (penin.evidence/1), with its inclusion proof against the latest checkpoint note when that note
// covers it. `penin evidence --check entry.json [--pubkey KEY] [--vkey VKEY [--witness VKEY]...]
// [--json]`: re-checks it offline (with --vkey, the inclusion proof too). Exit 0 all checks hold,
// 1 one does not, 2 unreadable input or bad usage.
import { readSmallTextSync, NotRegularFileError, FileTooLargeError } from '../ledger/regular-file';
import { KeyFileError, loadPublicKey } from '../ledger/signing-key';
import { checkReadableFile, UnreadableLedgerError } from '../ledger/verify-file';
import { buildEvidence, NoSuchEntryError } from '../ledger/forensics/evidence-build';
import { checkEvidence } from '../ledger/forensics/evidence-check';
import { signedCheckpoints } from '../ledger/signed-checkpoints';
import { evidenceSchema } from '../../shared/evidence';
import { checkInclusion } from '../ledger/proofs/inclusion-bundle';
import { toolVersion } from '../app/app-identity';
import { latestInclusion } from '../ledger/proofs/evidence-inclusion';
import type { NoteKeys } from '../ledger/forensics/evidence-check';
import { UsageError, vkeyArg, witnessLines } from './note-args';

const USAGE =
  'usage: penin evidence FILE INDEX [--pubkey KEY.pub [--checkpoints SIDECAR]]   (the bundle on stdout)\n' +
  '       penin evidence --check BUNDLE.json [--pubkey KEY.pub] [--vkey VKEY [--witness VKEY]...] [--json]\n';

interface Args {
  check: string | null;
  positional: string[];
  pubkey?: string;
  checkpoints?: string;
  vkey?: string;
  witnesses: string[];
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const out: Args = { check: null, positional: [], witnesses: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (['--check', '--pubkey', '--checkpoints', '--vkey', '--witness'].includes(a)) {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (a === '--check') out.check = v;
      else if (a === '--pubkey') out.pubkey = v;
      else if (a === '--vkey') out.vkey = v;
      else if (a === '--witness') out.witnesses.push(v);
      else out.checkpoints = v;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else out.positional.push(a);
  }
  if (out.checkpoints && !out.pubkey) throw new UsageError('--checkpoints needs --pubkey');
  if (out.check === null && out.positional.length !== 2) throw new UsageError('expected FILE and INDEX');
  if (out.check !== null && out.positional.length !== 0)
    throw new UsageError('--check takes the bundle only');
  if (out.check === null && (out.vkey !== undefined || out.witnesses.length > 0))
    throw new UsageError(
      '--vkey and --witness go with --check (the bundle carries the note; its reader checks it)',
    );
  if (out.witnesses.length > 0 && out.vkey === undefined) throw new UsageError('--witness needs --vkey');
  return out;
}

export async function runEvidence(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    const key = args.pubkey === undefined ? undefined : loadPublicKey(args.pubkey);
    if (args.check !== null) {
      const notes: NoteKeys | undefined =
        args.vkey === undefined
          ? undefined
          : { log: vkeyArg(args.vkey), witnesses: args.witnesses.map(vkeyArg) };
      return check(args.check, key, notes, args.json);
    }
    const [file, indexText] = args.positional;
    if (!/^\d+$/.test(indexText))
      throw new UsageError(`INDEX must be a 0-based entry number, not "${indexText}"`);
    await checkReadableFile(file);
    const signed = key
      ? { key, checkpoints: await signedCheckpoints(file, key, args.checkpoints) }
      : undefined;
    const index = Number(indexText);
    const inclusion = await latestInclusion(file, index);
    if (inclusion.problem !== null)
      process.stderr.write(`penin evidence: no inclusion proof in the bundle: ${inclusion.problem}\n`);
    const e = await buildEvidence(file, index, {
      signed,
      version: toolVersion(),
      inclusion: inclusion.bundle,
    });
    process.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
    const v = e.verified;
    return [v.entryHash, v.linkPrevious, v.linkNext, v.checkpointSignature, v.chainToCheckpoint].includes(
      false,
    )
      ? 1
      : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`penin evidence: ${e.message}\n${USAGE}`);
      return 2;
    }
    if (
      e instanceof UnreadableLedgerError ||
      e instanceof NotRegularFileError ||
      e instanceof FileTooLargeError ||
      e instanceof KeyFileError ||
      e instanceof NoSuchEntryError
    ) {
      process.stderr.write(`penin evidence: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function check(
  path: string,
  key: ReturnType<typeof loadPublicKey> | undefined,
  notes: NoteKeys | undefined,
  json: boolean,
): number {
  let raw: unknown;
  try {
    raw = JSON.parse(readSmallTextSync(path, { maxBytes: 16 * 1024 * 1024 }));
  } catch (e) {
    if (e instanceof NotRegularFileError || e instanceof FileTooLargeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(
      `penin evidence: ${path}: ${code === 'ENOENT' ? 'no such file' : `not JSON (${e instanceof Error ? e.message : String(e)})`}\n`,
    );
    return 2;
  }
  const parsed = evidenceSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    process.stderr.write(
      `penin evidence: ${path} is not a penin.evidence/1 bundle: ${i.path.join('.') || 'bundle'}: ${i.message}\n`,
    );
    return 2;
  }
  const r = checkEvidence(parsed.data, key, notes);
  if (json) process.stdout.write(`${JSON.stringify({ index: parsed.data.index, ...r })}\n`);
  else {
    const mark = (ok: boolean | null): string => (ok === true ? 'ok  ' : ok === false ? 'FAIL' : '--  ');
    process.stdout.write(`evidence for entry ${parsed.data.index} of ${parsed.data.source.path}\n`);
    for (const c of r.checks) process.stdout.write(`  ${mark(c.ok)} ${c.name}: ${c.detail}\n`);
    if (notes && parsed.data.inclusion) {
      const w = checkInclusion(parsed.data.inclusion, notes.log, notes.witnesses).witnesses;
      process.stdout.write(witnessLines(w).replace(/^/gm, '  '));
    }
    process.stdout.write(r.ok ? 'every offline check holds\n' : 'a check FAILED\n');
  }
  return r.ok ? 0 : 1;
}
