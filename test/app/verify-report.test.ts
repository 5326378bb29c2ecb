// One report schema (shared/verify-report.ts) for `penin verify --json` and the app's export, and
// a report that stands on its own as evidence: full hashes (never cut to 12 characters), the SHA-256
// and size of the bytes verified, the signature and pin results, the tool version, the time, and
// what entry numbers mean. Before, the two JSON outputs differed (breaks_omitted / breaksOmitted)
// and neither had the file's SHA-256, the tool version or the signature results in the app's case.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { exportReport } from '../../electron/app/export-report';
import { formatReport } from '../../electron/app/report-format';
import { sessionReport } from '../../electron/app/ledger-sessions';
import { sha256OfPrefix } from '../../electron/app/verify-report-build';
import { parsePin } from '../../electron/ledger/anchors';
import { LedgerSession } from '../../electron/ledger/session';
import { loadPublicKey } from '../../electron/ledger/signing-key';
import { LedgerWriter } from '../../electron/ledger/writer';
import { ENTRY_NUMBERING, verifyReportSchema } from '../../shared/verify-report';
import { penin } from '../helpers/cli';
import { decision, lines, writeLines } from '../helpers/ledger';
import { signedLedger } from '../helpers/signed-ledger';

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const sha256File = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const hashOf = (line: string): string => (JSON.parse(line) as { current_hash: string }).current_hash;

/** A signed ledger of 25 entries, 3 more appended unsigned, and entry 14 edited in place. */
async function signedTampered(): Promise<{ path: string; pub: string; stored: string }> {
  const { path, pub } = await signedLedger(25);
  const w = await LedgerWriter.open(path);
  for (let i = 25; i < 28; i++) await w.append(decision(i));
  await w.close();
  const ls = lines(path);
  ls[14] = ls[14].replace('request 14', 'request 41');
  writeLines(path, ls);
  return { path, pub, stored: hashOf(ls[14]) };
}

async function checkedSession(path: string, pub: string, pins: string[]): Promise<LedgerSession> {
  const s = LedgerSession.open(path, { readOnly: true });
  await s.settled();
  await s.anchors({ publicKey: loadPublicKey(pub), pins: pins.map(parsePin) });
  return s;
}

describe('the verification report', () => {
  it("the app's report of a signed ledger: schema, file SHA-256, key id, checkpoints, coverage, unsigned tail, pins", async () => {
    const { path, pub, stored } = await signedTampered();
    const pin = `3:${hashOf(lines(path)[3])}`;
    const s = await checkedSession(path, pub, [pin]);
    const doc = verifyReportSchema.parse(await sessionReport(s, VERSION));
    expect(doc.tool).toEqual({ name: 'penin', version: VERSION });
    expect(doc.numbering).toBe(ENTRY_NUMBERING);
    expect(Date.parse(doc.generatedAt)).not.toBeNaN();
    expect(doc.file).toEqual({ path, bytes: readFileSync(path).length, sha256: sha256File(path) });
    expect(doc).toMatchObject({ valid: false, entries: 28, breaksOmitted: 0 });
    expect(doc.head).toBe(hashOf(lines(path)[27]));
    expect(doc.breaks.map((b) => `${b.index}/${b.line}:${b.kind}`)).toEqual(['14/15:content']);
    expect(doc.breaks[0].detail).toContain(stored); // the full 64-digit hash, not 12 characters and "…"
    expect(doc.signatures).toMatchObject({
      keyId: loadPublicKey(pub).keyId,
      checkpoints: { total: 3, valid: 3, coveredEntries: 25 },
      unsignedTail: { from: 25, count: 3 },
      pins: [parsePin(pin)],
    });
    expect(doc.signatures?.notes.map((n) => n.kind)).toEqual(['unsigned_tail']);
    s.close();
  });

  it('the HTML report carries full 64-hex hashes, the file SHA-256, the tool version and the signature results', async () => {
    const { path, pub, stored } = await signedTampered();
    const s = await checkedSession(path, pub, []);
    const html = formatReport(await sessionReport(s, VERSION), 'html').content;
    expect(html).toContain(sha256File(path));
    expect(html).toContain(hashOf(lines(path)[27])); // head
    expect(html).toContain(stored);
    expect(html).not.toMatch(/[0-9a-f]{12}…/);
    expect(html).toContain(loadPublicKey(pub).keyId);
    expect(html).toContain('25 of 28');
    expect(html).toContain('3 entries from index 25');
    expect(html).toContain(`penin ${VERSION}`);
    expect(html).toContain('line index + 1');
    s.close();
  });

  it('File ▸ Export Report as JSON parses with the same schema', async () => {
    const { path, pub } = await signedTampered();
    const s = await checkedSession(path, pub, []);
    let written = '';
    const outcome = await exportReport(
      s,
      async () => '/reports/out.json',
      async (_p, content) => {
        written = content;
      },
      VERSION,
    );
    expect(outcome).toEqual({ kind: 'written', path: '/reports/out.json', valid: false });
    const doc = verifyReportSchema.parse(JSON.parse(written));
    expect(doc.signatures?.checkpoints.coveredEntries).toBe(25);
    s.close();
  });

  it('an app report made before any signature check says signatures: null', async () => {
    const { path } = await signedTampered();
    const s = LedgerSession.open(path, { readOnly: true });
    await s.settled();
    expect(verifyReportSchema.parse(await sessionReport(s, VERSION)).signatures).toBeNull();
    s.close();
  });

  it('`penin verify --json` prints the same schema, with the signature results and breaksOmitted', async () => {
    const { path, pub, stored } = await signedTampered();
    const pin = `3:${hashOf(lines(path)[3])}`;
    const r = penin(['verify', path, '--json', '--pubkey', pub, '--pin', pin]);
    expect(r.code).toBe(1);
    const doc = verifyReportSchema.parse(JSON.parse(r.stdout));
    expect(doc).toMatchObject({ valid: false, entries: 28, breaksOmitted: 0 });
    expect(doc.file.sha256).toBe(sha256File(path));
    expect(doc.breaks[0]).toMatchObject({ index: 14, line: 15, kind: 'content' });
    expect(doc.breaks[0].detail).toContain(stored);
    expect(doc.signatures).toMatchObject({
      keyId: loadPublicKey(pub).keyId,
      checkpoints: { total: 3, valid: 3, coveredEntries: 25 },
      unsignedTail: { from: 25, count: 3 },
      pins: [parsePin(pin)],
    });
    expect(r.stdout).not.toContain('breaks_omitted');
    // Without a key or a pin, nothing was checked: null, not an empty result.
    expect(
      verifyReportSchema.parse(JSON.parse(penin(['verify', path, '--json']).stdout)).signatures,
    ).toBeNull();
  });

  it('hashes exactly the bytes verified, and refuses a file that has shrunk since', async () => {
    const { path } = await signedTampered();
    const size = readFileSync(path).length;
    const first = createHash('sha256').update(readFileSync(path).subarray(0, 100)).digest('hex');
    expect(await sha256OfPrefix(path, 100)).toBe(first);
    expect(await sha256OfPrefix(path, 0)).toBe(createHash('sha256').digest('hex'));
    await expect(sha256OfPrefix(path, size + 1)).rejects.toThrow(/shorter than the/);
  });
});
