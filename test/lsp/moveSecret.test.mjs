// SEC001 through the real server: the inline Splunk token moves into .env as ${NAME}
// with one WorkspaceEdit (creating .env), and appears exactly once afterwards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkspace } from '../helpers/engine.mjs';
import { applyLspEdits, LspClient } from '../helpers/lspClient.mjs';

const TOKEN = 'f3a9c1d7-52be-4e0a-9b6c-8d2e4f1a7c35';
const CONFIG = `# audit sinks\nstorage:\n  rocksdb_path: /var/lib/themisdb\nlogging:\n  audit:\n    enabled: true\n    outputs:\n      - type: splunk\n        url: https://splunk.example.com:8088\n        token: "${TOKEN}"   # HEC token\n`;

/** Applies a WorkspaceEdit's documentChanges to the disk, the way an editor would. */
function applyWorkspaceEdit(edit) {
  for (const change of edit.documentChanges) {
    if (change.kind === 'create') {
      const p = fileURLToPath(change.uri);
      if (!fs.existsSync(p)) fs.writeFileSync(p, '');
      continue;
    }
    const p = fileURLToPath(change.textDocument.uri);
    fs.writeFileSync(p, applyLspEdits(fs.readFileSync(p, 'utf8'), change.edits));
  }
}

describe('LSP: move an inline secret into .env', () => {
  let client;
  let dir;
  before(async () => {
    dir = writeWorkspace({ 'config.yaml': CONFIG, '.gitignore': '.env\n' });
    client = new LspClient({ rootDir: dir });
    await client.initialize();
  });
  after(() => client.shutdown());

  it('replaces the value with ${NAME} and appends NAME=value to a new .env, once', async () => {
    const uri = client.open(path.join(dir, 'config.yaml'), CONFIG);
    const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'SEC001'));
    const d = diagnostics.find((x) => x.code === 'SEC001');
    assert.equal(d.range.start.line, 9);
    assert.ok(!d.message.includes(TOKEN), 'the message does not show the token');
    const actions = await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    const move = actions.find(
      (a) => a.edit && a.edit.documentChanges?.some((c) => c.kind === 'create' || c.textDocument?.uri.endsWith('/.env')),
    );
    assert.ok(move, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(!move.title.includes(TOKEN), 'the title does not show the token');
    assert.notEqual(move.isPreferred, true, 'a suggestion is not the preferred fix');
    applyWorkspaceEdit(move.edit);

    const config = fs.readFileSync(path.join(dir, 'config.yaml'), 'utf8');
    const env = fs.readFileSync(path.join(dir, '.env'), 'utf8');
    const name = /token: "\$\{([A-Z0-9_]+)\}" {3}# HEC token/.exec(config)?.[1];
    assert.ok(name, config);
    assert.equal(config, CONFIG.replace(TOKEN, `\${${name}}`), 'only the value changed');
    assert.equal((config + env).split(TOKEN).length - 1, 1, 'the token is in exactly one place');
    assert.match(env, new RegExp(`^${name}=["']?${TOKEN}["']?$`, 'm'));
  });
});
