// The renderer's Content-Security-Policy, one definition for both hosts: the Electron window
// (response header via session.webRequest, plus the page's own meta tag) and `penin serve`
// (response header). No inline or remote script, no eval, no plugins, no framing.

export interface CspOptions {
  /** Extra connect-src sources, e.g. the serve mode's ws://127.0.0.1:PORT. */
  connect?: readonly string[];
  /** Vite dev server: its HMR client needs inline module preambles and a WebSocket. */
  dev?: boolean;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const dev = options.dev === true;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    // Charting libraries set style attributes; styles cannot run code.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': [
      "'self'",
      ...(options.connect ?? []),
      ...(dev ? ['ws://localhost:*', 'ws://127.0.0.1:*'] : []),
    ],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
    'frame-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
