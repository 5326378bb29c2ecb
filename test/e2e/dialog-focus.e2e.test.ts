// End to end, in Chromium against `penin serve --demo`: the keyboard. The reason dialog keeps focus
// inside it (Tab and Shift+Tab cycle, Esc cancels, focus returns to the opener), and on Live spend
// the charts are no tab stops: Tab from the top reaches the recent requests without stopping on one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { haveBrowser, shot, skipReason } from './browser';
import { closeConsole, openConsole } from './console-page';
import type { Served } from './serve-harness';

if (!haveBrowser) console.warn(`end-to-end browser tests ${skipReason}`);

interface Focused {
  tag: string;
  role: string | null;
  name: string;
  inDialog: boolean;
  inChart: boolean;
  inRecent: boolean;
  isOpener: boolean;
}

/** What has focus now, described from the page. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement;
    const recent = document.querySelector(
      'section[aria-label="Recent requests"], [role="region"][aria-label="Recent requests"]',
    );
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      role: el?.getAttribute('role') ?? null,
      name: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim().slice(0, 60),
      inDialog: !!el?.closest('dialog[open]'),
      inChart: !!el?.closest('.chart-frame, .recharts-wrapper, svg'),
      inRecent: !!(recent && el && recent.contains(el)),
      isOpener: el?.getAttribute('data-e2e-opener') === 'yes',
    };
  });
}

describe.skipIf(!haveBrowser)('keyboard in Chromium against penin serve --demo', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ served, browser, page } = await openConsole());
  }, 60_000);

  afterAll(() => closeConsole({ served, browser }));

  it('Tab from the top of Live spend reaches the recent requests without stopping on a chart', async () => {
    await page.getByRole('meter', { name: 'Spend against the daily limit' }).waitFor();
    // The charts are drawn (so that they could be stops) and the requests are listed.
    await page
      .getByRole('img', { name: /^Spend over time/ })
      .locator('svg')
      .first()
      .waitFor();
    const recent = page.getByRole('region', { name: 'Recent requests' });
    await recent.getByRole('button').first().waitFor({ timeout: 20_000 });
    expect(
      await page
        .locator('.chart-frame [role="application"], .chart-frame [tabindex]:not([tabindex="-1"])')
        .count(),
    ).toBe(0);

    await shot(page, 'a11y-live-spend-top');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const stops: Focused[] = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      stops.push(f);
      if (f.inRecent) break;
    }
    const last = stops[stops.length - 1];
    expect(last?.inRecent, `never reached the recent requests: ${JSON.stringify(stops)}`).toBe(true);
    // No stop inside a chart, and every stop has a name.
    expect(stops.filter((s) => s.inChart)).toEqual([]);
    expect(stops.filter((s) => s.name === '')).toEqual([]);
    await shot(page, 'a11y-tab-to-recent-requests');
  }, 60_000);

  it('the Cache screen names its charts and draws the hit rate only where there were lookups', async () => {
    await page.getByRole('button', { name: 'Cache', exact: true }).click();
    const hit = page.getByRole('img', { name: /^Cache hit rate over time/ });
    await hit.locator('svg').first().waitFor({ timeout: 20_000 });
    const summary = await hit.evaluate(
      (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    );
    expect(summary).toMatch(/^Cache hit rate: /);
    // A straight line between samples: no cubic segments.
    expect((await hit.locator('.recharts-line-curve').getAttribute('d')) ?? '').not.toContain('C');
    await shot(page, 'a11y-cache');
    await page.getByRole('button', { name: 'Live spend', exact: true }).click();
  }, 60_000);

  it('the Reset dialog keeps focus inside it, Esc closes it and focus returns to Reset', async () => {
    // Trip a breaker so that Reset has something to do (it is disabled on a clean closed breaker).
    const inject = (count: number) =>
      fetch(served.faultUrl, { method: 'POST', body: JSON.stringify({ count }) });
    expect((await inject(40)).ok).toBe(true);
    await page.getByRole('button', { name: 'Breakers', exact: true }).click();
    const card = page.getByRole('article', { name: 'Breaker sim-openai' });
    await expect.poll(() => card.getAttribute('class'), { timeout: 30_000 }).toMatch(/breaker--open/);
    expect((await inject(0)).ok).toBe(true);
    for (const b of await page.getByRole('button', { name: /^Dismiss: / }).all()) await b.click();

    const reset = card.getByRole('button', { name: 'Reset' });
    await reset.evaluate((el) => el.setAttribute('data-e2e-opener', 'yes'));
    await reset.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect((await focused(page)).inDialog).toBe(true);
    await dialog.getByRole('textbox').fill('e2e: checking the focus trap');

    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 4 === 3 ? 'Shift+Tab' : 'Tab');
      const f = await focused(page);
      expect(f.inDialog, `Tab ${i + 1} left the dialog for ${JSON.stringify(f)}`).toBe(true);
      seen.add(`${f.tag}:${f.name}`);
    }
    // It cycled through the textbox, Cancel and Reset breaker, not only one of them.
    expect(seen.size).toBeGreaterThanOrEqual(3);
    await shot(page, 'dialog-focus-trapped');

    // The page behind cannot take focus (inert under the modal dialog).
    const navTookFocus = await page.evaluate(() => {
      const nav = document.querySelector<HTMLButtonElement>('.nav__item');
      nav?.focus();
      return document.activeElement === nav;
    });
    expect(navTookFocus).toBe(false);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect((await focused(page)).isOpener).toBe(true);
    await shot(page, 'dialog-closed-focus-on-reset');
    // Nothing was reset: Esc cancels.
    expect(await card.getAttribute('class')).toMatch(/breaker--open/);
  }, 90_000);
});
