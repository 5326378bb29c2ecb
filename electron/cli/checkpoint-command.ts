// `penin checkpoint FILE [--vkey VKEY [--witness VKEY]...]`: the latest checkpoint note of a
// ledger (LEDGER.checkpoints), verbatim. With --vkey it is also checked: its signature, and its
// root against the file's tree (the witnesses that cosigned it are named on stderr).
import { latestNote, noteSidecarPath } from '../ledger/note/note-sidecar';
import { checkCheckpointNote } from '../ledger/proofs/checkpoint-check';
import { treeFacts } from '../ledger/merkle/file-tree';
import { parseOptions, UsageError, vkeyArg, withUsage, witnessLines } from './note-args';

const USAGE = 'usage: penin checkpoint FILE [--vkey VKEY [--witness VKEY]...]\n';

export function runCheckpoint(argv: string[]): Promise<number> {
  return withUsage('checkpoint', USAGE, async () => {
    const o = parseOptions(argv, { values: ['--vkey'], repeatable: ['--witness'] });
    if (o.positional.length !== 1) throw new UsageError('expected exactly one FILE');
    const file = o.positional[0];
    const vkey = o.values.has('--vkey') ? vkeyArg(o.values.get('--vkey') as string) : null;
    const witnesses = (o.lists.get('--witness') ?? []).map(vkeyArg);
    if (witnesses.length && !vkey) throw new UsageError('--witness needs --vkey');
    const note = await latestNote(noteSidecarPath(file));
    if (note === null) {
      process.stderr.write(`penin checkpoint: no checkpoint note in ${noteSidecarPath(file)}\n`);
      return 1;
    }
    process.stdout.write(note);
    if (!vkey) return 0;
    const c = checkCheckpointNote(note, vkey, witnesses);
    if (!c.ok) {
      process.stderr.write(`penin checkpoint: the latest note does not verify: ${c.problem}\n`);
      return 1;
    }
    const f = await treeFacts(file, { sizes: [c.body.size], maxLeaves: c.body.size });
    const root = f.roots.get(c.body.size);
    if (!root || Buffer.compare(root, c.body.root) !== 0) {
      process.stderr.write(
        `penin checkpoint: the file's tree at ${c.body.size} entries has another root: the ledger was changed\n`,
      );
      return 1;
    }
    process.stderr.write(
      `checkpoint ${c.body.size} verified: signed by ${c.signedBy}, root matches the file\n${witnessLines(c.witnesses)}`,
    );
    return 0;
  });
}
