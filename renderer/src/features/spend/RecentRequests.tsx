// The last requests the gateway recorded, newest first: what each asked for, who served it, how
// it ended, what it cost and how long it took. Refusals and failures say why.
import type { RecentRequest, RequestOutcome } from '../../../../shared/domain';
import { formatClockSeconds, formatCost, formatInt, formatLatency } from '../../lib/format';
import { visibleText } from '../../ui/visible-text';
import { VisibleText } from '../../ui/VisibleText';

const OUTCOME: Record<RequestOutcome, { label: string; tone: string }> = {
  served: { label: 'Served', tone: 'ok' },
  cached: { label: 'Cache hit', tone: 'neutral' },
  refused: { label: 'Refused', tone: 'warn' },
  failed: { label: 'Failed', tone: 'bad' },
};

function tokens(r: RecentRequest): string {
  const none = !r.promptTokens && !r.completionTokens;
  // Nothing generated for this request (a cache hit, a refusal, a failure): no tokens to show.
  if (none && r.outcome !== 'served') return '—';
  return `${formatInt(r.promptTokens ?? 0)} → ${formatInt(r.completionTokens ?? 0)}`;
}

/** How the summary counts each outcome that is not plainly served. */
const COUNTED: readonly [RequestOutcome, string, string][] = [
  ['cached', 'cache hit', 'cache hits'],
  ['refused', 'refused', 'refused'],
  ['failed', 'failed', 'failed'],
];

/** "50 requests · 10 cache hits · 3 refused · 1 failed" */
export function requestsSummary(list: readonly RecentRequest[]): string {
  const parts = [`${formatInt(list.length)} ${list.length === 1 ? 'request' : 'requests'}`];
  for (const [outcome, one, many] of COUNTED) {
    const n = list.filter((r) => r.outcome === outcome).length;
    if (n > 0) parts.push(`${formatInt(n)} ${n === 1 ? one : many}`);
  }
  return parts.join(' · ');
}

export function RecentRequests({
  requests,
  onFind,
}: {
  requests: readonly RecentRequest[];
  /** Shows a request's ledger entry (by its decision_id); absent where that cannot be done. */
  onFind?: (decisionId: string) => void;
}) {
  return (
    <div className="recent">
      <p className="muted small recent__summary">{requestsSummary(requests)}</p>
      <div className="recent__scroll">
        <table className="mini-table recent__table">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Model</th>
              <th scope="col">Provider</th>
              <th scope="col">Outcome</th>
              <th scope="col" className="num">
                Tokens in → out
              </th>
              <th scope="col" className="num">
                Cost
              </th>
              <th scope="col" className="num">
                Latency
              </th>
              <th scope="col">Detail</th>
              {onFind ? (
                <th scope="col">
                  <span className="sr-only">Ledger entry</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => {
              const o = OUTCOME[r.outcome];
              const detail =
                r.outcome === 'refused' || r.outcome === 'failed'
                  ? r.reason
                  : [r.stream ? 'streamed' : null, r.attempts > 1 ? `${r.attempts} attempts` : null]
                      .filter((x) => x !== null)
                      .join(', ');
              return (
                <tr key={r.decisionId} data-outcome={r.outcome}>
                  <td className="mono">{formatClockSeconds(r.at)}</td>
                  <td className="mono">{r.model !== null ? <VisibleText text={r.model} /> : '—'}</td>
                  <td>{r.provider !== null ? <VisibleText text={r.provider} /> : '—'}</td>
                  <td>
                    <span className={`pill pill--${o.tone}`}>{o.label}</span>
                  </td>
                  <td className="num">{tokens(r)}</td>
                  <td className="num">{r.costUsd === null ? '—' : formatCost(r.costUsd)}</td>
                  <td className="num">{formatLatency(r.latencyMs)}</td>
                  <td
                    className="recent__detail"
                    title={`${visibleText(r.reason)}\nledger decision_id ${visibleText(r.decisionId)}`}
                  >
                    <VisibleText text={detail} />
                  </td>
                  {onFind ? (
                    <td>
                      <button
                        type="button"
                        className="btn btn--ghost btn--small"
                        onClick={() => onFind(r.decisionId)}
                        aria-label={`Find the ${formatClockSeconds(r.at)} ${r.model ?? 'unnamed-model'} request in the ledger`}
                        title={`Show its ledger entry (decision_id ${r.decisionId})`}
                      >
                        Ledger ›
                      </button>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
