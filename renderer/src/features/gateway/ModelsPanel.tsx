// Per model, the providers the router tries, in its policy's order, and which of them it skips
// right now: no API key, or an open breaker.
import type { BreakerSnapshot, RoutingTable } from '../../../../shared/domain';
import { formatPrice } from '../../lib/format';
import { Panel } from '../../ui/Panel';
import { EmptyState } from '../../ui/States';

const POLICY: Record<RoutingTable['policy'], string> = {
  priority: 'Providers are tried in priority order (lowest first)',
  cheapest: 'Providers are tried cheapest first (input + output price per million tokens)',
};

/** Why the router would skip this candidate now, or null when it would try it. */
function skipReason(active: boolean, breaker: BreakerSnapshot | undefined): string | null {
  if (!active) return 'no API key';
  if (breaker?.state === 'open') return 'breaker open';
  return null;
}

type ModelRoute = RoutingTable['models'][number];

function RoutesTable({
  models,
  breakers,
}: {
  models: ModelRoute[];
  breakers: ReadonlyMap<string, BreakerSnapshot>;
}) {
  return (
    <table className="mini-table routes">
      <thead>
        <tr>
          <th className="routes__model">Model</th>
          <th>Tried in this order (USD per million input / output tokens)</th>
        </tr>
      </thead>
      <tbody>
        {models.map((m) => (
          <tr key={m.id} aria-label={m.id}>
            <td className="mono">{m.id}</td>
            <td>
              <ol className="routes__list">
                {m.candidates.map((c) => {
                  const skip = skipReason(c.active, breakers.get(c.provider));
                  return (
                    <li
                      key={c.provider}
                      className={skip ? 'routes__cand routes__cand--skipped' : 'routes__cand'}
                    >
                      <span className="routes__provider">{c.provider}</span>
                      <span className="muted">
                        {formatPrice(c.inputPerMTok)} / {formatPrice(c.outputPerMTok)}
                      </span>
                      {skip ? <span className="routes__skip">skipped: {skip}</span> : null}
                    </li>
                  );
                })}
              </ol>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelsPanel({
  table,
  breakers,
}: {
  table: RoutingTable;
  breakers: readonly BreakerSnapshot[];
}) {
  const byName = new Map(breakers.map((b) => [b.provider, b]));
  // Served models first; those no active provider serves (their key is not set) folded away.
  const served = table.models.filter((m) => m.candidates.some((c) => c.active));
  const unserved = table.models.filter((m) => !m.candidates.some((c) => c.active));
  return (
    <Panel
      title="Models"
      subtitle={`${POLICY[table.policy]}; a 5xx, a timeout or a network error falls back to the next.`}
    >
      {table.models.length === 0 ? (
        <EmptyState title="No models configured.">
          Add providers and their models to the config file.
        </EmptyState>
      ) : served.length === 0 ? (
        <EmptyState title="No model is served.">
          None of the configured providers has its API key: set one (see Providers below), then restart.
        </EmptyState>
      ) : (
        <RoutesTable models={served} breakers={byName} />
      )}
      {unserved.length > 0 ? (
        <details className="routes__more">
          <summary>
            {unserved.length} {unserved.length === 1 ? 'model is' : 'models are'} not served: none of
            {unserved.length === 1 ? ' its' : ' their'} providers has its API key
          </summary>
          <RoutesTable models={unserved} breakers={byName} />
        </details>
      ) : null}
    </Panel>
  );
}
