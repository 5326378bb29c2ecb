// npm run bench:ui — opens a 1,000,000-entry ledger in the browser build (penin serve + Chromium):
// time to first rows, verification progress updates seen while it runs, renderer JS heap.
// Env: BENCH_ENTRIES (default 1,000,000), CHROMIUM_PATH (default /usr/bin/chromium; see
// test/helpers/chromium.ts). Targets: first rows < 1 s, progress shown throughout, renderer heap < 300 MB.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { haveChromium, launchChromium, missingChromium } from '../test/helpers/chromium';
import { writeFixture } from './ledger-fixture';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const N = Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const OUT = join(HERE, 'out');

async function main(): Promise<void> {
  if (!haveChromium) {
    console.error(`bench:ui needs Chromium: ${missingChromium}`);
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const ledger = join(OUT, `ledger-${N}.jsonl`);
  if (!existsSync(ledger)) {
    console.log(`writing a ${N.toLocaleString('en')}-entry fixture (once)…`);
    writeFixture(ledger, N);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'penin-bench-ui-'));
  const serve = spawn(
    process.execPath,
    [join(ROOT, 'dist/cli/penin.cjs'), 'serve', '--port', '0', '--data-dir', dataDir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const consoleUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /console: (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    serve.on('exit', (c) => reject(new Error(`penin serve exited ${c}: ${out}`)));
  });
  const browser = await launchChromium().catch((e: unknown) => {
    serve.kill('SIGTERM');
    throw e;
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(consoleUrl);
    await page.getByRole('button', { name: 'Ledger', exact: true }).click();
    await page.getByLabel('Ledger file to audit').fill(ledger);

    const t0 = Date.now();
    await page.getByRole('button', { name: 'Open for audit' }).click();
    await page.locator('[role="row"][data-index="0"]').waitFor({ timeout: 60_000 });
    const firstRowsMs = Date.now() - t0;

    // Sample the progress bar until verification is done.
    const samples: number[] = [];
    let done = false;
    while (!done && Date.now() - t0 < 600_000) {
      const v = await page.evaluate(() => {
        const bar = document.querySelector('[role="progressbar"]');
        return bar ? Number(bar.getAttribute('aria-valuenow') ?? NaN) : null;
      });
      if (v === null) done = samples.length > 0 || Date.now() - t0 > 5_000;
      else samples.push(v);
      await new Promise((r) => setTimeout(r, 250));
    }
    const verifyMs = Date.now() - t0;
    const metrics = (await cdp.send('Performance.getMetrics')) as {
      metrics: { name: string; value: number }[];
    };
    const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    const distinct = new Set(samples.map((s) => Math.round(s))).size;
    console.log(`
ledger in the browser build: ${N.toLocaleString('en')} entries
  first rows visible          ${firstRowsMs} ms   [target < 1000 ms]
  verification finished        ${(verifyMs / 1000).toFixed(1)} s, progress bar sampled ${samples.length} times with ${distinct} distinct values   [target: shown throughout]
  renderer JS heap             ${(heap / 1e6).toFixed(0)} MB   [target < 300 MB]`);
  } finally {
    await browser.close();
    serve.kill('SIGTERM');
  }
}

void main();
