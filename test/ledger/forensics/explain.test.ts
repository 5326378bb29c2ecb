import { describe, expect, it } from 'vitest';
import { appendFileSync, writeFileSync } from 'node:fs';
import { verifyFile } from '../../../electron/ledger/verify-file';
import { explainBreaks } from '../../../electron/ledger/forensics/explain-breaks';
import { signedCheckpoints } from '../../../electron/ledger/signed-checkpoints';
import { loadPublicKey } from '../../../electron/ledger/signing-key';
import { breakExplanationSchema, type ExplainedBreak } from '../../../shared/break-explanation';
import { computeHash } from '../../../electron/ledger/pcag';
import { pyLoads } from '../../../electron/ledger/pyjson-parse';
import { pyDumps } from '../../../electron/ledger/pyjson-dump';
import type { PyJson } from '../../../electron/ledger/types';
import { signedLedger } from '../../helpers/signed-ledger';
import { writeLedger } from '../../helpers/ledger';
import {
  f,
  jq,
  pythonLedger,
  pythonRewrite,
  readLines,
  seedDecision,
  writeLinesTo,
} from '../../helpers/tamper';

async function explained(path: string, pub?: string): Promise<ExplainedBreak[]> {
  const r = await verifyFile(path, { parallel: false });
  const checkpoints = pub ? await signedCheckpoints(path, loadPublicKey(pub)) : undefined;
  const out = await explainBreaks(path, r.breaks, { checkpoints });
  for (const b of out) if (b.explanation) breakExplanationSchema.parse(b.explanation);
  return out;
}
const summary = (bs: ExplainedBreak[]): string[] =>
  bs.map((b) => `${b.index}:${b.kind}:${b.explanation?.cause}`);

/** Rewrites line `i` of a ledger file. */
function edit(path: string, i: number, f: (line: string) => string): void {
  const ls = readLines(path);
  ls[i] = f(ls[i]);
  writeLinesTo(path, ls);
}

describe('content breaks: re-encoded with the values unchanged', () => {
  it('jq: integral floats written as ints (1.0 -> 1, 0.0 -> 0) are named field by field', async () => {
    const path = pythonLedger(5);
    edit(path, 2, (l) => jq(l));
    const [b] = await explained(path);
    expect(summary([b])).toEqual(['2:content:re-encoded']);
    const e = b.explanation!;
    if (e.cause !== 're-encoded') throw new Error(e.cause);
    expect(e.matched).toBe('current_hash');
    expect(e.changes.map((c) => `${c.path}: ${c.original} -> ${c.stored}`).sort()).toEqual([
      'caos_plus: 0.0 -> 0',
      'ethical_score: 0.0 -> 0',
      'metrics.cost_usd: 1.0 -> 1',
      'sr_score: 0.0 -> 0',
    ]);
    expect(e.text).toMatch(/^re-encoded, values unchanged: .*metrics\.cost_usd: 1\.0 -> 1/);
    expect(e.formNotes.join(' ')).toMatch(/non-ASCII characters are written as themselves/);
    expect(e.formNotes.join(' ')).toMatch(/spacing differs/);
  });

  it('jq over the whole file: every entry is explained as re-encoded', async () => {
    const path = pythonLedger(6);
    writeLinesTo(
      path,
      readLines(path).map((l) => jq(l)),
    );
    const bs = await explained(path);
    expect(summary(bs)).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${i}:content:re-encoded`));
  });

  it('jq: -0.0 written as -0 (read back as the int 0)', async () => {
    const path = pythonLedger(3, (i) => seedDecision(i, { drift: f(-0), ratio: f(2) }));
    expect(readLines(path)[1]).toContain('"drift": -0.0');
    edit(path, 1, (l) => jq(l));
    const [b] = await explained(path);
    const e = b.explanation!;
    if (e.cause !== 're-encoded') throw new Error(e.cause);
    expect(e.changes).toContainEqual({
      path: 'metrics.drift',
      original: '-0.0',
      stored: '0',
      change: 'negative-zero',
    });
    expect(e.changes).toContainEqual({
      path: 'metrics.ratio',
      original: '2.0',
      stored: '2',
      change: 'float-as-int',
    });
  });

  it('Python: a big int turned into a float (exactly representable) is found', async () => {
    const path = pythonLedger(3, (i) => seedDecision(i, { seq: 2 ** 60 }));
    edit(path, 1, (l) => pythonRewrite(l, '', "e['metrics']['seq'] = float(e['metrics']['seq'])"));
    expect(readLines(path)[1]).toContain('"seq": 1.152921504606847e+18');
    const [b] = await explained(path);
    const e = b.explanation!;
    if (e.cause !== 're-encoded') throw new Error(JSON.stringify(e));
    expect(e.changes).toEqual([
      {
        path: 'metrics.seq',
        original: '1152921504606846976',
        stored: '1.152921504606847e+18',
        change: 'big-int-as-float',
      },
    ]);
  });

  it('Python, ensure_ascii=False: a string normalized to NFD, and one normalized to NFC', async () => {
    const path = pythonLedger(4, (i) => ({
      ...seedDecision(i),
      reason: i === 2 ? 'cafe\u0301 decomposto' : 'café',
    }));
    edit(path, 1, (l) =>
      pythonRewrite(l, 'ensure_ascii=False', "e['reason'] = unicodedata.normalize('NFD', e['reason'])"),
    );
    edit(path, 2, (l) =>
      pythonRewrite(l, 'ensure_ascii=False', "e['reason'] = unicodedata.normalize('NFC', e['reason'])"),
    );
    const bs = await explained(path);
    expect(summary(bs)).toEqual(['1:content:re-encoded', '2:content:re-encoded']);
    const [nfd, nfc] = bs.map((b) => b.explanation);
    if (nfd?.cause !== 're-encoded' || nfc?.cause !== 're-encoded') throw new Error('not re-encoded');
    expect(nfd.changes).toEqual([
      { path: 'reason', original: '"caf\\u00e9"', stored: '"cafe\\u0301"', change: 'nfd' },
    ]);
    expect(nfc.changes).toEqual([
      {
        path: 'reason',
        original: '"cafe\\u0301 decomposto"',
        stored: '"caf\\u00e9 decomposto"',
        change: 'nfc',
      },
    ]);
  });

  it('Python, ensure_ascii=False: a nested key normalized to NFD is named as a key', async () => {
    const path = pythonLedger(3, (i) => seedDecision(i, { preço: 2.5 }));
    edit(path, 1, (l) =>
      pythonRewrite(
        l,
        'ensure_ascii=False',
        "e['metrics'] = {unicodedata.normalize('NFD', k): v for k, v in e['metrics'].items()}",
      ),
    );
    const e = (await explained(path))[0].explanation!;
    if (e.cause !== 're-encoded') throw new Error(e.cause);
    expect(e.changes).toEqual([
      {
        path: 'metrics["prec\u0327o"]',
        original: '"pre\\u00e7o"',
        stored: '"prec\\u0327o"',
        change: 'nfd',
        key: true,
      },
    ]);
  });

  it('Python under other settings that keep the hash (ensure_ascii=False, sort_keys, no sort_keys): no break at all', async () => {
    const path = pythonLedger(4);
    edit(path, 0, (l) => pythonRewrite(l, 'ensure_ascii=False'));
    edit(path, 1, (l) => pythonRewrite(l, 'sort_keys=True'));
    edit(path, 2, (l) => pythonRewrite(l, 'separators=(",", ":")'));
    edit(path, 3, (l) => pythonRewrite(l, 'ensure_ascii=False, sort_keys=True'));
    expect(readLines(path)[0]).toContain('café');
    expect(await explained(path)).toEqual([]);
  });
});

describe('content breaks: a value changed', () => {
  it("a hand edit in Python's own form: value changed, search exhausted or bounded, the hashed text shown", async () => {
    const path = pythonLedger(4);
    edit(path, 1, (l) => l.replace('"decision": "ROUTE"', '"decision": "BLOCK"'));
    const [b] = await explained(path);
    const e = b.explanation!;
    if (e.cause !== 'value-changed') throw new Error(e.cause);
    expect(e.text).toMatch(
      /^value changed: no re-encoding reproduces the stored hash \(\d+ candidates tried, search (exhausted|bound reached)\)/,
    );
    expect(e.text).toMatch(/the file alone cannot tell which value changed/);
    expect(e.fields).toEqual([]);
    expect(e.canonical).toContain('"decision": "BLOCK"');
    expect(e.search.tried).toBeGreaterThan(0);
  });

  it("a small entry's search is exhausted, and says so", async () => {
    const path = pythonLedger(3, (i) => ({
      decision_id: `d-${i}`,
      decision: 'ROUTE',
      reason: 'x',
      delta_linf: 0.25,
      caos_plus: 0.5,
      sr_score: 0.5,
      ethical_score: 0.5,
    }));
    edit(path, 1, (l) => l.replace('"reason": "x"', '"reason": "y"'));
    const e = (await explained(path))[0].explanation!;
    if (e.cause !== 'value-changed') throw new Error(e.cause);
    expect(e.search.exhausted).toBe(true);
    expect(e.text).toMatch(/search exhausted/);
  });

  it('a hand edit that left a non-Python form names the field (metrics: 0.50)', async () => {
    const path = pythonLedger(3, (i) => seedDecision(i, { rate: 0.25 }));
    edit(path, 1, (l) => l.replace('"rate": 0.25', '"rate": 0.50'));
    const e = (await explained(path))[0].explanation!;
    if (e.cause !== 'value-changed') throw new Error(e.cause);
    expect(e.fields.map((f) => f.field)).toEqual(['metrics']);
    expect(e.fields[0].stored).toContain('"rate": 0.50');
    expect(e.fields[0].canonical).toContain('"rate": 0.5,');
    expect(e.text).toMatch(
      /metrics is not written as json.dumps writes its value, likely where the edit was/,
    );
  });

  it('jq 1.6 rounding a big int through a double: value changed, lossy, digits lost', async () => {
    const path = pythonLedger(3, (i) => seedDecision(i, { id: 12345678901234567890n }));
    edit(path, 1, (l) => jq(l));
    const e = (await explained(path))[0].explanation!;
    if (e.cause !== 'value-changed') throw new Error(e.cause);
    expect(e.lossy).toEqual([{ path: 'metrics.id', stored: '12345678901234567000' }]);
    expect(e.text).toMatch(/rounded through a 64-bit float/);
  });

  it("only current_hash altered: the next entry's previous_hash vouches for the values", async () => {
    const path = pythonLedger(4);
    edit(path, 1, (l) => l.replace(/"current_hash": "[0-9a-f]{4}/, '"current_hash": "beef'));
    const bs = await explained(path);
    expect(summary(bs)).toEqual(['1:content:hash-field-changed', '2:link:predecessor-hash-altered']);
    expect(bs[1].explanation!.text).toMatch(
      /^nothing is missing here: entry 1's values hash to this entry's previous_hash/,
    );
  });

  it("re-encoded and its current_hash altered too: the next entry's previous_hash is the witness", async () => {
    const path = pythonLedger(4);
    edit(path, 1, (l) => jq(l, '.current_hash = "' + 'c'.repeat(64) + '"'));
    const bs = await explained(path);
    expect(summary(bs)).toEqual(['1:content:re-encoded', '2:link:predecessor-hash-altered']);
    expect(bs[0].explanation).toMatchObject({ matched: 'next_previous_hash' });
    expect(bs[0].explanation!.text).toMatch(/hashes to the next entry's previous_hash/);
  });
});

describe('link breaks: moved, inserted, deleted', () => {
  it('an entry deleted, without a key: deleted here, how many unknown', async () => {
    const path = pythonLedger(8);
    const ls = readLines(path);
    ls.splice(3, 1);
    writeLinesTo(path, ls);
    const [b] = await explained(path);
    expect(summary([b])).toEqual(['3:link:deleted']);
    expect(b.explanation!.text).toMatch(/entries were deleted between entry 2 and entry 3.*--pubkey/);
  });

  it("entries deleted under a signed checkpoint: the count is the checkpoint's count minus what is left", async () => {
    const { path, pub } = await signedLedger(30, 10);
    const ls = readLines(path);
    ls.splice(4, 3);
    writeLinesTo(path, ls);
    const [b] = await explained(path, pub);
    const e = b.explanation!;
    if (e.cause !== 'deleted') throw new Error(e.cause);
    expect(e).toMatchObject({ after: 3, missing: 3, checkpoint: { entries: 10 } });
    expect(e.text).toMatch(
      /^3 entries were deleted between entry 3 and entry 4 \(the checkpoint signed at .* counts 10 entries up to its head, which is now entry 6\)/,
    );
  });

  it('the head cut off: deleted at the head of the file', async () => {
    const { path, pub } = await signedLedger(25, 10);
    writeLinesTo(path, readLines(path).slice(2));
    const e = (await explained(path, pub))[0].explanation!;
    expect(e).toMatchObject({ cause: 'deleted', after: null, missing: 2 });
  });

  it('an entry moved to the end: both ends of the move are named', async () => {
    const path = pythonLedger(10);
    const ls = readLines(path);
    ls.push(ls.splice(4, 1)[0]);
    writeLinesTo(path, ls);
    const bs = await explained(path);
    expect(summary(bs)).toEqual(['4:link:moved', '9:link:moved']);
    expect(bs[0].explanation).toMatchObject({ predecessor: 9, belongsAt: 4 });
    expect(bs[1].explanation).toMatchObject({ predecessor: 3, first: 9, last: 9, belongsAt: 4 });
    expect(bs[1].explanation!.text).toMatch(/entry 9 was moved here from index 4/);
  });

  it('a block of entries moved earlier', async () => {
    const path = await writeLedger(20);
    const ls = readLines(path);
    const block = ls.splice(14, 2);
    ls.splice(5, 0, ...block);
    writeLinesTo(path, ls);
    const bs = await explained(path);
    expect(bs[0].explanation).toMatchObject({ cause: 'moved' });
    expect(bs.every((b) => b.explanation && b.explanation.cause === 'moved')).toBe(true);
  });

  it('a copy of an earlier entry inserted: copy named, its neighbours link around it', async () => {
    const path = pythonLedger(10);
    const ls = readLines(path);
    ls.splice(6, 0, ls[2]);
    writeLinesTo(path, ls);
    const bs = await explained(path);
    expect(summary(bs)).toEqual(['6:link:inserted', '7:link:inserted']);
    expect(bs[0].explanation).toMatchObject({ first: 6, last: 6, copiesOf: [2] });
    expect(bs[1].explanation!.text).toMatch(
      /entry 6 was inserted \(entry 6 is a copy of entry 2\): entry 7 links to entry 5 around it/,
    );
  });

  it('a forged entry inserted with a made-up previous_hash: inserted, neighbours link around it', async () => {
    const path = pythonLedger(8);
    const ls = readLines(path);
    // The forger recomputes the entry's own hash, but cannot know a previous_hash that links.
    const forged = pyLoads(ls[4]).value as { [k: string]: PyJson };
    forged.decision_id = 'forged';
    forged.previous_hash = 'ab'.repeat(32);
    forged.current_hash = computeHash(forged);
    ls.splice(4, 0, pyDumps(forged, { sortKeys: false }));
    writeLinesTo(path, ls);
    const bs = await explained(path);
    expect(summary(bs)).toEqual(['4:link:inserted', '5:link:inserted']);
    expect(bs[0].explanation!.text).toMatch(/^entry 4 was inserted: entry 5 links to entry 3 around it/);
  });

  it("the verify test's mixed damage (moved, deleted, copy inserted) is explained everywhere", async () => {
    const path = await writeLedger(30);
    const ls = readLines(path);
    const moved = ls.splice(20, 1)[0];
    ls.push(moved);
    ls.splice(5, 1);
    ls.splice(12, 0, ls[2]);
    writeLinesTo(path, ls);
    const bs = await explained(path);
    expect(summary(bs)).toEqual([
      '5:link:deleted',
      '12:link:inserted',
      '13:link:inserted',
      '20:link:moved',
      '29:link:moved',
    ]);
  });
});

describe('parse and torn-tail breaks: what the parser met, where', () => {
  it('a torn tail: the byte where the line stops, the bytes before it escaped', async () => {
    const path = pythonLedger(3);
    const ls = readLines(path);
    writeFileSync(path, `${ls[0]}\n${ls[1]}\n${ls[2].slice(0, 50)}`);
    const [b] = await explained(path);
    const e = b.explanation!;
    if (e.cause !== 'parse') throw new Error(e.cause);
    expect(b.kind).toBe('torn_tail');
    expect(e).toMatchObject({ byte: 50, met: 'end of line' });
    expect(e.text).toMatch(
      /^torn tail: the last line stops after 50 bytes with no newline; at byte 50 \(column 51\) the parser met end of line/,
    );
    expect(e.context).toMatch(/⟨here⟩$/);
  });

  it('garbage bytes in a line: the invalid byte and its neighbours shown escaped; the next link points at them', async () => {
    const path = pythonLedger(5);
    edit(path, 2, (l) => `${l.slice(0, 30)}\u0000garbage${l.slice(30)}`);
    const raw = readLines(path);
    writeFileSync(
      path,
      Buffer.concat(
        raw.map((l, i) => (i === 3 ? Buffer.from([0x7b, 0xff, 0xfe, 0x0a]) : Buffer.from(`${l}\n`))),
      ),
    );
    const bs = await explained(path);
    expect(summary(bs)).toEqual(['2:parse:parse', '3:parse:parse', '4:link:after-unreadable']);
    expect(bs[0].explanation).toMatchObject({ byte: 30, met: 'control character U+0000' });
    expect(bs[0].explanation!.text).toMatch(/Invalid control character/);
    expect(bs[1].explanation).toMatchObject({
      byte: 1,
      met: 'byte 0xff (not valid UTF-8 here)',
      context: '{⟨here⟩\\xff\\xfe',
    });
    expect(bs[2].explanation).toMatchObject({ first: 2, last: 3 });
  });

  it('Python indent=2: the entry spread over lines, recognized as such', async () => {
    const path = pythonLedger(2);
    const ls = readLines(path);
    const pretty = pythonRewrite(ls[1], 'indent=2').split('\n');
    writeLinesTo(path, [ls[0], ...pretty]);
    const bs = await explained(path);
    expect(bs[0].explanation).toMatchObject({ cause: 'parse', byte: 1, met: 'end of line' });
    expect(bs[0].explanation!.text).toMatch(/json.dumps\(indent=2\)/);
  });

  it('a duplicate key, a BOM, a missing field', async () => {
    const path = pythonLedger(4);
    edit(path, 0, (l) => `\ufeff${l}`);
    edit(path, 1, (l) => l.replace('"version": "1.0"', '"version": "1.0", "version": "1.0"'));
    edit(path, 2, (l) => l.replace(/"reason": "[^"]*", /, ''));
    const bs = await explained(path);
    const texts = bs.filter((b) => b.kind === 'parse').map((b) => b.explanation!.text);
    expect(texts[0]).toMatch(/byte-order mark/);
    expect(texts[1]).toMatch(/the key "version" a second time/);
    expect(texts[2]).toMatch(/not a PCAg: missing field reason/);
  });

  it('appending garbage after a valid ledger', async () => {
    const path = pythonLedger(2);
    appendFileSync(path, 'rm -rf /\n');
    const [b] = await explained(path);
    expect(b.explanation).toMatchObject({ cause: 'parse', byte: 0, met: "'r' (U+0072)" });
  });
});
