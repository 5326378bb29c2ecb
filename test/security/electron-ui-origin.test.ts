// The desktop window's page: where it is loaded from, what its CSP allows, which links leave it.
// Attacks reproduced:
//  - the UI loaded from file://, where only the page's meta-tag CSP applied, and that tag allows
//    ws://127.0.0.1:* on any port (a script injected into the page could talk to any local
//    WebSocket service);
//  - an app:// request that climbs out of the renderer folder (../ in every spelling, a symlink
//    inside the folder pointing outside, another host);
//  - a page that opens links by itself (window.open, location = …) without the user clicking, or
//    with a non-https scheme.
// Expected answers: the page is app://penin/index.html with a CSP header that has no ws: at all
// (the Electron renderer uses IPC); anything outside the folder is 404, a POST 405; a link opens
// in the system browser only when https and right after the user's click or key press, once.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  appPath,
  electronCsp,
  isAppIndexUrl,
  resolveAppRequest,
} from '../../electron/app/app-protocol';
import { contentSecurityPolicy } from '../../electron/app/csp';
import { createLinkPolicy, GESTURE_WINDOW_MS, httpsUrl } from '../../electron/app/link-policy';
import { tmpDir } from '../helpers/tmp';

function rendererFolder(): { dir: string; outside: string } {
  const root = tmpDir('penin-app-proto-');
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>PENIN</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  const outside = join(root, 'secret.txt');
  writeFileSync(outside, 'not for the page');
  symlinkSync(outside, join(dir, 'assets', 'link.js'));
  return { dir, outside };
}

describe('the Electron CSP', () => {
  it('connects to nothing but itself: no ws: of any kind', () => {
    const csp = electronCsp();
    expect(csp).not.toMatch(/ws:/);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('the browser mode keeps its own header, with only its own WebSocket port', () => {
    const browser = contentSecurityPolicy({ connect: ['ws://127.0.0.1:4000'] });
    expect(browser).toContain('ws://127.0.0.1:4000');
    expect(browser).not.toMatch(/ws:\/\/[^ ;]*:\*/);
  });
});

describe('app:// requests', () => {
  it('serves index.html and the assets with the CSP header', async () => {
    const { dir } = rendererFolder();
    for (const url of [
      APP_INDEX_URL,
      'app://penin/',
      `${APP_INDEX_URL}#/ledger`,
      'app://penin/assets/app.js',
    ]) {
      const r = await resolveAppRequest(dir, 'GET', url);
      expect(r.status, url).toBe(200);
      expect(r.headers['Content-Security-Policy']).toBe(electronCsp());
      expect(r.headers['X-Content-Type-Options']).toBe('nosniff');
    }
    expect((await resolveAppRequest(dir, 'GET', APP_INDEX_URL)).file).toBe(join(dir, 'index.html'));
    expect(
      (await resolveAppRequest(dir, 'GET', 'app://penin/assets/app.js')).headers['Content-Type'],
    ).toMatch(/^text\/javascript/);
  });

  it.each([
    'app://penin/../secret.txt',
    'app://penin/%2e%2e/secret.txt',
    'app://penin/..%2fsecret.txt',
    'app://penin/assets/..%2f..%2fsecret.txt',
    'app://penin/..%5csecret.txt',
    'app://penin/%2e%2e%5csecret.txt',
    'app://penin/assets/link.js',
    'app://penin/index.html%00.js',
    'app://penin//etc/passwd',
    'app://penin/nope.html',
    'app://other/index.html',
    'app://user:pw@penin/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s with 404 and no file', async (url) => {
    const { dir } = rendererFolder();
    const r = await resolveAppRequest(dir, 'GET', url);
    expect(r.status).toBe(404);
    expect(r.file).toBeNull();
    expect(r.headers['Content-Security-Policy']).toBe(electronCsp());
  });

  it('refuses methods other than GET and HEAD with 405', async () => {
    const { dir } = rendererFolder();
    expect((await resolveAppRequest(dir, 'HEAD', APP_INDEX_URL)).status).toBe(200);
    for (const m of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const r = await resolveAppRequest(dir, m, APP_INDEX_URL);
      expect(r.status, m).toBe(405);
      expect(r.headers.Allow).toBe('GET, HEAD');
    }
  });

  it('knows its own page', () => {
    expect(isAppIndexUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppIndexUrl(`${APP_INDEX_URL}?x=1#/budget`)).toBe(true);
    expect(isAppIndexUrl('app://penin/other.html')).toBe(false);
    expect(isAppIndexUrl('file:///opt/penin/index.html')).toBe(false);
    expect(appPath('app://penin')).toBe('/');
  });
});

describe('external links: https only, on a user gesture, once', () => {
  function clock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
    let t = start;
    return { now: () => t, advance: (ms) => (t += ms) };
  }

  it('a page opening a link by itself opens nothing', () => {
    const c = clock();
    const links = createLinkPolicy(c.now);
    expect(links.externalUrl('https://docs.example.org/')).toBeNull();
    links.noteInput('mouseMove');
    links.noteInput('mouseWheel');
    expect(links.externalUrl('https://docs.example.org/')).toBeNull();
  });

  it('after a click or a key press, one https link opens; a second needs another gesture', () => {
    const c = clock();
    const links = createLinkPolicy(c.now);
    links.noteInput('mouseUp');
    expect(links.externalUrl('https://docs.example.org/a')).toBe('https://docs.example.org/a');
    expect(links.externalUrl('https://docs.example.org/b')).toBeNull();
    links.noteInput('keyDown');
    expect(links.externalUrl('https://docs.example.org/b')).toBe('https://docs.example.org/b');
  });

  it('a gesture long past does not count', () => {
    const c = clock();
    const links = createLinkPolicy(c.now);
    links.noteInput('mouseUp');
    c.advance(GESTURE_WINDOW_MS + 1);
    expect(links.externalUrl('https://docs.example.org/')).toBeNull();
  });

  it('only https: http, file, javascript, custom schemes and credentials are refused even after a click', () => {
    const c = clock();
    const links = createLinkPolicy(c.now);
    for (const bad of [
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-settings:',
      'https://user:pw@example.org/',
      'app://penin/index.html',
    ]) {
      links.noteInput('mouseUp');
      expect(links.externalUrl(bad), bad).toBeNull();
      expect(httpsUrl(bad), bad).toBeNull();
    }
  });
});
