// Wires the app:// scheme (app/app-protocol.ts) into Electron: registered as privileged before
// the app is ready, then served from the built renderer folder. Thin: the decisions (which file,
// which status, which headers) are in the plain module, tested under Node.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, resolveAppRequest } from '../app/app-protocol';

/** Must run before the app's 'ready' event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

/** Serves app://penin/… from `rendererDir` (after 'ready', before the window loads). */
export function handleAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = await resolveAppRequest(rendererDir, request.method, request.url);
    const body =
      request.method === 'HEAD' ? null : answer.file !== null ? await readFile(answer.file) : answer.text;
    return new Response(body, { status: answer.status, headers: answer.headers });
  });
}
