// The report file formats (electron/app/report-format.ts): JSON is the document as is; HTML escapes
// every value (a path or a detail is ledger-controlled) and runs no script.
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../electron/app/report-format';
import {
  ENTRY_NUMBERING,
  VERIFY_REPORT_SCHEMA,
  verifyReportSchema,
  type VerifyReportDocument,
} from '../../shared/verify-report';

const report: VerifyReportDocument = {
  schema: VERIFY_REPORT_SCHEMA,
  tool: { name: 'penin', version: '0.1.0' },
  generatedAt: '2025-11-25T07:00:00.000Z',
  numbering: ENTRY_NUMBERING,
  file: { path: '/var/ledgers/prod <main>\u202e.jsonl', bytes: 4096, sha256: 'cd'.repeat(32) },
  valid: false,
  entries: 12,
  head: 'ab'.repeat(32),
  breaks: [{ index: 3, line: 4, kind: 'content', detail: 'hash mismatch <script>alert(1)</script>' }],
  breaksOmitted: 2,
  signatures: null,
};

describe('formatReport', () => {
  it('gives the JSON report with a file name from the ledger and date', () => {
    const f = formatReport(report, 'json');
    expect(f.format).toBe('json');
    expect(f.fileName).toBe('prod_main_-verify-2025-11-25.json');
    expect(verifyReportSchema.parse(JSON.parse(f.content))).toEqual(report);
  });

  it('gives an HTML page with every value escaped, hidden characters shown, and no script', () => {
    const f = formatReport(report, 'html');
    expect(f.fileName.endsWith('.html')).toBe(true);
    expect(f.content).toContain('INVALID');
    expect(f.content).toContain('&#60;script&#62;');
    expect(f.content).not.toMatch(/<script/i);
    expect(f.content).toContain("default-src 'none'");
    expect(f.content).toContain('2 further breaks omitted');
    expect(f.content).not.toContain('\u202e');
    expect(f.content).toContain('<span class="hidden-char">⟨U+202E⟩</span>');
    expect(f.content).toContain('Not checked: no public key or pin was given');
  });
});
