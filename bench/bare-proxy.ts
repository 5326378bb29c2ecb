// The bench's reference point: a bare pass-through (node:http in, undici out, the answer copied
// back) with none of the gateway's work: no auth, budget, breakers, cache or ledger. What it adds
// over the direct path is what any Node gateway pays on this machine before doing anything.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, type Dispatcher } from 'undici';

export async function bareProxyMain(upstreamBaseUrl: string): Promise<void> {
  const base = new URL(upstreamBaseUrl);
  const path = `${base.pathname.replace(/\/+$/, '')}/chat/completions`;
  const pool = new Pool(base.origin, { connections: 512, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });
  const server = http.createServer((req, res) => {
    const body: Buffer[] = [];
    req.on('data', (c: Buffer) => body.push(c));
    req.on('end', () => {
      const out: Buffer[] = [];
      let status = 502;
      const handler: Dispatcher.DispatchHandler = {
        onConnect() {},
        onHeaders(code) {
          status = code;
          return true;
        },
        onData(c) {
          out.push(c);
          return true;
        },
        onComplete() {
          const text = Buffer.concat(out);
          res.writeHead(status, ['content-type', 'application/json', 'content-length', String(text.length)]);
          res.end(text);
        },
        onError() {
          res.writeHead(502).end();
        },
      };
      pool.dispatch(
        { method: 'POST', path, headers: { 'content-type': 'application/json' }, body: Buffer.concat(body) },
        handler,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  console.log(
    `READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, token: 'none', pid: process.pid })}`,
  );
  process.once('SIGTERM', () => {
    server.close();
    void pool.close();
    console.log(`DONE ${JSON.stringify({ bare: true })}`);
    process.exit(0);
  });
}
