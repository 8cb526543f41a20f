// Lint rules for the sources. The import boundaries keep the engine free of
// editor, CLI and file-system code, and the client free of server internals.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const engineBoundary = {
  patterns: [
    {
      group: ['**/lsp/**', '**/lsp', '**/cli/**', '**/cli'],
      message: 'The engine must not depend on the language server or the CLI.',
    },
    { group: ['vscode', 'vscode-*', 'vscode-languageserver*'], message: 'The engine has no editor imports.' },
    {
      group: ['fs', 'node:fs', 'fs/*', 'node:fs/*'],
      message: 'The engine reads files only through its Host (server/src/nodeHost.ts).',
    },
  ],
};

const clientBoundary = {
  patterns: [
    {
      regex: 'server/src/(?!protocol$|engine/generate/)',
      message: 'The client imports from the server only protocol.ts and engine/generate/.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['**/out/**', 'node_modules/**', 'server/src/engine/schema/generated/**', 'test-output/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    // the e2e suite runs as CommonJS inside the VS Code extension host
    files: ['test/e2e/suite/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['test/e2e/suite/**/*.test.js'], languageOptions: { globals: { ...globals.mocha } } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['server/src/engine/**/*.ts'], rules: { 'no-restricted-imports': ['error', engineBoundary] } },
  { files: ['client/src/**/*.ts'], rules: { 'no-restricted-imports': ['error', clientBoundary] } },
);
