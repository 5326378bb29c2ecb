import { describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/contract';
import { formatReport } from '../../electron/app/report-format';

const report: VerifyReport = {
  path: '/var/ledgers/prod <main>.jsonl',
  valid: false,
  entries: 12,
  head: 'ab'.repeat(32),
  breaks: [{ index: 3, kind: 'content', detail: 'hash mismatch <script>alert(1)</script>' }],
  breaksOmitted: 2,
  bytes: 4096,
  verifiedAt: '2025-11-25T07:00:00.000Z',
};

describe('formatReport', () => {
  it('gives the JSON report with a file name from the ledger and date', () => {
    const f = formatReport(report, 'json');
    expect(f.format).toBe('json');
    expect(f.fileName).toBe('prod_main_-verify-2025-11-25.json');
    expect(JSON.parse(f.content)).toEqual(report);
  });

  it('gives an HTML page with every value escaped and no script', () => {
    const f = formatReport(report, 'html');
    expect(f.fileName.endsWith('.html')).toBe(true);
    expect(f.content).toContain('INVALID');
    expect(f.content).toContain('&#60;script&#62;');
    expect(f.content).not.toMatch(/<script/i);
    expect(f.content).toContain("default-src 'none'");
    expect(f.content).toContain('2 further breaks omitted');
  });
});
