// Starts the built `penin serve --demo` in a child process and reads the addresses it prints.
// The ledger path is the one serve prints (the demo keeps its own, under DATA_DIR/demo/); the
// gateway token is read from the token file it names, since stdout shows the token masked.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';

export interface Served {
  child: ChildProcess;
  /** The --data-dir given to serve (the demo's own folder is under it). */
  dataDir: string;
  /** Everything serve printed on stdout up to the console line. */
  stdout: string;
  ledgerPath: string;
  gatewayUrl: string;
  gatewayToken: string;
  consoleUrl: string;
  faultUrl: string;
  stop(): Promise<void>;
}

export function startServe(extra: string[] = []): Promise<Served> {
  const dataDir = tmpDir('penin-e2e-');
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--demo', '--port', '0', '--data-dir', dataDir, ...extra],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`penin serve did not start in 20 s:\n${out}\n${err}`)),
      20_000,
    );
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`penin serve exited ${code}:\n${out}\n${err}`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const consoleUrl = /console: (\S+)/.exec(out)?.[1];
      if (!consoleUrl) return;
      clearTimeout(timer);
      const tokenFile = /^token: \S+ \(in full in (.+)\)$/m.exec(out)?.[1];
      resolve({
        child,
        dataDir,
        stdout: out,
        ledgerPath: /^ledger: (.+) \(\d+ entries\)$/m.exec(out)?.[1] ?? '',
        gatewayUrl: /listening on (\S+)/.exec(out)?.[1] ?? '',
        gatewayToken: tokenFile ? readFileSync(tokenFile, 'utf8').trim() : '',
        faultUrl: /curl -X POST (\S+)/.exec(out)?.[1] ?? '',
        consoleUrl,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
