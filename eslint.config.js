import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Core modules run unchanged in Node (CLI, tests) and in the worker: no React, DOM libraries or app state.
const coreFolders = ['src/chem/**', 'src/data/**', 'src/gnn/**', 'src/ma/**', 'src/explain/**', 'src/engine/**'];
const notInCore = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'd3', 'd3-selection'];

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'runs/', 'node_modules/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: coreFolders,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: notInCore,
          patterns: [{ group: ['**/ui/*', '**/state/*'], message: 'core never imports ui or state' }],
        },
      ],
    },
  },
  {
    // ui asks the engine; it never touches tfjs directly.
    files: ['src/ui/**', 'src/state/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@tensorflow/*'], message: 'ask src/engine instead' }] },
      ],
    },
  },
);
