import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import { layersConfig } from './eslint.layers.js';

export default tseslint.config(
  {
    // electron/ledger/wasm/canon.ts is AssemblyScript (built by asc), not TypeScript.
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-artifacts/**',
      'bench/out/**',
      'electron/ledger/wasm/canon.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The layers and what each may import: eslint.layers.js.
  layersConfig(boundaries),
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only electron/shell/ is Electron: everything else in main is a plain Node module, tested
    // under Node. The app layer may name Electron's types (a menu template), never load it.
    files: ['electron/**'],
    ignores: ['electron/shell/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'only electron/shell/ loads electron', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: [
      'electron/core/**',
      'electron/ledger/**',
      'electron/cli/**',
      'electron/serve/**',
      'electron/ipc/**',
      'electron/events/**',
    ],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron'] }] },
  },
  {
    // The renderer reaches main only through its API object.
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'fs', 'path', 'child_process', 'os', 'crypto'],
          patterns: ['node:*', '**/electron/**'],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        require: 'readonly',
        module: 'readonly',
        Buffer: 'readonly',
        __filename: 'readonly',
        __dirname: 'readonly',
      },
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
