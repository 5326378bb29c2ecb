// The cycle check of `npm run check` (dependency-cruiser with .dependency-cruiser.cjs): two modules
// that import each other, even for types only, fail it and are named.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function cruise(...paths: string[]): { status: number | null; out: string } {
  const r = spawnSync('npx', ['--no-install', 'depcruise', '--config', '.dependency-cruiser.cjs', ...paths], {
    encoding: 'utf8',
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('import cycles', () => {
  it('a type-only cycle fails the check and names both files', () => {
    const { status, out } = cruise('test/fixtures/cycle');
    expect(status).not.toBe(0);
    expect(out).toContain('no-cycle');
    expect(out).toMatch(/ping\.ts[\s\S]*pong\.ts/);
  });

  it('the same files without the cycle pass', () => {
    const { status, out } = cruise('test/fixtures/cycle/pong.ts', '--exclude', 'ping');
    expect(out).not.toContain('no-cycle');
    expect(status).toBe(0);
  });
});
