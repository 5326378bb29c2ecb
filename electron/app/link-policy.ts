// Which links may leave the app for the system browser, and when: an https link (no other scheme,
// no credentials), opened only right after the user clicked or pressed a key in the window, once
// per gesture. A page that calls window.open() or sets location on its own, without the user
// acting, opens nothing. Pure: the window's input events and the clock are given.
import { safeExternalUrl } from './navigation-policy';

/** Input events that count as the user acting (Electron's InputEvent types). */
const GESTURES = new Set(['mouseUp', 'keyDown', 'rawKeyDown', 'gestureTap']);
/** How long after a gesture a link may open (Chromium's transient user activation lasts ~5 s). */
export const GESTURE_WINDOW_MS = 5000;

export interface LinkPolicy {
  /** Called with each input event's type sent to the window (webContents 'input-event'). */
  noteInput(type: string): void;
  /** The https URL to hand to shell.openExternal, or null; a success uses up the gesture. */
  externalUrl(raw: string): string | null;
}

export function createLinkPolicy(now: () => number = Date.now): LinkPolicy {
  let gestureAt: number | null = null;
  return {
    noteInput(type) {
      if (GESTURES.has(type)) gestureAt = now();
    },
    externalUrl(raw) {
      const safe = httpsUrl(raw);
      if (safe === null || gestureAt === null) return null;
      const age = now() - gestureAt;
      if (age < 0 || age > GESTURE_WINDOW_MS) return null;
      gestureAt = null;
      return safe;
    },
  };
}

/** The normalized URL when it is a plain https link (see safeExternalUrl), else null. */
export function httpsUrl(raw: string): string | null {
  const safe = safeExternalUrl(raw);
  return safe !== null && safe.startsWith('https://') ? safe : null;
}
