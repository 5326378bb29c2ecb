// The docs name real files: every repository path written in backticks in README.md, docs/*.md and
// bench/README.md, and every relative link, must exist. docs/architecture.md traces a request file
// by file; when a file moves or is renamed, this fails and names the stale path, so the doc cannot
// drift from the code.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

/** The Markdown files checked, relative to the repository's root. */
const DOCS = [
  'README.md',
  'bench/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** A backticked word that starts with one of these is a repository path. */
const TOP = ['electron/', 'renderer/', 'shared/', 'test/', 'docs/', 'bench/', 'scripts/', '.ci/'];
/** A backticked word that ends with one of these is a file (from the root: no path relative to a folder). */
const FILE_EXT = /\.(ts|tsx|js|mjs|cjs|json|md|yml|yaml|css|html)$/;
/** Letters a path may hold: no spaces, no `:` (URLs, node:http), no globs or braces. */
const PATH_CHARS = /^[\w.\-/]+$/;
/** Named on purpose though not in the tree, and why. */
const NOT_FILES: Record<string, string> = {
  'bench/NAME.bench.ts': 'a placeholder for any benchmark',
  'bench/out': 'git-ignored: the benchmarks write their fixtures there',
};

/** The file's text without fenced code blocks (pictures and shell sessions are not references). */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```/gm, '');
}

/** Backticked words of `text` that look like repository paths, relative to the root. */
function backtickedPaths(text: string): string[] {
  const found: string[] = [];
  for (const m of prose(text).matchAll(/`([^`\n]+)`/g)) {
    const word = (m[1] ?? '').trim();
    if (!PATH_CHARS.test(word)) continue;
    // A folder path, or any file name: `routing/router.ts` half a path is stale too.
    if (TOP.some((t) => word.startsWith(t)) || FILE_EXT.test(word)) {
      found.push(word.replace(/\/$/, ''));
    }
  }
  return found;
}

/** Relative link targets of `text` ([x](docs/cli.md)), resolved against the file's folder. */
function linkedPaths(text: string, file: string): string[] {
  const found: string[] = [];
  for (const m of prose(text).matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = (m[1] ?? '').split('#')[0] ?? '';
    if (target === '' || /^[a-z]+:/i.test(target)) continue;
    found.push(join(dirname(file), target));
  }
  return found;
}

describe('paths named in the docs', () => {
  it('finds paths in backticks, and leaves other code alone', () => {
    expect(
      backtickedPaths(
        '`electron/core/core.ts`, `shared/ipc/`, `eslint.layers.js`, `node:http`, `penin serve`, ' +
          '`ws://HOST/ws`, `/v1/models`, `router.complete()`, `electron/core/**`\n```\n`test/nope.ts`\n```',
      ),
    ).toEqual(['electron/core/core.ts', 'shared/ipc', 'eslint.layers.js']);
  });

  for (const doc of DOCS) {
    it(`${doc}: every path in backticks and every relative link exists`, () => {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      const named = [...backtickedPaths(text), ...linkedPaths(text, doc)];
      const missing = [...new Set(named)].filter((p) => !(p in NOT_FILES) && !existsSync(join(ROOT, p)));
      expect(missing).toEqual([]);
    });
  }
});
