// `penin verify DIR` and `penin verify FILE1 FILE2 ...`: a fleet's ledgers, each instance's own
// chain verified on its own (electron/ledger/verify-set.ts), reported per file and in total.
// `--json`: one penin.verify-set/1 document (shared/verify-set.ts) holding a penin.verify-report/1
// per ledger. Exit 0 all valid, 1 a break in any, 2 bad usage or a ledger that cannot be read
// (a FIFO among them is refused, never waited on). `penin verify FILE` stays verify-command.ts.
import { stat } from 'node:fs/promises';
import { toolVersion } from '../app/app-identity';
import { buildVerifyReport } from '../app/verify-report-build';
import { KeyFileError, loadPublicKey } from '../ledger/signing-key';
import { checkLedger, collectLedgers, isUnverifiable, type LedgerCheck } from '../ledger/verify-set';
import { VERIFY_SET_SCHEMA, type RefusedFile, type VerifySetDocument } from '../../shared/verify-set';
import type { VerifyReportDocument } from '../../shared/verify-report';

const USAGE =
  'usage: penin verify DIR|FILE... [--json] [--no-explain] [--pubkey KEY.pub]\n' +
  '       (several ledgers: each checked on its own; --pubkey checks each LEDGER.checkpoints.jsonl)\n';

/** Options of `penin verify` that take a value (to tell their values from the files). */
const VALUE_OPTIONS = [
  '--pubkey',
  '--checkpoints',
  '--pin',
  '--vkey',
  '--witness',
  '--receipt',
  '--auditor-key',
];

function positionals(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_OPTIONS.includes(argv[i])) i++;
    else if (!argv[i].startsWith('--')) out.push(argv[i]);
  }
  return out;
}

/** Whether `penin verify ARGV` names a set (several paths, or one directory) rather than one file. */
export async function isVerifySet(argv: readonly string[]): Promise<boolean> {
  const paths = positionals(argv);
  if (paths.length > 1) return true;
  if (paths.length === 0) return false;
  try {
    return (await stat(paths[0])).isDirectory();
  } catch {
    return false;
  }
}

interface SetArgs {
  inputs: string[];
  json: boolean;
  explain: boolean;
  pubkey?: string;
}

function parseArgs(argv: readonly string[]): SetArgs | string {
  const out: SetArgs = { inputs: positionals(argv), json: false, explain: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') out.json = true;
    else if (a === '--no-explain') out.explain = false;
    else if (a === '--pubkey') {
      const v = argv[++i];
      if (v === undefined) return '--pubkey needs a value';
      out.pubkey = v;
    } else if (a === '--pin' || a === '--receipt' || a === '--auditor-key' || a === '--checkpoints')
      return `${a} applies to one ledger: pins, receipts and a named checkpoint sidecar belong to one file's chain; run penin verify FILE ${a} ... for each`;
    else if (a === '--vkey' || a === '--witness')
      return `${a} is not supported with several ledgers yet; run penin verify FILE ${a} ... for each`;
    else if (VALUE_OPTIONS.includes(a)) i++;
    else if (a.startsWith('--')) return `unknown option ${a}`;
  }
  if (out.inputs.length === 0) return 'expected a directory or files';
  return out;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function textOf(c: LedgerCheck): void {
  for (const b of c.breaks) say(`  break at entry ${b.index} [${b.kind}]: ${b.detail}`);
  const explained = c.breaks.filter((b) => b.explanation);
  if (explained.length > 0) {
    say('  explanations:');
    for (const b of explained) say(`    entry ${b.index} [${b.kind}]: ${b.explanation?.text ?? ''}`);
  }
  const signed = c.anchors
    ? `, ${c.anchors.checkpoints.coveredEntries} covered by ${c.anchors.checkpoints.valid} signed checkpoint(s)`
    : '';
  if (c.valid)
    say(
      c.entries === 0
        ? `${c.path}: valid (empty ledger)`
        : `${c.path}: valid, ${c.entries} entries, head ${c.head ?? ''}${signed}`,
    );
  else {
    const n = c.breaks.length + c.breaksOmitted;
    say(`${c.path}: INVALID, ${n} break${n === 1 ? '' : 's'} in ${c.entries} entries`);
  }
}

export async function runVerifySet(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`penin verify: ${args}\n${USAGE}`);
    return 2;
  }
  let publicKey: ReturnType<typeof loadPublicKey> | undefined;
  try {
    if (args.pubkey) publicKey = loadPublicKey(args.pubkey);
  } catch (e) {
    if (!(e instanceof KeyFileError)) throw e;
    process.stderr.write(`penin verify: ${e.message}\n${USAGE}`);
    return 2;
  }
  const files = await collectLedgers(args.inputs);
  // A directory with no ledger in it is a mistake (the wrong folder), not an empty fleet.
  if (files.emptyDirs.length > 0) {
    const dir = files.emptyDirs[0];
    process.stderr.write(`penin verify: ${dir} is a directory with no ledger (.jsonl file) in it\n${USAGE}`);
    return 2;
  }
  const refused: RefusedFile[] = [...files.refused];
  const reports: VerifyReportDocument[] = [];
  const version = toolVersion();
  let valid = 0;
  let entries = 0;
  let breaks = 0;
  for (const path of files.ledgers) {
    let c: LedgerCheck;
    try {
      c = await checkLedger(path, { explain: args.explain, publicKey });
    } catch (e) {
      if (!isUnverifiable(e)) throw e;
      refused.push({ path, error: e.message });
      if (!args.json) say(`${path}: REFUSED: ${e.message}`);
      continue;
    }
    if (c.valid) valid++;
    entries += c.entries;
    breaks += c.breaks.length + c.breaksOmitted;
    if (!args.json) textOf(c);
    else
      reports.push(
        await buildVerifyReport(
          {
            ...c,
            anchors: c.anchors && {
              keyId: c.anchors.keyId,
              checkpoints: c.anchors.checkpoints,
              notes: c.anchors.notes,
              pins: [],
            },
          },
          { version },
        ),
      );
  }
  const ledgers = files.ledgers.length - (refused.length - files.refused.length);
  const allValid = valid === ledgers && refused.length === 0;
  if (args.json) {
    const doc: VerifySetDocument = {
      schema: VERIFY_SET_SCHEMA,
      tool: { name: 'penin', version },
      generatedAt: new Date().toISOString(),
      inputs: args.inputs,
      reports,
      refused,
      skipped: files.skipped,
      total: { ledgers, valid, invalid: ledgers - valid, refused: refused.length, entries, breaks },
      valid: allValid,
    };
    say(JSON.stringify(doc));
  } else {
    for (const r of files.refused) say(`${r.path}: REFUSED: ${r.error}`);
    for (const s of files.skipped) say(`skipped ${s.path}: ${s.reason}`);
    say(
      `total: ${ledgers} ledger${ledgers === 1 ? '' : 's'}, ${valid} valid, ${ledgers - valid} invalid` +
        `${refused.length ? `, ${refused.length} refused` : ''}; ${entries} entries, ${breaks} break${breaks === 1 ? '' : 's'}` +
        `${files.skipped.length ? `; ${files.skipped.length} file(s) skipped` : ''}`,
    );
  }
  for (const r of refused) process.stderr.write(`penin verify: ${r.error}\n`);
  if (ledgers === 0) process.stderr.write(USAGE); // nothing named could be verified: likely a typo
  if (refused.length > 0) return 2;
  return allValid ? 0 : 1;
}
