import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentTypeFor, resolveStaticFile } from '../../electron/app/static-files';
import { isLoopbackHost, isSameLoopbackOrigin } from '../../electron/serve/loopback';
import { parseClientMessage } from '../../electron/serve/ws-messages';
import { tokensEqual } from '../../electron/serve/token';
import { tmpDir } from '../helpers/tmp';

describe('resolveStaticFile', () => {
  const base = tmpDir();
  const root = join(base, 'www');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), 'i');
  writeFileSync(join(root, 'assets', 'a b.js'), 'x');
  writeFileSync(join(base, 'outside.txt'), 'secret');

  it('maps / to index.html and decodes names', async () => {
    expect((await resolveStaticFile(root, '/'))?.path).toMatch(/index\.html$/);
    expect((await resolveStaticFile(root, '/assets/a%20b.js'))?.contentType).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it('refuses anything outside the root', async () => {
    for (const p of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/%2e%2e%2f%2e%2e%2foutside.txt',
      '/..\\outside.txt',
      '/%00',
      'relative',
      '/%ZZ',
    ]) {
      expect(await resolveStaticFile(root, p), p).toBeNull();
    }
  });

  it('knows the common content types', () => {
    expect(contentTypeFor('x.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('x.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});

describe('loopback checks', () => {
  it('accepts loopback Host headers on our port only', () => {
    expect(isLoopbackHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isLoopbackHost('localhost:4000', 4000)).toBe(true);
    expect(isLoopbackHost('[::1]:4000', 4000)).toBe(true);
    expect(isLoopbackHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isLoopbackHost('evil.example:4000', 4000)).toBe(false);
    expect(isLoopbackHost('127.0.0.1.evil.example:4000', 4000)).toBe(false);
    expect(isLoopbackHost(undefined, 4000)).toBe(false);
  });

  it('accepts same-origin loopback pages only', () => {
    expect(isSameLoopbackOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isSameLoopbackOrigin('http://localhost:4000', 4000)).toBe(true);
    expect(isSameLoopbackOrigin('https://127.0.0.1:4000', 4000)).toBe(false);
    expect(isSameLoopbackOrigin('http://evil.example:4000', 4000)).toBe(false);
    expect(isSameLoopbackOrigin('null', 4000)).toBe(false);
    expect(isSameLoopbackOrigin('file://', 4000)).toBe(false);
  });
});

describe('parseClientMessage', () => {
  it('accepts exactly hello and call', () => {
    expect(parseClientMessage('{"type":"hello","token":"t"}')).toEqual({ type: 'hello', token: 't' });
    expect(parseClientMessage('{"type":"call","id":1,"channel":"a:b","request":{"x":1}}')).toEqual({
      type: 'call',
      id: 1,
      channel: 'a:b',
      request: { x: 1 },
    });
    for (const bad of [
      '',
      'null',
      '[]',
      '{"type":"hello"}',
      '{"type":"call","id":1.5,"channel":"a"}',
      '{"type":"call","id":1}',
      '{"type":"event"}',
    ]) {
      expect(parseClientMessage(bad), bad).toBeNull();
    }
  });
});

describe('tokensEqual', () => {
  it('compares exactly', () => {
    expect(tokensEqual('abc', 'abc')).toBe(true);
    expect(tokensEqual('abd', 'abc')).toBe(false);
    expect(tokensEqual('ab', 'abc')).toBe(false);
    expect(tokensEqual('', '')).toBe(false);
  });
});
