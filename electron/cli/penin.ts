// `penin`: the command line of PENIN Console.
import { runVerify } from './verify-command';
import { runAppend } from './append-command';
import { createRequire } from 'node:module';

const USAGE = `usage: penin <command> [options]

commands:
  verify FILE [--json]      verify a WORM ledger: every break, not only the first (exit 0 valid, 1 breaks, 2 unreadable)
  verify FILE --pubkey KEY  also check the signed checkpoints (LEDGER.checkpoints; older: .checkpoints.jsonl) against the chain
  verify FILE --pin I:HASH  also confirm the file still extends a head noted earlier (repeatable)
  verify DIR|FILE... [--json] [--pubkey KEY]  a fleet's ledgers, each chain on its own: per file and in total
  head FILE [--json]        the entry count and head hash, as a pin to note
  diff A B [--json] [--pubkey KEY]  compare two copies of a ledger: common prefix, fork, tails
  evidence FILE INDEX [--pubkey KEY]  one entry as a self-contained exhibit (JSON); --check BUNDLE re-checks it
  append FILE [--key KEYFILE]  append one PCAg per decision object read from stdin; with a key, sign checkpoints
  keygen KEYFILE            a new Ed25519 checkpoint signing key (KEYFILE, 0600) and KEYFILE.pub; prints its vkey
  checkpoint FILE           the latest signed checkpoint note (C2SP tlog-checkpoint) of a ledger
  prove FILE INDEX          an inclusion proof of one entry (--check BUNDLE --vkey VKEY verifies one offline)
  consistency FILE OLD_SIZE a proof that the ledger only grew since OLD_SIZE (--check BUNDLE --vkey VKEY)
  receipt --check OUT --vkey VKEY  verify a signed verification receipt (penin verify --receipt OUT)
  serve [options]           run the router core headless: OpenAI-compatible gateway + the UI in a browser
  help                      this text
`;

type Command = (argv: string[]) => Promise<number>;

/** A command built as a bundle of its own beside this one (see scripts/build.mjs), loaded on use. */
function loadBundled<T>(name: string): T {
  const load = createRequire(__filename);
  return load(`./${name}.cjs`) as T;
}

const commands: Record<string, () => Promise<Command>> = {
  // Several files or a directory: a fleet's ledgers, each on its own (verify-set-command.ts).
  verify: async () => async (argv) =>
    (await (await import('./verify-set-command')).isVerifySet(argv))
      ? (await import('./verify-set-command')).runVerifySet(argv)
      : runVerify(argv),
  append: async () => runAppend,
  head: async () => (await import('./head-command')).runHead,
  diff: async () => (await import('./diff-command')).runDiff,
  evidence: async () => (await import('./evidence-command')).runEvidence,
  keygen: async () => (await import('./keygen-command')).runKeygen,
  checkpoint: async () => (await import('./checkpoint-command')).runCheckpoint,
  prove: async () => (await import('./prove-command')).runProve,
  consistency: async () => (await import('./consistency-command')).runConsistency,
  receipt: async () => (await import('./receipt-command')).runReceipt,
  serve: async () => loadBundled<{ runServe: Command }>('serve').runServe,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`penin: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  return (await load())(rest);
}

// Output piped into a reader that stops early (`penin verify … | head`) is not an error.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`penin: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
