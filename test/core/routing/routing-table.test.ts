// The routing table the console shows: every configured provider, and per model the providers in
// the order the router itself tries them (the same policy order as CandidateTable).
import { describe, expect, it } from 'vitest';
import { CandidateTable } from '../../../electron/core/routing/candidates';
import { parseConfig, type Config } from '../../../electron/core/config/config';
import { createAdapters, providerStatus } from '../../../electron/core/providers/registry';
import { routingTable } from '../../../electron/core/routing/routing-table';

function config(policy: 'priority' | 'cheapest'): Config {
  return parseConfig({
    dailyLimitUsd: 10,
    policy,
    providers: [
      {
        name: 'pricey',
        kind: 'openai',
        baseUrl: 'https://pricey.example/v1',
        apiKeyEnv: 'PRICEY_KEY',
        priority: 1,
        models: [
          { id: 'shared', inputPerMTok: 5, outputPerMTok: 15 },
          { id: 'only-pricey', inputPerMTok: 1, outputPerMTok: 1 },
        ],
      },
      {
        name: 'cheap',
        kind: 'anthropic',
        baseUrl: 'https://cheap.example/v1',
        apiKeyEnv: 'CHEAP_KEY',
        priority: 2,
        models: [{ id: 'shared', inputPerMTok: 0.5, outputPerMTok: 1.5 }],
      },
      {
        name: 'local',
        kind: 'openai',
        baseUrl: 'http://127.0.0.1:11434/v1',
        priority: 3,
        models: [{ id: 'shared', inputPerMTok: 0, outputPerMTok: 0 }],
      },
    ],
  });
}

const env = { PRICEY_KEY: 'k' }; // cheap has no key; local needs none

describe('routingTable', () => {
  it('lists every provider, inactive ones with what to set', () => {
    const cfg = config('priority');
    const t = routingTable(cfg, providerStatus(cfg, env));
    expect(t.policy).toBe('priority');
    expect(t.providers).toEqual([
      {
        name: 'pricey',
        kind: 'openai',
        baseUrl: 'https://pricey.example/v1',
        priority: 1,
        active: true,
        note: null,
      },
      {
        name: 'cheap',
        kind: 'anthropic',
        baseUrl: 'https://cheap.example/v1',
        priority: 2,
        active: false,
        note: 'set CHEAP_KEY',
      },
      {
        name: 'local',
        kind: 'openai',
        baseUrl: 'http://127.0.0.1:11434/v1',
        priority: 3,
        active: true,
        note: null,
      },
    ]);
    expect(t.models.map((m) => m.id)).toEqual(['only-pricey', 'shared']);
  });

  it.each(['priority', 'cheapest'] as const)(
    'orders candidates as the router tries them (%s), inactive ones in place but marked',
    (policy) => {
      const cfg = config(policy);
      const t = routingTable(cfg, providerStatus(cfg, env));
      const shared = t.models.find((m) => m.id === 'shared');
      expect(shared?.candidates.map((c) => c.provider)).toEqual(
        policy === 'priority' ? ['pricey', 'cheap', 'local'] : ['local', 'cheap', 'pricey'],
      );
      expect(shared?.candidates.find((c) => c.provider === 'cheap')).toEqual({
        provider: 'cheap',
        inputPerMTok: 0.5,
        outputPerMTok: 1.5,
        active: false,
      });
      // The active ones come in exactly the router's order.
      const routed = new CandidateTable(cfg, createAdapters(cfg, env)).for('shared').map((c) => c.provider);
      expect(shared?.candidates.filter((c) => c.active).map((c) => c.provider)).toEqual(routed);
    },
  );

  it('says so when no provider is configured', () => {
    const cfg = parseConfig({ dailyLimitUsd: 1, providers: [] });
    expect(routingTable(cfg, providerStatus(cfg, {}))).toEqual({
      policy: 'priority',
      providers: [],
      models: [],
    });
  });
});
