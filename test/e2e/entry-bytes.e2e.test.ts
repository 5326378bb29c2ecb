// End to end: an auditor opens a ledger whose entry had one `0.0` edited to `0` (a content break
// that re-serialised values would hide) and an entry with an RLO-spoofed reason. The detail pane
// shows the stored `0` beside the `0.0` that was hashed; the override shows as ⟨U+202E⟩.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { haveBrowser, shot, skipReason } from './browser';
import { closeConsole, openConsole } from './console-page';
import type { Served } from './serve-harness';
import { lines, writeLedger, writeLines } from '../helpers/ledger';
import { signedLedger } from '../helpers/signed-ledger';
import { tmpDir } from '../helpers/tmp';

if (!haveBrowser) console.warn(`end-to-end browser tests ${skipReason}`);

describe.skipIf(!haveBrowser)('entry detail in Chromium: the stored bytes and what was hashed', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ served, browser, page } = await openConsole());
  }, 60_000);

  afterAll(() => closeConsole({ served, browser }));

  it('an entry whose 0.0 was edited to 0 shows the stored 0 and the hashed 0.0', async () => {
    const path = await writeLedger(60, join(tmpDir(), 'edited-zero.jsonl'));
    const ls = lines(path);
    expect(ls[41]).toContain('"caos_plus": 0.0,');
    ls[41] = ls[41].replace('"caos_plus": 0.0,', '"caos_plus": 0,');
    // An RLO in a reason, written as raw UTF-8 (json.loads accepts it); an edit, so a break too.
    ls[42] = ls[42].replace('"reason": "request 42', '"reason": "invoice_\u202egpj.exe request 42');
    writeLines(path, ls);

    await page.getByRole('button', { name: 'Ledger', exact: true }).click();
    await page.getByLabel('Ledger file to audit').fill(path);
    await page.getByRole('button', { name: 'Open for audit' }).click();
    await page
      .getByText(/2 breaks/)
      .first()
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /Next break/ }).click();
    const detail = page.getByRole('complementary', { name: 'Entry 41' });
    await detail.waitFor({ timeout: 10_000 });

    const stored = detail.getByLabel('Stored line', { exact: true });
    expect(await stored.textContent()).toContain('"caos_plus": 0,');
    expect(await detail.getByLabel('Entry as stored').textContent()).toContain('"caos_plus": 0,');
    const hashed = detail.getByLabel('What was hashed');
    expect(await hashed.textContent()).toMatch(/caos_plus written 0\.0 \(the line now stores 0\)/);
    expect(await hashed.getByLabel('Canonical text that was hashed').textContent()).toContain(
      '"caos_plus": 0.0, ',
    );
    expect(await hashed.getByLabel('Canonical text now').textContent()).toContain('"caos_plus": 0, ');
    await page.setViewportSize({ width: 1440, height: 1700 }); // the whole pane in the screenshot
    await hashed.locator('.hashed-forms__verdict').scrollIntoViewIfNeeded();
    await shot(page, 'entry-bytes-1-content-break');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The next entry: its link to #41 holds (the stored hash is unchanged), its reason is spoofed.
    await page.locator('[role="row"][data-index="42"]').click();
    const next = page.getByRole('complementary', { name: 'Entry 42' });
    await next.waitFor();
    expect(await next.getByLabel('Stored line', { exact: true }).textContent()).toContain(
      'invoice_⟨U+202E⟩gpj.exe',
    );
    expect(await next.getByLabel('Stored line', { exact: true }).textContent()).not.toContain('\u202e');
    const row = page.locator('[role="row"][data-index="42"]');
    expect(await row.textContent()).toContain('invoice_⟨U+202E⟩gpj.exe');
    await next.getByLabel('Stored line', { exact: true }).scrollIntoViewIfNeeded();
    await shot(page, 'entry-bytes-2-spoofed-reason');
  }, 60_000);

  it('a signed ledger with an entry edited in place: "Signed · chain broken", never a green summary alone', async () => {
    const { path, pub } = await signedLedger(25);
    const ls = lines(path);
    ls[14] = ls[14].replace('request 14', 'request 41');
    writeLines(path, ls);
    await page.getByLabel('Ledger file to audit').fill(path);
    await page.getByRole('button', { name: 'Open for audit' }).click();
    await page
      .getByText(/1 break found/)
      .first()
      .waitFor({ timeout: 20_000 });
    const panel = page.getByRole('region', { name: 'Signatures' });
    await panel.getByLabel('Public key file').fill(pub);
    await panel.getByRole('button', { name: 'Check signatures' }).click();
    await panel.getByText('Signed · chain broken').waitFor({ timeout: 10_000 });
    expect(await panel.textContent()).toMatch(/The hash chain is broken at entry 14\./);
    expect(await panel.textContent()).toMatch(/All 25 entries covered by 3 valid signed checkpoints/);
    await shot(page, 'entry-bytes-3-signed-but-broken');
  }, 60_000);
});
