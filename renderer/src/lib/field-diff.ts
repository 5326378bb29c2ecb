// The field-level difference between two JSON values (two copies of one ledger entry): every leaf
// path whose value differs or is on one side only, in the order the first side has them, then
// those only the second has. Paths as the forensics write them: `metrics.cost_usd`, `violations[0]`.

export interface FieldChange {
  path: string;
  /** The value on each side as JSON text; undefined when that side does not have the path. */
  a: string | undefined;
  b: string | undefined;
  kind: 'changed' | 'only-a' | 'only-b';
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is { [k: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const keyPath = (base: string, key: string): string =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`;

/** Leaves of a value by path; an empty object or array is a leaf of its own. */
function leaves(v: unknown, base: string, out: Map<string, string>): void {
  if (Array.isArray(v) && v.length > 0) v.forEach((x, i) => leaves(x, `${base}[${i}]`, out));
  else if (isObject(v) && Object.keys(v).length > 0)
    for (const [k, x] of Object.entries(v)) leaves(x, keyPath(base, k), out);
  else out.set(base, JSON.stringify(v) ?? 'undefined');
}

export function fieldDiff(a: unknown, b: unknown): FieldChange[] {
  const la = new Map<string, string>();
  const lb = new Map<string, string>();
  leaves(a, '', la);
  leaves(b, '', lb);
  const out: FieldChange[] = [];
  for (const [path, va] of la) {
    const vb = lb.get(path);
    if (vb === undefined) out.push({ path, a: va, b: undefined, kind: 'only-a' });
    else if (vb !== va) out.push({ path, a: va, b: vb, kind: 'changed' });
  }
  for (const [path, vb] of lb) if (!la.has(path)) out.push({ path, a: undefined, b: vb, kind: 'only-b' });
  return out;
}

/** JSON text parsed, or undefined when it is not JSON (an unreadable line). */
export function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
