import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { APP_INDEX_URL } from '../../electron/app/app-protocol';
import { createSenderCheck, isAppUrl } from '../../electron/ipc/sender-check';

const indexUrl = APP_INDEX_URL;
const indexFile = join('/opt', 'PENIN Console', 'resources', 'app.asar', 'dist', 'renderer', 'index.html');

describe('isAppUrl', () => {
  it('accepts our index.html, with any fragment or query', () => {
    expect(isAppUrl(indexUrl, { appUrl: APP_INDEX_URL })).toBe(true);
    expect(isAppUrl(`${indexUrl}#/ledger`, { appUrl: APP_INDEX_URL })).toBe(true);
    expect(isAppUrl(`${indexUrl}?x=1`, { appUrl: APP_INDEX_URL })).toBe(true);
  });

  it('rejects other files, other schemes and garbage', () => {
    const o = { appUrl: APP_INDEX_URL };
    expect(isAppUrl(pathToFileURL('/tmp/evil.html').href, o)).toBe(false);
    // The renderer's own file, loaded from file:// instead of app://, is not our page either.
    expect(isAppUrl(pathToFileURL(indexFile).href, o)).toBe(false);
    expect(isAppUrl(indexUrl.replace('index.html', 'other.html'), o)).toBe(false);
    expect(isAppUrl('app://evil/index.html', o)).toBe(false);
    expect(isAppUrl('app://user@penin/index.html', o)).toBe(false);
    expect(isAppUrl('https://example.com/', o)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', o)).toBe(false);
    expect(isAppUrl('not a url', o)).toBe(false);
    expect(isAppUrl('about:blank', o)).toBe(false);
  });

  it('accepts the dev server origin only when one is configured', () => {
    const o = { appUrl: APP_INDEX_URL, devServerUrl: 'http://localhost:5173/' };
    expect(isAppUrl('http://localhost:5173/#/budget', o)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', o)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', o)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', o)).toBe(false);
  });
});

describe('createSenderCheck', () => {
  const ours = { id: 1 };
  const check = createSenderCheck({ appUrl: APP_INDEX_URL }, () => ours);

  it('trusts the top frame of our window showing our page', () => {
    expect(check({ sender: ours, senderFrame: { url: indexUrl, parent: null } })).toBe(true);
  });

  it('rejects another webContents, a subframe, a missing frame or a foreign page', () => {
    expect(check({ sender: { id: 2 }, senderFrame: { url: indexUrl, parent: null } })).toBe(false);
    expect(check({ sender: ours, senderFrame: { url: indexUrl, parent: { url: indexUrl } } })).toBe(false);
    expect(check({ sender: ours, senderFrame: null })).toBe(false);
    expect(check({ sender: ours, senderFrame: { url: 'https://evil.example/', parent: null } })).toBe(false);
  });

  it('rejects everything while there is no window', () => {
    const none = createSenderCheck({ appUrl: APP_INDEX_URL }, () => null);
    expect(none({ sender: null, senderFrame: { url: indexUrl, parent: null } })).toBe(false);
  });
});
