import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../../electron/core/secrets/secret-file';

const posix = process.platform !== 'win32';
let dir = '';

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'penin-secret-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeFile(file: string, bytes: number, mode: number): void {
  fs.writeFileSync(file, Buffer.alloc(bytes, 7));
  fs.chmodSync(file, mode);
}

describe('loadOrCreateSecret', () => {
  it('creates missing directories and a random 32-byte secret, then reads the same one back', () => {
    const file = path.join(dir, 'a', 'b', 'cache.key');
    const first = loadOrCreateSecret(file);
    expect(first).toHaveLength(32);
    expect(loadOrCreateSecret(file).equals(first)).toBe(true);
    expect(fs.readFileSync(file).equals(first)).toBe(true);
    const other = loadOrCreateSecret(path.join(dir, 'other.key'));
    expect(other.equals(first)).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'a', 'b'))).toEqual(['cache.key']); // no temp file left over
  });

  it.runIf(posix)('creates the file with mode 0600 whatever the umask', () => {
    const old = process.umask(0);
    try {
      const file = path.join(dir, 'k');
      loadOrCreateSecret(file);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('honours a larger size and accepts an existing file longer than required', () => {
    expect(loadOrCreateSecret(path.join(dir, 'big.key'), 64)).toHaveLength(64);
    const file = path.join(dir, 'long.key');
    writeFile(file, 48, 0o600);
    expect(loadOrCreateSecret(file, 32)).toHaveLength(48);
  });

  it.runIf(posix)('refuses an existing file that group or others can access', () => {
    const file = path.join(dir, 'open.key');
    writeFile(file, 32, 0o644);
    expect(() => loadOrCreateSecret(file)).toThrow(/accessible by group\/others \(mode 0644\).*chmod 600/);
    fs.chmodSync(file, 0o640);
    expect(() => loadOrCreateSecret(file)).toThrow(/mode 0640/);
    fs.chmodSync(file, 0o602);
    expect(() => loadOrCreateSecret(file)).toThrow(/mode 0602/);
    fs.chmodSync(file, 0o400);
    expect(loadOrCreateSecret(file)).toHaveLength(32);
  });

  it('refuses an existing file shorter than required, and leaves it alone', () => {
    const file = path.join(dir, 'short.key');
    writeFile(file, 16, 0o600);
    expect(() => loadOrCreateSecret(file)).toThrow(/holds 16 bytes, fewer than the 32 required/);
    expect(fs.readFileSync(file)).toHaveLength(16);
    writeFile(file, 0, 0o600);
    expect(() => loadOrCreateSecret(file)).toThrow(/holds 0 bytes/);
  });

  it('refuses a path that is a directory', () => {
    expect(() => loadOrCreateSecret(dir)).toThrow(/is not a regular file/);
  });

  it('gives bad arguments a clear error', () => {
    const file = path.join(dir, 'k');
    expect(() => loadOrCreateSecret('')).toThrow(/secret path must be a non-empty string/);
    expect(() => loadOrCreateSecret(file, 8)).toThrow(
      /secret size must be an integer from 16 to 65536 bytes, got 8/,
    );
    expect(() => loadOrCreateSecret(file, 32.5)).toThrow(/got 32.5/);
    expect(() => loadOrCreateSecret(file, Number.NaN)).toThrow(/got NaN/);
    expect(() => loadOrCreateSecret(file, -32)).toThrow(/got -32/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('gives every one of several processes racing to create it the same secret', async () => {
    const file = path.join(dir, 'race', 'cache.key');
    const module = path.resolve('electron/core/secrets/secret-file.ts');
    // Each child loads the module, says "ready", and creates the secret only when told "go", so
    // all of them race for the same missing file at once.
    const script = [
      `import { loadOrCreateSecret } from ${JSON.stringify(module)};`,
      `process.stdout.write('ready\\n');`,
      `process.stdin.once('data', () => { process.stdout.write(loadOrCreateSecret(${JSON.stringify(file)}).toString('hex')); process.exit(0); });`,
    ].join('\n');
    const children = Array.from({ length: 8 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let onReady: () => void = () => {};
      const ready = new Promise<void>((resolve) => (onReady = resolve));
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.startsWith('ready\n')) onReady();
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      const done = new Promise<string>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0
            ? resolve(out.slice('ready\n'.length))
            : reject(new Error(`child exited ${code}: ${err}`)),
        );
      });
      return { child, ready, done };
    });
    await Promise.all(children.map((c) => c.ready));
    for (const c of children) c.child.stdin.end('go\n');
    const results = await Promise.all(children.map((c) => c.done));
    expect(results[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toBe(fs.readFileSync(file).toString('hex'));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['cache.key']);
  }, 180_000); // generous: 8 tsx child processes start slowly on a loaded machine (it waits on events)
});
