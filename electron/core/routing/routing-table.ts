// The routing table an operator reads: every configured provider (active or not, and why not) and,
// for every model, the providers that serve it in the order the policy tries them. Built by the
// same providersByModel as CandidateTable, which routes; this one only describes.
import type { RoutingTable } from '../../../shared/domain';
import { providersByModel } from './candidates';
import type { Config } from '../config/config';
import type { ProviderStatus } from '../providers/registry';

export function routingTable(config: Config, status: readonly ProviderStatus[]): RoutingTable {
  const state = new Map(status.map((s) => [s.name, s]));
  const active = (provider: string): boolean => state.get(provider)?.active ?? false;
  return {
    policy: config.policy,
    providers: config.providers.map((p) => ({
      name: p.name,
      kind: p.kind,
      baseUrl: p.baseUrl,
      priority: p.priority,
      active: active(p.name),
      note: state.get(p.name)?.note ?? null,
    })),
    models: [...providersByModel(config).entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, list]) => ({
        id,
        candidates: list.map((c) => ({
          provider: c.provider,
          inputPerMTok: c.price.inputPerMTok,
          outputPerMTok: c.price.outputPerMTok,
          active: active(c.provider),
        })),
      })),
  };
}
