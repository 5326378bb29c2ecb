// A verification report as a downloadable file: JSON (the report as is) or a self-contained HTML
// page (no scripts, every value escaped).
import { basename, extname } from 'node:path';
import type { VerifyReport } from '../../shared/contract';

export interface ReportFile {
  format: 'json' | 'html';
  fileName: string;
  content: string;
}

export function formatReport(report: VerifyReport, format: 'json' | 'html'): ReportFile {
  const content = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportHtml(report);
  return { format, fileName: reportFileName(report, format), content };
}

export function reportFileName(report: VerifyReport, format: 'json' | 'html'): string {
  const stem =
    basename(report.path, extname(report.path))
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 80) || 'ledger';
  const day = /^\d{4}-\d{2}-\d{2}/.exec(report.verifiedAt)?.[0] ?? 'report';
  return `${stem}-verify-${day}.${format}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function reportHtml(r: VerifyReport): string {
  const rows = r.breaks
    .map((b) => `<tr><td>${b.index}</td><td>${escapeHtml(b.kind)}</td><td>${escapeHtml(b.detail)}</td></tr>`)
    .join('\n');
  const omitted = r.breaksOmitted > 0 ? `<p>${r.breaksOmitted} further breaks omitted.</p>` : '';
  const verdict = r.valid
    ? 'VALID: the hash chain is intact'
    : `INVALID: ${r.breaks.length + r.breaksOmitted} break(s)`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Ledger verification: ${escapeHtml(basename(r.path))}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px;text-align:left}.ok{color:#060}.bad{color:#a00}</style>
</head>
<body>
<h1>PENIN ledger verification</h1>
<p class="${r.valid ? 'ok' : 'bad'}"><strong>${escapeHtml(verdict)}</strong></p>
<table>
<tr><th>File</th><td>${escapeHtml(r.path)}</td></tr>
<tr><th>Size</th><td>${r.bytes} bytes</td></tr>
<tr><th>Entries</th><td>${r.entries}</td></tr>
<tr><th>Head hash</th><td><code>${escapeHtml(r.head ?? '(empty ledger)')}</code></td></tr>
<tr><th>Verified at</th><td>${escapeHtml(r.verifiedAt)}</td></tr>
</table>
${r.breaks.length > 0 ? `<h2>Breaks</h2>\n<table>\n<tr><th>Entry</th><th>Kind</th><th>Detail</th></tr>\n${rows}\n</table>` : ''}
${omitted}
</body>
</html>
`;
}
