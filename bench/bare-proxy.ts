// The bench's reference points: a bare pass-through (node:http in, undici out, the answer copied
// back) with none of the gateway's work: no auth, budget, breakers, cache or ledger. What it adds
// over the direct path is what any Node gateway pays on this machine before doing anything.
//
// Given a directory, it also makes each answer wait, as the gateway's does, until a 600-byte line
// for it is durable in a file there: the answers ready in one event-loop turn share one write and
// one fdatasync, run on the loop (the writer's cheapest path; sync-policy.ts). What that adds is the
// floor for any gateway that acknowledges nothing before its record is on disk.
import http from 'node:http';
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Pool, type Dispatcher } from 'undici';
import { reportLoopStats } from './loop-stats';

/** A line the size of a gateway's ROUTE entry. */
const LINE = Buffer.from(`${JSON.stringify({ record: 'x'.repeat(580) })}\n`);

/** Calls each `done` once its line is durable; one write and one fdatasync per event-loop turn. */
function durableLines(file: string): { after(done: () => void): void; close(): void } {
  const fd = openSync(file, 'a');
  let waiting: (() => void)[] = [];
  const flush = (): void => {
    const group = waiting;
    waiting = [];
    writeSync(fd, Buffer.concat(Array<Buffer>(group.length).fill(LINE)));
    fdatasyncSync(fd);
    for (const done of group) done();
  };
  return {
    after(done) {
      if (waiting.push(done) === 1) setImmediate(flush);
    },
    close: () => closeSync(fd),
  };
}

export async function bareProxyMain(upstreamBaseUrl: string, ledgerDir?: string): Promise<void> {
  const base = new URL(upstreamBaseUrl);
  const path = `${base.pathname.replace(/\/+$/, '')}/chat/completions`;
  const pool = new Pool(base.origin, { connections: 512, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });
  const lines = ledgerDir ? durableLines(join(ledgerDir, 'bare-ledger.jsonl')) : null;
  const stats = reportLoopStats();
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
          const answer = (): void => {
            res.writeHead(status, [
              'content-type',
              'application/json',
              'content-length',
              String(text.length),
            ]);
            res.end(text);
          };
          if (!lines) return answer();
          const t0 = performance.now();
          lines.after(() => {
            stats.ledgerWait(performance.now() - t0);
            answer();
          });
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
    lines?.close();
    void pool.close();
    console.log(`DONE ${JSON.stringify({ bare: true, fdatasync: lines !== null })}`);
    process.exit(0);
  });
}
