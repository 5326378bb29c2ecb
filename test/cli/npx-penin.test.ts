import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

describe('the penin command line as installed', () => {
  it('`npx penin help` runs the package bin and prints the commands', () => {
    const r = spawnSync('npx', ['--no-install', 'penin', 'help'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const cmd of ['verify', 'head', 'append', 'keygen', 'serve'])
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
  });
  it('an unknown command exits 2 with the usage', () => {
    const r = spawnSync('npx', ['--no-install', 'penin', 'frobnicate'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
