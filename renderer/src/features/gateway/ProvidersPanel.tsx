// Every configured provider: where it is, its priority, and whether the gateway can use it now.
import type { BreakerSnapshot, ProviderRoute } from '../../../../shared/domain';
import { BreakerStatePill } from '../breakers/BreakerStatePill';
import { Panel } from '../../ui/Panel';
import { EmptyState } from '../../ui/States';

export function ProvidersPanel({
  providers,
  breakers,
}: {
  providers: readonly ProviderRoute[];
  breakers: readonly BreakerSnapshot[];
}) {
  const byName = new Map(breakers.map((b) => [b.provider, b]));
  const active = providers.filter((p) => p.active).length;
  return (
    <Panel title="Providers" subtitle={`${providers.length} configured · ${active} active`}>
      {providers.length === 0 ? (
        <EmptyState title="No providers configured.">
          Add providers to the config file (or start with <code>penin serve --demo</code>), then restart.
        </EmptyState>
      ) : (
        <table className="mini-table">
          <thead>
            <tr>
              <th>Provider</th>
              <th>API</th>
              <th>Base URL</th>
              <th className="num">Priority</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => {
              const b = byName.get(p.name);
              return (
                <tr key={p.name} aria-label={p.name}>
                  <td>{p.name}</td>
                  <td>{p.kind === 'anthropic' ? 'Anthropic Messages' : 'OpenAI-compatible'}</td>
                  <td className="mono">{p.baseUrl}</td>
                  <td className="num">{p.priority}</td>
                  <td>
                    {!p.active ? (
                      <>
                        <span className="pill pill--neutral">Inactive</span>{' '}
                        <span className="muted small">{p.note}</span>
                      </>
                    ) : b ? (
                      <BreakerStatePill state={b.state} forced={b.forcedOpen} />
                    ) : (
                      <span className="pill pill--ok">Active</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
