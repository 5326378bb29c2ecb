// Which providers can serve a model, in the order the routing policy tries them.
// Built once from the config; looking a model up on the hot path is a Map get.
import type { Config, ModelPrice } from '../config/config';
import type { ProviderAdapter } from '../providers/provider-adapter';

/** A provider that serves a model, with its adapter: what the router calls. */
export interface Candidate extends Listed {
  adapter: ProviderAdapter;
}

/** A provider that serves a model at `price`, with what the policy order looks at. */
export interface Listed {
  provider: string;
  price: ModelPrice;
  /** The provider's configured priority (lower first) and its position in the config (ties). */
  priority: number;
  index: number;
}

/**
 * Every model of the providers `keep` accepts (default: all), each with its providers in the
 * order the routing policy tries them. The router (CandidateTable) and the routing table the
 * console shows (routing-table.ts) are both built from this.
 */
export function providersByModel(
  config: Config,
  keep: (provider: string) => boolean = () => true,
): Map<string, Listed[]> {
  const byModel = new Map<string, Listed[]>();
  config.providers.forEach((p, index) => {
    if (!keep(p.name)) return;
    for (const price of p.models) {
      const list = byModel.get(price.id) ?? [];
      list.push({ provider: p.name, price, priority: p.priority, index });
      byModel.set(price.id, list);
    }
  });
  for (const list of byModel.values()) list.sort(policyOrder(config.policy));
  return byModel;
}

export class CandidateTable {
  private readonly byModel = new Map<string, Candidate[]>();

  /** Only providers with an adapter (the active ones) become candidates. */
  constructor(config: Config, adapters: ReadonlyMap<string, ProviderAdapter>) {
    for (const [model, list] of providersByModel(config, (name) => adapters.has(name))) {
      this.byModel.set(
        model,
        list.flatMap((c) => {
          const adapter = adapters.get(c.provider);
          return adapter ? [{ ...c, adapter }] : [];
        }),
      );
    }
  }

  /** Candidates for a model in policy order; empty if no active provider serves it. */
  for(model: string): readonly Candidate[] {
    return this.byModel.get(model) ?? [];
  }

  /** Every model some active provider serves, with the provider that is tried first. */
  models(): { id: string; ownedBy: string }[] {
    return [...this.byModel.entries()]
      .map(([id, list]) => ({ id, ownedBy: list[0].provider }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** The order in which the routing policy tries a model's candidates. */
function policyOrder(policy: Config['policy']): (a: Listed, b: Listed) => number {
  return policy === 'cheapest' ? byPrice : byPriority;
}

function byPriority(a: Listed, b: Listed): number {
  return a.priority - b.priority || a.index - b.index;
}

function byPrice(a: Listed, b: Listed): number {
  const pa = a.price.inputPerMTok + a.price.outputPerMTok;
  const pb = b.price.inputPerMTok + b.price.outputPerMTok;
  return pa - pb || byPriority(a, b);
}
