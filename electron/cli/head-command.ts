// `penin head FILE [--json]`: the entry count and head hash, for an auditor to note as a pin.
import { hashesAt } from '../ledger/anchors';
import { checkReadableFile, UnreadableLedgerError } from '../ledger/verify-file';

export async function runHead(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  if (files.length !== 1 || files[0].startsWith('--')) {
    process.stderr.write('usage: penin head FILE [--json]\n');
    return 2;
  }
  try {
    await checkReadableFile(files[0]);
  } catch (e) {
    if (e instanceof UnreadableLedgerError) {
      process.stderr.write(`penin head: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const { entries, head } = await hashesAt(files[0], new Set());
  const pin = head && entries > 0 ? `${entries - 1}:${head}` : null;
  if (json) process.stdout.write(JSON.stringify({ entries, head, pin }) + '\n');
  else if (!pin)
    process.stdout.write(
      `${files[0]}: ${entries === 0 ? 'empty ledger' : 'the last entry is unreadable'}; nothing to pin\n`,
    );
  else process.stdout.write(`entries ${entries}\nhead ${head}\npin ${pin}\n`);
  return pin || entries === 0 ? 0 : 1;
}
