// The desktop window's own URL scheme: the built renderer is served as app://penin/…, not from
// file://. A file:// page gets no response headers, so only its meta-tag CSP applied (which has to
// allow the browser mode's WebSocket on any port); app:// responses carry the Electron-mode CSP as a
// header. Pure (no `electron` import): URL → file under the renderer folder, status and headers.
// The wiring (protocol.registerSchemesAsPrivileged, protocol.handle) is electron/shell/protocol-handler.ts.
import { contentSecurityPolicy } from './csp';
import { resolveStaticFile } from './static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'penin';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the window loads. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * How the scheme is registered (before the app is ready): standard (relative URLs and an origin,
 * so 'self' in the CSP means app://penin) and secure (a secure context, like https). Not
 * bypassCSP, not corsEnabled, no service workers: the page gets nothing more than it needs.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/**
 * The Electron window's CSP. The renderer reaches main over IPC, so it connects to nothing: no
 * `ws:` (the browser mode's WebSocket is `penin serve`'s own header, electron/serve/static-handler.ts).
 * In development the Vite dev server's HMR socket is allowed (`dev`), never in a packaged app.
 */
export function electronCsp(options: { dev?: boolean } = {}): string {
  return contentSecurityPolicy({ dev: options.dev === true });
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-cache',
};

export interface AppResponse {
  status: 200 | 404 | 405;
  headers: Record<string, string>;
  /** The file to send (status 200), resolved inside the renderer folder. */
  file: string | null;
  /** The body when there is no file. */
  text: string | null;
}

/**
 * What to answer `method url`: a file under `rendererDir` (symlinks and `..` in any spelling that
 * would leave it are refused, as in `penin serve`: static-files.ts), 404 for anything else
 * (another host, a missing file), 405 for a method other than GET/HEAD. Every answer carries the
 * CSP.
 */
export async function resolveAppRequest(
  rendererDir: string,
  method: string,
  url: string,
): Promise<AppResponse> {
  const base = { ...SECURITY_HEADERS, 'Content-Security-Policy': electronCsp() };
  const refuse = (status: 404 | 405, text: string, extra: Record<string, string> = {}): AppResponse => ({
    status,
    headers: { ...base, ...extra, 'Content-Type': 'text/plain; charset=utf-8' },
    file: null,
    text,
  });
  if (method !== 'GET' && method !== 'HEAD') return refuse(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  const path = appPath(url);
  if (path === null) return refuse(404, 'Not Found');
  const file = await resolveStaticFile(rendererDir, path === '/' ? '/index.html' : path);
  if (file === null) return refuse(404, 'Not Found');
  return {
    status: 200,
    headers: { ...base, 'Content-Type': file.contentType, 'Content-Length': String(file.size) },
    file: file.path,
    text: null,
  };
}

/** The raw (still percent-encoded) path of an app://penin/ URL, or null for any other URL. */
export function appPath(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.pathname === '' ? '/' : parsed.pathname;
}

/** True when `url` is the app's page (any #fragment or ?query). */
export function isAppIndexUrl(url: string): boolean {
  const path = appPath(url);
  return path === '/index.html';
}
