// The architecture as a rule: each layer of the app and what it may import. ESLint
// (eslint-plugin-boundaries) fails `npm run check` on any import that points up or sideways;
// dependency-cruiser (.dependency-cruiser.cjs) fails it on any import cycle. docs/architecture.md
// explains the layers; this file is the one place that says them.
//
// LAYERS runs from the top down. A layer may import itself and any layer below it, never one
// above, and never a peer: the layers grouped in one inner array are peers (budget does not
// import breakers; the headless server does not import the Electron shell).

/** Layer name -> the files it holds (globs from the repository's root). */
export const ELEMENTS = {
  cli: 'electron/cli/**',
  serve: 'electron/serve/**',
  shell: 'electron/shell/**',
  app: 'electron/app/**',
  ipc: 'electron/ipc/**',
  events: 'electron/events/**',
  'core-http': 'electron/core/http/**',
  'core-routing': 'electron/core/routing/**',
  'core-recording': 'electron/core/recording/**',
  'core-fleet': 'electron/core/fleet/**',
  'core-budget': 'electron/core/budget/**',
  'core-breakers': 'electron/core/breakers/**',
  'core-cache': 'electron/core/cache/**',
  'core-providers': 'electron/core/providers/**',
  'core-demo': 'electron/core/demo/**',
  'core-redis': 'electron/core/redis/**',
  'core-model': 'electron/core/model/**',
  'core-config': 'electron/core/config/**',
  'core-secrets': 'electron/core/secrets/**',
  // Last of the core: what no folder above claims is the composition root (core.ts).
  'core-root': 'electron/core',
  ledger: 'electron/ledger/**',
  'renderer-features': 'renderer/src/features/**',
  'renderer-ui': 'renderer/src/ui/**',
  'renderer-api': 'renderer/src/api/**',
  'renderer-lib': 'renderer/src/lib/**',
  'renderer-shell': 'renderer/src/shell/**',
  // What no renderer folder claims (main.tsx, the entry) belongs to the shell.
  'renderer-entry': 'renderer/src',
  // The IPC contract: what main and the renderer say to each other. The ledger and the core
  // never see it; they speak the vocabulary below it (domain, ledger views, budget rules).
  contract: 'shared/ipc/**',
  shared: 'shared/**',
};

/** Top down; an inner array is a set of peers. */
export const LAYERS = [
  'cli',
  ['serve', 'shell'],
  'app',
  'ipc',
  'events',
  // The IPC contract sits above the core: main's IPC side and the renderer speak it; the core and
  // the ledger never do.
  'contract',
  'core-root',
  'core-http',
  'core-routing',
  'core-recording',
  'core-fleet',
  ['core-budget', 'core-breakers', 'core-cache', 'core-providers', 'core-demo'],
  'core-redis',
  'core-model',
  'core-config',
  'core-secrets',
  'ledger',
  'shared',
];

/** The renderer stands apart: it reaches main only through the contract (and the API object in
 * renderer-api that speaks it). Top down, as above; features may use each other's hooks. */
export const RENDERER_LAYERS = [
  'renderer-entry',
  'renderer-shell',
  'renderer-features',
  'renderer-ui',
  ['renderer-api', 'renderer-lib'],
];

/** layer -> [itself, every layer below it]. */
function downward(layers, base = []) {
  const levels = layers.map((l) => (Array.isArray(l) ? l : [l]));
  const allowed = {};
  levels.forEach((peers, i) => {
    const below = levels.slice(i + 1).flat();
    for (const layer of peers) allowed[layer] = [layer, ...below, ...base];
  });
  return allowed;
}

/** What each layer may import. */
export function allowedImports() {
  return {
    ...downward(LAYERS),
    ...downward(RENDERER_LAYERS, ['contract', 'shared']),
    // The contract sits above the core only so the core cannot see it; it imports nothing of main's.
    contract: ['contract', 'shared'],
  };
}

/** The ESLint flat-config block that enforces the layers. */
export function layersConfig(boundaries) {
  const allowed = allowedImports();
  return {
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: 'tsconfig.json' } },
      'boundaries/include': ['electron/**/*', 'shared/**/*', 'renderer/src/**/*'],
      'boundaries/elements': Object.entries(ELEMENTS).map(([type, pattern]) => ({
        type,
        pattern,
        partialMatch: false,
      })),
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: 'the {{from.type}} layer may not import the {{to.type}} layer (eslint.layers.js)',
          policies: [
            { allow: { to: { module: { origin: ['external', 'core'] } } } },
            ...Object.entries(allowed).map(([from, to]) => ({
              from: { element: { type: from } },
              allow: { to: { element: { types: { anyOf: to } } } },
            })),
          ],
        },
      ],
      // Every file under electron/, shared/ and renderer/src/ belongs to a layer.
      'boundaries/no-unknown-files': 'error',
    },
  };
}
