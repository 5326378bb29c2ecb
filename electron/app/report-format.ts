// A verification report (shared/verify-report.ts) as a downloadable file: JSON (the document as
// is) or a self-contained HTML page (no scripts, every value escaped, hidden characters of ledger
// text shown as ⟨U+202E⟩). Both carry the same facts: full hashes, the file's SHA-256 and size,
// the signature and pin results, the tool and its version, the time, and what entry numbers mean.
import { basename, extname } from 'node:path';
import type { VerifyReportBreak, VerifyReportDocument } from '../../shared/verify-report';
import { visibleParts } from '../../shared/visible-text';

export interface ReportFile {
  format: 'json' | 'html';
  fileName: string;
  content: string;
}

export function formatReport(report: VerifyReportDocument, format: 'json' | 'html'): ReportFile {
  const content = format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : reportHtml(report);
  return {
    format,
    fileName: reportFileName(report.file.path, new Date(report.generatedAt), format),
    content,
  };
}

export function reportFileName(path: string, at: Date, format: 'json' | 'html'): string {
  const stem =
    basename(path, extname(path))
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, 80) || 'ledger';
  const day = Number.isNaN(at.getTime()) ? 'report' : at.toISOString().slice(0, 10);
  return `${stem}-verify-${day}.${format}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escaped for HTML, with bidi overrides, control and invisible characters as marked escapes. */
export function visibleHtml(text: string): string {
  return visibleParts(text)
    .map((p) =>
      p.kind === 'text' ? escapeHtml(p.text) : `<span class="hidden-char">${escapeHtml(p.text)}</span>`,
    )
    .join('');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const code = (text: string): string => `<code>${visibleHtml(text)}</code>`;

/** A break's explanation: its sentence first, then what backs it (field bytes, form changes, the parser's spot). */
function explanationHtml(b: VerifyReportBreak): string {
  const e = b.explanation;
  if (!e) return '';
  let more = '';
  if (e.cause === 're-encoded')
    more = `<ul>${e.changes.map((c) => `<li>${code(c.path)}: ${code(c.original)} → ${code(c.stored)} (${escapeHtml(c.change)})</li>`).join('')}</ul>`;
  else if (e.cause === 'value-changed')
    more =
      (e.fields.length > 0
        ? `<table><tr><th>Field</th><th>Stored bytes</th><th>Hashed as</th></tr>${e.fields.map((f) => `<tr><td>${code(f.field)}</td><td>${code(f.stored)}</td><td>${code(f.canonical)}</td></tr>`).join('')}</table>`
        : '') + `<p>Hashed text (${e.recomputed}): ${code(e.canonical)}</p>`;
  else if (e.cause === 'parse' && e.context) more = `<p>${code(e.context)}</p>`;
  const notes =
    'formNotes' in e && e.formNotes.length > 0
      ? `<ul>${e.formNotes.map((n) => `<li>${visibleHtml(n)}</li>`).join('')}</ul>`
      : '';
  return `<p class="why"><strong>${visibleHtml(e.text)}</strong></p>${more}${notes}`;
}

function breakRows(breaks: VerifyReportBreak[]): string {
  return breaks
    .map(
      (b) =>
        `<tr><td>${b.index}</td><td>${b.line}</td><td>${escapeHtml(b.kind)}</td><td>${explanationHtml(b)}${visibleHtml(b.detail)}</td></tr>`,
    )
    .join('\n');
}

const BREAK_HEAD = '<tr><th>Entry (index)</th><th>Line</th><th>Kind</th><th>Detail</th></tr>';

function signaturesHtml(r: VerifyReportDocument): string {
  const s = r.signatures;
  if (s === null)
    return '<h2>Signatures</h2>\n<p>Not checked: no public key or pin was given for this report.</p>';
  const c = s.checkpoints;
  const rows = [
    `<tr><th>Public key id</th><td><code>${s.keyId === null ? '(none: pins only)' : escapeHtml(s.keyId)}</code></td></tr>`,
    `<tr><th>Checkpoints</th><td>${c.valid} valid of ${c.total}</td></tr>`,
    `<tr><th>Entries covered by a signature</th><td>${c.coveredEntries} of ${r.entries}</td></tr>`,
    `<tr><th>Unsigned tail</th><td>${
      s.unsignedTail === null
        ? 'none'
        : `${plural(s.unsignedTail.count, 'entry', 'entries')} from index ${s.unsignedTail.from} (no signature covers them yet)`
    }</td></tr>`,
    `<tr><th>Pins checked</th><td>${
      s.pins.length === 0
        ? 'none'
        : s.pins.map((p) => `<code>${p.index}:${escapeHtml(p.hash)}</code>`).join('<br>')
    }</td></tr>`,
  ].join('\n');
  const notes =
    s.notes.length > 0 ? `\n<h3>Notes</h3>\n<table>\n${BREAK_HEAD}\n${breakRows(s.notes)}\n</table>` : '';
  return `<h2>Signatures</h2>\n<table>\n${rows}\n</table>${notes}`;
}

function reportHtml(r: VerifyReportDocument): string {
  const omitted = r.breaksOmitted > 0 ? `<p>${r.breaksOmitted} further breaks omitted.</p>` : '';
  const verdict = r.valid
    ? 'VALID: the hash chain is intact'
    : `INVALID: ${plural(r.breaks.length + r.breaksOmitted, 'break')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Ledger verification: ${visibleHtml(basename(r.file.path))}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}td{overflow-wrap:anywhere}code{font-size:12px}.ok{color:#060}.bad{color:#a00}.hidden-char{border:1px solid #a00;color:#a00;font-family:monospace;padding:0 2px}</style>
</head>
<body>
<h1>PENIN ledger verification</h1>
<p class="${r.valid ? 'ok' : 'bad'}"><strong>${escapeHtml(verdict)}</strong></p>
<table>
<tr><th>File</th><td>${visibleHtml(r.file.path)}</td></tr>
<tr><th>Size verified</th><td>${r.file.bytes} bytes</td></tr>
<tr><th>SHA-256 of those bytes</th><td><code>${escapeHtml(r.file.sha256)}</code></td></tr>
<tr><th>Entries</th><td>${r.entries}</td></tr>
<tr><th>Head hash</th><td><code>${r.head === null ? '(empty ledger)' : visibleHtml(r.head)}</code></td></tr>
<tr><th>Report made</th><td>${escapeHtml(r.generatedAt)}</td></tr>
<tr><th>Tool</th><td>${escapeHtml(r.tool.name)} ${escapeHtml(r.tool.version)}</td></tr>
<tr><th>Report schema</th><td><code>${escapeHtml(r.schema)}</code></td></tr>
<tr><th>Entry numbers</th><td>${escapeHtml(r.numbering)}</td></tr>
</table>
${r.breaks.length > 0 ? `<h2>Breaks</h2>\n<table>\n${BREAK_HEAD}\n${breakRows(r.breaks)}\n</table>` : ''}
${omitted}
${signaturesHtml(r)}
</body>
</html>
`;
}
