// `penin append FILE`: one PCAg per decision object read from stdin, each hash printed once durable.
// Lines are appended in order; at the first invalid line nothing more is written and the error names it.
import { createInterface } from 'node:readline';
import { LedgerWriter } from '../ledger/writer';
import { newDecisionId } from '../ledger/pcag';
import { pyLoads } from '../ledger/pyjson-parse';
import { validateDecision } from '../ledger/decision';
import type { Pcag } from '../ledger/types';

export async function runAppend(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith('--')) {
    process.stderr.write('usage: penin append FILE < decisions.jsonl\n');
    return 2;
  }
  let writer: LedgerWriter;
  try {
    writer = await LedgerWriter.open(argv[0]);
  } catch (e) {
    process.stderr.write(`penin append: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (writer.recovered)
    process.stderr.write(
      `penin append: recovered a torn tail of ${writer.recovered.bytes} bytes into ${writer.recovered.file}\n`,
    );
  // Acks print in order, each as soon as its entry (and all before it) is durable.
  let printed: Promise<void> = Promise.resolve();
  let appended = 0;
  let failure: string | null = null;
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let pending: Promise<Pcag>;
    try {
      const { value, duplicateKeys } = pyLoads(line);
      if (duplicateKeys.length) throw new Error(`duplicate key "${duplicateKeys[0]}"`);
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && !('decision_id' in value))
        (value as Record<string, unknown>).decision_id = newDecisionId();
      pending = writer.append(validateDecision(value));
    } catch (e) {
      failure = `line ${lineNo}: ${e instanceof Error ? e.message : String(e)}`;
      break;
    }
    appended++;
    printed = printed.then(() => pending).then((p) => void process.stdout.write(`${p.current_hash}\n`));
    printed.catch(() => {}); // surfaced below
  }
  rl.close();
  try {
    await printed;
  } catch (e) {
    failure ??= e instanceof Error ? e.message : String(e);
    appended = -1;
  }
  await writer.close().catch(() => {});
  if (failure) {
    const done = appended >= 0 ? ` (${appended} entr${appended === 1 ? 'y' : 'ies'} before it appended; nothing after it)` : '';
    process.stderr.write(`penin append: ${failure}${done}\n`);
    return appended >= 0 ? 1 : 2;
  }
  return 0;
}
