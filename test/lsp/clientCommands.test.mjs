// Commands in code actions, per client: the VS Code extension names the commands it runs
// (initializationOptions.clientCommands); another editor sends nothing and gets code actions
// without them. The server advertises executeCommandProvider only for what it runs itself.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkspace } from '../helpers/engine.mjs';
import { LspClient, VSCODE_INIT_OPTIONS } from '../helpers/lspClient.mjs';

const VSCODE_ONLY = VSCODE_INIT_OPTIONS.clientCommands;
const ENV = 'THEMIS_PRODUCTION_MODE=1\nTHEMIS_TOKEN_ADMIN=changeme\n';

/** A client on a fresh workspace with one insecure .env open; its diagnostics and their quick fixes. */
async function session(options) {
  const dir = writeWorkspace({ 'config.yaml': 'server:\n  port: 8765\n', '.env': ENV, '.gitignore': '.env\n' });
  const client = new LspClient({ rootDir: dir, ...options });
  const init = await client.initialize();
  const uri = client.open(path.join(dir, '.env'), ENV);
  const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
  const actions = [];
  for (const d of diagnostics)
    actions.push(
      ...(await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      })),
    );
  return { client, init, uri, diagnostics, actions };
}

const commandOf = (a) => (typeof a.command === 'string' ? a.command : a.command?.command);

describe('LSP: commands offered per client', () => {
  describe('a client that sends no initializationOptions (another editor) and opens documents on request', () => {
    let s;
    before(async () => (s = await session({ window: { showDocument: { support: true } } })));
    after(() => s.client.shutdown());

    it('gets no command only VS Code has in any code action', () => {
      assert.ok(s.actions.length > 0);
      const named = s.actions.map(commandOf).filter(Boolean);
      for (const id of VSCODE_ONLY) assert.ok(!named.includes(id), `${id} offered: ${JSON.stringify(named)}`);
    });

    it('disables a rule with an edit alone', () => {
      const disable = s.actions.filter((a) => a.title.startsWith('Disable '));
      assert.ok(disable.length >= 2);
      for (const a of disable) {
        assert.ok(a.edit, a.title);
        assert.equal(a.command, undefined, a.title);
      }
    });

    it('shows a rule page through the command the server advertises and runs: window/showDocument', async () => {
      assert.deepEqual(s.init.capabilities.executeCommandProvider, { commands: ['themisdb.server.openRuleDocs'] });
      const docs = s.actions.find((a) => a.title.startsWith('Show documentation for '));
      assert.ok(docs, JSON.stringify(s.actions.map((a) => a.title)));
      const ruleId = docs.title.replace('Show documentation for ', '');
      assert.deepEqual(docs.command, { title: docs.title, command: 'themisdb.server.openRuleDocs', arguments: [ruleId] });
      const shown = new Promise((resolve) =>
        s.client.conn.onRequest('window/showDocument', (p) => {
          resolve(p);
          return { success: true };
        }),
      );
      await s.client.request('workspace/executeCommand', { command: docs.command.command, arguments: docs.command.arguments });
      const p = await shown;
      assert.equal(p.takeFocus, true);
      assert.match(p.uri, new RegExp(`^file://.*/docs/rules/${ruleId}\\.md$`));
      assert.ok(fs.existsSync(fileURLToPath(p.uri)), `${p.uri} exists`);
    });
  });

  describe('a client that sends nothing and cannot open documents', () => {
    let s;
    before(async () => (s = await session({})));
    after(() => s.client.shutdown());

    it('advertises no command and offers no documentation action it could not run', () => {
      assert.equal(s.init.capabilities.executeCommandProvider, undefined);
      assert.ok(s.actions.length > 0);
      assert.deepEqual(
        s.actions.filter((a) => a.command),
        [],
      );
      assert.ok(!s.actions.some((a) => a.title.startsWith('Show documentation')));
    });
  });

  describe('the VS Code extension (clientCommands in initializationOptions)', () => {
    let s;
    before(
      async () =>
        (s = await session({ initializationOptions: VSCODE_INIT_OPTIONS, window: { showDocument: { support: true } } })),
    );
    after(() => s.client.shutdown());

    it('gets its own commands and no server command (it registers the commands it runs)', () => {
      assert.equal(s.init.capabilities.executeCommandProvider, undefined);
      const named = new Set(s.actions.map(commandOf).filter(Boolean));
      assert.deepEqual([...named].sort(), [...VSCODE_ONLY].sort());
      const disable = s.actions.find((a) => a.title.endsWith('for this line'));
      assert.equal(disable.command.command, 'themisdb.selectSuppressionReason');
      assert.deepEqual(disable.command.arguments, [s.uri, disable.edit.changes[s.uri][0].range.start.line]);
    });
  });
});
