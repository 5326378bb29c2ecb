// `penin receipt --check RECEIPT --vkey VKEY [--file FILE]`: verifies an auditor's signed
// verification receipt (written by `penin verify FILE --receipt OUT --auditor-key KEY`) and, with
// --file, that FILE still has the SHA-256 and size the receipt names.
import { stat } from 'node:fs/promises';
import { checkReceipt, fileSha256 } from '../ledger/proofs/receipt';
import { parseOptions, textFileArg, UsageError, vkeyArg, withUsage } from './note-args';

const USAGE = 'usage: penin receipt --check RECEIPT --vkey VKEY [--file FILE] [--json]\n';

export function runReceipt(argv: string[]): Promise<number> {
  return withUsage('receipt', USAGE, async () => {
    const o = parseOptions(argv, { values: ['--check', '--vkey', '--file'], flags: ['--json'] });
    const path = o.values.get('--check');
    const vkey = o.values.get('--vkey');
    if (!path || !vkey || o.positional.length) throw new UsageError('expected --check RECEIPT --vkey VKEY');
    const r = checkReceipt(textFileArg(path), vkeyArg(vkey));
    if (!r.ok) {
      process.stdout.write(
        o.flags.has('--json') ? JSON.stringify(r) + '\n' : `RECEIPT REFUSED: ${r.problem}\n`,
      );
      return 1;
    }
    const problems: string[] = [];
    const file = o.values.get('--file');
    if (file) {
      const size = (await stat(file)).size;
      if (size < r.receipt.bytes)
        problems.push(`${file} has ${size} bytes, fewer than the ${r.receipt.bytes} verified`);
      else if ((await fileSha256(file, r.receipt.bytes)) !== r.receipt.sha256)
        problems.push(`the first ${r.receipt.bytes} bytes of ${file} are not the bytes verified`);
    }
    const ok = problems.length === 0;
    if (o.flags.has('--json'))
      process.stdout.write(JSON.stringify({ ok, problems, receipt: r.receipt, signedBy: r.signedBy }) + '\n');
    else {
      const rc = r.receipt;
      const cp =
        rc.checkpoint === 'none'
          ? 'no checkpoint'
          : `checkpoint ${rc.checkpoint.size} of ${rc.checkpoint.origin}`;
      process.stdout.write(
        `receipt signed by ${r.signedBy}: ${rc.file} (${rc.bytes} bytes, sha256 ${rc.sha256}), ${rc.entries} entries, ${cp}: ${rc.result}, ${rc.breaks.count} break(s), at ${rc.time} with ${rc.tool}\n`,
      );
      for (const p of problems) process.stdout.write(`MISMATCH: ${p}\n`);
    }
    return ok ? 0 : 1;
  });
}
