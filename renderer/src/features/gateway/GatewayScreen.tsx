// Gateway: how applications connect, what it does at the budget's limits, which providers serve
// which model in which order, and which providers are configured and usable.
import { BudgetRulesPanel } from './BudgetRulesPanel';
import { ConnectPanel } from './ConnectPanel';
import { ModelsPanel } from './ModelsPanel';
import { ProvidersPanel } from './ProvidersPanel';
import { QueryState } from '../../ui/QueryState';
import { useAppInfo } from '../../api/useAppInfo';
import { useBreakers } from '../breakers/useBreakers';
import { useRoutingTable } from './useRoutingTable';
import './gateway.css';

export function GatewayScreen() {
  const app = useAppInfo();
  const routing = useRoutingTable(); // without a running core there is none: the panel above says so
  const breakers = useBreakers();

  // The snippets name a model the gateway serves, when there is one.
  const models = routing.data?.models ?? [];
  const model = (models.find((m) => m.candidates.some((c) => c.active)) ?? models[0])?.id ?? 'gpt-4o-mini';

  return (
    <QueryState query={app} what="the gateway's address">
      {({ gateway }) => (
        <div className="screen">
          <ConnectPanel gateway={gateway} model={model} />
          {gateway === null ? null : (
            <QueryState query={routing} what="the routing table">
              {(table) => (
                <>
                  <BudgetRulesPanel />
                  <ModelsPanel table={table} breakers={breakers.data ?? []} />
                  <ProvidersPanel providers={table.providers} breakers={breakers.data ?? []} />
                </>
              )}
            </QueryState>
          )}
        </div>
      )}
    </QueryState>
  );
}
