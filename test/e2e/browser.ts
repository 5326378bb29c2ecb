// Debian's Chromium driven by playwright-core. Without it the browser tests skip, saying why,
// except in CI (PENIN_REQUIRE_BROWSER=1), where a missing browser is a failure.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.PENIN_REQUIRE_BROWSER === '1')
  throw new Error(
    `PENIN_REQUIRE_BROWSER=1 but there is no Chromium at ${CHROMIUM} (apt-get install -y chromium)`,
  );
export const skipReason = haveBrowser
  ? ''
  : `skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;

export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'e2e');

export function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
