// Verifier keys and notes given on the command line: a vkey string, or a file holding one (or a
// note). Shared by checkpoint, prove, consistency, receipt and verify.
import { existsSync } from 'node:fs';
import { readSmallTextSync } from '../ledger/regular-file';
import { BadVkeyError, parseVkey, type Vkey } from '../ledger/note/vkey';

export class UsageError extends Error {}

/** A vkey as given: the string itself, or a file whose first line is one. */
export function vkeyArg(value: string): Vkey {
  try {
    return parseVkey(value);
  } catch (e) {
    if (!(e instanceof BadVkeyError) || !existsSync(value))
      throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  try {
    return parseVkey(readSmallTextSync(value).split('\n')[0]);
  } catch (e) {
    throw new UsageError(`${value}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A text file (note, bundle, receipt), at most `maxBytes`. */
export function textFileArg(path: string, maxBytes = 1024 * 1024): string {
  try {
    return readSmallTextSync(path, { maxBytes });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `${path}: no such file` : e instanceof Error ? e.message : String(e),
    );
  }
}

/** Options of the form --name VALUE (repeatable ones gathered), flags and positionals. */
export function parseOptions(
  argv: string[],
  spec: { values: string[]; repeatable?: string[]; flags?: string[] },
): { values: Map<string, string>; lists: Map<string, string[]>; flags: Set<string>; positional: string[] } {
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (spec.flags?.includes(a)) flags.add(a);
    else if (spec.values.includes(a) || spec.repeatable?.includes(a)) {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      if (spec.repeatable?.includes(a)) lists.set(a, [...(lists.get(a) ?? []), v]);
      else values.set(a, v);
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  return { values, lists, flags, positional };
}

/** Runs a command body; a UsageError prints the usage and exits 2. */
export async function withUsage(name: string, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`penin ${name}: ${e.message}\n${usage}`);
      return 2;
    }
    throw e;
  }
}

export function witnessLines(ws: { name: string; keyHash: string; time: string; size: number }[]): string {
  return ws
    .map((w) => `witness ${w.name}+${w.keyHash} vouches for size ${w.size} (cosigned ${w.time})\n`)
    .join('');
}
