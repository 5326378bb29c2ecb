// End to end: the real `penin serve --demo` and the built UI in Chromium, over the WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { Browser, Page } from 'playwright-core';
import { haveBrowser, launch, shot, skipReason } from './browser';
import { startServe, type Served } from './serve-harness';
import { lines, writeLedger, writeLines } from '../helpers/ledger';
import { tmpDir } from '../helpers/tmp';

if (!haveBrowser) console.warn(`end-to-end browser tests ${skipReason}`);

describe.skipIf(!haveBrowser)('PENIN Console in Chromium against penin serve --demo', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    served = await startServe(['--checkpoint-every', '5']);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(served.consoleUrl);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  const nav = (name: string) => page.getByRole('button', { name, exact: true }).click();

  it('the budget gauge shows spend rising as the demo traffic flows', async () => {
    const meter = page.getByRole('meter', { name: 'Spend against the daily limit' });
    await meter.waitFor();
    const spend = async (): Promise<number> => Number(await meter.getAttribute('aria-valuenow'));
    const first = await spend();
    await expect.poll(spend, { timeout: 20_000, interval: 500 }).toBeGreaterThan(first);
    await shot(page, '1-spend');
  }, 30_000);

  it('a breaker tripped by fault injection shows open on its timeline; Reset closes it and adds a RESET entry', async () => {
    // Enough failing calls that 5 come in a row even with slow streams succeeding in between.
    const inject = (count: number) =>
      fetch(served.faultUrl, { method: 'POST', body: JSON.stringify({ count }) });
    expect((await inject(40)).ok).toBe(true);
    await nav('Breakers');
    const card = page.getByRole('article', { name: 'Breaker sim-openai' });
    await expect.poll(() => card.getAttribute('class'), { timeout: 30_000 }).toMatch(/breaker--open/);
    await expect.poll(async () => (await card.textContent()) ?? '').toMatch(/Open/);
    // The operator hears of it without looking: an alert toast, which stays until dismissed.
    const opened = page.getByRole('alert', { name: /^Breaker sim-openai opened/ }).first();
    await opened.waitFor({ timeout: 10_000 });
    expect(await opened.textContent()).toMatch(/consecutive failures/);
    await shot(page, '2-breaker-open');
    for (const b of await page.getByRole('button', { name: /^Dismiss: / }).all()) await b.click();
    expect((await inject(0)).ok).toBe(true); // the provider "recovers"

    await card.getByRole('button', { name: 'Reset' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('e2e: provider recovered');
    await shot(page, '3-reset-dialog');
    await dialog.getByRole('button', { name: /Reset/ }).click();
    await expect.poll(() => card.getAttribute('class'), { timeout: 10_000 }).toMatch(/breaker--closed/);
    const closed = page.getByRole('status', { name: 'Breaker sim-openai closed' }).first();
    await closed.waitFor({ timeout: 10_000 });
    expect(await closed.textContent()).toContain('e2e: provider recovered');
    await shot(page, '4-breaker-reset');

    const entries = lines(served.ledgerPath).map(
      (l) => JSON.parse(l) as { decision: string; reason: string; metrics: Record<string, unknown> },
    );
    const reset = entries.filter((e) => e.decision === 'RESET');
    expect(reset).toHaveLength(1);
    expect(JSON.stringify(reset[0])).toContain('e2e: provider recovered');
    expect(JSON.stringify(reset[0])).toContain('sim-openai');
  }, 60_000);

  it('opening a tampered ledger highlights the broken row at the right index and jumps to it', async () => {
    const path = await writeLedger(400, join(tmpDir(), 'tampered.jsonl'));
    const ls = lines(path);
    ls[237] = ls[237].replace('"request 237', '"request 238');
    writeLines(path, ls);

    await nav('Ledger');
    await page.getByLabel('Ledger file to audit').fill(path);
    await page.getByRole('button', { name: 'Open for audit' }).click();
    await page
      .getByText(/1 break/)
      .first()
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: /Next break/ }).click();
    const row = page.locator('[role="row"][aria-selected="true"]');
    await expect.poll(() => row.getAttribute('data-index'), { timeout: 10_000 }).toBe('237');
    expect(await row.getAttribute('class')).toMatch(/lrow--break/);
    expect(await row.textContent()).toMatch(/content/);
    await shot(page, '5-ledger-tampered');
  }, 60_000);

  it('the Gateway screen gives an address and key that the OpenAI SDK then calls with', async () => {
    await nav('Gateway');
    const connect = page.getByRole('region', { name: 'Connect an application' });
    const baseURL = (await connect.locator('code.connect__value').first().textContent()) ?? '';
    expect(baseURL).toBe(served.gatewayUrl); // penin serve prints the /v1 base URL too
    const key = connect.locator('dd').nth(1).locator('code'); // the API key's row
    expect(await key.textContent()).not.toContain(served.gatewayToken);
    await connect.getByRole('button', { name: 'Show' }).click();
    const apiKey = (await key.textContent()) ?? '';
    expect(apiKey).toBe(served.gatewayToken);
    const snippet = (await connect.getByRole('tabpanel').textContent()) ?? '';
    const model = /"model":"([^"]+)"/.exec(snippet)?.[1] ?? '';
    const models = page.getByRole('region', { name: 'Models' });
    await models.getByRole('row', { name: model }).waitFor();
    await page.getByRole('region', { name: 'Providers' }).getByRole('row', { name: 'sim-openai' }).waitFor();
    await connect.getByRole('button', { name: 'Hide' }).click();
    await shot(page, '7-gateway');

    // The demo's simulated providers fail now and then, as real ones do: the SDK's own retries cover it.
    const client = new OpenAI({ baseURL, apiKey, maxRetries: 4 });
    const { data: reply, response } = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();
    expect(reply.choices[0]?.message.content).toBeTruthy();
    const decisionId = response.headers.get('x-penin-decision-id') ?? '';
    expect(decisionId).toMatch(/^[0-9a-f-]{36}$/);

    // The operator sees it among the recent requests, as its ledger entry was written.
    await nav('Live spend');
    const recent = page.getByRole('region', { name: 'Recent requests' });
    const row = recent.locator('tr[data-outcome="served"]').filter({ hasText: model }).first();
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toMatch(/\d+(\.\d)? ms|\d\.\d\d s/);
    await recent.scrollIntoViewIfNeeded();
    await shot(page, '7b-recent-requests');

    // Its Find link shows the very entry the answer's x-penin-decision-id names, in the live ledger.
    await recent.locator(`button[title$="(decision_id ${decisionId})"]`).click();
    const filter = page.getByRole('searchbox', { name: 'Filter by text' });
    await expect.poll(() => filter.inputValue(), { timeout: 10_000 }).toBe(decisionId);
    await page.getByText('1 matching entry', { exact: false }).waitFor({ timeout: 15_000 });
    const detail = page.getByRole('complementary', { name: /^Entry \d+$/ });
    await expect
      .poll(async () => (await detail.textContent()) ?? '', { timeout: 10_000 })
      .toContain(decisionId);
    await shot(page, '7c-found-in-ledger');

    // The auditor's spreadsheet of that view: one row, the entry the header named.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export matching as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ledger-matching.csv');
    const csv = readFileSync((await download.path()) ?? '', 'utf8')
      .replace(/^\ufeff/, '') // the byte-order mark Excel needs to read UTF-8
      .split('\r\n');
    expect(csv[0]).toBe(
      'index,decision_id,timestamp_utc,decision,reason,provider,cost_usd,previous_hash,current_hash,breaks',
    );
    expect(csv).toHaveLength(3); // the header, the row, and nothing after the last line's CRLF
    expect(csv[1].split(',')[1]).toBe(`"${decisionId}"`); // every cell is quoted
  }, 40_000);

  it('Clear cache asks why, empties the cache and appends CACHE_CLEAR to the ledger first', async () => {
    await nav('Cache');
    const clear = page.getByRole('button', { name: 'Clear cache…' });
    // The demo repeats some prompts at temperature 0: the cache fills within seconds.
    await expect.poll(() => clear.isEnabled(), { timeout: 20_000 }).toBe(true);
    await clear.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('e2e: stale answers');
    await dialog.getByRole('button', { name: 'Clear cache' }).click();
    await dialog.waitFor({ state: 'detached' });
    const cleared = lines(served.ledgerPath)
      .map((l) => JSON.parse(l) as { decision: string; reason: string })
      .filter((e) => e.decision === 'CACHE_CLEAR');
    expect(cleared).toHaveLength(1);
    expect(cleared[0].reason).toMatch(
      /^operator browser:\S+ cleared the response cache \(\d+ entries\): e2e: stale answers$/,
    );
  }, 40_000);

  it('the live ledger the gateway writes verifies in the browser, its signed checkpoints too', async () => {
    await nav('Ledger');
    await page.getByRole('button', { name: 'Open live ledger' }).click();
    await page
      .getByText(/Chain intact|Verified .* no breaks|valid/i)
      .first()
      .waitFor({ timeout: 20_000 });
    await page
      .getByText(/entries covered by \d+ valid signed checkpoint/)
      .first()
      .waitFor({ timeout: 20_000 });
    await shot(page, '6-ledger-live');
    expect(consoleErrors.filter((e) => !/WebSocket|ERR_CONNECTION/.test(e))).toEqual([]);
    expect(readFileSync(served.ledgerPath, 'utf8').length).toBeGreaterThan(0);
  }, 60_000);
});
