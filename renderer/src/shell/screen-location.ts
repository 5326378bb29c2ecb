// Which screen is shown survives a reload: it is kept in the address as a query parameter
// (?screen=ledger). Not in the hash, which carries the browser-mode access token (#token=…, read
// and stripped by api/token.ts), and not in shared storage, so that two windows keep their own.
import type { ScreenId } from '../ui/screen-nav';

const PARAM = 'screen';
const KNOWN: Record<ScreenId, true> = {
  spend: true,
  breakers: true,
  cache: true,
  ledger: true,
  gateway: true,
  fleet: true,
};

export function isScreenId(v: unknown): v is ScreenId {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(KNOWN, v);
}

/** The screen named in the address, or null (none, or one that does not exist). */
export function screenFromLocation(loc: Location = window.location): ScreenId | null {
  const named = new URLSearchParams(loc.search).get(PARAM);
  return isScreenId(named) ? named : null;
}

/** Names `screen` in the address without adding a history entry (the hash is kept as it is). */
export function rememberScreen(screen: ScreenId, loc: Location = window.location): void {
  const params = new URLSearchParams(loc.search);
  if (params.get(PARAM) === screen) return;
  params.set(PARAM, screen);
  try {
    window.history.replaceState(window.history.state, '', `${loc.pathname}?${params.toString()}${loc.hash}`);
  } catch {
    // An address that cannot be rewritten (a sandboxed frame): the screen is just not remembered.
  }
}
