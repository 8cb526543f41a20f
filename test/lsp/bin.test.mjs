// The language server as other editors start it: the package's `themisdb-language-server`
// bin, run directly (shebang, executable bit), answers `initialize` over stdio.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { repoRoot } from '../helpers/engine.mjs';

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
      await conn.sendRequest('shutdown');
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      conn.sendNotification('exit');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    } finally {
      conn.dispose();
      proc.kill();
    }
  });
});
