// One entry in both copies: the fields that differ (fieldDiff of the two entries as stored), or,
// when the values agree and the bytes do not, that the line was written differently.
import { fieldDiff, parseJson } from '../../../lib/field-diff';
import { VisibleText } from '../../../ui/VisibleText';
import { rawLineText } from '../EntryDetail';
import { useCompareEntry } from './useLedgerCompare';

export function CompareEntryDiff({
  a,
  b,
  index,
  inA,
  inB,
}: {
  a: string;
  b: string;
  index: number;
  inA: boolean;
  inB: boolean;
}) {
  const ea = useCompareEntry(a, index, inA);
  const eb = useCompareEntry(b, index, inB);
  let body;
  if (!inA || !inB)
    body = (
      <p>
        Only {inA ? 'A' : 'B'} has entry #{index}: the other copy ends before it.
      </p>
    );
  else if (ea.isError || eb.isError) body = <p role="alert">Could not read entry #{index} of both copies.</p>;
  else if (!ea.data || !eb.data) body = <p className="muted">Loading entry #{index} of both copies…</p>;
  else {
    const rawA = rawLineText(ea.data.raw);
    const rawB = rawLineText(eb.data.raw);
    const changes = fieldDiff(parseJson(ea.data.stored), parseJson(eb.data.stored));
    if (rawA === rawB && ea.data.rawBytes === eb.data.rawBytes)
      body = <p className="muted">Entry #{index} is the same line in both copies.</p>;
    else if (changes.length === 0)
      body = (
        <p>
          Same values, written differently: the lines differ byte for byte (spacing, escapes, key order or
          number forms).
        </p>
      );
    else
      body = (
        <table className="compare-fields" aria-label={`Fields of entry ${index} that differ`}>
          <thead>
            <tr>
              <th scope="col">field</th>
              <th scope="col">A</th>
              <th scope="col">B</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.path} className={`compare-fields__${c.kind}`}>
                <th scope="row" className="mono">
                  <VisibleText text={c.path || '(whole entry)'} />
                </th>
                <td className="mono">{c.a === undefined ? '—' : <VisibleText text={c.a} />}</td>
                <td className="mono">{c.b === undefined ? '—' : <VisibleText text={c.b} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
  return (
    <section className="compare-entry" aria-label={`Entry ${index} in both copies`}>
      <h4 className="detail__section">Entry #{index}: A against B</h4>
      {body}
    </section>
  );
}
