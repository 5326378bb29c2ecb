// Saves what was produced in memory (an audit report, a CSV export) through a temporary Blob link.
export function downloadText(fileName: string, content: string, mime: string): void {
  downloadParts(fileName, [content], mime);
}

/** The same for content built in parts (a large export, page by page). */
export function downloadParts(fileName: string, parts: readonly string[], mime: string): void {
  const url = URL.createObjectURL(new Blob([...parts], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
