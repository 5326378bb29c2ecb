// End to end: `penin serve --demo` in Chromium says it is a demo and names the folder its simulated
// ledger and spend go to (DATA_DIR/demo/), which is the ledger it writes; the real ledger stays empty.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { haveBrowser, shot, skipReason } from './browser';
import { closeConsole, openConsole } from './console-page';
import type { Served } from './serve-harness';

if (!haveBrowser) console.warn(`end-to-end browser tests ${skipReason}`);

describe.skipIf(!haveBrowser)('demo mode keeps apart from the real data, and says so', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ served, browser, page } = await openConsole());
  }, 60_000);

  afterAll(() => closeConsole({ served, browser }));

  it('the demo banner names the demo data folder, where the demo ledger is written', async () => {
    const demoDir = join(served.dataDir, 'demo');
    expect(served.ledgerPath).toBe(join(demoDir, 'ledger.jsonl'));
    expect(served.stdout).toContain(`demo data folder: ${demoDir}`);
    const banner = page.getByRole('note', { name: 'Demo mode' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain(demoDir);
    await shot(page, 'demo-banner');
    // The simulated traffic lands in the demo ledger, never in DATA_DIR/ledger.jsonl.
    await expect
      .poll(() => readFileSync(served.ledgerPath, 'utf8').length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const real = join(served.dataDir, 'ledger.jsonl');
    expect(existsSync(real) ? readFileSync(real, 'utf8') : '').toBe('');
  }, 40_000);
});
