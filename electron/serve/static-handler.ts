// Serves the built renderer: GET/HEAD only, loopback Host only, files under the root only,
// with the CSP and the other security headers on every response.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentSecurityPolicy } from '../app/csp';
import { isLoopbackHost } from './loopback';
import { resolveStaticFile } from '../app/static-files';

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  port: number,
): Promise<void> {
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Security-Policy': contentSecurityPolicy({
      connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`],
    }),
  };
  const plain = (status: number, text: string, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { ...headers, ...extra, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : `${text}\n`);
  };
  if (!isLoopbackHost(req.headers.host, port)) return plain(403, 'Forbidden: unexpected Host header');
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return plain(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  const file = await resolveStaticFile(root, pathOf(req.url));
  if (file === null) {
    if (pathOf(req.url) === '/') return plain(503, 'The PENIN Console UI is not built. Run: npm run build');
    return plain(404, 'Not Found');
  }
  res.writeHead(200, { ...headers, 'Content-Type': file.contentType, 'Content-Length': String(file.size) });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const q = raw.search(/[?#]/);
  return q === -1 ? raw : raw.slice(0, q);
}
