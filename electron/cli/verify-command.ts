// `penin verify FILE [--json]`: what auditors run. Exit 0 valid, 1 breaks found, 2 unreadable file or bad usage.
import { UnreadableLedgerError, verifyFile } from '../ledger/verify-file';

export async function runVerify(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  const unknown = files.filter((a) => a.startsWith('--'));
  if (unknown.length || files.length !== 1) {
    process.stderr.write(
      `penin verify: ${unknown.length ? `unknown option ${unknown[0]}` : 'expected exactly one FILE'}\nusage: penin verify FILE [--json]\n`,
    );
    return 2;
  }
  const path = files[0];
  try {
    const r = await verifyFile(path, {
      onBreak: json ? undefined : (b) => process.stdout.write(`break at entry ${b.index} [${b.kind}]: ${b.detail}\n`),
    });
    if (json) {
      process.stdout.write(
        JSON.stringify({
          path: r.path,
          valid: r.valid,
          entries: r.entries,
          head: r.head,
          bytes: r.bytes,
          breaks: r.breaks,
          breaks_omitted: r.breaksOmitted,
        }) + '\n',
      );
    } else if (r.valid) {
      process.stdout.write(
        r.entries === 0 ? `${path}: valid (empty ledger)\n` : `${path}: valid, ${r.entries} entries, head ${r.head}\n`,
      );
    } else {
      const n = r.breaks.length + r.breaksOmitted;
      process.stdout.write(`${path}: INVALID, ${n} break${n > 1 ? 's' : ''} in ${r.entries} entries\n`);
    }
    return r.valid ? 0 : 1;
  } catch (e) {
    if (e instanceof UnreadableLedgerError) {
      if (json) process.stdout.write(JSON.stringify({ path, error: e.message }) + '\n');
      process.stderr.write(`penin verify: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
