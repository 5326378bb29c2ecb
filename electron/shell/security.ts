// Locks down the session and every webContents: the CSP as a response header (app:// responses
// carry it already: app/app-protocol.ts; the dev server's get it here), permissions denied,
// navigation and new windows refused, and an https link opened in the system browser only right
// after the user clicked or pressed a key in the window (app/link-policy.ts), no <webview>.
import type { Session, WebContents } from 'electron';
import { createLinkPolicy, type LinkPolicy } from '../app/link-policy';
import { isSameDocument } from '../app/navigation-policy';
import { isPermissionAllowed } from '../app/permission-policy';

export interface SecurityOptions {
  csp: string;
  /** Our renderer page (file:// index.html or the dev server). */
  isAppUrl: (url: string) => boolean;
  openExternal: (url: string) => Promise<void>;
}

export function secureSession(ses: Session, options: SecurityOptions): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers))
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [options.csp];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, options.isAppUrl));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, options.isAppUrl),
  );
  ses.setDevicePermissionHandler(() => false);
}

export function secureWebContents(contents: WebContents, options: SecurityOptions): void {
  const links = createLinkPolicy();
  // The user's own clicks and key presses, as the window receives them: a page cannot fake these.
  contents.on('input-event', (_event, input) => links.noteInput(input.type));
  contents.on('will-navigate', (event) => {
    if (!isSameDocument(contents.getURL(), event.url)) {
      event.preventDefault();
      openIfExternal(event.url, links, options);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isSameDocument(contents.getURL(), event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfExternal(url, links, options);
    return { action: 'deny' };
  });
}

function openIfExternal(url: string, links: LinkPolicy, options: SecurityOptions): void {
  if (options.isAppUrl(url)) return;
  const safe = links.externalUrl(url);
  if (safe === null) return;
  options.openExternal(safe).catch((error: unknown) => {
    console.warn(`[security] could not open ${safe}:`, error);
  });
}
