// Lint for the whole repository: typescript-eslint's recommended rules, and the size limits the house keeps.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'client/out/', 'server/out/', '.vscode-test/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Data tables: one entry a line, as long as the data is.
    files: ['server/src/cloudtrail/eventCatalogue.ts', 'server/src/cloudtrail/fieldDocs.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    // Layer rule: only the server's lsp/ folder speaks LSP; features, parsing and files stay plain and never reach into lsp/.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/lsp/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode-languageserver*', '**/lsp/*'],
              message: 'Only server/src/lsp/ speaks LSP: pure modules import neither LSP packages nor lsp/.',
            },
          ],
        },
      ],
    },
  },
  {
    // One door: the LSP layer imports the facade, lsp/ itself and common/, nothing else under server/src.
    files: ['server/src/lsp/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!languageService$)(?!\\.\\./\\.\\./common/)',
              message: 'lsp/ reaches the rest of the server through ../languageService only (and common/ through ../../../common/).',
            },
          ],
        },
      ],
    },
  },
  {
    // The events view's pure modules run in plain Node tests: neither VS Code nor the language client.
    files: ['client/src/eventsView/{model,paging,items,ids,viewText,nodes,target}.ts', 'client/src/largeFiles/{largeFile,sniff,probe}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'],
              message: 'VS Code stays in the view, follower, probes and disk reads; this module stays plain for the unit tests.',
            },
          ],
        },
      ],
    },
  },
  {
    // Run in Athena's logic (rows to records, polling, paging, errors, settings, result text) runs in plain Node tests against a mocked SDK.
    files: ['client/src/athena/{rowRecords,settings,poll,pages,errors,run,resultText}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'],
              message: 'VS Code stays in resultDocuments.ts and commands/athena.ts; the run path stays plain for the unit tests.',
            },
          ],
        },
      ],
    },
  },
  {
    // Detection by content reads a document's first few KB in pure modules the unit tests run in plain Node.
    files: ['client/src/languageSniff/{jsonPrefix,sniffLog}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-languageclient', 'vscode-languageclient/*'],
              message: 'Detection keeps VS Code in contentDetection.ts; the sniffer stays plain for the unit tests.',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts that hand functions to the browser.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Product code: a function fits on a screen.
    files: ['client/src/**/*.ts', 'server/src/**/*.ts', 'common/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
);
