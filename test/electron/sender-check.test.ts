import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { createSenderCheck, isAppUrl } from '../../electron/ipc/sender-check';

const indexPath = join('/opt', 'PENIN Console', 'resources', 'app.asar', 'dist', 'renderer', 'index.html');
const indexUrl = pathToFileURL(indexPath).href;

describe('isAppUrl', () => {
  it('accepts our index.html, with any fragment or query', () => {
    expect(isAppUrl(indexUrl, { rendererIndexPath: indexPath })).toBe(true);
    expect(isAppUrl(`${indexUrl}#/ledger`, { rendererIndexPath: indexPath })).toBe(true);
    expect(isAppUrl(`${indexUrl}?x=1`, { rendererIndexPath: indexPath })).toBe(true);
  });

  it('rejects other files, other schemes and garbage', () => {
    const o = { rendererIndexPath: indexPath };
    expect(isAppUrl(pathToFileURL('/tmp/evil.html').href, o)).toBe(false);
    expect(isAppUrl(indexUrl.replace('index.html', 'other.html'), o)).toBe(false);
    expect(isAppUrl('https://example.com/', o)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', o)).toBe(false);
    expect(isAppUrl('not a url', o)).toBe(false);
    expect(isAppUrl('about:blank', o)).toBe(false);
  });

  it('accepts the dev server origin only when one is configured', () => {
    const o = { rendererIndexPath: indexPath, devServerUrl: 'http://localhost:5173/' };
    expect(isAppUrl('http://localhost:5173/#/budget', o)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', o)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', o)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', o)).toBe(false);
  });
});

describe('createSenderCheck', () => {
  const ours = { id: 1 };
  const check = createSenderCheck({ rendererIndexPath: indexPath }, () => ours);

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
    const none = createSenderCheck({ rendererIndexPath: indexPath }, () => null);
    expect(none({ sender: null, senderFrame: { url: indexUrl, parent: null } })).toBe(false);
  });
});
