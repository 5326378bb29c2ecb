// Locks down the session and every webContents: the CSP as a response header (the renderer's
// meta tag is the other half; file:// pages get no response headers, so there the meta applies),
// permissions denied, navigation and new windows refused, http(s) links opened in the system
// browser after validation, no <webview>.
import type { Session, WebContents } from 'electron';
import { isSameDocument, safeExternalUrl } from './app/navigation-policy';
import { isPermissionAllowed } from './app/permission-policy';

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
  contents.on('will-navigate', (event) => {
    if (!isSameDocument(contents.getURL(), event.url)) {
      event.preventDefault();
      openIfExternal(event.url, options);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isSameDocument(contents.getURL(), event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfExternal(url, options);
    return { action: 'deny' };
  });
}

function openIfExternal(url: string, options: SecurityOptions): void {
  const safe = safeExternalUrl(url);
  if (safe === null || options.isAppUrl(safe)) return;
  options.openExternal(safe).catch((error: unknown) => {
    console.warn(`[security] could not open ${safe}:`, error);
  });
}
