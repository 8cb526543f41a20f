// The language server as other editors start it: the package's `themisdb-language-server`
// bin, run directly (shebang, executable bit), answers `initialize` over stdio; and the
// command the README's Neovim, Helix and JetBrains recipes give is that bin, found on the PATH.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { repoRoot, writeWorkspace } from '../helpers/engine.mjs';
import { tempDir } from '../helpers/tempDir.mjs';

/** The LSP shutdown handshake; the server process must then exit by itself (5 s at most). */
async function shutDown(conn, proc) {
  await conn.sendRequest('shutdown');
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  conn.sendNotification('exit');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
}

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

describe('themisdb-language-server bin', () => {
  it('is declared, starts with a node shebang and answers initialize over --stdio', async () => {
    const bin = path.join(repoRoot, pkg.bin['themisdb-language-server']);
    assert.match(fs.readFileSync(bin, 'utf8').slice(0, 30), /^#!\/usr\/bin\/env node\n/);
    fs.chmodSync(bin, 0o755); // npm sets the bit when it installs a bin
    const proc = spawn(bin, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
    conn.onError(() => {});
    conn.listen();
    try {
      const result = await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.ok(result.capabilities.textDocumentSync, 'syncs documents');
      assert.ok(result.capabilities.hoverProvider, 'hovers');
      assert.ok(result.capabilities.completionProvider, 'completes');
      assert.ok(result.capabilities.codeActionProvider, 'offers code actions');
      await shutDown(conn, proc);
    } finally {
      conn.dispose();
      proc.kill();
    }
  });
});

/** The server command of each editor recipe in the README's "Other editors" section, as argv. */
function readmeCommands() {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Other editors\n'), readme.indexOf('## Deployment files\n'));
  const words = (list) => [...list.matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]);
  const commands = {};
  [...section.matchAll(/cmd = \{([^}]*)\}/g)].forEach((m, i) => (commands[`neovim ${i + 1}`] = words(m[1])));
  const helix = /\[language-server\.themisdb\]\ncommand = "([^"]+)"\nargs = \[([^\]]*)\]/.exec(section);
  if (helix) commands.helix = [helix[1], ...words(helix[2])];
  const jetbrains = /set the command to\s+`([^`]+)`/.exec(section);
  if (jetbrains) commands.jetbrains = jetbrains[1].split(/\s+/);
  return commands;
}

describe('the server command of the README recipes', () => {
  it('is the same bin with --stdio in every recipe', () => {
    const commands = readmeCommands();
    assert.deepEqual(Object.keys(commands).sort(), ['helix', 'jetbrains', 'neovim 1', 'neovim 2']);
    for (const [editor, argv] of Object.entries(commands))
      assert.deepEqual(argv, ['themisdb-language-server', '--stdio'], editor);
  });

  it('answers initialize when run by name from the PATH, as installed by npm, and reports on a .env opened as sh', async () => {
    const [command, ...args] = readmeCommands().helix;
    // npm install -g links the bin into a folder on the PATH
    const binDir = tempDir('themisdb-bin-');
    const bin = path.join(repoRoot, pkg.bin[command]);
    fs.chmodSync(bin, 0o755);
    fs.symlinkSync(bin, path.join(binDir, command));
    const dir = writeWorkspace({ '.env': 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=changeme\n', '.gitignore': '.env\n' });
    const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}` };
    const proc = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
    const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
    conn.onError(() => {});
    const published = new Map();
    conn.onNotification('textDocument/publishDiagnostics', (p) => published.set(p.uri, p.diagnostics));
    conn.listen();
    try {
      const rootUri = pathToFileURL(dir).href;
      const result = await conn.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: {} });
      assert.equal(result.serverInfo.name, 'themisdb-language-server');
      conn.sendNotification('initialized', {});
      const open = (name, text) => {
        const uri = pathToFileURL(path.join(dir, name)).href;
        conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sh', version: 1, text } });
        return uri;
      };
      const envUri = open('.env', fs.readFileSync(path.join(dir, '.env'), 'utf8'));
      const scriptUri = open('deploy.sh', '#!/bin/sh\nexport TOKEN=changeme\n');
      const deadline = Date.now() + 10000;
      while (!(published.get(envUri)?.length && published.has(scriptUri)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      assert.ok(
        published.get(envUri)?.some((d) => d.code === 'ENV005'),
        JSON.stringify(published.get(envUri)),
      );
      assert.deepEqual(published.get(scriptUri), [], 'a shell script that is not ThemisDB gets nothing');
      await shutDown(conn, proc);
    } finally {
      conn.dispose();
      proc.kill();
      fs.rmSync(binDir, { recursive: true, force: true });
    }
  });
});
