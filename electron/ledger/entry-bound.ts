// The largest entry (one ledger line) any reader loads: a longer line is a `parse` break whose
// bytes are skipped by streaming to the next newline, never held whole. Python's seed writes
// entries of a few hundred bytes; 4 MiB leaves room for any honest entry while bounding what a
// hostile ledger can make a reader allocate (and parse) for one line.
export const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** The break detail of a line over the bound; `length` is its byte length without the newline. */
export function tooLongDetail(length: number): string {
  return `entry longer than 4 MiB (${length.toLocaleString('en-US')} bytes): skipped unread`;
}
