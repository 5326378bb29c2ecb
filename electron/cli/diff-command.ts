// `penin diff A B [--json] [--pubkey KEY]`: compares two copies of one ledger (the auditor's and
// the operator's, two backups). Exit 0 identical, 1 they differ, 2 unreadable file or bad usage.
import { diffLedgers } from '../ledger/forensics/ledger-diff';
import { signedCheckpoints } from '../ledger/signed-checkpoints';
import { KeyFileError, loadPublicKey } from '../ledger/signing-key';
import { NotRegularFileError } from '../ledger/regular-file';
import { checkReadableFile, UnreadableLedgerError } from '../ledger/verify-file';

const USAGE = 'usage: penin diff A B [--json] [--pubkey KEY.pub]\n';

export async function runDiff(argv: string[]): Promise<number> {
  const files: string[] = [];
  let json = false;
  let pubkey: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--pubkey') pubkey = argv[++i];
    else if (a.startsWith('--')) return usage(`unknown option ${a}`);
    else files.push(a);
  }
  if (argv.includes('--pubkey') && pubkey === undefined) return usage('--pubkey needs a value');
  if (files.length !== 2) return usage('expected two ledger files, A and B');
  const [a, b] = files;
  try {
    const key = pubkey === undefined ? undefined : loadPublicKey(pubkey);
    await checkReadableFile(a);
    await checkReadableFile(b);
    const checkpoints = key
      ? { a: await signedCheckpoints(a, key), b: await signedCheckpoints(b, key) }
      : undefined;
    const d = await diffLedgers(a, b, { checkpoints });
    if (json) process.stdout.write(`${JSON.stringify(d)}\n`);
    else {
      process.stdout.write(
        `A: ${a}: ${d.a.entries} entries${d.a.tornTail ? ' (last line torn)' : ''}, head ${d.a.head ?? '-'}\n`,
      );
      process.stdout.write(
        `B: ${b}: ${d.b.entries} entries${d.b.tornTail ? ' (last line torn)' : ''}, head ${d.b.head ?? '-'}\n`,
      );
      process.stdout.write(`common prefix: ${d.commonPrefix} entries\n`);
      const f = d.firstDifference;
      if (f) {
        process.stdout.write(`first difference: entry ${f.index} (line ${f.index + 1})\n`);
        process.stdout.write(`  A current_hash ${f.a.currentHash ?? '(unreadable)'}\n`);
        process.stdout.write(`  B current_hash ${f.b.currentHash ?? '(unreadable)'}\n`);
      }
      for (const c of d.checkpoints ?? [])
        process.stdout.write(
          `checkpoint ${c.entries} entries (${c.time}, in ${c.foundIn === 'both' ? 'both sidecars' : `${c.foundIn.toUpperCase()}'s sidecar`}): vouches for ${c.vouchesFor === 'both' ? 'both' : c.vouchesFor === 'neither' ? 'neither' : c.vouchesFor.toUpperCase()}\n`,
        );
      process.stdout.write(`${d.text}\n`);
    }
    return d.classification.kind === 'identical' ? 0 : 1;
  } catch (e) {
    if (e instanceof UnreadableLedgerError || e instanceof NotRegularFileError || e instanceof KeyFileError) {
      process.stderr.write(`penin diff: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function usage(why: string): number {
  process.stderr.write(`penin diff: ${why}\n${USAGE}`);
  return 2;
}
