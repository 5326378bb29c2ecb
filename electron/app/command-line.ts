// The ledger named on the command line (`penin-console path/to/ledger.jsonl`): the first argument
// after the executable (and, when run as `electron .`, after the app path) that is not a switch,
// resolved against the invoking shell's working directory.
import { resolve } from 'node:path';

export interface ArgvShape {
  /** Electron's `process.defaultApp`: run as `electron <app> ...`, so argv[1] is the app path. */
  defaultApp: boolean;
  cwd: string;
}

export function ledgerPathFromArgv(argv: readonly string[], shape: ArgvShape): string | null {
  const args = argv.slice(shape.defaultApp ? 2 : 1);
  for (const arg of args) {
    if (arg === '' || arg.startsWith('-')) continue;
    if (arg.length > 4096 || arg.includes('\0')) return null;
    return resolve(shape.cwd, arg);
  }
  return null;
}

/** What a second instance forwards (requestSingleInstanceLock's additionalData). */
export interface InstanceMessage {
  ledgerPath: string | null;
}

export function readInstanceMessage(data: unknown): InstanceMessage | null {
  if (typeof data !== 'object' || data === null || !('ledgerPath' in data)) return null;
  const p = data.ledgerPath;
  if (p === null) return { ledgerPath: null };
  return typeof p === 'string' && p.length > 0 && p.length <= 4096 && !p.includes('\0')
    ? { ledgerPath: p }
    : null;
}
