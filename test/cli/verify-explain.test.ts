// `penin verify` explains each chain break: in its text output, in --json (the report schema's
// optional `explanation`), and in the HTML report made from the same document.
import { describe, expect, it } from 'vitest';
import { penin } from '../helpers/cli';
import { jq, pythonLedger, readLines, writeLinesTo } from '../helpers/tamper';
import { signedLedger } from '../helpers/signed-ledger';
import { verifyReportSchema } from '../../shared/verify-report';
import { formatReport } from '../../electron/app/report-format';

describe('penin verify: explanations', () => {
  it('prints each break, then what it most likely was', () => {
    const path = pythonLedger(4);
    const ls = readLines(path);
    ls[2] = jq(ls[2]);
    writeLinesTo(path, ls);
    const r = penin(['verify', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^break at entry 2 \[content\]: /m);
    expect(r.stdout).toMatch(
      /^explanations:\n {2}entry 2 \[content\]: re-encoded, values unchanged: .*metrics\.cost_usd: 1\.0 -> 1/m,
    );
  });

  it('--json carries them in the report schema; the HTML report shows them', () => {
    const path = pythonLedger(4);
    const ls = readLines(path);
    ls[1] = jq(ls[1]);
    writeLinesTo(path, ls);
    const doc = verifyReportSchema.parse(JSON.parse(penin(['verify', path, '--json']).stdout));
    expect(doc.breaks[0].explanation).toMatchObject({ cause: 're-encoded', matched: 'current_hash' });
    const html = formatReport(doc, 'html').content;
    expect(html).toContain('<p class="why"><strong>re-encoded, values unchanged: ');
    expect(html).toContain('<code>metrics.cost_usd</code>: <code>1.0</code> → <code>1</code>');
  });

  it('with --pubkey, deleted entries are counted from the signed checkpoints', async () => {
    const { path, pub } = await signedLedger(30, 10);
    const ls = readLines(path);
    ls.splice(12, 2);
    writeLinesTo(path, ls);
    const r = penin(['verify', path, '--pubkey', pub]);
    expect(r.stdout).toMatch(
      /entry 12 \[link\]: 2 entries were deleted between entry 11 and entry 12 \(the checkpoint signed at \S+ counts 20 entries/,
    );
    const plain = penin(['verify', path]);
    expect(plain.stdout).toMatch(
      /entry 12 \[link\]: entries were deleted between entry 11 and entry 12: .*give the public key \(--pubkey\)/,
    );
  });

  it('--no-explain leaves them out', () => {
    const path = pythonLedger(3);
    const ls = readLines(path);
    ls[1] = jq(ls[1]);
    writeLinesTo(path, ls);
    const doc = verifyReportSchema.parse(
      JSON.parse(penin(['verify', path, '--json', '--no-explain']).stdout),
    );
    expect(doc.breaks[0].explanation).toBeUndefined();
    expect(penin(['verify', path, '--no-explain']).stdout).not.toContain('explanations:');
  });
});
