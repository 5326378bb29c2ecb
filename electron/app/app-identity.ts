// Who and what is running: the app version (package.json) and the OS user signing operator actions.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** The `version` of the package.json in `dir`, or "0.0.0-dev" when it cannot be read. */
export function readAppVersion(dir: string): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string')
      return pkg.version;
  } catch {
    // fall through
  }
  return '0.0.0-dev';
}

/** The OS user name, or "unknown" (userInfo throws for users without a passwd entry). */
export function safeUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** This build's version: the package.json two folders up (from electron/app, dist/cli or dist/electron). */
export function toolVersion(): string {
  return readAppVersion(join(__dirname, '..', '..'));
}
