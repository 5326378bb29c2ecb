// The bounded search behind "re-encoded, values unchanged": rewrite the stored entry's values back
// into the forms a JSON tool may have changed (an integral float written as an int, a big int
// turned into a float, -0.0 written as 0, strings normalized to NFC or NFD) and see whether one
// reproduces a hash the file names. Key order, spacing and escaping need no search: the hash is of
// json.dumps(sort_keys=True) with ASCII escapes, which they do not change.
import { PyFloat, isPyFloat } from '../pyfloat';
import { computeHash } from '../pcag';
import { pyDumps } from '../pyjson-dump';
import type { PyJson } from '../types';
import type { FormChange } from '../../../shared/break-explanation';

type Path = readonly (string | number)[];

/** One value that may have been written in another form, and that form. */
interface Option {
  path: Path;
  key: string;
  /** The option renames the object key at `path` (original and stored are key names), not its value. */
  renamesKey?: true;
  original: PyJson;
  stored: PyJson;
  change: FormChange['change'];
}

/** Candidates per entry, by default: a few hundred hashes of a ~1 KB text take about a millisecond. */
export const DEFAULT_BUDGET = 300;

/** The seed's float fields: `0.0` by default, the first thing a tool turns into `0`. */
const SCORES = new Set(['delta_linf', 'caos_plus', 'sr_score', 'ethical_score']);

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (IDENT.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

function alternatives(v: PyJson): { value: PyJson; change: FormChange['change'] }[] {
  if (typeof v === 'number' && Number.isInteger(v)) {
    const alts: { value: PyJson; change: FormChange['change'] }[] = [
      { value: new PyFloat(v), change: 'float-as-int' },
    ];
    if (v === 0) alts.push({ value: new PyFloat(-0), change: 'negative-zero' });
    return alts;
  }
  if (typeof v === 'bigint') {
    const f = Number(v);
    return Number.isFinite(f) && BigInt(f) === v ? [{ value: new PyFloat(f), change: 'float-as-int' }] : [];
  }
  if (isPyFloat(v) && Number.isFinite(v.pyFloat)) {
    const f = v.pyFloat;
    if (Number.isSafeInteger(f)) return [{ value: f === 0 ? 0 : f, change: 'int-as-float' }];
    return [{ value: BigInt(f), change: 'big-int-as-float' }];
  }
  if (typeof v === 'string') {
    const alts: { value: PyJson; change: FormChange['change'] }[] = [];
    const nfd = v.normalize('NFD');
    const nfc = v.normalize('NFC');
    if (nfd !== v) alts.push({ value: nfd, change: 'nfc' });
    if (nfc !== v) alts.push({ value: nfc, change: 'nfd' });
    return alts;
  }
  return [];
}

/** Every value of the entry (current_hash left out) that has another form, one option per form. */
function optionsOf(entry: { [k: string]: PyJson }): Option[] {
  const out: Option[] = [];
  const walk = (v: PyJson, path: (string | number)[]): void => {
    for (const a of alternatives(v))
      out.push({ path: [...path], key: path.join('\u0000'), original: a.value, stored: v, change: a.change });
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object' && !isPyFloat(v))
      for (const [k, x] of Object.entries(v)) {
        // A key normalized to NFC or NFD (the seed's own field names are ASCII: only nested keys).
        for (const a of alternatives(k)) {
          const name = a.value as string;
          if (!Object.prototype.hasOwnProperty.call(v, name))
            out.push({
              path: [...path, k],
              key: `${[...path, k].join('\u0000')}\u0003key`,
              renamesKey: true,
              original: name,
              stored: k,
              change: a.change,
            });
        }
        walk(x, [...path, k]);
      }
  };
  for (const [k, v] of Object.entries(entry)) if (k !== 'current_hash') walk(v, [k]);
  return out;
}

/** The entry with some values replaced (by path key), rebuilt only along the replaced paths. */
function withReplaced(
  v: PyJson,
  path: (string | number)[],
  repl: Map<string, PyJson>,
  prefixes: Set<string>,
  renames: Map<string, string>,
): PyJson {
  const key = path.join('\u0000');
  const r = repl.get(key);
  if (r !== undefined) return r;
  if (!prefixes.has(key)) return v;
  if (Array.isArray(v)) return v.map((x, i) => withReplaced(x, [...path, i], repl, prefixes, renames));
  if (v !== null && typeof v === 'object' && !isPyFloat(v)) {
    const o: { [k: string]: PyJson } = {};
    for (const [k, x] of Object.entries(v)) {
      const child = [...path, k];
      o[renames.get(child.join('\u0000')) ?? k] = withReplaced(x, child, repl, prefixes, renames);
    }
    return o;
  }
  return v;
}

function hashWith(entry: { [k: string]: PyJson }, chosen: readonly Option[]): string {
  const repl = new Map<string, PyJson>();
  const renames = new Map<string, string>();
  const prefixes = new Set<string>(['']);
  for (const o of chosen) {
    if (o.renamesKey) renames.set(o.path.join('\u0000'), o.original as string);
    else repl.set(o.key, o.original);
    for (let i = 1; i < o.path.length; i++) prefixes.add(o.path.slice(0, i).join('\u0000'));
  }
  return computeHash(withReplaced(entry, [], repl, prefixes, renames) as { [k: string]: PyJson });
}

/** Subsets of [0, n) by size, smallest first, lexicographic within a size. */
function* subsets(n: number): Generator<number[]> {
  for (let size = 1; size <= n; size++) {
    const idx = Array.from({ length: size }, (_, i) => i);
    for (;;) {
      yield [...idx];
      let i = size - 1;
      while (i >= 0 && idx[i] === n - size + i) i--;
      if (i < 0) break;
      idx[i]++;
      for (let j = i + 1; j < size; j++) idx[j] = idx[j - 1] + 1;
    }
  }
}

export interface SearchResult {
  match: { hash: string; changes: FormChange[] } | null;
  tried: number;
  exhausted: boolean;
}

const describe = (o: Option): FormChange => ({
  path: formatPath(o.path),
  original: pyDumps(o.original, { sortKeys: true }),
  stored: pyDumps(o.stored, { sortKeys: true }),
  change: o.change,
  ...(o.renamesKey ? { key: true as const } : {}),
});

/**
 * Searches re-encodings of `entry` for one whose hash is among `targets`. Tries first what tools
 * do to a whole entry at once (every score float turned into an int, every string normalized one
 * way), then each single value, pairs, and so on, each alone and with those whole-entry changes,
 * until `budget` hashes were computed.
 */
export function searchReencodings(
  entry: { [k: string]: PyJson },
  targets: ReadonlySet<string>,
  budget = DEFAULT_BUDGET,
): SearchResult {
  const options = optionsOf(entry);
  const groups: Option[][] = [];
  const addGroup = (g: Option[]): void => {
    if (g.length > 1 && !groups.some((x) => x.length === g.length && x.every((o, i) => o === g[i])))
      groups.push(g);
  };
  addGroup(
    options.filter(
      (o) => o.path.length === 1 && SCORES.has(String(o.path[0])) && o.change === 'float-as-int',
    ),
  );
  addGroup(options.filter((o) => o.change === 'float-as-int'));
  addGroup(options.filter((o) => o.change === 'int-as-float' || o.change === 'big-int-as-float'));
  addGroup(options.filter((o) => o.change === 'nfc'));
  addGroup(options.filter((o) => o.change === 'nfd'));

  let tried = 0;
  const seen = new Set<string>();
  const attempt = (chosen: Option[]): FormChange[] | null | 'spent' => {
    // One form per value; the same set reached twice is not hashed twice.
    const keys = new Set<string>();
    for (const o of chosen) {
      if (keys.has(o.key)) return null;
      keys.add(o.key);
    }
    const id = chosen
      .map((o) => `${o.key}\u0001${o.change}`)
      .sort()
      .join('\u0002');
    if (seen.has(id)) return null;
    if (tried >= budget) return 'spent';
    seen.add(id);
    tried++;
    const h = hashWith(entry, chosen);
    if (!targets.has(h)) return null;
    matched = h;
    return chosen.map(describe);
  };
  let matched = '';
  const found = (changes: FormChange[]): SearchResult => ({
    match: { hash: matched, changes },
    tried,
    exhausted: false,
  });

  for (const g of groups) {
    const r = attempt(g);
    if (r === 'spent') return { match: null, tried, exhausted: false };
    if (r) return found(r);
  }
  for (const s of subsets(options.length)) {
    const chosen = s.map((i) => options[i]);
    for (const extra of [[], ...groups]) {
      const r = attempt([...chosen, ...extra.filter((o) => !chosen.includes(o))]);
      if (r === 'spent') return { match: null, tried, exhausted: false };
      if (r) return found(r);
    }
  }
  return { match: null, tried, exhausted: true };
}

/**
 * Big integers that look rounded through a 64-bit float: their digits are a double's shortest
 * decimal form padded with zeros (jq 1.6 writes 12345678901234567890 as 12345678901234567000).
 */
export function lossyBigInts(entry: { [k: string]: PyJson }): { path: string; stored: string }[] {
  const out: { path: string; stored: string }[] = [];
  const walk = (v: PyJson, path: (string | number)[]): void => {
    if (typeof v === 'bigint') {
      const d = Number(v);
      if (Number.isFinite(d) && BigInt(d) !== v && String(d) === v.toString())
        out.push({ path: formatPath(path), stored: v.toString() });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v !== null && typeof v === 'object' && !isPyFloat(v))
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  for (const [k, v] of Object.entries(entry)) if (k !== 'current_hash') walk(v, [k]);
  return out;
}
