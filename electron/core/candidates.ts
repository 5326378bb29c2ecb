// Which providers can serve a model, in the order the routing policy tries them.
// Built once from the config; looking a model up on the hot path is a Map get.
import type { Config, ModelPrice } from './config';
import type { ProviderAdapter } from './providers/types';

export interface Candidate {
  provider: string;
  adapter: ProviderAdapter;
  price: ModelPrice;
  /** The provider's configured priority (lower first) and its position in the config (ties). */
  priority: number;
  index: number;
}

export class CandidateTable {
  private readonly byModel = new Map<string, Candidate[]>();

  /** Only providers with an adapter (the active ones) become candidates. */
  constructor(config: Config, adapters: ReadonlyMap<string, ProviderAdapter>) {
    const order = config.providers.map((p, index) => ({ p, index })).filter(({ p }) => adapters.has(p.name));
    for (const { p, index } of order) {
      const adapter = adapters.get(p.name);
      if (!adapter) continue;
      for (const price of p.models) {
        const list = this.byModel.get(price.id) ?? [];
        list.push({ provider: p.name, adapter, price, priority: p.priority, index });
        this.byModel.set(price.id, list);
      }
    }
    for (const list of this.byModel.values()) list.sort(policyOrder(config.policy));
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

/** What the policy order looks at: the provider's priority and config position, the model's price. */
export interface Ordered {
  price: ModelPrice;
  priority: number;
  index: number;
}

/** The order in which the routing policy tries a model's candidates. */
export function policyOrder(policy: Config['policy']): (a: Ordered, b: Ordered) => number {
  return policy === 'cheapest' ? byPrice : byPriority;
}

function byPriority(a: Ordered, b: Ordered): number {
  return a.priority - b.priority || a.index - b.index;
}

function byPrice(a: Ordered, b: Ordered): number {
  const pa = a.price.inputPerMTok + a.price.outputPerMTok;
  const pb = b.price.inputPerMTok + b.price.outputPerMTok;
  return pa - pb || byPriority(a, b);
}
