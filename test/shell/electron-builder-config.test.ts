import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';

const file = join(__dirname, '..', '..', 'electron-builder.yml');
const load = (): Configuration => parse(readFileSync(file, 'utf8')) as Configuration;

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(
      validateConfiguration(load(), { isEnabled: false, add: () => undefined } as never),
    ).resolves.toBeUndefined();
  });

  it('names the app and ships only the bundles and package.json', () => {
    const c = load();
    expect(c.productName).toBe('PENIN Console');
    expect(c.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(c.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
  });

  it('sets the hardening fuses', () => {
    expect(load().electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('targets AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    const c = load();
    expect(c.linux?.target).toEqual(['AppImage', 'deb']);
    expect(c.mac?.target).toEqual(['dmg']);
    expect(c.win?.target).toEqual(['nsis']);
  });

  it('says that packaging cannot run on the build machines', () => {
    expect(readFileSync(file, 'utf8')).toMatch(
      /downloads the Electron runtime[\s\S]*cannot run on our build machines/,
    );
  });
});
