// Decides whether an IPC message comes from our own page: the top frame of our one window,
// showing either the built renderer (app://penin/index.html, app/app-protocol.ts) or the dev
// server. Pure: the window's webContents is looked up through a function so it can change
// (window re-created).

export interface SenderFrameLike {
  url: string;
  /** null for a top-level frame. */
  parent?: unknown;
}

export interface IpcEventLike {
  sender: unknown;
  senderFrame: SenderFrameLike | null | undefined;
}

export interface TrustedOrigin {
  /** The page the window loads: APP_INDEX_URL (app://penin/index.html). */
  appUrl: string;
  /** The Vite dev server URL in development, e.g. http://localhost:5173/ ; undefined otherwise. */
  devServerUrl?: string;
}

export type SenderCheck = (event: IpcEventLike) => boolean;

/** True when `url` is our renderer page: the app URL (any #fragment or ?query), or the dev server origin. */
export function isAppUrl(url: string, origin: TrustedOrigin): boolean {
  let parsed: URL;
  let app: URL;
  try {
    parsed = new URL(url);
    app = new URL(origin.appUrl);
  } catch {
    return false;
  }
  if (parsed.protocol === app.protocol) {
    return parsed.host === app.host && parsed.pathname === app.pathname && parsed.username === '';
  }
  if (origin.devServerUrl === undefined) return false;
  let dev: URL;
  try {
    dev = new URL(origin.devServerUrl);
  } catch {
    return false;
  }
  return (dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin;
}

export function createSenderCheck(origin: TrustedOrigin, ourWebContents: () => unknown): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined) return false;
    if (frame.parent !== null && frame.parent !== undefined) return false;
    const contents = ourWebContents();
    if (contents === null || contents === undefined || event.sender !== contents) return false;
    return isAppUrl(frame.url, origin);
  };
}
