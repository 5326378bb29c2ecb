// The entry pane's first word on a broken entry: what the break most likely was, in one sentence,
// with the evidence under it: the fields whose written form changed (`metrics.cost_usd: 1.0 -> 1`),
// the fields whose bytes are not what was hashed, or the bytes the parser stopped at, escaped.
import type { BreakExplanation, ExplainedBreak } from '../../../../../shared/break-explanation';
import { formatInt } from '../../../lib/format';
import { QueryState } from '../../../ui/QueryState';
import { VisibleText } from '../../../ui/VisibleText';
import { BreakBadge } from '../BreakBadge';
import { useBreakExplanations } from './useBreakExplanations';
import './explain.css';

const CHANGE_NAME: Record<string, string> = {
  'float-as-int': 'integral float written as an integer',
  'int-as-float': 'integer written as a float',
  'negative-zero': 'negative zero',
  'big-int-as-float': 'big integer rounded through a float',
  nfc: 'Unicode normalized to NFC',
  nfd: 'Unicode normalized to NFD',
};

/** How far the bounded re-encoding search went: `found` when one reproduced the stored hash. */
function Search({ search, found }: { search: { tried: number; exhausted: boolean }; found: boolean }) {
  const tried = `${formatInt(search.tried)} re-encoding${search.tried === 1 ? '' : 's'}`;
  return (
    <p className="muted small explain__search">
      {found
        ? `Found among ${tried} of the stored entry tried.`
        : search.exhausted
          ? `None of the ${tried} of the bounded search reproduces the stored hash.`
          : `${tried} tried, none reproduces the stored hash; the search budget ran out first.`}
    </p>
  );
}

function FormNotes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <>
      <h5 className="detail__sub">Form differences that do not change the hash</h5>
      <ul className="explain__notes small">
        {notes.map((n, i) => (
          <li key={i}>
            <VisibleText text={n} />
          </li>
        ))}
      </ul>
    </>
  );
}

/** The evidence under the sentence, by cause. */
function Evidence({ e }: { e: BreakExplanation }) {
  switch (e.cause) {
    case 're-encoded':
      return (
        <>
          <h5 className="detail__sub">
            Written form changed, values unchanged (reproduces the stored{' '}
            {e.matched === 'current_hash' ? 'current_hash' : 'hash the next entry links to'})
          </h5>
          <ul className="explain__changes" aria-label="Form changes">
            {e.changes.map((c, i) => (
              <li key={`${c.path}-${i}`} className="mono">
                <span className="explain__path">
                  <VisibleText text={c.path} />
                  {c.key ? ' (key)' : ''}
                </span>
                {': '}
                <code className="explain__was">
                  <VisibleText text={c.original} />
                </code>
                {' -> '}
                <code className="explain__now">
                  <VisibleText text={c.stored} />
                </code>
                <span className="muted small"> {CHANGE_NAME[c.change] ?? c.change}</span>
              </li>
            ))}
          </ul>
          <Search search={e.search} found />
          <FormNotes notes={e.formNotes} />
        </>
      );
    case 'value-changed':
      return (
        <>
          {e.fields.length > 0 ? (
            <>
              <h5 className="detail__sub">Fields whose stored bytes are not what was hashed</h5>
              <table className="explain__fields" aria-label="Changed fields">
                <thead>
                  <tr>
                    <th scope="col">field</th>
                    <th scope="col">byte</th>
                    <th scope="col">stored</th>
                    <th scope="col">as hashed (json.dumps)</th>
                  </tr>
                </thead>
                <tbody>
                  {e.fields.map((f) => (
                    <tr key={`${f.field}-${f.offset}`}>
                      <th scope="row" className="mono">
                        <VisibleText text={f.field} />
                      </th>
                      <td className="mono">{formatInt(f.offset)}</td>
                      <td className="mono explain__now">
                        <VisibleText text={f.stored} />
                      </td>
                      <td className="mono explain__was">
                        <VisibleText text={f.canonical} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
          {e.lossy.length > 0 ? (
            <p className="small">
              Rounded through a 64-bit float, original digits lost:{' '}
              {e.lossy.map((l, i) => (
                <span key={l.path} className="mono">
                  {i > 0 ? ', ' : ''}
                  <VisibleText text={`${l.path}: ${l.stored}`} />
                </span>
              ))}
            </p>
          ) : null}
          <Search search={e.search} found={false} />
          <FormNotes notes={e.formNotes} />
        </>
      );
    case 'hash-field-changed':
      return (
        <p className="small">
          The values hash to <code className="mono hash">{e.recomputed}</code>.
        </p>
      );
    case 'parse':
      return (
        <>
          <h5 className="detail__sub">
            {e.byte === null ? 'The bytes were not kept' : `Byte ${formatInt(e.byte)}: `}
            {e.byte === null ? '' : <VisibleText text={e.met} />}
          </h5>
          <pre className="json explain__context" aria-label="Bytes around the stop">
            <VisibleText text={e.context} />
          </pre>
        </>
      );
    default:
      return null;
  }
}

/** The kinds of break main explains (the hash chain's own; signature findings speak for themselves). */
const EXPLAINABLE = new Set<string>(['parse', 'content', 'link', 'torn_tail']);
export const hasExplainable = (breaks: readonly { kind: string }[]): boolean =>
  breaks.some((b) => EXPLAINABLE.has(b.kind));

export function ExplanationList({ breaks }: { breaks: ExplainedBreak[] }) {
  const explained = breaks.filter((b) => b.explanation !== undefined);
  if (explained.length === 0)
    return <p className="muted small">No explanation could be worked out for this break.</p>;
  return (
    <>
      {explained.map((b, i) =>
        b.explanation ? (
          <div key={`${b.kind}-${i}`} className={`explain explain--${b.explanation.cause}`}>
            <p className="explain__text">
              <BreakBadge kind={b.kind} /> <VisibleText text={b.explanation.text} />
            </p>
            <Evidence e={b.explanation} />
          </div>
        ) : null,
      )}
    </>
  );
}

/** The explanations of entry `index`'s breaks, fetched from main. */
export function BreakExplanations({ sessionId, index }: { sessionId: string; index: number }) {
  const q = useBreakExplanations(sessionId, index);
  return (
    <section className="explain-pane" aria-label="What happened here">
      <h4 className="detail__section">What happened here</h4>
      <QueryState query={q} what="the explanation">
        {(breaks) => <ExplanationList breaks={breaks} />}
      </QueryState>
    </section>
  );
}
