// Help ▸ About and Help ▸ Documentation (when no documentation site is configured): plain text.

export interface AboutFacts {
  appName: string;
  version: string;
  versions: Partial<Record<'electron' | 'chrome' | 'node', string>>;
  gatewayUrl: string | null;
  dataDir: string;
}

export function aboutDetail(f: AboutFacts): string {
  return [
    `Version ${f.version}`,
    `Electron ${f.versions.electron ?? '?'} · Chromium ${f.versions.chrome ?? '?'} · Node ${f.versions.node ?? '?'}`,
    '',
    `Gateway: ${f.gatewayUrl ?? 'not running'}`,
    `Data: ${f.dataDir}`,
  ].join('\n');
}

export function quickStartText(gatewayUrl: string | null, dataDir: string): string {
  return [
    'Point any OpenAI-compatible client at the embedded gateway:',
    `  base URL: ${gatewayUrl === null ? '(the gateway is not running)' : `${gatewayUrl}/v1`}`,
    `  API key:  the token in ${dataDir}/core/gateway-token`,
    '',
    'Every routing decision is appended to the WORM ledger and can be audited with File ▸ Open Ledger…',
    '',
    'Command line: penin verify FILE · penin serve (the console in a browser) · penin help',
    '',
    `Settings: ${dataDir}/config.json (restart to apply).`,
  ].join('\n');
}

/** package.json's `homepage`, when it is an http(s) URL. */
export function documentationUrl(pkg: unknown): string | null {
  if (typeof pkg !== 'object' || pkg === null || !('homepage' in pkg) || typeof pkg.homepage !== 'string')
    return null;
  return /^https?:\/\//.test(pkg.homepage) ? pkg.homepage : null;
}
