// One `penin serve --demo` and a Chromium page on its console: what most end-to-end files start in
// beforeAll and stop in afterAll.
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';
import { startServe, type Served } from './serve-harness';

export interface ConsolePage {
  served: Served;
  browser: Browser;
  page: Page;
}

/** Starts serve (with `extra` arguments) and opens its console in a 1440×900 page. */
export async function openConsole(extra: string[] = []): Promise<ConsolePage> {
  const served = await startServe(extra);
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(served.consoleUrl);
  return { served, browser, page };
}

/** Closes what openConsole started (either may be missing when beforeAll failed). */
export async function closeConsole(c: Partial<ConsolePage>): Promise<void> {
  await c.browser?.close();
  await c.served?.stop();
}
