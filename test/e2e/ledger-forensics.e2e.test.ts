// End to end (#17): an auditor opens a ledger one entry of which jq re-encoded (1.0 written as 1)
// and the entry pane says so first, in a sentence, with the field whose form changed; then the
// auditor's copy and the operator's, which forked at entry 25, side by side, the fork highlighted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { haveBrowser, shot, skipReason } from './browser';
import { closeConsole, openConsole } from './console-page';
import type { Served } from './serve-harness';
import { jq, pythonLedger, readLines, seedDecision, writeLinesTo } from '../helpers/tamper';
import { pyDumps } from '../../electron/ledger/pyjson-dump';
import { seedPython } from '../helpers/python';
import { tmpDir } from '../helpers/tmp';

if (!haveBrowser) console.warn(`end-to-end browser tests ${skipReason}`);

describe.skipIf(!haveBrowser)(
  'ledger forensics in Chromium: explanations and two copies side by side',
  () => {
    let served: Served;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      ({ served, browser, page } = await openConsole());
    }, 60_000);

    afterAll(() => closeConsole({ served, browser }));

    async function openAudit(path: string): Promise<void> {
      await page.getByLabel('Ledger file to audit').fill(path);
      await page.getByRole('button', { name: 'Open for audit' }).click();
    }

    it('a re-encoded entry: the pane opens with the sentence, metrics.cost_usd: 1.0 -> 1 under it', async () => {
      const path = pythonLedger(40);
      const ls = readLines(path);
      ls[12] = jq(ls[12]);
      writeLinesTo(path, ls);

      await page.getByRole('button', { name: 'Ledger', exact: true }).click();
      await openAudit(path);
      await page
        .getByText(/1 break found/)
        .first()
        .waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: /Next break/ }).click();
      const detail = page.getByRole('complementary', { name: 'Entry 12' });
      await detail.waitFor({ timeout: 10_000 });
      const pane = detail.getByRole('region', { name: 'What happened here' });
      await pane.getByText(/re-encoded, values unchanged/).waitFor({ timeout: 20_000 });
      expect(await pane.locator('.explain__text').first().textContent()).toMatch(
        /re-encoded, values unchanged: .*metrics\.cost_usd: 1\.0 -> 1/,
      );
      expect(await pane.getByLabel('Form changes').textContent()).toContain('metrics.cost_usd: 1.0 -> 1');
      // First in the pane, above the hash checks.
      const first = await detail.locator('.detail__content > *').first().getAttribute('aria-label');
      expect(first).toBe('What happened here');
      await page.setViewportSize({ width: 1440, height: 1300 });
      await shot(page, 'forensics-1-explanation');
      await page.setViewportSize({ width: 1440, height: 900 });
    }, 90_000);

    it('two copies forked at entry 25: side by side from the fork, the differing entries highlighted', async () => {
      const auditor = pythonLedger(40);
      const operator = join(tmpDir(), 'operator.jsonl');
      copyFileSync(auditor, operator);
      writeLinesTo(operator, readLines(operator).slice(0, 25));
      // The operator's copy went on differently from entry 25: other decisions chained on the same prefix.
      const more = Array.from({ length: 8 }, (_, k) =>
        pyDumps(seedDecision(100 + k, { note: 'operator' }), { sortKeys: false }),
      );
      seedPython(['append', operator], more.join('\n') + '\n');

      await openAudit(auditor);
      await page
        .getByText(/No breaks|0 breaks|valid/i)
        .first()
        .waitFor({ timeout: 20_000 })
        .catch(() => undefined);
      const form = page.getByRole('form', { name: 'Compare with another copy' });
      await form.getByRole('textbox', { name: 'Compare with another copy' }).fill(operator);
      await form.getByRole('button', { name: 'Compare side by side' }).click();
      const view = page.getByRole('region', { name: 'Two copies side by side' });
      await view.waitFor({ timeout: 10_000 });
      const summary = view.getByRole('region', { name: 'How the copies compare' });
      await summary
        .getByText(/forked at entry 25/)
        .first()
        .waitFor({ timeout: 20_000 });

      const grid = view.getByRole('grid', { name: 'Both copies, entry by entry' });
      const fork = grid.locator('[data-index="25"]');
      await fork.locator('.ccell--b .ccell__decision').waitFor({ timeout: 10_000 });
      expect(await fork.getAttribute('class')).toMatch(/crow--differs/);
      expect(await fork.getAttribute('class')).toMatch(/crow--fork/);
      expect(await fork.getAttribute('aria-selected')).toBe('true');
      expect(await grid.locator('[data-index="24"]').getAttribute('class')).not.toMatch(/crow--differs/);
      // A has 40 entries, B 33: past B's end, "no entry" on its side.
      expect(await grid.locator('[data-index="35"] .ccell--b').textContent()).toBe('no entry');

      const fields = view.getByRole('table', { name: 'Fields of entry 25 that differ' });
      await fields.waitFor({ timeout: 10_000 });
      expect(await fields.textContent()).toMatch(/metrics\.note/);

      // Keyboard: up one row is the shared prefix.
      await grid.focus();
      await page.keyboard.press('ArrowUp');
      await view.getByText('Entry #24 is the same line in both copies.').waitFor({ timeout: 10_000 });
      await page.keyboard.press('ArrowDown');
      await fields.waitFor({ timeout: 10_000 });
      await page.setViewportSize({ width: 1440, height: 1300 });
      await shot(page, 'forensics-2-side-by-side');
      await page.setViewportSize({ width: 1440, height: 900 });

      await view.getByRole('button', { name: 'Close comparison' }).click();
      await page.getByRole('form', { name: 'Compare with another copy' }).waitFor();
    }, 90_000);
  },
);
