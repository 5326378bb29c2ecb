// The layer rule (eslint.layers.js) is what `npm run check` runs: an import that points up a
// layer, or sideways to a peer, fails ESLint; each allowed direction passes. The files linted here
// are virtual (lintText with a path inside the layer), their imports real modules of the tree.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function layerErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('boundaries/')).map((m) => m.message);
}

/** [file the import is written in, module it imports, the error, or null when it is allowed] */
const cases: [string, string, string | null][] = [
  // The ledger knows nothing above it, above all not the IPC contract nor the core.
  ['electron/ledger/x.ts', '../../shared/ipc/contract', 'the ledger layer may not import the contract layer'],
  ['electron/ledger/x.ts', '../core/core', 'the ledger layer may not import the core-root layer'],
  ['electron/ledger/x.ts', '../../shared/domain', null],
  // The core's folders only point down, and peers do not import each other.
  [
    'electron/core/model/x.ts',
    '../routing/router',
    'the core-model layer may not import the core-routing layer',
  ],
  [
    'electron/core/budget/x.ts',
    '../breakers/breaker',
    'the core-budget layer may not import the core-breakers layer',
  ],
  [
    'electron/core/budget/x.ts',
    '../../../shared/ipc/contract',
    'the core-budget layer may not import the contract layer',
  ],
  ['electron/core/routing/x.ts', '../budget/budget', null],
  ['electron/core/x.ts', '../app/handlers', 'the core-root layer may not import the app layer'],
  // The app serves both shells; it imports neither.
  ['electron/app/x.ts', '../serve/ui-server', 'the app layer may not import the serve layer'],
  ['electron/serve/x.ts', '../shell/security', 'the serve layer may not import the shell layer'],
  ['electron/serve/x.ts', '../app/handlers', null],
  // shared/ is the bottom: shared code main and the renderer both use.
  ['shared/x.ts', './ipc/contract', 'the shared layer may not import the contract layer'],
  // The contract sits above the core so the core cannot see it, not so it can see the core.
  ['shared/ipc/x.ts', '../../electron/core/core', 'the contract layer may not import the core-root layer'],
  // The renderer reaches main through the contract only; inside it, ui and api do not know features.
  [
    'renderer/src/ui/x.ts',
    '../features/spend/useBudget',
    'the renderer-ui layer may not import the renderer-features layer',
  ],
  ['renderer/src/api/x.ts', '../ui/Panel', 'the renderer-api layer may not import the renderer-ui layer'],
  [
    'renderer/src/features/spend/x.ts',
    '../../../../electron/ipc/public-error',
    'the renderer-features layer may not import the ipc layer',
  ],
  ['renderer/src/features/spend/x.ts', '../../../../shared/ipc/contract', null],
];

describe('layers (eslint.layers.js)', () => {
  it.each(cases)('%s importing %s', async (file, target, error) => {
    const errors = await layerErrors(file, `import * as m from '${target}';\nexport const z = m;\n`);
    if (error === null) expect(errors).toEqual([]);
    else expect(errors).toEqual([expect.stringContaining(error)]);
  });

  it('a type-only import is held to the same layers', async () => {
    const errors = await layerErrors(
      'electron/ledger/x.ts',
      "import type { Channels } from '../../shared/ipc/contract';\nexport type Z = Channels;\n",
    );
    expect(errors).toEqual([expect.stringContaining('may not import the contract layer')]);
  });

  it('only electron/shell/ loads electron; the app may name its types', async () => {
    const [ipc] = await eslint.lintText("import { ipcMain } from 'electron';\nexport const z = ipcMain;\n", {
      filePath: 'electron/ipc/x.ts',
    });
    expect(ipc?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const [app] = await eslint.lintText(
      "import type { MenuItem } from 'electron';\nexport type Z = MenuItem;\n",
      {
        filePath: 'electron/app/x.ts',
      },
    );
    expect(app?.messages).toEqual([]);
    const [appValue] = await eslint.lintText("import { Menu } from 'electron';\nexport const z = Menu;\n", {
      filePath: 'electron/app/x.ts',
    });
    expect(appValue?.messages.map((m) => m.ruleId)).toContain('@typescript-eslint/no-restricted-imports');
  });

  it('a file under electron/ that belongs to no layer fails', async () => {
    const errors = await layerErrors('electron/stray.ts', 'export const z = 1;\n');
    expect(errors.length).toBe(1);
  });
});
