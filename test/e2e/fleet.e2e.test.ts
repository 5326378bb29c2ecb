// End to end: two `penin serve --demo` instances (each its own data folder and ports) and a third
// serve's console in Chromium, which attaches both through the Fleet screen and sees them live:
// health, requests/s, spend rising with the demo traffic, breakers, and the totals.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { haveBrowser, launch, skipReason } from './browser';
import { startServe, type Served } from './serve-harness';

if (!haveBrowser) console.warn(`end-to-end browser tests ${skipReason}`);

const SCREENSHOT = join(__dirname, '..', '..', 'test-artifacts', 'fleet-screen.png');

/** A console URL split into what the Fleet form takes: the page address and its #token. */
function urlAndToken(consoleUrl: string): { url: string; token: string } {
  const u = new URL(consoleUrl);
  const token = decodeURIComponent(new URLSearchParams(u.hash.slice(1)).get('token') ?? '');
  u.hash = '';
  return { url: u.toString(), token };
}

/** The first dollar amount in a cell ("$1,234.50 / $20.00" → 1234.5); NaN when there is none. */
const dollars = (text: string | null): number => {
  const m = /\$([\d,]*\.?\d+)/.exec(text ?? '');
  return m ? Number(m[1]!.replace(/,/g, '')) : Number.NaN;
};
/** A rate cell ("3.4/s" → 3.4). */
const rate = (text: string | null): number => Number(/([\d.]+)\/s/.exec(text ?? '')?.[1] ?? Number.NaN);

describe.skipIf(!haveBrowser)('Fleet screen in Chromium with two live penin serve instances', () => {
  let a: Served;
  let b: Served;
  let viewer: Served;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    [a, b, viewer] = await Promise.all([startServe(), startServe(), startServe()]);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(viewer.consoleUrl);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    // b is stopped by the last test already: only what still runs is stopped.
    const running = [a, b, viewer].filter(
      (s) => s && s.child.exitCode === null && s.child.signalCode === null,
    );
    await Promise.all(running.map((s) => s.stop()));
  });

  it('attaches both instances by URL and token and shows them live, with the totals', async () => {
    await page.getByRole('button', { name: 'Fleet', exact: true }).click();
    await page.getByText('No instance attached.').waitFor({ timeout: 15_000 });
    const form = page.getByRole('form', { name: 'Attach an instance' });
    for (const [served, name] of [
      [a, 'gateway-a'],
      [b, 'gateway-b'],
    ] as const) {
      const { url, token } = urlAndToken(served.consoleUrl);
      await form.getByLabel('Console URL').fill(url);
      await form.getByLabel('Token').fill(token);
      await form.getByLabel('Name (optional)').fill(name);
      await form.getByRole('button', { name: 'Attach' }).click();
      await page.getByRole('row', { name: `Instance ${name}` }).waitFor({ timeout: 15_000 });
    }
    const rowA = page.getByRole('row', { name: 'Instance gateway-a' });
    const rowB = page.getByRole('row', { name: 'Instance gateway-b' });
    for (const row of [rowA, rowB]) {
      await row.getByRole('img', { name: 'Up' }).waitFor({ timeout: 15_000 });
      // The demo's providers, as pills.
      await row.getByText('Closed').first().waitFor();
    }
    const totals = page.getByRole('row', { name: 'Fleet totals' });
    await expect.poll(() => totals.textContent(), { timeout: 10_000 }).toContain('2 of 2 up');

    // Live: the demo traffic makes both spend, and the total follows, with requests per second.
    const spendCell = (row: typeof rowA) => row.locator('td.num').nth(2).textContent();
    const firstTotal = dollars(await totals.locator('td.num').nth(1).textContent());
    await expect
      .poll(async () => dollars(await totals.locator('td.num').nth(1).textContent()), { timeout: 30_000 })
      .toBeGreaterThan(firstTotal);
    await expect.poll(async () => dollars(await spendCell(rowA)), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(async () => dollars(await spendCell(rowB)), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => rate(await totals.locator('td.num').nth(0).textContent()), { timeout: 20_000 })
      .toBeGreaterThan(0);
    // Totals are the sum of the two rows (both polled within the same round).
    const sum = async () => {
      const [sa, sb, st] = await Promise.all([
        spendCell(rowA),
        spendCell(rowB),
        totals.locator('td.num').nth(1).textContent(),
      ]);
      return Math.abs(dollars(sa) + dollars(sb) - dollars(st));
    };
    await expect.poll(sum, { timeout: 10_000 }).toBeLessThan(0.02);

    // The remote tokens never reach the page.
    const html = await page.content();
    expect(html).not.toContain(urlAndToken(a.consoleUrl).token);
    expect(html).not.toContain(urlAndToken(b.consoleUrl).token);

    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    // The viewer kept them (names and URLs only) in its data folder for the next run.
    const kept = readFileSync(join(viewer.dataDir, 'demo', 'fleet.json'), 'utf8');
    expect(kept).toContain('gateway-a');
    expect(kept).not.toContain(urlAndToken(a.consoleUrl).token);
  }, 90_000);

  it('the Spend screen shows the fleet spend under its own budget gauge', async () => {
    await page.getByRole('button', { name: 'Live spend', exact: true }).click();
    const fleet = page.getByTestId('fleet-spend');
    await fleet.waitFor({ timeout: 15_000 });
    expect(await fleet.textContent()).toMatch(/Fleet spend today \(2 instances, 2 up\)/);
    await page.screenshot({ path: join(SCREENSHOT, '..', 'fleet-spend.png'), fullPage: true });
  }, 30_000);

  it('a stopped instance goes down, with the reason, and the totals say so', async () => {
    await page.getByRole('button', { name: 'Fleet', exact: true }).click();
    await b.stop();
    const rowB = page.getByRole('row', { name: 'Instance gateway-b' });
    await rowB.getByRole('img', { name: 'Down' }).waitFor({ timeout: 20_000 });
    expect(await rowB.textContent()).toMatch(/connection|refused|closed/i);
    const totals = page.getByRole('row', { name: 'Fleet totals' });
    await expect.poll(() => totals.textContent(), { timeout: 10_000 }).toContain('1 of 2 up');
    expect(consoleErrors).toEqual([]);
  }, 40_000);
});
