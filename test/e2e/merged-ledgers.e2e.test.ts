// End to end: an auditor opens a fleet's three instance ledgers merged by time in `penin serve`'s
// UI in Chromium: rows tagged with their file, the edited entry highlighted on its own file's row,
// and the instance filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { haveBrowser, shot, skipReason } from './browser';
import { closeConsole, openConsole } from './console-page';
import type { Served } from './serve-harness';
import { createPcag, pcagLine } from '../../electron/ledger/pcag';
import { decision } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';

if (!haveBrowser) console.warn(`end-to-end browser tests ${skipReason}`);

const T0 = Date.UTC(2025, 9, 1, 12, 0, 0);

/** A seed-format ledger of one instance, its entries written at these seconds after T0. */
function instanceLedger(path: string, instance: string, seconds: number[]): string {
  let prev = '0'.repeat(64);
  const out = seconds.map((s, i) => {
    const d = decision(i);
    d.metrics = { ...d.metrics, instance };
    const p = createPcag(d, prev, new Date(T0 + s * 1000));
    prev = p.current_hash;
    return pcagLine(p);
  });
  writeFileSync(path, out.map((l) => `${l}\n`).join(''));
  return path;
}

describe.skipIf(!haveBrowser)('merged ledgers in Chromium: a fleet audited together', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ served, browser, page } = await openConsole());
  }, 60_000);

  afterAll(() => closeConsole({ served, browser }));

  it('opens three instance ledgers merged by time; the break is on its own file’s row', async () => {
    const dir = tmpDir();
    const a = instanceLedger(join(dir, 'gw-east.jsonl'), 'gw-east', [0, 3, 6, 9, 12, 15]);
    const b = instanceLedger(join(dir, 'gw-west.jsonl'), 'gw-west', [1, 4, 7, 10, 13]);
    const c = instanceLedger(join(dir, 'gw-north.jsonl'), 'gw-north', [2, 5, 5, 8, 6, 14]); // its clock stepped back
    // gw-west's entry 2 edited in place: a content break in that file only.
    writeFileSync(b, readFileSync(b, 'utf8').replace('"request 2 ', '"request 7 '));

    await page.getByRole('button', { name: 'Ledger', exact: true }).click();
    await page.getByText(/Open several ledgers merged by time/).click();
    await page.getByLabel('Ledger files, one per line').fill([a, b, c].join('\n'));
    await page.getByRole('button', { name: 'Open merged' }).click();
    const table = page.getByRole('table', { name: 'Merged ledger entries' });
    await table.waitFor({ timeout: 20_000 });
    await page.getByText('17 entries merged by time').waitFor({ timeout: 20_000 });
    const rows = table.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(17);
    const files = await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.file));
    expect(files.slice(0, 6)).toEqual(['0', '1', '2', '0', '1', '2']);
    const broken = table.locator('tbody tr.mrow--break');
    expect(await broken.count()).toBe(1);
    expect(await broken.first().getAttribute('data-file')).toBe('1');
    expect(await broken.first().textContent()).toMatch(/gw-west\.jsonl.*content/);
    await shot(page, 'merged-ledgers-1-three-instances');

    // Only gw-west: its five entries, in file order.
    await page.getByRole('checkbox', { name: 'gw-east.jsonl' }).uncheck();
    await page.getByRole('checkbox', { name: 'gw-north.jsonl' }).uncheck();
    await page.getByText('5 entries merged by time').waitFor({ timeout: 10_000 });
    await expect.poll(() => rows.count()).toBe(5);
    await shot(page, 'merged-ledgers-2-one-instance');
  }, 90_000);
});
