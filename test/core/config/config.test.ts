// Config validation and loading (JSON and YAML), the default config, and which providers are active.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../../electron/core/config/config';
import { defaultConfig } from '../../../electron/core/config/default-config';
import { createAdapters, providerStatus } from '../../../electron/core/providers/registry';

const dir = mkdtempSync(join(tmpdir(), 'penin-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minimal = {
  dailyLimitUsd: 5,
  providers: [
    {
      name: 'local',
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:11434/v1',
      models: [{ id: 'llama3', inputPerMTok: 0, outputPerMTok: 0 }],
    },
  ],
};

function errorOf(value: unknown): string {
  try {
    parseConfig(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseConfig', () => {
  it('fills defaults for the optional sections', () => {
    const c = parseConfig(minimal);
    expect(c).toMatchObject({
      timeZone: 'UTC',
      policy: 'priority',
      cache: { maxEntries: 1000, ttlSeconds: 3600 },
      breaker: { failureThreshold: 5, timeoutMs: 60_000, successThreshold: 2, halfOpenMaxCalls: 1 },
    });
    expect(c.providers[0]).toMatchObject({ priority: 100, timeoutMs: 30_000 });
  });

  it('names the path of each bad field', () => {
    const bad = structuredClone(minimal) as {
      providers: { models: { inputPerMTok: number }[]; kind: string }[];
    } & Record<string, unknown>;
    bad.providers[0].models[0].inputPerMTok = -1;
    bad.providers[0].kind = 'gemini';
    const msg = errorOf(bad);
    expect(msg).toMatch(/providers\[0\]\.models\[0\]\.inputPerMTok: a price cannot be negative/);
    expect(msg).toMatch(/providers\[0\]\.kind:/);
  });

  it.each([
    ['a missing daily limit', { providers: [] }, /dailyLimitUsd/],
    [
      'an unknown time zone',
      { ...minimal, timeZone: 'Mars/Olympus' },
      /timeZone: expected an IANA time zone/,
    ],
    ['an unknown policy', { ...minimal, policy: 'random' }, /policy/],
    ['an unknown field (typo)', { ...minimal, dailyLimitUSD: 3 }, /dailyLimitUSD/],
    [
      'a non-http baseUrl',
      { ...minimal, providers: [{ ...minimal.providers[0], baseUrl: 'ftp://x' }] },
      /providers\[0\]\.baseUrl: expected an http\(s\) URL/,
    ],
    [
      'a bad key variable name',
      { ...minimal, providers: [{ ...minimal.providers[0], apiKeyEnv: 'sk-123 secret' }] },
      /providers\[0\]\.apiKeyEnv/,
    ],
    [
      'a provider without models',
      { ...minimal, providers: [{ ...minimal.providers[0], models: [] }] },
      /providers\[0\]\.models: a provider needs at least one model/,
    ],
    [
      'duplicate provider names',
      { ...minimal, providers: [minimal.providers[0], minimal.providers[0]] },
      /providers\[1\]\.name: duplicate provider name "local"/,
    ],
    ['a zero cache size', { ...minimal, cache: { maxEntries: 0 } }, /cache\.maxEntries/],
  ])('rejects %s', (_what, value, pattern) => {
    expect(errorOf(value)).toMatch(pattern);
  });
});

describe('loadConfigFile', () => {
  it('reads YAML', () => {
    const path = join(dir, 'penin.yaml');
    writeFileSync(
      path,
      `dailyLimitUsd: 2.5
policy: cheapest
providers:
  - name: local
    kind: openai
    baseUrl: http://127.0.0.1:8000/v1
    models:
      - { id: m, inputPerMTok: 1, outputPerMTok: 2 }
`,
    );
    expect(loadConfigFile(path)).toMatchObject({ dailyLimitUsd: 2.5, policy: 'cheapest' });
  });

  it('reads JSON, and says which file and field are wrong', () => {
    const path = join(dir, 'penin.json');
    writeFileSync(path, JSON.stringify({ ...minimal, dailyLimitUsd: -1 }));
    expect(() => loadConfigFile(path)).toThrow(/config file .*penin\.json is invalid:\n {2}dailyLimitUsd:/);
  });

  it('says so when the file is not JSON / YAML or is missing', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ "dailyLimitUsd": ');
    expect(() => loadConfigFile(path)).toThrow(/is not valid JSON/);
    const yaml = join(dir, 'broken.yaml');
    writeFileSync(yaml, 'a: [1, 2\n');
    expect(() => loadConfigFile(yaml)).toThrow(/is not valid YAML/);
    expect(() => loadConfigFile(join(dir, 'absent.yaml'))).toThrow(/cannot read config file/);
  });
});

describe('default config', () => {
  it('is valid, covers OpenAI, Anthropic, Mistral, DeepSeek and Groq, and activates a provider only with its key', () => {
    const c = defaultConfig();
    expect(c.providers.map((p) => p.name)).toEqual(['openai', 'anthropic', 'mistral', 'deepseek', 'groq']);
    for (const p of c.providers)
      for (const m of p.models) expect(m.inputPerMTok + m.outputPerMTok).toBeGreaterThan(0);
    expect(providerStatus(c, {}).every((s) => !s.active)).toBe(true);
    const env = { ANTHROPIC_API_KEY: 'sk-ant', GROQ_API_KEY: '  ' };
    expect(
      providerStatus(c, env)
        .filter((s) => s.active)
        .map((s) => s.name),
    ).toEqual(['anthropic']);
    expect(providerStatus(c, env).find((s) => s.name === 'groq')?.note).toBe('set GROQ_API_KEY');
    const adapters = createAdapters(c, env);
    expect([...adapters.keys()]).toEqual(['anthropic']);
    for (const a of adapters.values()) a.close();
  });
});
