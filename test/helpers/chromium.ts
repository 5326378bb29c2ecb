// The one Chromium launcher: Debian's Chromium (or CHROMIUM_PATH) driven by playwright-core, headless.
// Shared by the end-to-end tests (test/e2e/browser.ts, which decides to skip or fail without it) and
// the UI benchmark (bench/ui.bench.ts, run by tsx). Plain Node: no vitest here.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Where Chromium is expected: CHROMIUM_PATH, else Debian's package. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
/** Why there is no browser and how to get one; '' when there is one. */
export const missingChromium = haveChromium ? '' : `no Chromium at ${CHROMIUM} (apt-get install -y chromium)`;

/** Headless, no sandbox (containers, root), no GPU, and nothing that phones home or syncs. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium; rejects with missingChromium's message when there is none. */
export function launchChromium(): Promise<Browser> {
  if (!haveChromium) return Promise.reject(new Error(missingChromium));
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
