// File ▸ Open Recent: the last ledgers opened, most recent first, at most 10, persisted as JSON
// (userData/recent.json). A missing, unreadable or malformed file is an empty list, never a crash.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readSmallTextSync } from '../ledger/regular-file';
import { dirname, isAbsolute } from 'node:path';

export const MAX_RECENT = 10;

export interface RecentFiles {
  list(): string[];
  add(path: string): string[];
  remove(path: string): string[];
  clear(): void;
}

export function readRecentFile(file: string, max = MAX_RECENT): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readSmallTextSync(file));
  } catch {
    return [];
  }
  const list = Array.isArray(parsed)
    ? parsed
    : isObject(parsed) && Array.isArray(parsed.files)
      ? parsed.files
      : [];
  return normalize(
    list.filter((p): p is string => typeof p === 'string'),
    max,
  );
}

export function createRecentFiles(file: string, max = MAX_RECENT): RecentFiles {
  let current = readRecentFile(file, max);

  function save(next: string[]): string[] {
    current = normalize(next, max);
    try {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ files: current }, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, file);
    } catch (error: unknown) {
      console.warn(
        `[recent] could not save ${file}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return [...current];
  }

  return {
    list: () => [...current],
    add: (path) => save([path, ...current.filter((p) => p !== path)]),
    remove: (path) => save(current.filter((p) => p !== path)),
    clear: () => {
      save([]);
    },
  };
}

function normalize(paths: readonly string[], max: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of paths) {
    if (p.length === 0 || p.length > 4096 || !isAbsolute(p) || p.includes('\0') || seen.has(p)) continue;
    seen.add(p);
    out.push(p);
    if (out.length >= max) break;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
