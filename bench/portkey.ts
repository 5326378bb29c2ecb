// The Portkey AI gateway (@portkey-ai/gateway, a dev dependency for the bench only) as a comparator:
// started headless on a free port, pointed per request at the bench's fake upstream with
//   x-portkey-provider: openai
//   x-portkey-custom-host: http://127.0.0.1:PORT/v1
// (Portkey trusts loopback custom hosts by default). It listens on every interface (its server
// takes no host option): a bench on a shared machine should not run longer than it needs to.
//
//   npx tsx bench/portkey.ts   checks that a request through it reaches a fake upstream and back
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

export interface Portkey {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** The Portkey server's own process (for CPU accounting). */
  readonly pid: number;
  /** Headers that send a request through Portkey to the OpenAI-wire upstream at `upstreamBaseUrl`. */
  headersFor(upstreamBaseUrl: string): Record<string, string>;
  stop(): Promise<void>;
}

/** The installed gateway's entry point, or null when the package is not installed. */
export function portkeyEntry(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('@portkey-ai/gateway/package.json');
    const entry = join(dirname(pkg), 'build', 'start-server.js');
    return existsSync(entry) ? entry : null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** GET / answers "AI Gateway says hey!" once Portkey is up. */
async function waitUp(url: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`Portkey exited (${proc.exitCode ?? proc.signalCode}) before it answered`);
    try {
      const r = await fetch(`${url}/`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Portkey did not answer on ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts Portkey headless on a free port (or `port`); resolves once it answers. */
export async function startPortkey(opts: { port?: number; nodeFlags?: string[] } = {}): Promise<Portkey> {
  const entry = portkeyEntry();
  if (!entry) throw new Error('@portkey-ai/gateway is not installed (npm install: it is a dev dependency)');
  const port = opts.port ?? (await freePort());
  const proc = spawn(process.execPath, [...(opts.nodeFlags ?? []), entry, '--headless', `--port=${port}`], {
    // NODE_ENV=production: no UI routes. Its banner and spinner are not wanted in the bench's output.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  proc.stderr?.on('data', (d: Buffer) => {
    errors = (errors + d.toString('utf8')).slice(-2000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUp(url, proc, 20_000);
  } catch (e) {
    proc.kill('SIGKILL');
    throw new Error(`${(e as Error).message}\n${errors}`);
  }
  return {
    url,
    port,
    pid: proc.pid ?? 0,
    headersFor: (upstreamBaseUrl) => ({
      'x-portkey-provider': 'openai',
      'x-portkey-custom-host': upstreamBaseUrl,
      authorization: 'Bearer sk-bench-not-a-key',
    }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/**
 * Sends one chat completion through a fresh Portkey to a fake upstream started here, and checks
 * that the upstream got it and its answer came back unchanged. Returns what it saw.
 */
export async function checkPortkey(): Promise<{ upstreamPath: string; model: string; content: string }> {
  const answer = {
    id: 'chatcmpl-portkey-check',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'bench-model',
    choices: [
      { index: 0, message: { role: 'assistant', content: 'through portkey' }, finish_reason: 'stop' },
    ],
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  };
  let upstreamPath = '';
  const upstream = http.createServer((req, res) => {
    upstreamPath = req.url ?? '';
    req.resume();
    req.once('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const baseUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
  const portkey = await startPortkey();
  try {
    const r = await fetch(`${portkey.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...portkey.headersFor(baseUrl) },
      body: JSON.stringify({
        model: 'bench-model',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 8,
      }),
    });
    const text = await r.text();
    if (r.status !== 200) throw new Error(`Portkey answered ${r.status}: ${text.slice(0, 500)}`);
    const body = JSON.parse(text) as { model?: string; choices?: { message?: { content?: string } }[] };
    const content = body.choices?.[0]?.message?.content ?? '';
    if (upstreamPath !== '/v1/chat/completions')
      throw new Error(`the fake upstream saw ${JSON.stringify(upstreamPath)}, not /v1/chat/completions`);
    if (content !== 'through portkey')
      throw new Error(`unexpected answer through Portkey: ${text.slice(0, 500)}`);
    return { upstreamPath, model: body.model ?? '', content };
  } finally {
    await portkey.stop();
    await new Promise<void>((r) => upstream.close(() => r()));
  }
}

if (process.argv[1] && /portkey\.ts$/.test(process.argv[1])) {
  checkPortkey().then(
    (seen) => console.log(`Portkey OK: ${JSON.stringify(seen)}`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
