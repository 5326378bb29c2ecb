// The routing table an operator reads: every configured provider (active or not, and why not) and,
// for every model, the providers that serve it in the order the policy tries them. Built from the
// same config and the same policy order as CandidateTable, which routes; this one only describes.
import type { RoutingTable } from '../../shared/domain';
import { policyOrder, type Ordered } from './candidates';
import type { Config } from './config';
import type { ProviderStatus } from './providers/registry';

export function routingTable(config: Config, status: readonly ProviderStatus[]): RoutingTable {
  const active = new Map(status.map((s) => [s.name, s]));
  const byModel = new Map<string, (Ordered & { provider: string })[]>();
  config.providers.forEach((p, index) => {
    for (const price of p.models) {
      const list = byModel.get(price.id) ?? [];
      list.push({ provider: p.name, price, priority: p.priority, index });
      byModel.set(price.id, list);
    }
  });
  const order = policyOrder(config.policy);
  return {
    policy: config.policy,
    providers: config.providers.map((p) => ({
      name: p.name,
      kind: p.kind,
      baseUrl: p.baseUrl,
      priority: p.priority,
      active: active.get(p.name)?.active ?? false,
      note: active.get(p.name)?.note ?? null,
    })),
    models: [...byModel.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, list]) => ({
        id,
        candidates: [...list].sort(order).map((c) => ({
          provider: c.provider,
          inputPerMTok: c.price.inputPerMTok,
          outputPerMTok: c.price.outputPerMTok,
          active: active.get(c.provider)?.active ?? false,
        })),
      })),
  };
}
