// `--demo`: two SIMULATED providers on loopback (one OpenAI-wire, one Anthropic-wire) added to the
// config, serving simulated models; one model is served by both, so fallback and breakers show.
import { parseConfig, type Config, type ConfigInput } from '../config/config';
import { SimProvider } from './sim-provider';

export const DEMO_BANNER =
  'DEMO MODE: providers "sim-openai" and "sim-anthropic" and the traffic are SIMULATED on loopback; no real LLM is called.';

/** Models of the simulated providers (prices in the range of real small/large models). */
export const DEMO_MODELS = ['sim-gpt-mini', 'sim-claude', 'sim-shared'] as const;

export interface Demo {
  config: Config;
  sims: SimProvider[];
  close(): Promise<void>;
}

export async function startDemoProviders(base: Config): Promise<Demo> {
  const openai = await SimProvider.start({ name: 'sim-openai', wire: 'openai' });
  const anthropic = await SimProvider.start({ name: 'sim-anthropic', wire: 'anthropic' });
  const providers: ConfigInput['providers'] = [
    {
      name: openai.name,
      kind: 'openai',
      baseUrl: openai.baseUrl,
      priority: 1,
      timeoutMs: 5000,
      models: [
        { id: 'sim-gpt-mini', inputPerMTok: 0.15, outputPerMTok: 0.6 },
        { id: 'sim-shared', inputPerMTok: 1, outputPerMTok: 4 },
      ],
    },
    {
      name: anthropic.name,
      kind: 'anthropic',
      baseUrl: anthropic.baseUrl,
      priority: 2,
      timeoutMs: 5000,
      models: [
        { id: 'sim-claude', inputPerMTok: 3, outputPerMTok: 15 },
        { id: 'sim-shared', inputPerMTok: 1, outputPerMTok: 4 },
      ],
    },
  ];
  const taken = new Set(base.providers.map((p) => p.name));
  for (const p of providers)
    if (taken.has(p.name))
      throw new Error(`the config already has a provider named "${p.name}", which --demo needs`);
  const config = parseConfig({ ...base, providers: [...base.providers, ...providers] }, 'demo config');
  return {
    config,
    sims: [openai, anthropic],
    close: async () => {
      await Promise.all([openai.close(), anthropic.close()]);
    },
  };
}
