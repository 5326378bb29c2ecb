// `penin append FILE`: one PCAg per decision object read from stdin, each hash printed once durable.
// Lines are appended in order; at the first invalid line nothing more is written and the error names it.
import { createInterface } from 'node:readline';
import { LedgerWriter } from '../ledger/writer';
import { newDecisionId } from '../ledger/pcag';
import { pyLoads } from '../ledger/pyjson-parse';
import { validateDecision } from '../ledger/decision';
import { loadOrCreateSigningKey } from '../ledger/signing-key';

const USAGE =
  'usage: penin append FILE [--key KEYFILE [--checkpoint-every N] [--checkpoint-seconds T]] < decisions.jsonl\n';

interface AppendArgs {
  file: string;
  key?: string;
  everyEntries?: number;
  everyMs?: number;
}

function parseArgs(argv: string[]): AppendArgs | string {
  const files: string[] = [];
  const out: Partial<AppendArgs> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => argv[++i];
    if (a === '--key') out.key = value();
    else if (a === '--checkpoint-every' || a === '--checkpoint-seconds') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) return `${a} takes a whole number >= 1`;
      if (a === '--checkpoint-every') out.everyEntries = n;
      else out.everyMs = n * 1000;
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else files.push(a);
  }
  if (files.length !== 1) return 'expected exactly one FILE';
  if (out.key === undefined && (out.everyEntries || out.everyMs)) return '--checkpoint-* options need --key';
  return { ...out, file: files[0] };
}

export async function runAppend(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`penin append: ${args}\n${USAGE}`);
    return 2;
  }
  let writer: LedgerWriter;
  try {
    const checkpoints = args.key
      ? { key: loadOrCreateSigningKey(args.key), everyEntries: args.everyEntries, everyMs: args.everyMs }
      : undefined;
    writer = await LedgerWriter.open(args.file, { checkpoints });
  } catch (e) {
    process.stderr.write(`penin append: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (writer.recovered)
    process.stderr.write(
      `penin append: recovered a torn tail of ${writer.recovered.bytes} bytes into ${writer.recovered.file}\n`,
    );
  // Acks print in file order, each as soon as its group is durable (the writer reports appends in order).
  writer.onAppend((p) => void process.stdout.write(`${p.current_hash}\n`));
  let appended = 0;
  let failure: string | null = null;
  let writeFailed = false;
  let inflight: Promise<unknown>[] = [];
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    try {
      const { value, duplicateKeys } = pyLoads(line);
      if (duplicateKeys.length) throw new Error(`duplicate key "${duplicateKeys[0]}"`);
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && !('decision_id' in value))
        (value as Record<string, unknown>).decision_id = newDecisionId();
      const pending = writer.append(validateDecision(value));
      pending.catch((e: unknown) => {
        writeFailed = true;
        failure ??= e instanceof Error ? e.message : String(e);
      });
      inflight.push(pending);
    } catch (e) {
      failure = `line ${lineNo}: ${e instanceof Error ? e.message : String(e)}`;
      break;
    }
    appended++;
    if (writeFailed) break;
    // Backpressure: an endless stdin must not outrun the disk.
    if (inflight.length >= 4096) {
      await Promise.allSettled(inflight);
      inflight = [];
    }
  }
  rl.close();
  await Promise.allSettled(inflight);
  await writer.close().catch(() => {});
  if (writeFailed) appended = -1;
  if (failure) {
    const done =
      appended >= 0
        ? ` (${appended} entr${appended === 1 ? 'y' : 'ies'} before it appended; nothing after it)`
        : '';
    process.stderr.write(`penin append: ${failure}${done}\n`);
    return appended >= 0 ? 1 : 2;
  }
  return 0;
}
