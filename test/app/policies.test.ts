import { describe, expect, it } from 'vitest';
import { isSameDocument, loopbackDevServerUrl, safeExternalUrl } from '../../electron/app/navigation-policy';
import { isPermissionAllowed } from '../../electron/app/permission-policy';
import { ledgerPathFromArgv, readInstanceMessage } from '../../electron/app/command-line';
import { keychainCipher, type SafeStorageLike } from '../../electron/app/keychain-cipher';
import { contentSecurityPolicy } from '../../electron/app/csp';

describe('navigation policy', () => {
  it('allows only same-document navigation', () => {
    expect(isSameDocument('file:///app/index.html#/a', 'file:///app/index.html#/b')).toBe(true);
    expect(isSameDocument('file:///app/index.html', 'file:///etc/passwd')).toBe(false);
    expect(isSameDocument('file:///app/index.html', 'https://evil.example/')).toBe(false);
    expect(isSameDocument('file:///app/index.html', 'garbage')).toBe(false);
  });

  it('opens only plain http(s) URLs externally', () => {
    expect(safeExternalUrl('https://example.org/docs?q=1')).toBe('https://example.org/docs?q=1');
    expect(safeExternalUrl('http://example.org')).toBe('http://example.org/');
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.org/',
      'ms-settings:',
      'not a url',
      `https://e.org/${'a'.repeat(3000)}`,
    ]) {
      expect(safeExternalUrl(bad), bad).toBeNull();
    }
  });
});

describe('loopbackDevServerUrl', () => {
  it('accepts a loopback http(s) dev server only', () => {
    expect(loopbackDevServerUrl('http://localhost:5173')).toBe('http://localhost:5173/');
    expect(loopbackDevServerUrl('http://127.0.0.1:5173/')).toBe('http://127.0.0.1:5173/');
    expect(loopbackDevServerUrl('https://evil.example/')).toBeUndefined();
    expect(loopbackDevServerUrl('file:///tmp/x.html')).toBeUndefined();
    expect(loopbackDevServerUrl(undefined)).toBeUndefined();
    expect(loopbackDevServerUrl('junk')).toBeUndefined();
  });
});

describe('permission policy', () => {
  const ours = (url: string) => url.startsWith('file:///app/');
  it('denies everything but clipboard writes from our page', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', 'file:///app/index.html', ours)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', ours)).toBe(false);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fileSystem',
    ]) {
      expect(isPermissionAllowed(p, 'file:///app/index.html', ours), p).toBe(false);
    }
  });
});

describe('command line', () => {
  it('finds the ledger path after the executable (and the app path under `electron .`)', () => {
    expect(ledgerPathFromArgv(['/opt/penin', 'audit.jsonl'], { defaultApp: false, cwd: '/home/u' })).toBe(
      '/home/u/audit.jsonl',
    );
    expect(
      ledgerPathFromArgv(['electron', '.', '--no-sandbox', '/abs/l.jsonl'], { defaultApp: true, cwd: '/x' }),
    ).toBe('/abs/l.jsonl');
    expect(ledgerPathFromArgv(['electron', '.'], { defaultApp: true, cwd: '/x' })).toBeNull();
    expect(
      ledgerPathFromArgv(['/opt/penin', '-psn_0_123', '--enable-logging'], { defaultApp: false, cwd: '/x' }),
    ).toBeNull();
  });

  it('reads what a second instance forwards, rejecting junk', () => {
    expect(readInstanceMessage({ ledgerPath: '/l.jsonl' })).toEqual({ ledgerPath: '/l.jsonl' });
    expect(readInstanceMessage({ ledgerPath: null })).toEqual({ ledgerPath: null });
    expect(readInstanceMessage({ ledgerPath: 3 })).toBeNull();
    expect(readInstanceMessage(null)).toBeNull();
    expect(readInstanceMessage('x')).toBeNull();
  });
});

describe('keychainCipher', () => {
  const storage = (available: boolean, backend?: string): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(s),
    decryptString: (b) => b.toString(),
    ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
  });
  it('treats Linux basic_text (no keychain) as unavailable', () => {
    expect(keychainCipher(storage(true, 'basic_text'), 'linux').isEncryptionAvailable()).toBe(false);
    expect(keychainCipher(storage(true, 'gnome_libsecret'), 'linux').isEncryptionAvailable()).toBe(true);
    expect(keychainCipher(storage(true), 'darwin').isEncryptionAvailable()).toBe(true);
    expect(keychainCipher(storage(false), 'win32').isEncryptionAvailable()).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('forbids inline and remote script, eval, plugins and framing', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
  });
  it('allows the dev server preamble only in dev, and extra connect sources when asked', () => {
    expect(contentSecurityPolicy({ dev: true })).toMatch(/script-src 'self' 'unsafe-inline'/);
    expect(contentSecurityPolicy({ connect: ['ws://127.0.0.1:4000'] })).toMatch(
      /connect-src 'self' ws:\/\/127\.0\.0\.1:4000/,
    );
  });
});
