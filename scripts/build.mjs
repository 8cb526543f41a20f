// Bundles the extension client, the language server and the CLI with esbuild.
// One file each, so the .vsix ships no node_modules and the CLI runs without install.
import { build } from 'esbuild';
import { readFileSync } from 'fs';
import { YAML_BUILD } from './yamlBuild.mjs';

// the schemas' validators first: the server bundles the generated code
await import('./compileSchemas.mjs');

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  define: { __VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
  minifySyntax: true,
  // the `yaml` package's ES module build (the same code it ships for bundlers): esbuild links its
  // exports directly, where the CommonJS build is reached through a getter on every call
  // (isScalar, isMap… per node: a tenth of a full analysis)
  alias: { yaml: `./${YAML_BUILD}` },
};

// what ships (the extension, the server, the CLI) is minified; the source maps stay beside it for stack traces
const shipped = { ...common, minify: true };

await Promise.all([
  build({ ...shipped, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  // the server's entry point: a bin too (themisdb-language-server --stdio), for editors other than
  // VS Code; it runs the server bundle through a code cache (lsp/boot.ts)
  build({
    ...shipped,
    entryPoints: ['server/src/lsp/boot.ts'],
    outfile: 'server/out/server.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({ ...shipped, entryPoints: ['server/src/lsp/server.ts'], outfile: 'server/out/languageServer.js' }),
  // the engine alone, for unit tests (not shipped)
  build({ ...common, entryPoints: ['server/src/engine/index.ts'], outfile: 'server/out/engine.js' }),
  build({
    ...shipped,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'server/out/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
]);
