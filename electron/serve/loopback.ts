// Loopback checks for the UI server: the Host header (against DNS rebinding) and the page Origin
// of WebSocket upgrades (against other sites' pages), both bound to our port.

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for "127.0.0.1:PORT", "localhost:PORT" or "[::1]:PORT" with our port. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (m === null) return false;
  const name = m[1] ?? '';
  const p = m[2] === undefined ? 80 : Number(m[2]);
  return LOOPBACK_NAMES.has(name) && p === port;
}

/** True for an http:// origin on a loopback name with our port. */
export function isSameLoopbackOrigin(origin: string, port: number): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' || url.username !== '' || url.password !== '') return false;
  return isLoopbackHost(url.host, port);
}
