// End to end: an auditor opens a signed ledger with checkpoint notes (and a witness's
// cosignatures), gives the log's and the witness's vkeys, and the entry pane says which checkpoint
// includes the entry, signed and co-signed by whom; the evidence bundle it downloads passes
// `penin evidence --check --vkey` offline; the signed receipt verifies with `penin receipt --check`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { haveBrowser, shot, skipReason } from './browser';
import { closeConsole, openConsole } from './console-page';
import type { Served } from './serve-harness';
import { signedLedger } from '../helpers/signed-ledger';
import { cosignAll, vkeyText } from '../helpers/proof-ledger';
import { penin } from '../helpers/cli';
import { loadOrCreateSigningKey } from '../../electron/ledger/signing-key';

if (!haveBrowser) console.warn(`end-to-end browser tests ${skipReason}`);

describe.skipIf(!haveBrowser)('transparency-log proofs in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ served, browser, page } = await openConsole());
  }, 60_000);

  afterAll(() => closeConsole({ served, browser }));

  it('shows the inclusion line, downloads evidence that checks offline, and signs a receipt', async () => {
    const { path, pub, dir } = await signedLedger(45, 10);
    const witness = await cosignAll(path);
    const vkey = vkeyText(pub);
    const auditorKey = join(dir, 'auditor.pem');
    const auditor = loadOrCreateSigningKey(auditorKey);

    await page.getByRole('button', { name: 'Ledger', exact: true }).click();
    await page.getByLabel('Ledger file to audit').fill(path);
    await page.getByRole('button', { name: 'Open for audit' }).click();
    await page.getByLabel('Log vkey').fill(vkey);
    await page.getByLabel('Witness vkeys').fill(witness);
    await page.getByRole('button', { name: 'Use for inclusion' }).click();

    await page.getByLabel('Entry number or UTC time to go to').fill('17');
    await page.getByRole('button', { name: 'Go' }).click();
    const detail = page.getByRole('complementary', { name: 'Entry 17' });
    await detail.waitFor({ timeout: 10_000 });
    const line = detail.getByTestId('inclusion-line');
    await line.getByText(/Included in checkpoint/).waitFor({ timeout: 20_000 });
    expect(await line.textContent()).toMatch(
      /Included in checkpoint 20 \(signed by penin\.local\/[0-9a-f]{16}\+[0-9a-f]{8}, co-signed by witness\.example\/w1\)/,
    );
    await detail.getByRole('region', { name: 'Transparency log' }).scrollIntoViewIfNeeded();
    await shot(page, 'ledger-proofs-1-inclusion');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      detail.getByRole('button', { name: 'Export evidence' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ledger.jsonl.entry-17.evidence.json');
    const bundle = join(dir, 'downloaded-evidence.json');
    await download.saveAs(bundle);
    const checked = penin(['evidence', '--check', bundle, '--vkey', vkey, '--witness', witness]);
    expect(checked.stdout).toMatch(
      /ok {3}inclusion: entry 17 is in checkpoint 45 .*cosigned by witness\.example\/w1/,
    );
    expect(checked.stdout).toMatch(/ok {3}chain to checkpoint: checked offline/);
    expect(checked).toMatchObject({ code: 0 });

    await page.getByRole('button', { name: 'Signed receipt…' }).click();
    const form = page.getByRole('form', { name: 'Signed receipt' });
    await form.getByLabel('Auditor key file').fill(auditorKey);
    const sign = form.getByRole('button', { name: 'Sign and save' });
    await page.waitForFunction(
      () => !(document.querySelector('.receipt__form button[type="submit"]') as HTMLButtonElement).disabled,
      undefined,
      { timeout: 20_000 },
    );
    const [receiptDownload] = await Promise.all([page.waitForEvent('download'), sign.click()]);
    expect(receiptDownload.suggestedFilename()).toBe('ledger.jsonl.receipt');
    const receipt = join(dir, 'downloaded.receipt');
    await receiptDownload.saveAs(receipt);
    expect(readFileSync(receipt, 'utf8')).not.toMatch(/PRIVATE KEY/);
    await form.getByRole('status').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'ledger-proofs-2-receipt');
    const auditorVkey = vkeyText(`${auditorKey}.pub`);
    const r = penin(['receipt', '--check', receipt, '--vkey', auditorVkey, '--file', path]);
    expect(r.stdout).toMatch(
      new RegExp(`receipt signed by penin\\.local/${auditor.keyId}: .*45 entries, checkpoint 45 of `),
    );
    expect(r.code).toBe(0);
  }, 90_000);
});
