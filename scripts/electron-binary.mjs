// Finds the Electron binary the way `npm start` needs it: `require('electron')` gives its path,
// and throws when the binary was never downloaded (npm's postinstall fetches it from GitHub).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const NO_BINARY_MESSAGE =
  'The Electron binary is not installed (npm install does not fetch it here: it comes from GitHub; where GitHub is reachable, `node node_modules/electron/install.js` downloads it).';

/**
 * @param {{ requireFn?: (id: string) => unknown, exists?: (path: string) => boolean }} [deps]
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function findElectronBinary(deps = {}) {
  const requireFn = deps.requireFn ?? createRequire(import.meta.url);
  const exists = deps.exists ?? existsSync;
  let path;
  try {
    path = requireFn('electron');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: message.split('\n')[0] };
  }
  if (typeof path !== 'string' || path === '') {
    return { ok: false, reason: 'the electron package did not give a binary path' };
  }
  if (!exists(path)) return { ok: false, reason: `no Electron binary at ${path}` };
  return { ok: true, path };
}
