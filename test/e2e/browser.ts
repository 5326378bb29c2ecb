// The browser of the end-to-end tests (test/helpers/chromium.ts). Without it the browser tests skip,
// saying why, except in CI (PENIN_REQUIRE_BROWSER=1), where a missing browser is a failure.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, haveChromium, launchChromium, missingChromium } from '../helpers/chromium';

export { CHROMIUM };
export const haveBrowser = haveChromium;
if (!haveBrowser && process.env.PENIN_REQUIRE_BROWSER === '1')
  throw new Error(`PENIN_REQUIRE_BROWSER=1 but there is ${missingChromium}`);
export const skipReason = haveBrowser ? '' : `skipped: ${missingChromium}`;

export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'e2e');

export function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return launchChromium();
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
