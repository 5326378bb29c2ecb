// `penin prove FILE INDEX [--tlog-proof]`: an inclusion proof of one entry against the latest
// checkpoint note (penin.inclusion/1 JSON, or a C2SP tlog-proof). `penin prove --check BUNDLE
// --vkey VKEY [--witness VKEY]...`: verifies entry, path and note offline, without the ledger.
import { latestNote, noteSidecarPath } from '../ledger/note/note-sidecar';
import { checkInclusion, proveInclusion, ProofError, tlogProof } from '../ledger/proofs/inclusion-bundle';
import { MalformedNoteError } from '../ledger/note/signed-note';
import { parseOptions, textFileArg, UsageError, vkeyArg, withUsage, witnessLines } from './note-args';

const USAGE =
  'usage: penin prove FILE INDEX [--tlog-proof]\n       penin prove --check BUNDLE --vkey VKEY [--witness VKEY]...\n';

export function runProve(argv: string[]): Promise<number> {
  return withUsage('prove', USAGE, async () => {
    const o = parseOptions(argv, {
      values: ['--check', '--vkey'],
      repeatable: ['--witness'],
      flags: ['--tlog-proof', '--json'],
    });
    if (o.values.has('--check')) {
      if (o.positional.length) throw new UsageError('--check takes no FILE or INDEX');
      const vkey = o.values.get('--vkey');
      if (!vkey) throw new UsageError('--check needs --vkey');
      let bundle: unknown;
      try {
        bundle = JSON.parse(textFileArg(o.values.get('--check') as string, 16 * 1024 * 1024));
      } catch (e) {
        if (e instanceof UsageError) throw e;
        process.stderr.write(`penin prove: the bundle is not JSON\n`);
        return 1;
      }
      const r = checkInclusion(bundle, vkeyArg(vkey), (o.lists.get('--witness') ?? []).map(vkeyArg));
      if (o.flags.has('--json')) process.stdout.write(JSON.stringify(r) + '\n');
      else if (r.ok)
        process.stdout.write(
          `entry ${r.index} is included in checkpoint ${r.treeSize} of ${r.origin} (signed by ${r.signedBy})\n${witnessLines(r.witnesses)}`,
        );
      else process.stdout.write(`NOT PROVEN: ${r.problems.join('; ')}\n`);
      return r.ok ? 0 : 1;
    }
    if (o.positional.length !== 2) throw new UsageError('expected FILE and INDEX');
    const [file, indexText] = o.positional;
    if (!/^(0|[1-9]\d*)$/.test(indexText) || !Number.isSafeInteger(Number(indexText)))
      throw new UsageError(`INDEX "${indexText}" is not a 0-based entry number`);
    const note = await latestNote(noteSidecarPath(file));
    if (note === null) {
      process.stderr.write(
        `penin prove: no checkpoint note in ${noteSidecarPath(file)} (append with --key to sign them)\n`,
      );
      return 1;
    }
    try {
      const b = await proveInclusion(file, Number(indexText), note);
      process.stdout.write(o.flags.has('--tlog-proof') ? tlogProof(b) : JSON.stringify(b, null, 2) + '\n');
      return 0;
    } catch (e) {
      if (e instanceof ProofError || e instanceof MalformedNoteError) {
        process.stderr.write(`penin prove: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  });
}
