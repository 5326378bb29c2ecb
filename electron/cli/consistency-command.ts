// `penin consistency FILE OLD_SIZE`: proves the tree at OLD_SIZE entries is a prefix of the tree at
// the latest checkpoint (penin.consistency/1 JSON). `penin consistency --check BUNDLE --vkey VKEY
// [--old NOTE] [--witness VKEY]...`: verifies it with both notes (the old one: the auditor's own).
import { allNotes, latestNote, noteSidecarPath } from '../ledger/note/note-sidecar';
import { parseCheckpoint } from '../ledger/note/checkpoint-note';
import { checkConsistency, proveConsistency } from '../ledger/proofs/consistency-bundle';
import { ProofError } from '../ledger/proofs/inclusion-bundle';
import { parseOptions, textFileArg, UsageError, vkeyArg, withUsage, witnessLines } from './note-args';

const USAGE =
  'usage: penin consistency FILE OLD_SIZE\n       penin consistency --check BUNDLE --vkey VKEY [--old NOTE] [--witness VKEY]...\n';

/** The sidecar's note of `size`, if it has one (unverified: the checker verifies). */
async function noteOfSize(sidecar: string, size: number): Promise<string | null> {
  let found: string | null = null;
  for (const n of await allNotes(sidecar)) {
    if (n.note === null) continue;
    try {
      if (parseCheckpoint(n.note.slice(0, n.note.lastIndexOf('\n\n') + 1)).size === size) found = n.note;
    } catch {
      // a malformed note is no one's old checkpoint
    }
  }
  return found;
}

export function runConsistency(argv: string[]): Promise<number> {
  return withUsage('consistency', USAGE, async () => {
    const o = parseOptions(argv, {
      values: ['--check', '--vkey', '--old'],
      repeatable: ['--witness'],
      flags: ['--json'],
    });
    if (o.values.has('--check')) {
      if (o.positional.length) throw new UsageError('--check takes no FILE or OLD_SIZE');
      const vkey = o.values.get('--vkey');
      if (!vkey) throw new UsageError('--check needs --vkey');
      let bundle: unknown;
      try {
        bundle = JSON.parse(textFileArg(o.values.get('--check') as string));
      } catch (e) {
        if (e instanceof UsageError) throw e;
        process.stderr.write('penin consistency: the bundle is not JSON\n');
        return 1;
      }
      const old = o.values.has('--old') ? textFileArg(o.values.get('--old') as string) : null;
      const r = checkConsistency(bundle, vkeyArg(vkey), old, (o.lists.get('--witness') ?? []).map(vkeyArg));
      if (o.flags.has('--json')) process.stdout.write(JSON.stringify(r) + '\n');
      else if (r.ok)
        process.stdout.write(
          `consistent: the tree of ${r.oldSize} entries is a prefix of the tree of ${r.newSize}: the ledger only grew\n${witnessLines(r.witnesses)}`,
        );
      else process.stdout.write(`NOT CONSISTENT: ${r.problems.join('; ')}\n`);
      return r.ok ? 0 : 1;
    }
    if (o.positional.length !== 2) throw new UsageError('expected FILE and OLD_SIZE');
    const [file, sizeText] = o.positional;
    if (!/^(0|[1-9]\d*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText)))
      throw new UsageError(`OLD_SIZE "${sizeText}" is not a number of entries`);
    const sidecar = noteSidecarPath(file);
    const note = await latestNote(sidecar);
    if (note === null) {
      process.stderr.write(`penin consistency: no checkpoint note in ${sidecar}\n`);
      return 1;
    }
    try {
      const b = await proveConsistency(
        file,
        Number(sizeText),
        note,
        await noteOfSize(sidecar, Number(sizeText)),
      );
      process.stdout.write(JSON.stringify(b, null, 2) + '\n');
      return 0;
    } catch (e) {
      if (e instanceof ProofError) {
        process.stderr.write(`penin consistency: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  });
}
