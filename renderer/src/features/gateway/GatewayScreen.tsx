// Gateway: how applications connect, what it does at the budget's limits, which providers serve
// which model in which order, and which providers are configured and usable.
import { BudgetRulesPanel } from './BudgetRulesPanel';
import { ConnectPanel } from './ConnectPanel';
import { ModelsPanel } from './ModelsPanel';
import { ProvidersPanel } from './ProvidersPanel';
import { ErrorState, Loading } from '../../ui/States';
import { useAppInfo } from '../../api/useAppInfo';
import { useBreakers } from '../breakers/useBreakers';
import { useRoutingTable } from './useRoutingTable';
import './gateway.css';

export function GatewayScreen() {
  const app = useAppInfo();
  const routing = useRoutingTable(); // without a running core there is none: the panel above says so
  const breakers = useBreakers();

  if (app.isPending) return <Loading what="the gateway's address" />;
  if (app.isError)
    return <ErrorState error={app.error} what="the gateway's address" onRetry={() => void app.refetch()} />;
  // The snippets name a model the gateway serves, when there is one.
  const models = routing.data?.models ?? [];
  const model = (models.find((m) => m.candidates.some((c) => c.active)) ?? models[0])?.id ?? 'gpt-4o-mini';

  return (
    <div className="screen">
      <ConnectPanel gateway={app.data.gateway} model={model} />
      {app.data.gateway === null ? null : routing.isPending ? (
        <Loading what="the routing table" />
      ) : routing.isError ? (
        <ErrorState error={routing.error} what="the routing table" onRetry={() => void routing.refetch()} />
      ) : (
        <>
          <BudgetRulesPanel />
          <ModelsPanel table={routing.data} breakers={breakers.data ?? []} />
          <ProvidersPanel providers={routing.data.providers} breakers={breakers.data ?? []} />
        </>
      )}
    </div>
  );
}
