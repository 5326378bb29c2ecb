// The configuration used when none is given: real providers with their public list prices
// (USD per million tokens, standard tier, as published in late 2025; check before relying on them)
// and each model's output limit (maxOutputTokens: what a request without max_tokens reserves; the
// context length where a provider publishes no separate output limit).
// A provider is active only when its key variable is set (see providers/registry.ts).
import { parseConfig, type Config, type ConfigInput } from './config';

export const defaultConfigInput: ConfigInput = {
  dailyLimitUsd: 10,
  timeZone: 'UTC',
  softLimitMode: 'refuse',
  policy: 'priority',
  cache: { maxEntries: 1000, maxBytes: 64 * 1024 * 1024, ttlSeconds: 3600 },
  breaker: { failureThreshold: 5, timeoutMs: 60_000, successThreshold: 2, halfOpenMaxCalls: 1 },
  providers: [
    {
      name: 'openai',
      kind: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKeyEnv: 'OPENAI_API_KEY',
      priority: 10,
      timeoutMs: 60_000,
      models: [
        { id: 'gpt-5', inputPerMTok: 1.25, outputPerMTok: 10, maxOutputTokens: 128_000 },
        { id: 'gpt-5-mini', inputPerMTok: 0.25, outputPerMTok: 2, maxOutputTokens: 128_000 },
        { id: 'gpt-5-nano', inputPerMTok: 0.05, outputPerMTok: 0.4, maxOutputTokens: 128_000 },
        { id: 'gpt-4.1', inputPerMTok: 2, outputPerMTok: 8, maxOutputTokens: 32_768 },
        { id: 'gpt-4.1-mini', inputPerMTok: 0.4, outputPerMTok: 1.6, maxOutputTokens: 32_768 },
        { id: 'gpt-4o', inputPerMTok: 2.5, outputPerMTok: 10, maxOutputTokens: 16_384 },
        { id: 'gpt-4o-mini', inputPerMTok: 0.15, outputPerMTok: 0.6, maxOutputTokens: 16_384 },
      ],
    },
    {
      name: 'anthropic',
      kind: 'anthropic',
      baseUrl: 'https://api.anthropic.com/v1',
      apiKeyEnv: 'ANTHROPIC_API_KEY',
      priority: 20,
      timeoutMs: 60_000,
      models: [
        { id: 'claude-opus-4-1', inputPerMTok: 15, outputPerMTok: 75, maxOutputTokens: 32_000 },
        { id: 'claude-sonnet-4-5', inputPerMTok: 3, outputPerMTok: 15, maxOutputTokens: 64_000 },
        { id: 'claude-haiku-4-5', inputPerMTok: 1, outputPerMTok: 5, maxOutputTokens: 64_000 },
        { id: 'claude-3-5-haiku-latest', inputPerMTok: 0.8, outputPerMTok: 4, maxOutputTokens: 8_192 },
      ],
    },
    {
      name: 'mistral',
      kind: 'openai',
      baseUrl: 'https://api.mistral.ai/v1',
      apiKeyEnv: 'MISTRAL_API_KEY',
      priority: 30,
      timeoutMs: 60_000,
      models: [
        { id: 'mistral-large-latest', inputPerMTok: 2, outputPerMTok: 6, maxOutputTokens: 131_072 },
        { id: 'mistral-medium-latest', inputPerMTok: 0.4, outputPerMTok: 2, maxOutputTokens: 131_072 },
        { id: 'mistral-small-latest', inputPerMTok: 0.1, outputPerMTok: 0.3, maxOutputTokens: 131_072 },
        { id: 'codestral-latest', inputPerMTok: 0.3, outputPerMTok: 0.9, maxOutputTokens: 262_144 },
      ],
    },
    {
      name: 'deepseek',
      kind: 'openai',
      baseUrl: 'https://api.deepseek.com/v1',
      apiKeyEnv: 'DEEPSEEK_API_KEY',
      priority: 40,
      timeoutMs: 120_000,
      models: [
        { id: 'deepseek-chat', inputPerMTok: 0.28, outputPerMTok: 0.42, maxOutputTokens: 8_192 },
        { id: 'deepseek-reasoner', inputPerMTok: 0.28, outputPerMTok: 0.42, maxOutputTokens: 65_536 },
      ],
    },
    {
      name: 'groq',
      kind: 'openai',
      baseUrl: 'https://api.groq.com/openai/v1',
      apiKeyEnv: 'GROQ_API_KEY',
      priority: 50,
      timeoutMs: 30_000,
      models: [
        { id: 'llama-3.3-70b-versatile', inputPerMTok: 0.59, outputPerMTok: 0.79, maxOutputTokens: 32_768 },
        { id: 'llama-3.1-8b-instant', inputPerMTok: 0.05, outputPerMTok: 0.08, maxOutputTokens: 131_072 },
        { id: 'openai/gpt-oss-120b', inputPerMTok: 0.15, outputPerMTok: 0.75, maxOutputTokens: 65_536 },
        { id: 'openai/gpt-oss-20b', inputPerMTok: 0.1, outputPerMTok: 0.5, maxOutputTokens: 65_536 },
      ],
    },
  ],
};

/** A fresh, validated copy of the default configuration. */
export function defaultConfig(): Config {
  return parseConfig(structuredClone(defaultConfigInput), 'default config');
}
