// Builds the adapters for the configured providers that are active: a provider is active when it
// needs no key (no apiKeyEnv: local servers such as Ollama) or when its key variable is set.
import type { Config, ProviderConfig } from '../config/config';
import { AnthropicAdapter } from './anthropic';
import { OpenAIAdapter } from './openai';
import type { ProviderAdapter } from './provider-adapter';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProviderStatus {
  name: string;
  kind: ProviderConfig['kind'];
  active: boolean;
  /** Why an inactive provider is off, e.g. "set OPENAI_API_KEY". */
  note: string | null;
}

/** The API key of a provider: null when it needs none, undefined when it needs one that is not set. */
export function apiKeyOf(p: ProviderConfig, env: Env): string | null | undefined {
  if (p.apiKeyEnv === undefined) return null;
  const key = env[p.apiKeyEnv];
  return key === undefined || key.trim() === '' ? undefined : key.trim();
}

export function providerStatus(config: Config, env: Env): ProviderStatus[] {
  return config.providers.map((p) => {
    const active = apiKeyOf(p, env) !== undefined;
    return { name: p.name, kind: p.kind, active, note: active ? null : `set ${p.apiKeyEnv}` };
  });
}

export function createAdapter(p: ProviderConfig, apiKey: string | null): ProviderAdapter {
  return p.kind === 'anthropic' ? new AnthropicAdapter(p, apiKey) : new OpenAIAdapter(p, apiKey);
}

/** Adapters of the active providers, by name. */
export function createAdapters(config: Config, env: Env): Map<string, ProviderAdapter> {
  const out = new Map<string, ProviderAdapter>();
  for (const p of config.providers) {
    const key = apiKeyOf(p, env);
    if (key !== undefined) out.set(p.name, createAdapter(p, key));
  }
  return out;
}
